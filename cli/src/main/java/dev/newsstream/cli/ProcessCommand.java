package dev.newsstream.cli;

import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsstream process}: runs the Kafka Streams processor and its HTTP API until SIGTERM or Ctrl-C. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Run the processor: tag paragraphs from news.paragraphs, keep the side, speaker and window "
                + "tables, serve them over HTTP and the dashboard. Stops cleanly on SIGTERM / Ctrl-C.",
                "Settings: defaults < --config file < NEWSSTREAM_* environment < flags (docs/configuration.md)."})
final class ProcessCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "a properties file of settings")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any setting, e.g. --set http.port=9090 "
            + "--set kafka.security.protocol=SASL_SSL")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--registry", paramLabel = "FILE", description = "an actor registry file extending the built-in one")
    Path registry;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP API and dashboard port (default 8080)")
    Integer httpPort;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>(set);
        if (bootstrap != null) {
            flags.put("bootstrap.servers", bootstrap);
        }
        if (registry != null) {
            flags.put("registry.file", registry.toString());
        }
        if (httpPort != null) {
            flags.put("http.port", httpPort.toString());
        }
        if (stateDir != null) {
            flags.put("state.dir", stateDir.toString());
        }
        ProcessorSettings settings = SettingsLoader.load(config, System.getenv(), flags,
                w -> System.err.println("newsstream process: warning: " + w));
        CountDownLatch stopped = new CountDownLatch(1);
        try (ProcessorStack stack = startStack(settings)) {
            long started = System.nanoTime();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                System.err.printf("newsstream process: stopped after %s; %s%n",
                        java.time.Duration.ofSeconds((System.nanoTime() - started) / 1_000_000_000L).toString()
                                .substring(2).toLowerCase(java.util.Locale.ROOT),
                        stack.processor().metrics().describe());
                stopped.countDown();
            }, "newsstream-process-shutdown"));
            System.err.println("newsstream process: running against " + settings.bootstrapServers() + "; "
                    + stack.describeEndpoints() + ". Ctrl-C to stop.");
            // also wake up when Kafka Streams stopped by itself (too many stream-thread deaths): exit non-zero
            while (!stopped.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                org.apache.kafka.streams.KafkaStreams.State state = stack.processor().streams().state();
                if (state == org.apache.kafka.streams.KafkaStreams.State.ERROR
                        || stack.processor().fatalError() != null) {
                    String why = stack.processor().fatalError();
                    System.err.println("newsstream process: the processor stopped (" + state + ")"
                            + (why == null ? "" : ": " + why) + "; exiting with code " + FAILED);
                    return FAILED;
                }
            }
        }
        return 0;
    }

    private static ProcessorStack startStack(ProcessorSettings settings) {
        try {
            return ProcessorStack.start(settings);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot serve HTTP on " + settings.httpHost() + ":" + settings.httpPort()
                    + " (" + Main.describe(e.getCause()) + "); pick a free port with --http-port N (0 = any free"
                    + " port), or stop what is using it", e);
        }
    }
    /** Exit code when the processor shut itself down (docs/reliability.md). */
    static final int FAILED = 4;
}
