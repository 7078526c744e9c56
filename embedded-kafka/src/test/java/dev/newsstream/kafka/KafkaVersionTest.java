package dev.newsstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;

class KafkaVersionTest {

    @Test
    void constantIsTheFilteredPomVersion() {
        assertThat(KafkaVersion.VERSION).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    }

    @Test
    void constantMatchesTheKafkaClientsOnTheClasspath() {
        // The container image is chosen from the constant; the clients come from the pom: they must agree.
        // AppInfoParser is internal (it moved in 4.x); if it moves again, read kafka/kafka-version.properties.
        assertThat(KafkaVersion.VERSION).isEqualTo(AppInfoParser.getVersion());
    }
}
