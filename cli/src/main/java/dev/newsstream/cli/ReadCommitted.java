package dev.newsstream.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A plain consumer that reads topics from the beginning as any user should read the processor's output: with
 * {@code isolation.level=read_committed}, all partitions assigned, no group, no committed offsets.
 */
final class ReadCommitted {
    private ReadCommitted() {
    }

    /** @param overrides extra client settings (e.g. SASL), may be empty */
    static KafkaConsumer<String, byte[]> fromBeginning(String bootstrap, Map<String, ?> overrides, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.putAll(overrides);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) {
            c.partitionsFor(t, Duration.ofSeconds(30)).forEach(pi -> parts.add(new TopicPartition(t, pi.partition())));
        }
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }
}
