package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.producer.Article;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean close (restart, scale-down) leaves the consumer group, so the remaining instance takes the partitions over
 * at once instead of waiting out {@code session.timeout.ms} (45 s by default, kept here) with 503s for their keys.
 */
@WithKafka
class CleanShutdownIT {

    @Test
    void afterACleanCloseTheOtherInstanceServesTheClosedOnesKeysWithinSeconds(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        String run = FaultKit.run("leave");
        TopicNames topics = FaultKit.topics(run);
        broker.createTopics(Map.of(topics.paragraphs(), 3));
        List<Article> articles = FaultKit.corpus(run, 200);
        Tagger tagger = Taggers.create(null, null);
        int portA = FailoverIT.freePort();
        int portB = FailoverIT.freePort();
        Map<String, String> a = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("a"));
        a.put("num.stream.threads", "1");
        Map<String, String> b = new java.util.LinkedHashMap<>(a);
        a.put("http.port", Integer.toString(portA));
        a.put("application.server", "127.0.0.1:" + portA);
        b.put("http.port", Integer.toString(portB));
        b.put("application.server", "127.0.0.1:" + portB);
        b.put("state.dir", dir.resolve("b").toString());
        try (ProcessorStack stayer = ProcessorStack.start(FaultKit.settings(a), tagger);
             FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), FaultKit.settings(a))) {
            ProcessorStack leaver = ProcessorStack.start(FaultKit.settings(b), tagger);
            await("both RUNNING").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    FailoverIT.body(portA, "/health").contains("RUNNING") && FailoverIT.body(portB, "/health").contains("RUNNING"));
            Thread.sleep(3_000);
            await("both RUNNING after the rebalance").atMost(Duration.ofMinutes(1)).until(() ->
                    FailoverIT.body(portA, "/health").contains("RUNNING") && FailoverIT.body(portB, "/health").contains("RUNNING"));
            FaultKit.publish(broker.bootstrapServers(), topics.paragraphs(), articles);
            int paragraphs = FaultKit.paragraphs(articles);
            await("all tagged").atMost(Duration.ofMinutes(3)).until(() -> out.poll().tagged >= paragraphs);
            out.drain();
            List<String> leaverArticles = out.taggedPerParagraph.keySet().stream()
                    .map(k -> k.substring(0, k.lastIndexOf('#'))).distinct()
                    .filter(id -> FailoverIT.body(portB, "/api/articles/" + FailoverIT.segment(id) + "?local=true")
                            .contains("\"statements\"")).limit(20).toList();
            assertThat(leaverArticles).as("the closing instance owns some articles").isNotEmpty();

            long closed = System.nanoTime();
            leaver.close();
            await("the other instance to serve the closed one's articles").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> leaverArticles.stream()
                            .allMatch(id -> FailoverIT.get(portA, "/api/articles/" + FailoverIT.segment(id)) == 200));
            long ms = Duration.ofNanos(System.nanoTime() - closed).toMillis();
            System.out.printf("CleanShutdownIT: %d articles of the closed instance served by the other %d ms after"
                    + " close() returned or began%n", leaverArticles.size(), ms);
            assertThat(ms).as("well under the 45 s session timeout").isLessThan(20_000);
        }
    }
}
