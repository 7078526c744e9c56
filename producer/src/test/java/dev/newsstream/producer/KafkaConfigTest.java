package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConfigTest {

    @TempDir
    Path dir;

    @Test
    void envVariablesMapToClientProperties() {
        assertThat(KafkaConfig.fromEnv(Map.of("NEWSSTREAM_KAFKA_SASL_MECHANISM", "PLAIN",
                "NEWSSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PATH", "/bin", "NEWSSTREAM_KAFKA_", "x")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("sasl.mechanism", "PLAIN",
                        "security.protocol", "SASL_SSL"));
    }

    @Test
    void defaultsThenFileThenEnvThenFlags() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SSL\nlinger.ms=50\nbootstrap.servers=ignored:1\n");
        Map<String, String> overrides = KafkaConfig.overrides(file, Map.of("NEWSSTREAM_KAFKA_LINGER_MS", "7"));
        KafkaSettings s = KafkaSettings.defaults("broker:9092").withTransactionalId("tx-1")
                .withClientOverrides(overrides);

        Map<String, Object> p = KafkaConfig.producer(s);

        assertThat(p).containsEntry("security.protocol", "SSL").containsEntry("linger.ms", "7")
                .containsEntry("bootstrap.servers", "broker:9092").containsEntry("transactional.id", "tx-1")
                .containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
        assertThat(KafkaConfig.admin(s)).containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "broker:9092").doesNotContainKey("linger.ms");
    }

    @Test
    void waitsAreBoundedSoAnUnreachableBrokerFailsInAboutTwentySeconds() {
        Map<String, Object> p = KafkaConfig.producer(KafkaSettings.defaults("b:1"));

        long maxBlock = Long.parseLong((String) p.get("max.block.ms"));
        long request = Long.parseLong((String) p.get("request.timeout.ms"));
        long delivery = Long.parseLong((String) p.get("delivery.timeout.ms"));
        assertThat(maxBlock).isEqualTo(Duration.ofSeconds(15).toMillis());
        assertThat(delivery).isGreaterThanOrEqualTo(request + Long.parseLong((String) p.get("linger.ms")))
                .isLessThanOrEqualTo(20_000);
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> KafkaConfig.fromFile(dir.resolve("nope.properties")))
                .hasMessageContaining("nope.properties").hasMessageContaining("--producer-config");
    }

    @Test
    void defaultTransactionalIdsDifferPerCall() {
        assertThat(KafkaSettings.defaultTransactionalId()).startsWith("newsstream-producer-")
                .isNotEqualTo(KafkaSettings.defaultTransactionalId());
    }
}
