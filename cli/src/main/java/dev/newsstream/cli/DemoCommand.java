package dev.newsstream.cli;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.producer.Input;
import dev.newsstream.producer.ParagraphPublisher;
import dev.newsstream.producer.ProducerRunner;
import dev.newsstream.producer.Sidecar;
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

    @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "1200ms",
            description = "pause between articles while they are replayed in publication order, so the tables and "
                    + "charts move and windows close as news arrives (default ${DEFAULT-VALUE}; 0 = all at once)")
    String pace;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "article files or directories (default: the bundled samples)")
    List<Path> files = new ArrayList<>();

    /** Where the demo prints (tests read it). */
    PrintStream out = System.out;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Set by Ctrl-C (the shutdown hook) or {@link #requestStop()}. */
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Asks a running demo to stop as Ctrl-C would: it closes the processor and the broker and returns. */
    void requestStop() {
        stopping.set(true);
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        // the samples folder also holds hand labels (*.labels.jsonl): publish the articles only
        List<Path> given = files.isEmpty() ? TagCommand.expand(List.of(samplesDir())) : files;
        for (Path p : given) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p.toAbsolutePath() + ": no such file or directory");
            }
        }
        List<Path> inputs = inPublicationOrder(given);
        requireFree(kafkaPort, "--kafka-port", "in-process Kafka broker");
        requireFree(httpPort, "--http-port", "dashboard");
        Duration limit = SettingsLoader.parseDuration(timeout);
        Duration pause = SettingsLoader.parseDuration(pace);
        Path stateDir = Path.of(System.getProperty("user.home"), ".newsstream", "demo-state", UUID.randomUUID().toString());
        // the NLP models load while the broker starts: the two are the slow parts of start-up
        CompletableFuture<Tagger> tagger = CompletableFuture.supplyAsync(() -> {
            Tagger t = Taggers.create(registry, null);
            t.tag(ArticleContext.start("Warm-up"), "\"We are ready,\" the minister said.");
            return t;
        });
        out.println("Starting an in-process Kafka broker ...");
        try (EmbeddedKafkaBroker broker = startBroker()) {
            out.printf("Kafka broker on %s%n", broker.bootstrapServers());
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("bootstrap.servers", broker.bootstrapServers());
            flags.put("state.dir", stateDir.toString());
            flags.put("http.port", Integer.toString(httpPort));
            flags.put("application.id", "newsstream-demo");
            // One partition: windows close when stream time (the newest publication time seen) passes their end
            // plus grace, and stream time is kept per partition. With one, every side's windows close as the
            // replay moves through the days, as they would on a busy real stream; one instance needs no more.
            flags.put("topic.partitions", "1");
            // one partition means one task per sub-topology: one stream thread runs them all, and no task moves
            // between threads while the demo starts (a move under exactly-once rebuilds the task's stores)
            flags.put("num.stream.threads", "1");
            ProcessorSettings settings = SettingsLoader.load(null, Map.of(), flags, w -> { });
            try (ProcessorStack stack = startStack(settings, join(tagger))) {
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
                try (TableWatcher w = new TableWatcher(settings.bootstrapServers(), settings.topics(), settings.kafka())) {
                    PublishSummary summary = replay(ps, inputs, pause, w, stack, limit);
                    out.printf("Producer: %s%n", summary.describe());
                    int code = follow(w, summary, stack, limit, t0);
                    if (code == 0 && !exitWhenDone) {
                        out.println("\nStill serving; the table is printed again when it changes. Ctrl-C to stop.");
                        while (!stopping.get()) {
                            if (w.poll(Duration.ofMillis(200))) {
                                out.printf("%n%s", TableFormatter.format(w.sides().values()));
                            }
                        }
                    }
                    if (code != 0 || exitWhenDone) {
                        safeRemoveHook(hook);
                    }
                    return code;
                }
            } finally {
                out.println("Stopping the processor and the broker ...");
                Dirs.deleteQuietly(stateDir, "demo");
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * Publishes the inputs one at a time (they are already in publication order), each once the previous one is
     * tagged and {@code pause} later, as news arrives over time; prints the side table when it changes meanwhile.
     * Kafka Streams looks for closed windows when a statement arrives, at most once a second: the pause lets each
     * article close the windows its publication time has passed. One producer for all.
     */
    private PublishSummary replay(ProducerSettings ps, List<Path> inputs, Duration pause, TableWatcher w,
                                  ProcessorStack stack, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        PublishSummary total = null;
        try (ParagraphPublisher publisher = ParagraphPublisher.connect(ps.kafka(),
                m -> System.err.println("warning: " + m))) {
            for (int i = 0; i < inputs.size() && !stopping.get(); i++) {
                List<Input> one = Input.resolve(List.of(inputs.get(i).toString()));
                PublishSummary s = ProducerRunner.run(ps, one, List.of(), publisher, System.in, System.err,
                        stopping::get);
                total = total == null ? s : total.plus(s);
                if (i + 1 == inputs.size()) {
                    break;
                }
                long until = Long.MAX_VALUE;
                while (System.nanoTime() < until && !stopping.get() && System.nanoTime() < deadline) {
                    if (w.poll(Duration.ofMillis(100))) {
                        printProgress(w, total.paragraphs(), stack);
                    }
                    if (until == Long.MAX_VALUE && accounted(w, stack) >= total.paragraphs()) {
                        until = System.nanoTime() + pause.toNanos();
                    }
                }
            }
        }
        return total;
    }

    private static long accounted(TableWatcher w, ProcessorStack stack) {
        return w.tagged() + w.deadLetters() + stack.processor().metrics().duplicates();
    }

    private void printProgress(TableWatcher w, long published, ProcessorStack stack) {
        long accounted = accounted(w, stack);
        out.printf("%n[%d of %d paragraphs processed]%n%s", accounted, published, TableFormatter.format(w.sides().values()));
    }

    /** Prints the side table whenever it changes; returns 0 once it has caught up with every paragraph. */
    private int follow(TableWatcher w, PublishSummary summary, ProcessorStack stack, Duration limit, long t0) {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastPrint = 0;
        boolean dirty = false;
        while (true) {
            dirty |= w.poll(Duration.ofMillis(200));
            long accounted = w.tagged() + w.deadLetters() + stack.processor().metrics().duplicates();
            boolean done = accounted >= summary.paragraphs() && w.tablesMatchTagged();
            if (dirty && !done && System.nanoTime() - lastPrint > 1_000_000_000L) {
                printProgress(w, summary.paragraphs(), stack);
                lastPrint = System.nanoTime();
                dirty = false;
            }
            if (done) {
                // the windows the last statements closed are committed with them; read what has arrived
                w.poll(Duration.ofMillis(500));
                out.printf("%nFinal side table (%d paragraphs tagged, %d dead-lettered, %.1f s):%n%s",
                        w.tagged(), w.deadLetters(), (System.nanoTime() - t0) / 1e9,
                        TableFormatter.format(w.sides().values()));
                out.printf("%nClosed hourly windows (%s, by publication time; the newest stay open until later "
                        + "news arrives):%n%s", w.hourlyTopic(), TableFormatter.formatWindows(w.hourly()));
                out.printf("%nClosed daily windows (%s):%n%s", w.dailyTopic(), TableFormatter.formatWindows(w.daily()));
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

    /** Text files by the publication time in their sidecar, else their file time; others keep their place. */
    static List<Path> inPublicationOrder(List<Path> given) throws java.io.IOException, Input.InputException {
        List<Path> expanded = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                for (Input i : Input.resolve(List.of(p.toString()))) {
                    expanded.add(i.path());
                }
            } else {
                expanded.add(p);
            }
        }
        Map<Path, java.time.Instant> when = new java.util.HashMap<>();
        for (Path p : expanded) {
            java.time.Instant t = Sidecar.of(p).publishedAt();
            when.put(p, t != null ? t : Files.getLastModifiedTime(p).toInstant());
        }
        List<Path> sorted = new ArrayList<>(expanded);
        sorted.sort(java.util.Comparator.comparing(when::get));
        return sorted;
    }

    private EmbeddedKafkaBroker startBroker() {
        // on Ctrl-C our hook closes the processor, then the broker: the broker's own hook waits for that
        return EmbeddedKafkaBroker.builder().port(kafkaPort).ownerCloseGrace(Duration.ofSeconds(40)).start();
    }

    /** Fails before anything starts when a port the user chose (or the default) is taken, naming the flag. */
    static void requireFree(int port, String flag, String what) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is already in use, so the " + what
                    + " cannot listen there (another demo or broker running?). Pick another port with " + flag
                    + " N (0 = any free port); `ss -ltnp 'sport = :" + port + "'` shows which process holds it");
        }
    }

    private ProcessorStack startStack(ProcessorSettings settings, Tagger tagger) {
        try {
            return ProcessorStack.start(settings, tagger);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot serve the dashboard on 127.0.0.1:" + httpPort + " ("
                    + Main.describe(e.getCause()) + "); pick another port with --http-port N (0 = any free port)", e);
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
