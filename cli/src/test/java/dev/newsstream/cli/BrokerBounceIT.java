package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.producer.Article;
import dev.newsstream.tagger.Taggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while paragraphs are flowing and comes back on the same log directory: the in-process
 * processor must ride it out by itself (no restart by us) and the committed tables must come out exact. Uses a
 * broker of its own, because stopping the shared one would disturb the other ITs.
 */
class BrokerBounceIT {
    static final int PARAGRAPHS = 1_200;
    /** Longer than the processor's transaction timeout (10 s), so an open transaction must be aborted and redone. */
    static final Duration OUTAGE = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    @Test
    void theProcessorRecoversFromABrokerBounceWithExactTables() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDir(dir.resolve("broker")).start()) {
            String run = FaultKit.run("bounce");
            TopicNames topics = FaultKit.topics(run);
            broker.createTopics(Map.of(topics.paragraphs(), 3));
            List<Article> articles = FaultKit.corpus(run, PARAGRAPHS);
            int half = articles.size() / 2;
            int paragraphs = FaultKit.paragraphs(articles);
            FaultKit.Tables expected = FaultKit.expected(Taggers.create(null, null), articles);

            var settings = FaultKit.settings(FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state")));
            try (NewsProcessor processor = new NewsProcessor(settings, Taggers.create(null, null), ProcessorMetrics.noop());
                 FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), settings)) {
                processor.start();
                FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(0, half));
                await("some output before the bounce").atMost(Duration.ofMinutes(3)).until(() -> out.poll().tagged > 0);
                assertThat(out.tagged).as("the bounce must land mid-stream").isLessThan(paragraphs);

                broker.stop();
                // the outage itself: the processor must stay alive (not ERROR / NOT_RUNNING) all along
                await("the processor to stay alive while the broker is down").during(OUTAGE)
                        .atMost(OUTAGE.plusSeconds(10)).until(() -> alive(processor));
                broker.restart();

                FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles.subList(half, articles.size()));
                await("the processor to resume by itself and finish with the uninterrupted tables")
                        .atMost(Duration.ofMinutes(5))
                        .until(() -> out.poll().tagged >= paragraphs && out.matches(expected) || !alive(processor));
                assertThat(processor.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                out.assertExactlyOnce(expected, paragraphs);
            }
        }
    }

    static boolean alive(NewsProcessor p) {
        KafkaStreams.State s = p.streams().state();
        return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING && s != KafkaStreams.State.PENDING_ERROR;
    }
}
