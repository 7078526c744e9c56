package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14 on TopologyTestDriver, with the processor's real Streams properties (its exception handlers): future
 * publication times are clamped before any record carries them, a record that makes an aggregate throw is
 * dead-lettered once and the stream goes on, and rows take their time from the data.
 */
class ReliabilityTopologyTest {
    static final TopicNames T = TopicNames.defaults();
    /** The driver's wall clock. */
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> in;
    TestOutputTopic<String, TaggedParagraphEvent> tagged;
    TestOutputTopic<String, TableRow> speakers;
    TestOutputTopic<String, TableRow> sides;
    TestOutputTopic<byte[], byte[]> dead;
    ProcessorMetrics metrics;

    void start(NewsTopology.Options options) {
        metrics = ProcessorMetrics.noop();
        Topology topology = NewsTopology.build(options, TestTaggers.simple(), metrics);
        ProcessorSettings s = SettingsLoader.load(null, Map.of(), Map.of("state.dir", stateDir.toString(),
                "num.stream.threads", "1"), w -> { });
        Properties p = NewsProcessor.streamsProperties(s);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reliability-test");
        p.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        driver = new TopologyTestDriver(topology, p, NOW);
        in = driver.createInputTopic(T.paragraphs(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        tagged = driver.createOutputTopic(T.taggedParagraphs(), Serdes.String().deserializer(),
                JsonSerde.of(TaggedParagraphEvent.class));
        speakers = driver.createOutputTopic(T.speakerSentiment(), Serdes.String().deserializer(), JsonSerde.of(TableRow.class));
        sides = driver.createOutputTopic(T.sideSentiment(), Serdes.String().deserializer(), JsonSerde.of(TableRow.class));
        dead = driver.createOutputTopic(T.deadLetters(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    static ParagraphEvent paragraph(String article, int seq, String text, Instant published, Instant ingested) {
        return new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, article, seq, 3, seq + 1, text, "A title",
                null, "test", published, ingested, false, null);
    }

    void send(ParagraphEvent p) {
        in.pipeInput(new TestRecord<>(p.articleId().getBytes(StandardCharsets.UTF_8),
                JsonSerde.of(ParagraphEvent.class).serialize("t", p), NOW));
    }

    @Test
    void aFuturePublicationTimeIsClampedToTheIngestTimeAndSaysSo() {
        start(NewsTopology.Options.defaults(T));
        Instant ingested = NOW.minusSeconds(30);
        send(paragraph("two-hours", 0, "A (USA) said: \"good\"", NOW.plus(Duration.ofHours(2)), ingested));
        // the producer's own clock is ahead too: then this machine's clock is the ingest time
        send(paragraph("two-days", 0, "B (PRK) said: \"bad\"", NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(2))));
        // within the margin, and archives: unchanged
        send(paragraph("soon", 0, "C (USA) said: \"ok\"", NOW.plus(Duration.ofMinutes(4)), NOW));
        send(paragraph("old", 0, "D (USA) said: \"ok\"", Instant.parse("2019-02-28T10:00:00Z"), NOW));

        List<TestRecord<String, TaggedParagraphEvent>> out = tagged.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("two-hours", "two-days", "soon", "old");
        TaggedParagraphEvent twoHours = out.get(0).value();
        assertThat(twoHours.publishedAt()).isEqualTo(ingested);
        assertThat(twoHours.publishedAtClampedFrom()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(out.get(0).timestamp()).as("the record carries the clamped time").isEqualTo(ingested.toEpochMilli());
        assertThat(out.get(1).value().publishedAt()).isEqualTo(NOW);
        assertThat(out.get(1).value().publishedAtClampedFrom()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(out.get(1).timestamp()).isEqualTo(NOW.toEpochMilli());
        assertThat(out.get(2).value().publishedAtClampedFrom()).isNull();
        assertThat(out.get(2).value().publishedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(out.get(3).value().publishedAt()).isEqualTo(Instant.parse("2019-02-28T10:00:00Z"));
        assertThat(out).allSatisfy(r -> assertThat(r.timestamp())
                .isLessThanOrEqualTo(NOW.plus(NewsTopology.DEFAULT_MAX_FUTURE).toEpochMilli()));
        assertThat(metrics.clampedCount()).isEqualTo(2);

        // the statement's time in the tables is the clamped one too
        Map<String, TableRow> bySpeaker = speakers.readKeyValuesToMap();
        assertThat(bySpeaker.get("A").latest().publishedAt()).isEqualTo(ingested);
        assertThat(bySpeaker.get("B").latest().publishedAt()).isEqualTo(NOW);
        assertThat(dead.readRecordsToList()).isEmpty();
    }

    @Test
    void aRowIsStampedWithTheLatestEventTimeItCountedNotTheWallClock() {
        start(NewsTopology.Options.defaults(T));
        Instant t1 = Instant.parse("2019-02-28T10:00:00Z");
        send(paragraph("a", 0, "A (USA) said: \"good\"", t1.plusSeconds(60), NOW));
        send(paragraph("b", 0, "A (USA) said: \"good\"", t1, NOW)); // older: does not move the row back
        driver.advanceWallClockTime(Duration.ofHours(5));
        assertThat(speakers.readKeyValuesToMap().get("A").updatedAt()).isEqualTo(t1.plusSeconds(60));
        assertThat(sides.readKeyValuesToMap().get("USA").updatedAt()).isEqualTo(t1.plusSeconds(60));
    }

    @Test
    void aRecordThatMakesAnAggregateThrowIsDeadLetteredOnceAndLaterRecordsAreCounted() {
        start(NewsTopology.Options.defaults(T).withPoisonMarker("POISON-PILL"));
        send(paragraph("p1", 0, "A (USA) said: \"good\"", NOW, NOW));
        send(paragraph("p2", 0, "B (USA) said: \"POISON-PILL\"", NOW, NOW));
        send(paragraph("p3", 0, "A (USA) said: \"good again\"", NOW, NOW));

        List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(header(letter, DeadLetterHeaders.ERROR_STAGE)).isEqualTo("aggregate");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("test.poison.marker");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).contains("deltas-by-speaker");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).as("the bytes the failing task read")
                .contains("POISON-PILL").contains("\"articleId\":\"p2\"");
        assertThat(metrics.deadLetteredCount("aggregate")).isEqualTo(1);

        Map<String, TableRow> bySpeaker = speakers.readKeyValuesToMap();
        assertThat(bySpeaker).containsOnlyKeys("A");
        assertThat(bySpeaker.get("A").statements()).as("later records still reach the table").isEqualTo(2);
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
