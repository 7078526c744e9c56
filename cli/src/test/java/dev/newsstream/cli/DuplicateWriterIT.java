package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.OtherWriters;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.tagger.Taggers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second processor with another {@code application.id} over the same topics is found before it starts, by the
 * writer header the first one put on its tagged paragraphs; a processor with the same id (sharing the work) is not.
 */
@WithKafka
class DuplicateWriterIT {
    @TempDir
    Path dir;

    @Test
    void anotherApplicationIdWritingTheSameTopicsIsNamed(KafkaBroker broker) throws Exception {
        String run = FaultKit.run("dupwriter");
        TopicNames topics = FaultKit.topics(run);
        ProcessorSettings first = FaultKit.settings(FaultKit.flags(broker.bootstrapServers(), topics, run + "-first",
                dir.resolve("state-1")));
        ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        try (NewsProcessor processor = new NewsProcessor(first, Taggers.create(null, null), metrics)) {
            processor.start();
            Path article = Files.writeString(dir.resolve("talks.txt"),
                    "Talks resume\n\n\"We are ready to listen,\" the minister said.\n");
            assertThat(Main.run("produce", "--bootstrap-server", broker.bootstrapServers(), "--topic",
                    topics.paragraphs(), "--published-at", "2026-03-14T10:00:00Z", article.toString())).isZero();
            await("the paragraph to be tagged").atMost(Duration.ofMinutes(2))
                    .until(() -> metrics.received() >= 1 && !OtherWriters.find(FaultKit.settings(FaultKit.flags(
                            broker.bootstrapServers(), topics, run + "-second", dir.resolve("state-2")))).isEmpty());
        }

        ProcessorSettings second = FaultKit.settings(FaultKit.flags(broker.bootstrapServers(), topics, run + "-second",
                dir.resolve("state-2")));
        Map<String, Instant> others = OtherWriters.find(second);
        assertThat(others).containsOnlyKeys(run + "-first");
        assertThat(OtherWriters.warning(second, others)).contains("application.id '" + run + "-first'")
                .contains("this one is '" + run + "-second'");
        assertThat(OtherWriters.find(first)).as("an instance of the same id shares the work: not a duplicate").isEmpty();
    }
}
