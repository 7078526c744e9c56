package dev.newsstream.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on any broker (embedded, container or external), for tests and the demo.
 *
 * <p>Contract: topics that already exist are left exactly as they are (partition count included), so the
 * call is safe to repeat and safe on a broker shared by many test classes. The replication factor is the
 * broker's {@code default.replication.factor} (1 on the embedded broker). Returns once the controller has
 * created every topic, or throws {@link EmbeddedKafkaException} naming the topics and the broker.
 *
 * <p>Stateless and thread-safe.
 */
public final class Topics {

    /** Long enough for a cold broker on a busy 2-core machine; short enough to fail a stuck test quickly. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Topics() {
    }

    /** Creates each topic in {@code names} with {@code partitions} partitions on the broker at {@code bootstrapServers}. */
    public static void create(String bootstrapServers, Collection<String> names, int partitions) {
        Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
        names.forEach(name -> partitionsByTopic.put(name, partitions));
        create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitionsByTopic, DEFAULT_TIMEOUT);
    }

    /**
     * Creates topics with a short-lived Admin built from {@code adminConfig} (which carries the bootstrap
     * servers and, for a SASL broker, the credentials: see {@link EmbeddedKafkaBroker#clientConfig()}).
     */
    public static void create(Map<String, ?> adminConfig, Map<String, Integer> partitionsByTopic, Duration timeout) {
        Map<String, Object> config = new LinkedHashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            create(admin, partitionsByTopic, timeout);
        }
    }

    /** Creates topics with the caller's Admin (which stays open). */
    public static void create(Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        List<NewTopic> newTopics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> {
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("Topic '" + name + "' needs at least 1 partition, got " + partitions);
            }
            newTopics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        });
        CreateTopicsResult result = admin.createTopics(newTopics);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, ?> entry : result.values().entrySet()) {
            String topic = entry.getKey();
            try {
                result.values().get(topic).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new EmbeddedKafkaException("Could not create topic '" + topic + "': " + e.getCause()
                            + ". Check that the broker is up and that the name is a valid topic name.", e.getCause());
                }
            } catch (TimeoutException e) {
                throw new EmbeddedKafkaException("Creating topics " + partitionsByTopic.keySet() + " did not finish within "
                        + timeout + ": is the broker reachable at the configured bootstrap servers?", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedKafkaException("Interrupted while creating topics " + partitionsByTopic.keySet(), e);
            }
        }
    }
}
