package dev.newsstream.processor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.TopicNames;
import dev.newsstream.processor.NewsTopology;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.TestTaggers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code /metrics} exposes, on a KafkaStreams that is built but never started (no broker needed). */
class StandardMetersTest {

    @Test
    void keepsOnlyTheDocumentedKafkaMetersWithoutPerPartitionSeries() {
        PrometheusMeterRegistry registry = StandardMeters.newRegistry();
        registry.counter("kafka.consumer.fetch.manager.records.lag.max", "client.id", "c1");
        registry.counter("kafka.consumer.fetch.manager.records.lag.max", "client.id", "c1", "partition", "0");
        registry.counter("kafka.producer.node.request.total", "node.id", "node-1");
        registry.counter("kafka.admin.client.connection.count");
        registry.counter("newsstream.paragraphs.tagged");

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName() + m.getId().getTags().size())
                .containsExactlyInAnyOrder("kafka.consumer.fetch.manager.records.lag.max1", "newsstream.paragraphs.tagged0");
    }

    @Test
    void aScrapeOfABuiltProcessorStaysSmall(@TempDir Path stateDir) throws Exception {
        PrometheusMeterRegistry registry = StandardMeters.newRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "meters-size-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 4);
        KafkaStreams streams = new KafkaStreams(NewsTopology.build(NewsTopology.Options.defaults(TopicNames.defaults()),
                TestTaggers.simple(), metrics), p);
        AutoCloseable meters = StandardMeters.bind(registry, streams);
        try {
            String text = registry.scrape();
            assertThat(text).contains("kafka_stream_thread_process_total").contains("newsstream_paragraphs_tagged_total");
            assertThat(text.lines().filter(l -> l.startsWith("kafka_")).map(l -> l.replaceFirst("[{ ].*", ""))
                    .map(n -> n.replaceFirst("_total$", ".total").replace('_', '.').replace("..", "."))
                    .distinct()).allSatisfy(n -> assertThat(StandardMeters.KAFKA_METERS.stream()
                    .anyMatch(k -> k.equals(n) || k.equals(n.replace(".total", "").concat(".total"))))
                    .as("kafka meter %s is in the documented selection", n).isTrue());
            assertThat(text.length()).as("bytes per scrape").isLessThan(100_000);
        } finally {
            meters.close();
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void exposesProcessorKafkaStreamsAndJvmMetricsInPrometheusFormat(@TempDir Path stateDir) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProcessorMetrics metrics = new ProcessorMetrics(registry);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "meters-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams streams = new KafkaStreams(NewsTopology.build(NewsTopology.Options.defaults(TopicNames.defaults()),
                TestTaggers.simple(), metrics), p);
        AutoCloseable meters = StandardMeters.bind(registry, streams);
        try {
            String text = registry.scrape();
            assertThat(text)
                    .contains("newsstream_paragraphs_received_total")
                    .contains("jvm_memory_used_bytes")
                    .contains("process_uptime_seconds")
                    .containsPattern("(?m)^kafka_stream_\\w+");
        } finally {
            meters.close();
            streams.close(Duration.ofSeconds(5));
        }
    }
}
