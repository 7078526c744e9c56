package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.tagger.Taggers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14's first finding: an article dated two hours ahead (a feed in the wrong time zone) made the broker
 * refuse the record's timestamp on a Streams-created topic about a minute later; the thread was replaced in a
 * loop, the tables stopped, and /health said UP. Now publication times more than {@code published.at.max.future}
 * ahead are clamped to the ingest time before any record carries them.
 */
@WithKafka
class FutureTimestampIT {

    @Test
    void articlesDatedHoursAndDaysAheadAreCountedClampedAndLaterArticlesStillFlow(KafkaBroker broker,
                                                                                @TempDir Path dir) throws Exception {
        String run = FaultKit.run("future");
        TopicNames topics = FaultKit.topics(run);
        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state"));
        flags.put("health.stall.timeout", "5s");
        ProcessorSettings settings = FaultKit.settings(flags);
        Instant now = Instant.now();
        try (ProcessorStack stack = ProcessorStack.start(settings, Taggers.create(null, null));
             KafkaProducer<byte[], byte[]> producer = ReliabilityKit.producer(broker.clientConfig());
             KafkaConsumer<String, byte[]> out = FaultKit.readCommitted(broker.clientConfig(),
                     topics.taggedParagraphs(), topics.speakerSentiment())) {
            ReliabilityKit.send(producer, topics.paragraphs(), "ahead-2h", ReliabilityKit.said("We want peace"),
                    now.plus(Duration.ofHours(2)));
            ReliabilityKit.send(producer, topics.paragraphs(), "ahead-2d", ReliabilityKit.said("We want real talks"),
                    now.plus(Duration.ofDays(2)));
            // the same through `produce --published-at` (the producer clamps as well, and says so)
            // a copy without the sample's publication-time sidecar, which would take precedence over the flag
            Path article = dir.resolve("cairo-truce-talks.txt");
            java.nio.file.Files.copy(Path.of("../samples/03-cairo-truce-talks.txt"), article);
            FaultKit.Run produce = FaultKit.start("produce", "--bootstrap-server", broker.bootstrapServers(),
                    "--topic", topics.paragraphs(), "--published-at", now.plus(Duration.ofDays(1)).toString(),
                    article.toString());
            assertThat(produce.exit().join()).as(produce.stderr()).isZero();
            assertThat(produce.stderr()).contains("in the future");

            // later, ordinary articles: still counted, a minute and more after the future-dated ones
            Map<String, TaggedParagraphEvent> tagged = new HashMap<>();
            Map<String, TableRow> speakers = new HashMap<>();
            int later = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            while (System.nanoTime() < deadline) {
                ReliabilityKit.send(producer, topics.paragraphs(), "later-" + later++,
                        ReliabilityKit.said("We want cooperation"), Instant.now().minusSeconds(60));
                poll(out, topics, tagged, speakers);
                assertThat(stack.processor().metrics().threadsReplaced()).as("no stream thread died").isZero();
            }
            int laterSent = later;
            await("every later article counted").atMost(Duration.ofMinutes(2)).until(() -> {
                poll(out, topics, tagged, speakers);
                return tagged.keySet().stream().filter(k -> k.startsWith("later-")).count() == laterSent;
            });
            assertThat(tagged.get("ahead-2h").publishedAt()).isBefore(now.plus(Duration.ofMinutes(5)));
            assertThat(tagged.get("ahead-2h").publishedAtClampedFrom()).isEqualTo(now.plus(Duration.ofHours(2)));
            assertThat(tagged.get("ahead-2d").publishedAtClampedFrom()).isEqualTo(now.plus(Duration.ofDays(2)));
            assertThat(stack.processor().metrics().clampedCount()).as("clamped by the processor").isEqualTo(2);
            await("the speaker row counts every statement").atMost(Duration.ofMinutes(1)).until(() -> {
                poll(out, topics, tagged, speakers);
                TableRow row = speakers.get(ReliabilityKit.SPEAKER);
                return row != null && row.statements() >= 2 + laterSent;
            });
            assertThat(stack.processor().metrics().threadsReplaced()).isZero();
            assertThat(stack.processor().streams().state().name()).isEqualTo("RUNNING");
            // truthful health: UP, and still UP once idle for longer than the stall timeout (nothing waits)
            assertThat(ReliabilityKit.health(stack.httpPort()).status()).isEqualTo(200);
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(20))
                    .until(() -> ReliabilityKit.health(stack.httpPort()).status() == 200);
            assertThat(ReliabilityKit.health(stack.httpPort()).body()).contains("\"status\":\"UP\"");
        }
    }

    private static void poll(KafkaConsumer<String, byte[]> out, TopicNames topics,
                             Map<String, TaggedParagraphEvent> tagged, Map<String, TableRow> speakers) {
        for (ConsumerRecord<String, byte[]> r : out.poll(Duration.ofMillis(200))) {
            if (r.topic().equals(topics.taggedParagraphs())) {
                tagged.put(r.key(), JsonSerde.of(TaggedParagraphEvent.class).deserialize(r.topic(), r.value()));
            } else {
                speakers.put(r.key(), JsonSerde.of(TableRow.class).deserialize(r.topic(), r.value()));
            }
        }
    }
}
