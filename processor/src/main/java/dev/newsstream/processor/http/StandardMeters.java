package dev.newsstream.processor.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Binds what {@code /metrics} shows besides the processor's own counters: every Kafka Streams client metric (the
 * embedded consumers, producers and stream threads included, via {@link KafkaStreamsMetrics}) and the usual JVM
 * meters (memory, GC, threads, class loading, CPU, uptime).
 *
 * <p>Call once per registry, after the {@link KafkaStreams} is built; close the result when the streams close (it
 * stops the GC listener and the Kafka metrics poller). Not meant to be called concurrently.
 */
public final class StandardMeters {
    private StandardMeters() {
    }

    /**
     * The Kafka client metrics {@code /metrics} keeps (Micrometer names; Prometheus writes dots as underscores).
     * Kafka's clients register about 4,500 series for one processor (every consumer, producer and admin client,
     * per node and partition): 778 KB per scrape. These answer "is it processing, how fast, is it behind, is it
     * rebalancing, is anything lost"; per-partition and per-node series are dropped. Documented in docs/api.md.
     */
    public static final java.util.Set<String> KAFKA_METERS = java.util.Set.of(
            "kafka.stream.alive.stream.threads", "kafka.stream.failed.stream.threads.total", "kafka.stream.client.state",
            "kafka.stream.thread.thread.state", "kafka.stream.thread.process.rate", "kafka.stream.thread.process.total",
            "kafka.stream.thread.process.latency.avg", "kafka.stream.thread.process.latency.max",
            "kafka.stream.thread.commit.rate", "kafka.stream.thread.commit.latency.avg",
            "kafka.stream.thread.commit.latency.max", "kafka.stream.thread.poll.records.avg",
            "kafka.stream.thread.blocked.time.ns.total", "kafka.stream.thread.punctuate.total",
            "kafka.stream.task.dropped.records.total",
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.consumer.coordinator.rebalance.total",
            "kafka.consumer.coordinator.failed.rebalance.total", "kafka.consumer.coordinator.last.rebalance.seconds.ago",
            "kafka.producer.record.send.total", "kafka.producer.record.error.total");

    /** Keeps {@link #KAFKA_METERS} (without their per-partition and per-node series) and every non-Kafka meter. */
    public static io.micrometer.core.instrument.config.MeterFilter kafkaSelection() {
        return io.micrometer.core.instrument.config.MeterFilter.deny(id -> id.getName().startsWith("kafka.")
                && (!KAFKA_METERS.contains(id.getName()) || id.getTag("partition") != null
                || id.getTag("topic") != null || id.getTag("node.id") != null));
    }

    /** A Prometheus registry for a processor: {@link #kafkaSelection()} applied before any meter exists. */
    public static io.micrometer.prometheusmetrics.PrometheusMeterRegistry newRegistry() {
        var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        registry.config().meterFilter(kafkaSelection());
        return registry;
    }

    public static AutoCloseable bind(MeterRegistry registry, KafkaStreams streams) {
        KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
        kafka.bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return () -> {
            gc.close();
            kafka.close();
        };
    }
}
