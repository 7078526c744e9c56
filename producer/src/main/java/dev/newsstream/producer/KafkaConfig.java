package dev.newsstream.producer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Assembles Kafka client configuration in one place, lowest precedence first: the producer's safe defaults, then
 * the {@code --producer-config} file, then {@code NEWSSTREAM_KAFKA_*} environment variables, then the
 * {@code --bootstrap-server} flag and the transactional id. Pure functions over their inputs (the environment is
 * passed in), so they are unit-tested; thread-safe.
 */
public final class KafkaConfig {

    /** Environment variables with this prefix become client properties: NEWSSTREAM_KAFKA_SASL_MECHANISM → sasl.mechanism. */
    public static final String ENV_PREFIX = "NEWSSTREAM_KAFKA_";

    private KafkaConfig() {
    }

    /** Client properties from {@code NEWSSTREAM_KAFKA_*} variables: prefix removed, lower-cased, '_' → '.'. */
    public static Map<String, String> fromEnv(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                out.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }

    /**
     * Client properties from a Java properties file.
     *
     * @throws IOException naming the file when it is missing or unreadable
     */
    public static Map<String, String> fromFile(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("Kafka client config file " + file + " does not exist or is not readable"
                    + " (--producer-config expects a Java properties file)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** File, then environment: the overrides a {@link KafkaSettings} carries. */
    public static Map<String, String> overrides(Path file, Map<String, String> env) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (file != null) {
            out.putAll(fromFile(file));
        }
        out.putAll(fromEnv(env));
        return out;
    }

    /**
     * The producer config: idempotent, acks=all, transactional, and bounded waits so an unreachable broker fails
     * within about {@code reachTimeout} + 5 s instead of hanging (Kafka's defaults wait 60 s to 2 min).
     */
    public static Map<String, Object> producer(KafkaSettings s) {
        long reach = s.reachTimeout().toMillis();
        long request = Math.max(1000, Math.min(reach, 10_000));
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(reach));
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
        // must be >= linger.ms + request.timeout.ms or the client refuses to start
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(request + reach / 3 + 1000));
        c.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "newsstream-producer");
        c.putAll(s.clientOverrides());
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, s.transactionalId());
        return c;
    }

    /** The admin config for the reachability check and topic creation: the overrides an admin client knows. */
    public static Map<String, Object> admin(KafkaSettings s) {
        long reach = s.reachTimeout().toMillis();
        Map<String, Object> c = new HashMap<>();
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, reach));
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, reach));
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, "newsstream-producer-admin");
        s.clientOverrides().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                c.put(k, v);
            }
        });
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return c;
    }
}
