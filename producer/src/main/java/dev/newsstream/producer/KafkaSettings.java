package dev.newsstream.producer;

import dev.newsstream.events.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Where and how the producer talks to Kafka.
 *
 * @param bootstrapServers  HOST:PORT[,HOST:PORT...]
 * @param topic             the paragraphs topic (default {@link TopicNames#PARAGRAPHS})
 * @param transactionalId   the producer's transactional.id; must be unique per running producer
 * @param partitions        partitions for the topic when the producer creates it
 * @param reachTimeout      how long to wait for the broker before giving up with a clear error
 * @param clientOverrides   extra Kafka client properties (from --producer-config and NEWSSTREAM_KAFKA_* env vars),
 *                          applied over the producer's defaults
 *
 * <p>Immutable and thread-safe.
 */
public record KafkaSettings(String bootstrapServers, String topic, String transactionalId, int partitions,
                            Duration reachTimeout, Map<String, String> clientOverrides) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(reachTimeout, "reachTimeout");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        clientOverrides = Map.copyOf(clientOverrides);
    }

    /** Topic {@code news.paragraphs}, 3 partitions, 15 s to reach the broker, a fresh transactional id. */
    public static KafkaSettings defaults(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, TopicNames.PARAGRAPHS, defaultTransactionalId(), 3,
                Duration.ofSeconds(15), Map.of());
    }

    public KafkaSettings withTopic(String newTopic) {
        return new KafkaSettings(bootstrapServers, newTopic, transactionalId, partitions, reachTimeout,
                clientOverrides);
    }

    public KafkaSettings withTransactionalId(String id) {
        return new KafkaSettings(bootstrapServers, topic, id, partitions, reachTimeout, clientOverrides);
    }

    public KafkaSettings withPartitions(int n) {
        return new KafkaSettings(bootstrapServers, topic, transactionalId, n, reachTimeout, clientOverrides);
    }

    public KafkaSettings withReachTimeout(Duration timeout) {
        return new KafkaSettings(bootstrapServers, topic, transactionalId, partitions, timeout, clientOverrides);
    }

    public KafkaSettings withClientOverrides(Map<String, String> overrides) {
        return new KafkaSettings(bootstrapServers, topic, transactionalId, partitions, reachTimeout, overrides);
    }

    /**
     * Unique per process: two producers sharing a transactional.id fence each other, so the default must never
     * collide (a restart gets a new id; nothing relies on resuming the old one because each article is one
     * transaction).
     */
    public static String defaultTransactionalId() {
        return "newsstream-producer-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
