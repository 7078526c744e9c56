package dev.newsstream.cli;

import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.tagger.Taggers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The processor with everything around it: the tagger (models loaded once), metrics, and the HTTP API and
 * dashboard. Used by {@code process} and {@code demo}. {@link #close()} is idempotent and safe from a shutdown
 * hook.
 */
final class ProcessorStack implements AutoCloseable {
    private final NewsProcessor processor;
    private final ProcessorSettings settings;
    private volatile boolean closed;

    private ProcessorStack(NewsProcessor processor, ProcessorSettings settings) {
        this.processor = processor;
        this.settings = settings;
    }

    static ProcessorStack start(ProcessorSettings settings) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NewsProcessor processor = new NewsProcessor(settings,
                Taggers.create(settings.registryFile(), settings.stanceCuesFile()), new ProcessorMetrics(registry));
        ProcessorStack stack = new ProcessorStack(processor, settings);
        try {
            processor.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    NewsProcessor processor() {
        return processor;
    }

    String describeEndpoints() {
        return "state in " + settings.stateDir();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processor.close();
    }

    void awaitRunning(Duration timeout) throws InterruptedException {
        processor.awaitRunning(timeout);
    }
}
