package dev.newsstream.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * JUnit 5 fixture that gives tests a real Kafka broker: resolves parameters of type {@link KafkaBroker}.
 *
 * <p>One broker per test run (per forked JVM): it is created on first use, kept in the root
 * {@link ExtensionContext.Store} and closed when the run ends. Which broker (see {@link BrokerChoice}):
 * <ol>
 *   <li>{@code -Dkafka.broker=docker|embedded|external} forces a kind;</li>
 *   <li>{@code -Dkafka.bootstrap=HOST:PORT}: an external broker, checked to be reachable and never stopped;</li>
 *   <li>a Testcontainers {@code apache/kafka:}{@link KafkaVersion#VERSION} container when Docker is available;</li>
 *   <li>otherwise an {@link EmbeddedKafkaBroker} on a free port in a temporary directory.</li>
 * </ol>
 * The broker starts in {@code beforeAll}, so its start-up time never counts against a test method's timeout and a
 * broker that cannot start fails the class with the reason.
 *
 * <p>Thread-safe: the store creates the broker once even when classes run in parallel.
 *
 * <pre>{@code
 * @WithKafka
 * class PipelineIT {
 *     @Test
 *     void countsQuotes(KafkaBroker kafka) {
 *         kafka.createTopics(Map.of("paragraphs-" + UUID.randomUUID(), 3));
 *         ... kafka.bootstrapServers() ...
 *     }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);
    private static final String KEY = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return broker(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("No Kafka broker for " + parameterContext.getDeclaringExecutable()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The test run's shared broker, started on first call. */
    public static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> SharedBroker.start(BrokerChoice.fromSystemProperties()), SharedBroker.class);
    }

    /** The broker in the store; an AutoCloseable, so JUnit closes it when the root context (the run) ends. */
    static final class SharedBroker implements KafkaBroker, AutoCloseable {
        private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
        private static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(30);

        private final String kind;
        private final String bootstrapServers;
        private final EmbeddedKafkaBroker embedded;
        private final KafkaContainer container;
        private Admin admin;

        private SharedBroker(String kind, String bootstrapServers, EmbeddedKafkaBroker embedded, KafkaContainer container) {
            this.kind = kind;
            this.bootstrapServers = bootstrapServers;
            this.embedded = embedded;
            this.container = container;
        }

        static SharedBroker start(BrokerChoice choice) {
            long started = System.nanoTime();
            SharedBroker broker;
            switch (choice.kind()) {
                case EXTERNAL:
                    broker = new SharedBroker(EXTERNAL, choice.bootstrapServers(), null, null);
                    broker.requireReachable();
                    break;
                case DOCKER:
                    broker = startContainer();
                    break;
                default:
                    EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder().port(0).start();
                    broker = new SharedBroker(EMBEDDED, embedded.bootstrapServers(), embedded, null);
                    break;
            }
            LOG.info("Kafka broker for this test run: {} at {} (ready in {} ms)", broker.kind, broker.bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return broker;
        }

        @SuppressWarnings("resource") // closed in close()
        private static SharedBroker startContainer() {
            KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:" + KafkaVersion.VERSION));
            try {
                container.start();
            } catch (RuntimeException e) {
                container.close();
                throw new EmbeddedKafkaException("Could not start the Kafka container apache/kafka:" + KafkaVersion.VERSION
                        + ": " + e.getMessage() + ". Run with -Dkafka.broker=embedded to use the in-process broker.", e);
            }
            return new SharedBroker(DOCKER, container.getBootstrapServers(), null, container);
        }

        private void requireReachable() {
            try {
                admin().describeCluster().clusterId().get(REACHABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                close();
                throw new EmbeddedKafkaException("-Dkafka.bootstrap=" + bootstrapServers + " names a broker that did not"
                        + " answer within " + REACHABLE_TIMEOUT + ": start it, fix the address, or drop the property to"
                        + " use Docker or the in-process broker.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new EmbeddedKafkaException("Interrupted while checking the broker at " + bootstrapServers, e);
            }
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public Optional<EmbeddedKafkaBroker> embedded() {
            return Optional.ofNullable(embedded);
        }

        @Override
        public synchronized Admin admin() {
            if (admin == null) {
                Map<String, Object> config = embedded != null ? embedded.clientConfig() : clientConfig();
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACHABLE_TIMEOUT.toMillis());
                admin = Admin.create(config);
            }
            return admin;
        }

        @Override
        public synchronized void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
            if (embedded != null) {
                embedded.close();
            }
            if (container != null) {
                container.stop();
            }
        }

        @Override
        public String toString() {
            return "KafkaBroker[" + kind + " " + bootstrapServers + "]";
        }
    }
}
