package dev.newsstream.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The Kafka version the project builds against, for choosing the matching broker image
 * ({@code "apache/kafka:" + KafkaVersion.VERSION}).
 *
 * <p>The value comes from the parent pom's {@code kafka.version} property through a Maven-filtered resource,
 * so the pom stays the only place the version is written down. Immutable and thread-safe.
 */
public final class KafkaVersion {

    /** The Kafka version, for example {@code "4.4.0"}. */
    public static final String VERSION = load();

    private static final String RESOURCE = "kafka-version.properties";

    private KafkaVersion() {
    }

    private static String load() {
        try (InputStream in = KafkaVersion.class.getResourceAsStream("kafka-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("Resource dev/newsstream/kafka/" + RESOURCE + " is missing from the "
                        + "classpath: rebuild newsstream-embedded-kafka with Maven so resource filtering writes it.");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("kafka.version", "").trim();
            // An unfiltered copy (e.g. an IDE build that skipped Maven filtering) would still say ${kafka.version}.
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException("dev/newsstream/kafka/" + RESOURCE + " holds '" + version
                        + "' instead of a Kafka version: the resource was not filtered by Maven; run "
                        + "`mvn -pl embedded-kafka -am verify` (or enable Maven resource filtering in the IDE).");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dev/newsstream/kafka/" + RESOURCE, e);
        }
    }
}
