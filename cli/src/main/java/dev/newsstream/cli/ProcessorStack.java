package dev.newsstream.cli;

import dev.newsstream.processor.OtherWriters;
import org.slf4j.LoggerFactory;

import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.http.HttpApi;
import dev.newsstream.processor.http.StandardMeters;
import dev.newsstream.processor.http.TableQueryService;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The processor with everything around it: the tagger (models loaded once), metrics, and the HTTP API and
 * dashboard. Used by {@code process} and {@code demo}. {@link #close()} is idempotent, closes in reverse order
 * of start, and is safe from a shutdown hook.
 */
final class ProcessorStack implements AutoCloseable {
    private final NewsProcessor processor;
    private final HttpApi http;
    private final Deque<AutoCloseable> resources;
    private boolean closed;

    private ProcessorStack(NewsProcessor processor, HttpApi http, Deque<AutoCloseable> resources) {
        this.processor = processor;
        this.http = http;
        this.resources = resources;
    }

    static ProcessorStack start(ProcessorSettings settings) {
        return start(settings, Taggers.create(settings.registryFile(), settings.stanceCuesFile(), settings.stanceModel()));
    }

    /** With a tagger built (and warmed up) by the caller, e.g. while the demo's broker starts. */
    static ProcessorStack start(ProcessorSettings settings, Tagger tagger) {
        // The JDK HttpServer leaves TCP_NODELAY off by default: a small answer then waits for the client's delayed ACK
        // (measured: /health p50 54.8 ms without, 0.8 ms with; docs/performance.md). Read once, when the server
        // class is first used, so it is set before HttpApi starts; an explicit -D setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            PrometheusMeterRegistry registry = StandardMeters.newRegistry();
            NewsProcessor processor = new NewsProcessor(settings, tagger, new ProcessorMetrics(registry));
            opened.push(processor);
            opened.push(StandardMeters.bind(registry, processor.streams()));
            warnAboutOtherWriters(settings);
            processor.start();
            HttpApi http = new HttpApi(settings, new TableQueryService(processor.streams(), settings)
                    .withHealthCheck(new dev.newsstream.processor.HealthCheck(processor)), registry).start();
            opened.push(http);
            return new ProcessorStack(processor, http, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Best effort: a broker that cannot be read now is reported by the processor itself a moment later. */
    private static void warnAboutOtherWriters(ProcessorSettings settings) {
        try {
            String warning = OtherWriters.warning(settings, OtherWriters.find(settings));
            if (warning != null) {
                LoggerFactory.getLogger(ProcessorStack.class).warn(warning);
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ProcessorStack.class).debug("could not check for other writers: {}", e.toString());
        }
    }

    NewsProcessor processor() {
        return processor;
    }

    int httpPort() {
        return http.port();
    }

    String describeEndpoints() {
        String host = processor.settings().httpHost();
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "dashboard http://" + shown + ":" + http.port() + "/ (API under /api, /health, /metrics)";
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeAll(resources);
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("newsstream: while closing: " + e.getMessage());
            }
        }
    }
}
