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
