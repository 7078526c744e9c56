package dev.newsstream.kafka;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Which broker {@link KafkaBrokerExtension} uses, decided from system properties alone, so the rules are unit
 * tested without starting anything.
 *
 * <p>Order: {@code -Dkafka.broker=docker|embedded|external} forces a kind; otherwise {@code -Dkafka.bootstrap=HOST:PORT}
 * means an external broker; otherwise a Testcontainers container when Docker is available; otherwise the in-process
 * broker. Docker is only asked when the answer matters (it takes ~0.4 s to say no).
 *
 * @param kind one of {@link KafkaBroker#EXTERNAL}, {@link KafkaBroker#DOCKER}, {@link KafkaBroker#EMBEDDED}
 * @param bootstrapServers the external broker's address, or null for the other kinds
 */
record BrokerChoice(String kind, String bootstrapServers) {

    static final String BROKER_PROPERTY = "kafka.broker";
    static final String BOOTSTRAP_PROPERTY = "kafka.bootstrap";

    BrokerChoice {
        Objects.requireNonNull(kind, "kind");
    }

    static BrokerChoice fromSystemProperties() {
        return choose(System::getProperty, DockerCheck::isDockerAvailable);
    }

    /**
     * @param property reads a system property (null when unset)
     * @param dockerAvailable asked at most once, and only when neither property settles the choice
     * @throws IllegalArgumentException when the properties contradict each other or cannot be satisfied
     */
    static BrokerChoice choose(Function<String, String> property, BooleanSupplier dockerAvailable) {
        String forced = trimToNull(property.apply(BROKER_PROPERTY));
        String bootstrap = trimToNull(property.apply(BOOTSTRAP_PROPERTY));
        if (forced != null) {
            switch (forced.toLowerCase(Locale.ROOT)) {
                case KafkaBroker.EXTERNAL:
                    if (bootstrap == null) {
                        throw new IllegalArgumentException("-D" + BROKER_PROPERTY + "=external needs the broker's address:"
                                + " add -D" + BOOTSTRAP_PROPERTY + "=HOST:PORT");
                    }
                    return new BrokerChoice(KafkaBroker.EXTERNAL, bootstrap);
                case KafkaBroker.DOCKER:
                    if (!dockerAvailable.getAsBoolean()) {
                        throw new IllegalArgumentException("-D" + BROKER_PROPERTY + "=docker but Testcontainers finds no"
                                + " Docker engine: start Docker, or use -D" + BROKER_PROPERTY + "=embedded");
                    }
                    return new BrokerChoice(KafkaBroker.DOCKER, null);
                case KafkaBroker.EMBEDDED:
                    return new BrokerChoice(KafkaBroker.EMBEDDED, null);
                default:
                    throw new IllegalArgumentException("-D" + BROKER_PROPERTY + "=" + forced + " is not a broker kind:"
                            + " use docker, embedded or external (or leave it unset to choose automatically)");
            }
        }
        if (bootstrap != null) {
            return new BrokerChoice(KafkaBroker.EXTERNAL, bootstrap);
        }
        return dockerAvailable.getAsBoolean()
                ? new BrokerChoice(KafkaBroker.DOCKER, null)
                : new BrokerChoice(KafkaBroker.EMBEDDED, null);
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Isolated so that Testcontainers classes load only when the Docker question is really asked. */
    private static final class DockerCheck {
        static boolean isDockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
