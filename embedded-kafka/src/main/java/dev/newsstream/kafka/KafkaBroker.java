package dev.newsstream.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * The broker an integration test runs against, whichever way {@link KafkaBrokerExtension} obtained it: an external
 * broker ({@value #EXTERNAL}), a Testcontainers container ({@value #DOCKER}) or the in-process broker
 * ({@value #EMBEDDED}).
 *
 * <p>One broker is shared by every test class of a test run: give each test its own topic names, group ids and
 * {@code application.id}. The fixture owns the broker and {@link #admin()}; tests must not close either.
 *
 * <p>Implementations are thread-safe.
 */
public interface KafkaBroker {

    /** {@link #kind()} of a broker given with {@code -Dkafka.bootstrap=HOST:PORT}. */
    String EXTERNAL = "external";
    /** {@link #kind()} of a Testcontainers {@code apache/kafka} container. */
    String DOCKER = "docker";
    /** {@link #kind()} of an {@link EmbeddedKafkaBroker} in the test JVM. */
    String EMBEDDED = "embedded";

    /** {@code host:port[,host:port...]} for the clients' {@code bootstrap.servers}. */
    String bootstrapServers();

    /** {@value #EXTERNAL}, {@value #DOCKER} or {@value #EMBEDDED}. */
    String kind();

    /**
     * The in-process broker, when {@link #kind()} is {@value #EMBEDDED}: for broker-bounce tests
     * ({@code stop()}/{@code restart()}). It is shared, so a test that stops it must restart it before it ends;
     * tests that need a broker of their own (e.g. with SASL) build one with {@link EmbeddedKafkaBroker#builder()}.
     */
    Optional<EmbeddedKafkaBroker> embedded();

    /** A shared Admin client for this broker, owned by the fixture (do not close it). */
    Admin admin();

    /** A fresh mutable map holding {@code bootstrap.servers}, to add serializers, group ids and so on. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** Creates topics (name to partition count) that do not exist yet; see {@link Topics}. */
    default void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(admin(), partitionsByTopic, Topics.DEFAULT_TIMEOUT);
    }
}
