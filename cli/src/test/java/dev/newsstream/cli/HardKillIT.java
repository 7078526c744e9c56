package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.producer.Article;
import dev.newsstream.tagger.Taggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under a hard crash: the processor runs as {@code newsstream process} in a child JVM, is killed
 * with SIGKILL while it is part-way through a few thousand paragraphs (no shutdown hook, no commit, a transaction
 * left open), and is started again with the same application id and state directory. The committed output must
 * be what an uninterrupted run gives: the same side and speaker tables, and exactly one tagged paragraph per input
 * paragraph.
 */
@WithKafka
class HardKillIT {
    /** Enough that the kill lands mid-stream on a fast machine, small enough for a 2-core CI run. */
    static final int PARAGRAPHS = 2_000;

    @TempDir
    Path dir;
    Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor();
        }
    }

    Process startProcessor(Map<String, String> flags, String name) throws IOException {
        return FaultKit.startProcessor(flags, dir.resolve(name + ".log"));
    }

    @Test
    void aProcessorKilledMidStreamResumesWithExactTablesAndNoDuplicates(KafkaBroker broker) throws Exception {
        String run = FaultKit.run("hardkill");
        TopicNames topics = FaultKit.topics(run);
        broker.createTopics(Map.of(topics.paragraphs(), 3));
        List<Article> articles = FaultKit.corpus(run, PARAGRAPHS);
        int paragraphs = FaultKit.paragraphs(articles);
        FaultKit.Tables expected = FaultKit.expected(Taggers.create(null, null), articles);
        assertThat(expected.statements()).as("the corpus must give the tagger real work").isGreaterThan(paragraphs / 4);
        // Three quarters before the crash and the rest after it, so the kill lands mid-stream even on a machine
        // fast enough to tag everything published so far between two of our polls.
        int before = articles.size() * 3 / 4;
        FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(0, before));

        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state"));
        // The killed member never leaves the group; a short session lets the restarted one take over in seconds
        // instead of the 45 s default. (Test-only: production keeps the default.)
        flags.put("kafka.session.timeout.ms", "8000");
        Files.createDirectories(dir.resolve("state"));

        try (FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), FaultKit.settings(flags))) {
            child = startProcessor(flags, "first");
            // a quarter in: enough committed state (article contexts, aggregates) for the restart to restore
            await("the first processor to commit a quarter of the tagged paragraphs (log: " + dir.resolve("first.log")
                    + ")").atMost(Duration.ofMinutes(4)).until(() -> out.poll().tagged >= paragraphs / 4 || !child.isAlive());
            assertThat(child.isAlive()).as("the first processor is still running").isTrue();
            child.destroyForcibly().waitFor(); // SIGKILL on Linux: no hook, no commit, an open transaction
            long committedAtKill = out.tagged;
            assertThat(committedAtKill).as("the kill must land mid-stream").isLessThan(paragraphs);

            FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(before, articles.size()));
            long restartedAt = System.nanoTime();
            child = startProcessor(flags, "second");
            await("the restarted processor to finish with the uninterrupted tables (log: "
                    + dir.resolve("second.log") + ")")
                    .atMost(Duration.ofMinutes(6))
                    .until(() -> out.poll().tagged >= paragraphs && out.matches(expected) || !child.isAlive());
            assertThat(child.isAlive()).as("the restarted processor is still running").isTrue();
            child.destroy(); // SIGTERM: the clean path, which commits what it has
            assertThat(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("clean exit on SIGTERM").isTrue();

            out.assertExactlyOnce(expected, paragraphs);
            System.out.printf("HardKillIT: %d paragraphs (%d before the kill), %d statements, %d committed when"
                    + " killed, %d s from restart to exact tables%n", paragraphs,
                    FaultKit.paragraphs(articles.subList(0, before)), expected.statements(), committedAtKill,
                    Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds());
        }
    }
}
