package dev.newsstream.processor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds processors with another {@code application.id} that write the same output topics. Every tagged paragraph
 * carries the writer's application id in the header {@value #HEADER}; before starting, a processor reads the last
 * committed record of each partition of {@code news.tagged-paragraphs} and names every other id it finds. Two ids
 * writing the same topics double every output (each counts every paragraph), so the processor warns loudly, naming
 * the other id: stop it, or give one of them its own {@code topic.*} names. (An id that only wrote in the past,
 * e.g. before a deliberate rename, is named too; the warning says when it last wrote.)
 */
public final class OtherWriters {
    /** The header holding the application id that wrote a record of {@code news.tagged-paragraphs}. */
    public static final String HEADER = "newsstream.writer";

    private OtherWriters() {
    }

    /** Other application ids and when each last wrote, read with a short-lived read_committed consumer. */
    public static Map<String, Instant> find(ProcessorSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        s.kafka().forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        // never create the topic by looking (a broker with auto-creation would make it with its own defaults, before
        // the processor creates it with topic.partitions and its settings)
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return find(c, s.topics().taggedParagraphs(), s.applicationId(), Duration.ofSeconds(5));
        }
    }

    /** The last record of each partition of {@code topic}: the writers other than {@code self}, latest time each. */
    static Map<String, Instant> find(Consumer<byte[], byte[]> c, String topic, String self, Duration timeout) {
        Map<String, Instant> others = new TreeMap<>();
        List<PartitionInfo> infos = c.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return others;
        }
        List<TopicPartition> parts = new ArrayList<>();
        infos.forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        Map<TopicPartition, Long> ends = c.endOffsets(parts, timeout);
        List<TopicPartition> nonEmpty = new ArrayList<>();
        c.assign(parts);
        for (TopicPartition tp : parts) {
            long end = ends.getOrDefault(tp, 0L);
            if (end > 0) {
                // a transaction marker can be the last offset: look a few records back
                c.seek(tp, Math.max(0, end - 5));
                nonEmpty.add(tp);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!nonEmpty.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                Header h = r.headers().lastHeader(HEADER);
                if (h != null) {
                    String id = new String(h.value(), StandardCharsets.UTF_8);
                    if (!id.equals(self)) {
                        others.merge(id, Instant.ofEpochMilli(r.timestamp()), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
            nonEmpty.removeIf(tp -> c.position(tp) >= ends.get(tp));
        }
        return others;
    }

    /** The warning for the console, naming the other ids, or null when there are none. */
    public static String warning(ProcessorSettings s, Map<String, Instant> others) {
        if (others.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("ANOTHER PROCESSOR WRITES THE SAME OUTPUT TOPICS: ");
        others.forEach((id, when) -> b.append("application.id '").append(id).append("' (last wrote to ")
                .append(s.topics().taggedParagraphs()).append(" at ").append(when).append("); "));
        b.append("this one is '").append(s.applicationId()).append("'. Two application ids each count every paragraph,"
                + " so every output is doubled. Stop the other one, or run this one with its own topic.* names"
                + " (docs/configuration.md); instances that should share the work must use the same application.id.");
        return b.toString();
    }
}
