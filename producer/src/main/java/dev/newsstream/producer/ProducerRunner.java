package dev.newsstream.producer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The producer as a library: what {@link ProduceCommand} runs, and what the demo and integration tests call.
 *
 * <pre>{@code
 * PublishSummary s = ProducerRunner.publish(ProducerSettings.defaults(broker.bootstrapServers()), List.of(seedFile));
 * // wait until s.paragraphs() events are on s's topic
 * }</pre>
 *
 * Thread-safe in the sense that it holds no state; each call is one run on the calling thread.
 */
public final class ProducerRunner {

    private ProducerRunner() {
    }

    /**
     * Publishes files and directories (for stdin, URLs and feeds use {@link #run}) to Kafka: checks the inputs, connects (failing within about
     * {@link KafkaSettings#reachTimeout()} when the broker is unreachable), publishes one transaction per article,
     * closes. Errors in single inputs are counted in the summary, warnings go to stderr.
     *
     * @throws Input.InputException      when an input is missing or unreadable (nothing was published)
     * @throws KafkaUnreachableException when the broker does not answer
     * @throws PublishException          when publishing failed part-way (committed articles stay published)
     */
    public static PublishSummary publish(ProducerSettings settings, List<Path> inputs)
            throws Input.InputException, InterruptedException {
        List<Input> resolved = Input.resolve(inputs.stream().map(Path::toString).toList());
        try (ParagraphPublisher publisher = ParagraphPublisher.connect(settings.kafka(),
                w -> System.err.println("warning: " + w))) {
            return run(settings, resolved, List.of(), publisher, System.in, System.err, () -> false);
        }
    }

    /**
     * One full run into any sink: the inputs in order (with a progress bar when there are several), then, when
     * {@code feeds} is not empty, feed passes every {@link ProducerSettings#poll()} until {@code stop} turns true
     * (checked between feed items and while waiting; the summary is then returned normally) or the thread is
     * interrupted (one pass with {@link ProducerSettings#once()}).
     *
     * @param inputs already resolved ({@link Input#resolve})
     * @param stdin  read for the input "-"
     * @param err    progress, warnings, per-input errors and per-pass lines
     * @throws PublishException when the sink fails; the summary up to then is lost, the published articles stay
     */
    public static PublishSummary run(ProducerSettings settings, List<Input> inputs, List<String> feeds, Sink sink,
                                     InputStream stdin, PrintStream err, BooleanSupplier stop)
            throws InterruptedException {
        HttpFetcher fetcher = new HttpFetcher(settings.fetch());
        Ingestion ingestion = new Ingestion(settings, sink, fetcher, err, Clock.systemUTC());
        SeenStore feedSeen;
        try {
            Path seenFile = settings.seenFile() != null ? settings.seenFile()
                    : feeds.isEmpty() ? null : ProducerSettings.defaultSeenFile(feeds);
            feedSeen = seenFile == null ? SeenStore.inMemory() : SeenStore.load(seenFile);
        } catch (IOException e) {
            ingestion.error("--seen-file", e.getMessage());
            return ingestion.summary();
        }
        Progress progress = new Progress(err, System.console() != null, inputs.size());
        try {
            for (Input input : inputs) {
                ingestion.ingest(input, stdin, feedSeen);
                progress.advance(input.location());
            }
        } finally {
            progress.finish();
        }
        if (!feeds.isEmpty()) {
            FeedIngester ingester = new FeedIngester(fetcher, feedSeen, settings.dedupeContent(), ingestion, stop);
            while (!stop.getAsBoolean()) {
                int fresh = ingester.pass(feeds);
                err.println("feed pass: " + fresh + " new article" + (fresh == 1 ? "" : "s") + "; so far "
                        + ingestion.summary().describe());
                if (settings.once()) {
                    break;
                }
                sleepUnlessStopped(settings.poll(), stop);
            }
        }
        return ingestion.summary();
    }

    /**
     * Waits for the next pass in short steps so a stop request (Ctrl-C) ends the loop within a fraction of a
     * second without interrupting the thread, which could otherwise land inside a Kafka commit.
     */
    private static void sleepUnlessStopped(Duration poll, BooleanSupplier stop) throws InterruptedException {
        long end = System.nanoTime() + poll.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
        }
    }
}
