package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class OtherWritersTest {
    static final String TOPIC = "news.tagged-paragraphs";

    static ConsumerRecord<byte[], byte[]> written(int partition, long offset, String writer, long ts) {
        RecordHeaders h = new RecordHeaders();
        h.add(OtherWriters.HEADER, writer.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, partition, offset, ts, TimestampType.LOG_APPEND_TIME, 0, 0, new byte[0],
                new byte[0], h, java.util.Optional.empty());
    }

    @Test
    void namesTheOtherApplicationIdsThatWroteLast() {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        Node n = new Node(0, "h", 1);
        c.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, n, null, null),
                new PartitionInfo(TOPIC, 1, n, null, null)));
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        c.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        c.updateEndOffsets(Map.of(p0, 2L, p1, 1L));
        c.schedulePollTask(() -> {
            c.addRecord(written(0, 0, "newsstream-processor", 1_000));
            c.addRecord(written(0, 1, "my-second-try", 2_000));
            c.addRecord(written(1, 0, "newsstream-processor", 3_000));
        });

        Map<String, Instant> others = OtherWriters.find(c, TOPIC, "newsstream-processor", Duration.ofSeconds(2));

        assertThat(others).containsOnlyKeys("my-second-try");
        ProcessorSettings s = SettingsLoader.load(null, Map.of(), Map.of(), w -> { });
        assertThat(OtherWriters.warning(s, others)).contains("application.id 'my-second-try'")
                .contains("this one is 'newsstream-processor'").contains("doubled");
        assertThat(OtherWriters.warning(s, Map.of())).isNull();
    }
}
