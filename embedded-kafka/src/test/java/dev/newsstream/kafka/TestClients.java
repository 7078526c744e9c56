package dev.newsstream.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Small real clients for the ITs; every consumer gets its own group. */
final class TestClients {

    static final Duration WAIT = Duration.ofSeconds(60);

    private TestClients() {
    }

    static KafkaProducer<String, String> producer(Map<String, Object> clientConfig) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(Map<String, Object> clientConfig, String isolationLevel) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for the values read so far. */
    static List<String> readValuesUntil(Map<String, Object> clientConfig, String isolationLevel, String topic,
                                        Predicate<List<String>> done) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(clientConfig, isolationLevel)) {
            consumer.subscribe(List.of(topic));
            await("values on " + topic).atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            values.add(record.value());
                        }
                        return done.test(values);
                    });
        }
        return values;
    }
}
