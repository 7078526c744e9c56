package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsTopology;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record that our own code cannot handle after the tag step (here: the documented test hook
 * {@code test.poison.marker}, which makes the speaker aggregate throw) is dead-lettered exactly once for
 * {@code read_committed} readers, in the transaction of its input offset, and the partition moves on. Before,
 * Kafka Streams' default processing handler failed the task: the dead letter was written in a transaction that
 * was then aborted, and the thread was replaced in a loop. And when a thread does keep dying, the processor stops
 * after {@code thread.replacements.max} replacements, {@code /health} turns DOWN, and {@code process} exits 4.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonRecordIT {
    static final String MARKER = "POISON-PILL-ZQX";
    Tagger tagger;

    @BeforeAll
    void tagger() {
        tagger = Taggers.create(null, null);
    }

    @Test
    void aRecordThatMakesAnAggregateThrowIsDeadLetteredOnceAndLaterRecordsReachTheTables(KafkaBroker broker,
                                                                                         @TempDir Path dir) {
        String run = FaultKit.run("poison");
        TopicNames topics = FaultKit.topics(run);
        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state"));
        flags.put("test.poison.marker", MARKER);
        flags.put("num.stream.threads", "1");
        ProcessorSettings settings = FaultKit.settings(flags);
        Instant t = Instant.now().minusSeconds(3600);
        try (ProcessorStack stack = ProcessorStack.start(settings, tagger);
             KafkaProducer<byte[], byte[]> producer = ReliabilityKit.producer(broker.clientConfig());
             KafkaConsumer<String, byte[]> out = FaultKit.readCommitted(broker.clientConfig(),
                     topics.speakerSentiment(), topics.deadLetters())) {
            for (int i = 0; i < 5; i++) {
                ReliabilityKit.send(producer, topics.paragraphs(), "before-" + i, ReliabilityKit.said("We want peace"), t);
            }
            ReliabilityKit.send(producer, topics.paragraphs(), "poison",
                    ReliabilityKit.said("We reject " + MARKER + " terms"), t);
            for (int i = 0; i < 5; i++) {
                ReliabilityKit.send(producer, topics.paragraphs(), "after-" + i, ReliabilityKit.said("We want talks"), t);
            }
            Map<String, TableRow> speakers = new HashMap<>();
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            await("the ten good statements counted").atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : out.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.deadLetters())) {
                        letters.add(r);
                    } else {
                        speakers.put(r.key(), JsonSerde.of(TableRow.class).deserialize(r.topic(), r.value()));
                    }
                }
                TableRow row = speakers.get(ReliabilityKit.SPEAKER);
                return row != null && row.statements() == 10;
            });
            // a few more commit intervals: nothing else may arrive (no second dead letter after a retry)
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                out.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.topic().equals(topics.deadLetters())) {
                        letters.add(r);
                    }
                });
            }
            assertThat(letters).as("dead-lettered exactly once for read_committed readers").hasSize(1);
            ConsumerRecord<String, byte[]> letter = letters.get(0);
            assertThat(header(letter, DeadLetterHeaders.ERROR_STAGE)).isEqualTo("aggregate");
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("test.poison.marker");
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).endsWith("deltas-by-speaker-repartition");
            assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isNotBlank();
            assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains(MARKER).contains("\"poison\"");
            assertThat(stack.processor().metrics().threadsReplaced()).as("no thread replaced").isZero();
            assertThat(stack.processor().metrics().deadLetteredCount("aggregate")).isEqualTo(1);
            assertThat(ReliabilityKit.health(stack.httpPort()).status()).isEqualTo(200);
        }
    }

    @Test
    void whenAThreadKeepsDyingHealthTurnsDownAndTheProcessorStops(KafkaBroker broker, @TempDir Path dir) {
        String run = FaultKit.run("deadly");
        TopicNames topics = FaultKit.topics(run);
        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state"));
        flags.put("test.poison.marker", MARKER);
        flags.put("num.stream.threads", "1");
        flags.put("thread.replacements.max", "2");
        ProcessorSettings settings = FaultKit.settings(flags);
        try (ProcessorStack stack = ProcessorStack.start(settings, tagger);
             KafkaProducer<byte[], byte[]> producer = ReliabilityKit.producer(broker.clientConfig())) {
            assertThat(ReliabilityKit.health(stack.httpPort()).body()).contains("\"status\":\"UP\"");
            ReliabilityKit.send(producer, topics.paragraphs(), "deadly",
                    ReliabilityKit.said("We reject " + MARKER + NewsTopology.FATAL_SUFFIX + " terms"), Instant.now());
            await("/health to answer 503 DOWN").dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ReliabilityKit.health(stack.httpPort()).status() == 503);
            ReliabilityKit.Health h = ReliabilityKit.health(stack.httpPort());
            assertThat(h.body()).contains("\"status\":\"DOWN\"").contains("died 3 times");
            assertThat(stack.processor().metrics().threadsReplaced()).as("replaced twice, then stopped").isEqualTo(2);
            assertThat(stack.processor().fatalError()).contains("thread.replacements.max=2");
        }
    }

    @Test
    void processExitsNonZeroWhenTheProcessorStopsItself(KafkaBroker broker, @TempDir Path dir) {
        String run = FaultKit.run("deadlyexit");
        TopicNames topics = FaultKit.topics(run);
        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state"));
        flags.put("test.poison.marker", MARKER);
        flags.put("num.stream.threads", "1");
        flags.put("thread.replacements.max", "1");
        List<String> args = new ArrayList<>(List.of("process"));
        flags.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        try (KafkaProducer<byte[], byte[]> producer = ReliabilityKit.producer(broker.clientConfig())) {
            FaultKit.Run process = FaultKit.start(args.toArray(String[]::new));
            await("the processor to start").dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(1)).until(() -> process.stderr().contains("running"));
            ReliabilityKit.send(producer, topics.paragraphs(), "deadly",
                    ReliabilityKit.said("We reject " + MARKER + NewsTopology.FATAL_SUFFIX + " terms"), Instant.now());
            await("process to exit").dontCatchUncaughtExceptions().atMost(Duration.ofMinutes(2)).until(process.exit()::isDone);
            assertThat(process.exit().join()).isEqualTo(4);
            assertThat(process.stderr()).contains("the processor stopped").contains("thread.replacements.max=1");
        }
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
