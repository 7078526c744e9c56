package dev.newsstream.cli;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.producer.ProducerRunner;
import dev.newsstream.producer.ProducerSettings;
import dev.newsstream.producer.PublishSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsstream demo}: the whole pipeline in one process on a real in-process Kafka broker. Publishes the
 * bundled samples (or the given files), runs the processor and its dashboard, and prints the side table as it
 * changes, read back from {@code news.side-sentiment} like any consumer would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an in-process Kafka broker, the processor and the dashboard, publish the sample "
                + "articles (or FILEs), and print the side table as it changes.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exit-when-done", description = "exit 0 once every paragraph is processed and the final "
            + "tables are printed (default: keep running until Ctrl-C)")
    boolean exitWhenDone;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "9092",
            description = "port of the in-process broker on 127.0.0.1 (default ${DEFAULT-VALUE}; point kcat here)")
    int kafkaPort;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080",
            description = "port of the HTTP API and dashboard on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int httpPort;

    @Option(names = "--registry", paramLabel = "FILE", description = "an actor registry file extending the built-in one")
    Path registry;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "with --exit-when-done: give up (exit 1) if processing has not caught up by then (default ${DEFAULT-VALUE})")
    String timeout;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "article files or directories (default: the bundled samples)")
    List<Path> files = new ArrayList<>();

    private final PrintStream out = System.out;
    private final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // the samples folder also holds hand labels (*.labels.jsonl): publish the articles only
        List<Path> inputs = files.isEmpty() ? TagCommand.expand(List.of(samplesDir())) : files;
        for (Path p : inputs) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p.toAbsolutePath() + ": no such file or directory");
            }
        }
        Duration limit = SettingsLoader.parseDuration(timeout);
        Path stateDir = Path.of(System.getProperty("user.home"), ".newsstream", "demo-state", UUID.randomUUID().toString());
        // the NLP models load while the broker starts: the two are the slow parts of start-up
        CompletableFuture<Tagger> tagger = CompletableFuture.supplyAsync(() -> {
            Tagger t = Taggers.create(registry, null);
            t.tag(ArticleContext.start("Warm-up"), "\"We are ready,\" the minister said.");
            return t;
        });
        out.printf("Starting an in-process Kafka broker on 127.0.0.1:%d ...%n", kafkaPort);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(kafkaPort).start()) {
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("bootstrap.servers", broker.bootstrapServers());
            flags.put("state.dir", stateDir.toString());
            flags.put("http.port", Integer.toString(httpPort));
            flags.put("application.id", "newsstream-demo");
            ProcessorSettings settings = SettingsLoader.load(null, Map.of(), flags, w -> { });
            try (ProcessorStack stack = ProcessorStack.start(settings, join(tagger))) {
                AtomicBoolean stopping = new AtomicBoolean();
                // Ctrl-C: ask the main thread to stop, and let it close the processor and the broker before exit
                Thread hook = new Thread(() -> {
                    stopping.set(true);
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "newsstream-demo-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                stack.processor().awaitRunning(Duration.ofSeconds(120));
                out.printf("Processor running; %s%n", stack.describeEndpoints());
                out.printf("Read the output topics yourself, e.g.: kcat -b %s -C -t %s -o beginning -e -f '%%k => %%s\\n'%n",
                        broker.bootstrapServers(), TopicNames.SIDE_SENTIMENT);

                ProducerSettings ps = ProducerSettings.defaults(broker.bootstrapServers());
                PublishSummary summary = ProducerRunner.publish(ps, inputs);
                out.printf("Producer: %s%n", summary.describe());
                int code = follow(settings, summary, stack, limit, stopping, t0);
                if (code != 0 || exitWhenDone) {
                    safeRemoveHook(hook);
                    return code;
                }
                out.println("Still serving; Ctrl-C to stop.");
                while (!stopping.get()) {
                    Thread.sleep(200);
                }
                return 0;
            } finally {
                Dirs.deleteQuietly(stateDir, "demo");
            }
        } finally {
            finished.countDown();
        }
    }

    /** Prints the side table whenever it changes; returns 0 once it has caught up with every paragraph. */
    private int follow(ProcessorSettings settings, PublishSummary summary, ProcessorStack stack, Duration limit,
                       AtomicBoolean stopping, long t0) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean firstPrinted = false;
        long lastPrint = 0;
        boolean dirty = false;
        try (TableWatcher w = new TableWatcher(settings.bootstrapServers(), settings.topics(), settings.kafka())) {
            while (true) {
                dirty |= w.poll(Duration.ofMillis(200));
                long accounted = w.tagged() + w.deadLetters() + stack.processor().metrics().duplicates();
                boolean done = accounted >= summary.paragraphs() && w.tablesMatchTagged();
                if (dirty && (done || System.nanoTime() - lastPrint > 1_000_000_000L)) {
                    if (!firstPrinted) {
                        out.printf("First table after %.1f s:%n", (System.nanoTime() - t0) / 1e9);
                        firstPrinted = true;
                    }
                    out.printf("%n[%d of %d paragraphs processed]%n%s", accounted, summary.paragraphs(),
                            TableFormatter.format(w.sides().values()));
                    lastPrint = System.nanoTime();
                    dirty = false;
                }
                if (done) {
                    out.printf("%nFinal side table (%d paragraphs tagged, %d dead-lettered, %.1f s):%n%s",
                            w.tagged(), w.deadLetters(), (System.nanoTime() - t0) / 1e9,
                            TableFormatter.format(w.sides().values()));
                    return 0;
                }
                if (stopping.get()) {
                    return 130;
                }
                if (System.nanoTime() > deadline) {
                    System.err.printf("newsstream demo: processing did not catch up within %s (%d of %d paragraphs)%n",
                            limit, accounted, summary.paragraphs());
                    return 1;
                }
            }
        }
    }

    private static Tagger join(CompletableFuture<Tagger> tagger) throws InterruptedException {
        try {
            return tagger.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    static Path samplesDir() {
        String home = System.getenv("NEWSSTREAM_HOME");
        Path dir = home != null ? Path.of(home, "samples") : Path.of("samples");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no sample articles at " + dir.toAbsolutePath()
                    + "; run ./newsstream from the repository, or name article files");
        }
        return dir;
    }

    private static void safeRemoveHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
