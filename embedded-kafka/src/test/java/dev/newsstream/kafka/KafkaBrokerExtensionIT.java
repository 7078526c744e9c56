package dev.newsstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaBrokerExtensionIT {

    private static KafkaBroker first;

    @BeforeAll
    static void rememberTheBroker(KafkaBroker kafka) {
        first = kafka;
    }

    @Test
    void resolvesTheSameBrokerInEveryMethod(KafkaBroker kafka) {
        assertThat(kafka).isSameAs(first);
        assertThat(kafka.bootstrapServers()).isEqualTo(first.bootstrapServers());
    }

    @Test
    void theBrokerIsRealAndItsKindIsReported(KafkaBroker kafka) throws Exception {
        assertThat(kafka.kind()).isIn(KafkaBroker.EXTERNAL, KafkaBroker.DOCKER, KafkaBroker.EMBEDDED);
        assertThat(kafka.embedded().isPresent()).isEqualTo(KafkaBroker.EMBEDDED.equals(kafka.kind()));

        // A unique topic per test: the broker is shared by every class of the run.
        String topic = "extension-it-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, 2));
        kafka.createTopics(Map.of(topic, 2)); // existing topics are left alone, so repeating is fine
        try (KafkaProducer<String, String> producer = TestClients.producer(kafka.clientConfig())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        List<String> values = TestClients.readValuesUntil(kafka.clientConfig(), "read_committed", topic, read -> !read.isEmpty());
        assertThat(values).containsExactly("v");
    }

    /** A class of its own (own class-level context, own beforeAll) still gets the run's single broker. */
    @Nested
    class AnotherTestClass {

        private final KafkaBroker injected;

        AnotherTestClass(KafkaBroker kafka) {
            this.injected = kafka;
        }

        @Test
        void getsTheSameBootstrapServers(KafkaBroker kafka) {
            assertThat(injected).isSameAs(kafka);
            assertThat(kafka.bootstrapServers()).isEqualTo(first.bootstrapServers());
        }
    }
}
