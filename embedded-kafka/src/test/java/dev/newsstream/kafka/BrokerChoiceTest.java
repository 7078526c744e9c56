package dev.newsstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class BrokerChoiceTest {

    private final AtomicInteger dockerQuestions = new AtomicInteger();

    private BooleanSupplier docker(boolean available) {
        return () -> {
            dockerQuestions.incrementAndGet();
            return available;
        };
    }

    private static BrokerChoice choose(Map<String, String> properties, BooleanSupplier docker) {
        return BrokerChoice.choose(properties::get, docker);
    }

    @Test
    void bootstrapPropertyMeansExternalWithoutAskingDocker() {
        BrokerChoice choice = choose(Map.of("kafka.bootstrap", " broker:9092 "), docker(true));

        assertThat(choice).isEqualTo(new BrokerChoice(KafkaBroker.EXTERNAL, "broker:9092"));
        assertThat(dockerQuestions).hasValue(0);
    }

    @Test
    void dockerWhenAvailableAndNothingIsSet() {
        assertThat(choose(Map.of(), docker(true)).kind()).isEqualTo(KafkaBroker.DOCKER);
    }

    @Test
    void embeddedWhenDockerIsMissingAndNothingIsSet() {
        assertThat(choose(Map.of(), docker(false))).isEqualTo(new BrokerChoice(KafkaBroker.EMBEDDED, null));
    }

    @Test
    void blankPropertiesCountAsUnset() {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap", "  ");
        properties.put("kafka.broker", "");

        assertThat(choose(properties, docker(false)).kind()).isEqualTo(KafkaBroker.EMBEDDED);
    }

    @Test
    void forcedEmbeddedWinsOverBootstrapAndDocker() {
        BrokerChoice choice = choose(Map.of("kafka.broker", "EMBEDDED", "kafka.bootstrap", "broker:9092"), docker(true));

        assertThat(choice.kind()).isEqualTo(KafkaBroker.EMBEDDED);
        assertThat(dockerQuestions).hasValue(0);
    }

    @Test
    void forcedDockerWithoutDockerSaysWhatToDo() {
        assertThatThrownBy(() -> choose(Map.of("kafka.broker", "docker"), docker(false)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Docker engine")
                .hasMessageContaining("-Dkafka.broker=embedded");
    }

    @Test
    void forcedDockerWithDocker() {
        assertThat(choose(Map.of("kafka.broker", "docker"), docker(true)).kind()).isEqualTo(KafkaBroker.DOCKER);
    }

    @Test
    void forcedExternalNeedsAnAddress() {
        assertThatThrownBy(() -> choose(Map.of("kafka.broker", "external"), docker(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dkafka.bootstrap=HOST:PORT");
        assertThat(choose(Map.of("kafka.broker", "external", "kafka.bootstrap", "h:1"), docker(true)))
                .isEqualTo(new BrokerChoice(KafkaBroker.EXTERNAL, "h:1"));
    }

    @Test
    void unknownKindListsTheValidOnes() {
        assertThatThrownBy(() -> choose(Map.of("kafka.broker", "podman"), docker(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("podman")
                .hasMessageContaining("docker, embedded or external");
    }
}
