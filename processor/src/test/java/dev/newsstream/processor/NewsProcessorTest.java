package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Kafka settings the reliability guarantees depend on (docs/reliability.md), without a broker. */
class NewsProcessorTest {

    static ProcessorSettings settings(Map<String, String> flags) {
        return SettingsLoader.load(null, Map.of(), flags, w -> { });
    }

    @Test
    void exactlyOnceAndRoomForRecordsLargerThanTheInputLimitByDefault() {
        Properties p = NewsProcessor.streamsProperties(settings(Map.of()));
        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        // a dead letter is an accepted input (up to 1 MiB by default) plus headers: see NewsProcessor.MAX_RECORD_BYTES
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                .isEqualTo(NewsProcessor.MAX_RECORD_BYTES);
        assertThat(p.get(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)))
                .isEqualTo(NewsProcessor.MAX_RECORD_BYTES);
        assertThat(NewsProcessor.MAX_RECORD_BYTES).isGreaterThan(2 * 1024 * 1024);
        // a commit's records to a partition fit one request (docs/configuration.md)
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo(256 * 1024);
    }

    @Test
    void kafkaSettingsPassThroughAndWinOverOurs() {
        ProcessorSettings s = settings(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.producer.max.request.size", "16777216",
                "kafka.producer.batch.size", "16384"));
        Properties p = NewsProcessor.streamsProperties(s);
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), "16777216")
                .containsEntry(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), "16384");
        Properties admin = NewsProcessor.adminProperties(s);
        assertThat(admin).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("producer.max.request.size");
    }
}
