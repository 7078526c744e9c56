package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.Json;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on TopologyTestDriver (synchronous, cache-less, one partition): tagging, the side and speaker
 * tables, dead letters for every kind of malformed record, re-publication and corrections, windows.
 */
class NewsTopologyTest {
    static final TopicNames T = TopicNames.defaults();
    static final Instant DAY0 = Instant.parse("2019-02-27T09:00:00Z");

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<byte[], byte[]> in;
    TestOutputTopic<String, TaggedParagraphEvent> tagged;
    TestOutputTopic<String, TableRow> sides;
    TestOutputTopic<String, TableRow> speakers;
    TestOutputTopic<String, TableRow> daily;
    TestOutputTopic<byte[], byte[]> dead;

    @BeforeEach
    void start() {
        startWith(NewsTopology.build(NewsTopology.Options.defaults(T), TestTaggers.simple(), ProcessorMetrics.noop()));
    }

    void startWith(Topology topology) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, p);
        in = driver.createInputTopic(T.paragraphs(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        tagged = driver.createOutputTopic(T.taggedParagraphs(), Serdes.String().deserializer(), JsonSerde.of(TaggedParagraphEvent.class));
        sides = driver.createOutputTopic(T.sideSentiment(), Serdes.String().deserializer(), JsonSerde.of(TableRow.class));
        speakers = driver.createOutputTopic(T.speakerSentiment(), Serdes.String().deserializer(), JsonSerde.of(TableRow.class));
        daily = driver.createOutputTopic(T.sideSentimentDaily(), Serdes.String().deserializer(), JsonSerde.of(TableRow.class));
        dead = driver.createOutputTopic(T.deadLetters(), Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static ParagraphEvent paragraph(String article, int seq, String text, Instant published) {
        return new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, article, seq, 3, seq + 1, text, "A title",
                null, "test", published, published, false, null);
    }

    void send(ParagraphEvent p) {
        in.pipeInput(p.articleId().getBytes(StandardCharsets.UTF_8), JsonSerde.of(ParagraphEvent.class).serialize("t", p));
    }

    @Test
    void tagsParagraphsAndKeepsARunningRowPerSide() {
        send(paragraph("a1", 0, "Alice Smith (USA) said: \"a good cooperative offer\"", DAY0));
        send(paragraph("a1", 1, "Bo Kim (PRK) said: \"bad\"; Alice Smith (USA) said: \"confrontational words\"", DAY0));
        send(paragraph("a2", 0, "No statements here.", DAY0));

        List<TaggedParagraphEvent> out = tagged.readValuesToList();
        assertThat(out).extracting(TaggedParagraphEvent::seq).containsExactly(0, 1, 0);
        assertThat(out.get(1).statements()).extracting(s -> s.speaker() + "/" + s.side())
                .containsExactly("Bo Kim/PRK", "Alice Smith/USA");
        assertThat(out.get(1).statements().get(0).text()).isEqualTo("bad");
        assertThat(out.get(2).statements()).isEmpty();

        Map<String, TableRow> table = sides.readKeyValuesToMap();
        assertThat(table).containsOnlyKeys("USA", "PRK");
        TableRow usa = table.get("USA");
        assertThat(usa.statements()).isEqualTo(2);
        assertThat(usa.speakers()).isEqualTo(1);
        assertThat(usa.meanCompound()).isEqualTo(0.25);
        assertThat(usa.minCompound()).isEqualTo(0.0);
        assertThat(usa.maxCompound()).isEqualTo(0.5);
        assertThat(usa.stance()).containsEntry("cooperative", 1L).containsEntry("confrontational", 1L);
        assertThat(usa.polarity()).containsEntry("positive", 1L).containsEntry("neutral", 1L);
        assertThat(usa.latest().text()).isEqualTo("confrontational words");
        assertThat(usa.schemaVersion()).isEqualTo(TableRow.SCHEMA_VERSION);
        assertThat(table.get("PRK").meanCompound()).isEqualTo(-0.5);

        Map<String, TableRow> bySpeaker = speakers.readKeyValuesToMap();
        assertThat(bySpeaker.get("Alice Smith").statements()).isEqualTo(2);
        assertThat(bySpeaker.get("Alice Smith").side()).isEqualTo("USA");
    }

    @Test
    void everyKindOfMalformedRecordIsDeadLetteredWithItsReasonAndTheStreamGoesOn() {
        byte[] ok = JsonSerde.of(ParagraphEvent.class).serialize("t", paragraph("a", 0, "X (USA) said: \"hi\"", DAY0));
        byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        Map<String, byte[][]> cases = new java.util.LinkedHashMap<>();
        cases.put("invalid JSON", new byte[][]{b("a"), b("{not json")});
        cases.put("wrong shape", new byte[][]{b("a"), b("[1,2,3]")});
        cases.put("unknown schemaVersion", new byte[][]{b("a"), b("{\"schemaVersion\":99,\"articleId\":\"a\",\"seq\":0,\"text\":\"t\"}")});
        cases.put("missing articleId", new byte[][]{b("a"), b("{\"schemaVersion\":1,\"seq\":0,\"text\":\"t\"}")});
        cases.put("missing text", new byte[][]{b("a"), b("{\"schemaVersion\":1,\"articleId\":\"a\",\"seq\":0}")});
        cases.put("null key", new byte[][]{null, ok});
        cases.put("null value", new byte[][]{b("a"), null});
        cases.put("key differs from articleId", new byte[][]{b("other"), ok});
        cases.put("invalid UTF-8", new byte[][]{b("a"), invalidUtf8});
        cases.put("tagger failure", new byte[][]{b("a"), JsonSerde.of(ParagraphEvent.class).serialize("t",
                paragraph("a", 5, "BOOM", DAY0))});
        cases.put("too long", new byte[][]{b("a"), JsonSerde.of(ParagraphEvent.class).serialize("t",
                paragraph("a", 6, "x".repeat(NewsTopology.DEFAULT_MAX_PARAGRAPH_CHARS + 1), DAY0))});
        for (byte[][] kv : cases.values()) {
            in.pipeInput(kv[0], kv[1]);
        }
        send(paragraph("a", 1, "Y (PRK) said: \"still working\"", DAY0));

        List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
        assertThat(letters).hasSize(cases.size());
        int i = 0;
        for (Map.Entry<String, byte[][]> c : cases.entrySet()) {
            TestRecord<byte[], byte[]> r = letters.get(i++);
            assertThat(r.key()).as(c.getKey() + " key").isEqualTo(c.getValue()[0]);
            assertThat(r.value()).as(c.getKey() + " value bytes untouched").isEqualTo(c.getValue()[1]);
            assertThat(header(r, DeadLetterHeaders.ERROR_MESSAGE)).as(c.getKey()).isNotBlank();
            assertThat(header(r, DeadLetterHeaders.ERROR_STAGE)).as(c.getKey()).isIn("deserialize", "validate", "process");
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(T.paragraphs());
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
            assertThat(header(r, DeadLetterHeaders.TIME)).isNotNull();
        }
        assertThat(header(letters.get(2), DeadLetterHeaders.ERROR_MESSAGE)).contains("schemaVersion 99");
        assertThat(header(letters.get(3), DeadLetterHeaders.ERROR_MESSAGE)).contains("articleId");
        assertThat(header(letters.get(9), DeadLetterHeaders.ERROR_STAGE)).isEqualTo("process");
        assertThat(tagged.readValuesToList()).extracting(e -> e.statements().get(0).text()).containsExactly("still working");
    }

    @Test
    void aRepublishedParagraphCountsOnceAndACorrectionReplacesIt() {
        ParagraphEvent p = paragraph("a", 0, "X (USA) said: \"good\" and Z (USA) said: \"bad\"", DAY0);
        send(p);
        send(p);
        assertThat(sides.readKeyValuesToMap().get("USA").statements()).isEqualTo(2);
        assertThat(tagged.readValuesToList()).hasSize(1);

        send(paragraph("a", 0, "X (PRK) said: \"good\"", DAY0));
        Map<String, TableRow> table = sides.readKeyValuesToMap();
        assertThat(table.get("USA").statements()).isZero();
        assertThat(table.get("USA").minCompound()).isNull();
        assertThat(table.get("PRK").statements()).isEqualTo(1);
        assertThat(table.get("PRK").maxCompound()).isEqualTo(0.5);

        // the article x side table, kept by the tag step, follows the same correction
        KeyValueStore<String, Stats> articleSides = driver.getKeyValueStore(NewsTopology.ARTICLE_SIDE_STORE);
        assertThat(articleSides.get(NewsTopology.articleSideKey("a", "USA")).statements()).isZero();
        assertThat(articleSides.get(NewsTopology.articleSideKey("a", "PRK")).statements()).isEqualTo(1);
        assertThat(articleSides.get(NewsTopology.articleSideKey("a", "PRK")).toRow("article-side", "k", "PRK", null,
                "a", null, null).maxCompound()).isEqualTo(0.5);
    }

    @Test
    void aSideRowKeepsExactTopSpeakersAndDistinctCountWithoutStoringEverySpeaker() {
        // 30 speakers with 1..30 statements for one side, then corrections withdraw some of the top ones
        java.util.Random random = new java.util.Random(3);
        List<ParagraphEvent> sent = new java.util.ArrayList<>();
        int article = 0;
        for (int sp = 1; sp <= 30; sp++) {
            for (int n = 0; n < sp; n++) {
                ParagraphEvent p = paragraph("s" + article++, 0, "Speaker " + sp + " (USA) said: \"" + (random.nextBoolean()
                        ? "good" : "bad") + "\"", DAY0);
                send(p);
                sent.add(p);
            }
        }
        java.util.Collections.shuffle(sent, random);
        // withdraw statements of the three most frequent speakers (a correction moves them to another side)
        int withdrawn = 0;
        for (ParagraphEvent p : sent) {
            if (withdrawn < 40 && p.text().matches("Speaker (30|29|28) .*")) {
                send(paragraph(p.articleId(), 0, p.text().replace("(USA)", "(PRK)"), DAY0));
                withdrawn++;
            }
        }
        Map<String, TableRow> table = sides.readKeyValuesToMap();
        TableRow usa = table.get("USA");
        // the expected row: every speaker's statements for USA in the final version of each paragraph
        Map<String, String> finalText = new java.util.HashMap<>();
        sent.forEach(p -> finalText.put(p.articleId(), p.text()));
        int w = 0;
        for (ParagraphEvent p : sent) {
            if (w < 40 && p.text().matches("Speaker (30|29|28) .*")) {
                finalText.put(p.articleId(), p.text().replace("(USA)", "(PRK)"));
                w++;
            }
        }
        Map<String, Long> perSpeaker = new java.util.TreeMap<>();
        finalText.values().stream().filter(t -> t.contains("(USA)"))
                .forEach(t -> perSpeaker.merge(t.substring(0, t.indexOf(" (")), 1L, Long::sum));
        assertThat(usa.speakers()).isEqualTo(perSpeaker.size());
        Map<String, Long> expectedTop = new java.util.LinkedHashMap<>();
        perSpeaker.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).forEach(e -> expectedTop.put(e.getKey(), e.getValue()));
        assertThat(usa.topSpeakers()).containsExactlyEntriesOf(expectedTop);
        assertThat(usa.statements()).isEqualTo(perSpeaker.values().stream().mapToLong(Long::longValue).sum());

        KeyValueStore<String, org.apache.kafka.streams.state.ValueAndTimestamp<Stats>> store =
                driver.getTimestampedKeyValueStore(NewsTopology.SIDE_STORE);
        assertThat(store.get("USA").value().speakers).as("the stored row keeps only the top speakers").hasSize(10);
    }

    @Test
    void articleStateIsDroppedAfterTheContextTtlOfWallClockTime() {
        driver.close();
        NewsTopology.Options o = NewsTopology.Options.defaults(T);
        NewsTopology.Options oneHour = new NewsTopology.Options(o.topics(), Duration.ofHours(1), o.windowGrace(),
                o.maxParagraphChars(), o.hourlyRetention(), o.dailyRetention());
        startWith(NewsTopology.build(oneHour, TestTaggers.simple(), ProcessorMetrics.noop()));
        KeyValueStore<String, ArticleState> store = driver.getKeyValueStore(NewsTopology.ARTICLE_STORE);

        ParagraphEvent p = paragraph("ttl", 0, "X (USA) said: \"good\"", DAY0);
        send(p);
        assertThat(store.get("ttl")).isNotNull();
        driver.advanceWallClockTime(Duration.ofMinutes(50));
        assertThat(store.get("ttl")).as("still within the TTL").isNotNull();
        send(paragraph("other", 0, "Y (PRK) said: \"hi\"", DAY0)); // another article does not keep this one alive
        driver.advanceWallClockTime(Duration.ofMinutes(11));
        assertThat(store.get("ttl")).as("idle for more than the TTL").isNull();
        assertThat(store.get("other")).as("idle for 11 minutes only").isNotNull();

        // The re-publication memory went with it: the same paragraph now counts again (documented limit).
        send(p);
        assertThat(sides.readKeyValuesToMap().get("USA").statements()).isEqualTo(2);
    }

    @Test
    void oddButValidTextIsTaggedByTheRealTaggerWithoutDeadLetters() {
        driver.close();
        startWith(NewsTopology.build(NewsTopology.Options.defaults(T), dev.newsstream.tagger.Taggers.create(null, null),
                ProcessorMetrics.noop()));
        List<String> texts = List.of(
                "",
                " \t\n\u00a0 ",
                "\u0000\"We are\u0007 ready\u001b,\" said\u0085 John Smith.\u2028\u0001",
                "«Мы готовы к переговорам», — заявил Сергей Лавров. 王毅说：“我们愿意合作。” قال الوزير: \"نحن مستعدون\".",
                "\"" + "We will never accept these hostile demands. ".repeat(2_000) + "\" said Kim Jong Un.",
                "\"“‘«„‹".repeat(300) + "deep" + "›“»’”\"".repeat(300) + " said John Smith.",
                "\"".repeat(5_000) + " said John Smith.");
        for (int i = 0; i < texts.size(); i++) {
            send(paragraph("odd", i, texts.get(i), DAY0));
        }
        assertThat(dead.readRecordsToList()).isEmpty();
        List<TaggedParagraphEvent> out = tagged.readValuesToList();
        assertThat(out).extracting(TaggedParagraphEvent::seq).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(out.get(0).statements()).isEmpty();
        assertThat(out.get(1).statements()).isEmpty();
        for (TaggedParagraphEvent e : out) {
            e.statements().forEach(st -> assertThat(e.text().substring(st.start(), st.end())).isEqualTo(st.text()));
        }
    }

    @Test
    void dailyWindowsAreEmittedOnceWhenTheyClose() {
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 2; i++) {
                send(paragraph("d" + day, i, "X (USA) said: \"good\"", DAY0.plus(Duration.ofDays(day)).plusSeconds(i)));
            }
        }
        // a later statement advances stream time beyond the last window's end + grace (windows close on statements)
        send(paragraph("late", 0, "X (USA) said: \"late\"", DAY0.plus(Duration.ofDays(4))));
        List<TableRow> rows = daily.readValuesToList();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(TableRow::statements).containsExactly(2L, 2L, 2L);
        assertThat(rows).extracting(r -> r.windowStart().toString())
                .containsExactly("2019-02-27T00:00:00Z", "2019-02-28T00:00:00Z", "2019-03-01T00:00:00Z");
    }

    @Test
    void statementsForClosedWindowsAreCountedPerSideAndSizeNotSilentlyDropped() {
        // the test driver runs all sub-topologies in one task, so stream time includes the input records'
        // timestamps: give them the publication time, as a producer of news in real time would
        java.util.function.Consumer<ParagraphEvent> send = p -> in.pipeInput(
                p.articleId().getBytes(StandardCharsets.UTF_8), JsonSerde.of(ParagraphEvent.class).serialize("t", p),
                p.publishedAt());
        send.accept(paragraph("a", 0, "X (USA) said: \"good\"", DAY0));
        // two days later: the hourly and daily windows of DAY0 are closed (end + default grace long passed)
        send.accept(paragraph("b", 0, "X (USA) said: \"good\"", DAY0.plus(Duration.ofDays(2))));
        // within the daily grace of the current day, but 2 hours back: its hourly window (1 h grace) is closed
        send.accept(paragraph("c", 0, "X (USA) said: \"late\"", DAY0.plus(Duration.ofDays(2)).minus(Duration.ofHours(2))));
        // back on DAY0: both windows closed
        send.accept(paragraph("d", 0, "X (USA) said: \"old\"", DAY0.plusSeconds(60)));
        KeyValueStore<String, Long> late = driver.getKeyValueStore(NewsTopology.SIDE_LATE_STORE);
        assertThat(late.get(LateCounter.key("USA", LateCounter.HOURLY))).isEqualTo(2L);
        assertThat(late.get(LateCounter.key("USA", LateCounter.DAILY))).isEqualTo(1L);
    }

    @Test
    void taggedParagraphsNameTheApplicationIdThatWroteThem() {
        send(paragraph("a", 0, "X (USA) said: \"good\"", DAY0));
        var r = tagged.readRecord();
        assertThat(new String(r.headers().lastHeader(OtherWriters.HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("topology-test");
    }

    @Test
    void lateFollowsKafkaStreamsWindowCloseRule() {
        long hour = Duration.ofHours(1).toMillis();
        assertThat(LateCounter.late(0, hour, 0, hour)).as("window end reached").isTrue();
        assertThat(LateCounter.late(0, hour, 0, hour - 1)).isFalse();
        assertThat(LateCounter.late(0, hour, 10, hour + 9)).as("within grace").isFalse();
        assertThat(LateCounter.late(hour - 1, hour, 10, hour + 10)).isTrue();
    }

    @Test
    void topologyNamesStayStable() throws Exception {
        Topology topology = NewsTopology.build(NewsTopology.Options.defaults(T), TestTaggers.simple(), ProcessorMetrics.noop());
        Path snapshot = Path.of("src/test/resources/topology-description.txt");
        if (Boolean.getBoolean("newsstream.updateSnapshots")) {
            // deliberate renames only: mvn test -Dnewsstream.updateSnapshots=true, then review the diff
            Files.writeString(snapshot, topology.describe().toString().strip() + "\n");
        }
        String expected = Files.readString(snapshot);
        assertThat(topology.describe().toString().strip()).isEqualTo(expected.strip());
    }

    @Test
    void aTaggedParagraphIsDocumentedJson() throws Exception {
        send(paragraph("a", 0, "X (USA) said: \"good\"", DAY0));
        byte[] raw = JsonSerde.of(TaggedParagraphEvent.class).serialize("t", tagged.readValue());
        var json = Json.mapper().readTree(raw);
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(json.get("publishedAt").asText()).isEqualTo("2019-02-27T09:00:00Z");
        assertThat(json.at("/statements/0/sentiment/compound").asDouble()).isEqualTo(0.5);
        // a lexicon-only tagger: polarity is VADER's cut-off, with no probabilities
        assertThat(json.at("/statements/0/polarity/label").asText()).isEqualTo("positive");
        assertThat(json.at("/statements/0/polarity/source").asText()).isEqualTo("vader");
        assertThat(json.at("/statements/0/polarity").has("probabilities")).isFalse();
        assertThat(json.at("/statements/0/evidence/rule").asText()).isEqualTo("test");
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
