package dev.newsstream.producer;

import dev.newsstream.events.TopicNames;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsstream produce}: reads articles (files, directories, URLs, stdin, RSS/Atom feeds) and publishes their
 * body paragraphs to Kafka, one transaction per article (see docs/producer.md).
 *
 * <p>Exit codes: {@value #OK} all published; {@value #SOME_FAILED} some inputs or items failed (reported, others
 * published); {@value #USAGE} bad flags or a missing/unreadable input (nothing published); {@value #KAFKA} Kafka
 * unreachable or publishing failed; {@value #INTERRUPTED} interrupted. Never calls {@code System.exit}: the
 * {@code newsstream} main does. One instance per execution; not thread-safe.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Publish news articles' body paragraphs to Kafka (one transaction per article).",
        footer = {"", "Inputs: FILE (.txt, .jsonl, .html, .xml feed), DIR (its *.txt *.jsonl *.ndjson *.html *.htm,"
                + " sorted), http(s) URL (page or feed), or - for stdin.",
                "Kafka client settings: --producer-config FILE and NEWSSTREAM_KAFKA_<PROPERTY> env vars"
                        + " (NEWSSTREAM_KAFKA_SASL_MECHANISM -> sasl.mechanism).",
                "Exit codes: 0 ok, 1 some inputs failed, 2 usage or missing input, 3 Kafka unreachable or publish"
                        + " failed, 130 interrupted."})
public final class ProduceCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int USAGE = 2;
    public static final int KAFKA = 3;
    public static final int INTERRUPTED = 130;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrapServer;

    @Option(names = "--topic", defaultValue = TopicNames.PARAGRAPHS, paramLabel = "TOPIC", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", defaultValue = "3", paramLabel = "N",
            description = "Partitions when the topic must be created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--transactional-id", paramLabel = "ID", description = "Kafka transactional.id (default: unique per process).")
    String transactionalId;

    @Option(names = "--producer-config", paramLabel = "FILE", description = "Kafka client properties (SASL/SSL...).")
    Path producerConfig;

    @Option(names = "--kafka-timeout", defaultValue = "15s", paramLabel = "DURATION",
            description = "How long to wait for the broker before failing (default: ${DEFAULT-VALUE}).")
    String kafkaTimeout;

    @Option(names = "--publish-boilerplate",
            description = "Also publish boilerplate blocks, marked boilerplate=true with a reason.")
    boolean publishBoilerplate;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "auto|text|jsonl|html|feed",
            description = "Input format (default: ${DEFAULT-VALUE}: by extension or content type, then content).")
    String format;

    @Option(names = "--feed", paramLabel = "URL|FILE", description = "RSS/Atom feed to poll (repeatable).")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--poll", defaultValue = "60s", paramLabel = "DURATION", description = "Time between feed passes (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--once", description = "One feed pass, then exit.")
    boolean once;

    @Option(names = "--seen-file", paramLabel = "PATH",
            description = "Feed seen-set file (default: ~/.newsstream/seen-<hash of the feed list>.json).")
    Path seenFile;

    @Option(names = "--no-dedupe-content", description = "Do not skip feed items whose text copies a published one.")
    boolean noDedupeContent;

    @Option(names = "--user-agent", paramLabel = "STRING", description = "HTTP User-Agent.")
    String userAgent = FetchSettings.DEFAULT_USER_AGENT;

    @Option(names = "--rate-limit-per-host", defaultValue = "1/s", paramLabel = "N/s|N/m|none",
            description = "Most requests per host, e.g. 1/s, 30/m, none (default: ${DEFAULT-VALUE}).")
    String rateLimitPerHost;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "HTTP connect and response timeout (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--max-page-bytes", defaultValue = "5MB", paramLabel = "SIZE",
            description = "Largest page or feed to read (default: ${DEFAULT-VALUE}).")
    String maxPageBytes;

    @Option(names = "--published-at", paramLabel = "ISO",
            description = "Publication time for inputs without one (default: the file's NAME.meta.json sidecar,"
                    + " else file time, else now).")
    String publishedAt;

    @Option(names = "--full-source-path",
            description = "Put a file's absolute path in the events' source field (default: its file name only).")
    boolean fullSourcePath;

    @Parameters(paramLabel = "FILE|DIR|URL|-", arity = "0..*", description = "Articles to publish.")
    List<String> inputs = new ArrayList<>();

    /** Seams for tests: the environment, stdin, and how a sink is opened (default: Kafka). */
    Map<String, String> env = System.getenv();
    InputStream stdin = System.in;
    Function<KafkaSettings, Sink> sinkFactory;

    @Override
    public Integer call() {
        PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        if (inputs.isEmpty() && feeds.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "nothing to produce: give FILE, DIR, URL or - for stdin, or --feed URL|FILE");
        }
        ProducerSettings settings = settings();
        List<Input> resolved;
        try {
            resolved = Input.resolve(inputs);
        } catch (Input.InputException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        Function<KafkaSettings, Sink> factory = sinkFactory != null ? sinkFactory
                : k -> ParagraphPublisher.connect(k, w -> err.println("warning: " + w));
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C while polling feeds: stop between items and close the producer cleanly. No interrupt: it could
        // land inside a Kafka commit; the loop checks the flag often and HTTP waits are bounded by --timeout.
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "newsstream-produce-shutdown");
        boolean hooked = !feeds.isEmpty() && !once;
        if (hooked) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try (Sink sink = factory.apply(settings.kafka())) {
            PublishSummary summary = ProducerRunner.run(settings, resolved, feeds, sink, stdin, err, stop::get);
            out.println(summary.describe());
            out.flush();
            return summary.errors() > 0 ? SOME_FAILED : OK;
        } catch (PublishException e) {
            err.println("error: " + e.getMessage());
            return KAFKA;
        } catch (InterruptedException e) {
            err.println("interrupted; articles committed so far stay published");
            return stop.get() ? OK : INTERRUPTED;
        } finally {
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already shutting down and running our hook: nothing to remove
                }
            }
        }
    }

    /** The typed settings from the flags, the config file and the environment; usage errors name the flag. */
    ProducerSettings settings() {
        try {
            KafkaSettings kafka = KafkaSettings.defaults(bootstrapServer)
                    .withTopic(topic)
                    .withPartitions(partitions)
                    .withReachTimeout(Units.duration(kafkaTimeout))
                    .withClientOverrides(KafkaConfig.overrides(producerConfig, env));
            if (transactionalId != null) {
                kafka = kafka.withTransactionalId(transactionalId);
            } else if (kafka.clientOverrides().containsKey("transactional.id")) {
                // a transactional.id from the config file or environment is a deliberate choice: honour it
                kafka = kafka.withTransactionalId(kafka.clientOverrides().get("transactional.id"));
            }
            FetchSettings fetch = new FetchSettings(userAgent, Units.duration(timeout), Units.bytes(maxPageBytes),
                    Units.minInterval(rateLimitPerHost));
            Instant when = null;
            if (publishedAt != null) {
                when = Times.parse(publishedAt);
                if (when == null) {
                    throw new IllegalArgumentException("--published-at \"" + publishedAt
                            + "\" is not an ISO-8601 time such as 2019-02-28T08:00:00Z");
                }
            }
            Format f;
            try {
                f = Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format \"" + format + "\" is not one of auto, text, jsonl,"
                        + " html, feed");
            }
            Duration pollEvery = Units.duration(poll);
            return new ProducerSettings(kafka, fetch, f, publishBoilerplate, when, !noDedupeContent, seenFile,
                    pollEvery, once, fullSourcePath);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Lets a PrintStream write to picocli's err writer, so tests that capture the writer see everything. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.write(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
