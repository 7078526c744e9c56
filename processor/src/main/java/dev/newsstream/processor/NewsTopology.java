package dev.newsstream.processor;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import dev.newsstream.tagger.Tagger;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The processor's topology, a pure function of its options and the tagger (no IO, no environment, no
 * {@code KafkaStreams}). Topics (key → value, all values JSON with a {@code schemaVersion}):
 * <ul>
 *   <li>in: {@code news.paragraphs} — articleId → {@code ParagraphEvent} (read as raw bytes, so a record that
 *       cannot be parsed reaches the dead-letter topic byte for byte)</li>
 *   <li>out: {@code news.tagged-paragraphs} — articleId → {@code TaggedParagraphEvent}</li>
 *   <li>out: {@code news.side-sentiment} — side → {@code TableRow} (table "side")</li>
 *   <li>out: {@code news.speaker-sentiment} — speaker → {@code TableRow} (table "speaker")</li>
 *   <li>out: {@code news.side-sentiment-hourly} / {@code -daily} — side → {@code TableRow} with its window, emitted
 *       once when the window closes (event time = publication time, plus {@code window.grace.hourly} / {@code .daily})</li>
 *   <li>out: {@code news.dead-letters} — the original key and value bytes; headers in {@code DeadLetterHeaders}</li>
 * </ul>
 * Every processor, store and internal topic is named (and {@code ensure.explicit.internal.resource.naming} is
 * on), so names stay stable across versions; a test snapshots {@code describe()}.
 */
public final class NewsTopology {
    public static final String ARTICLE_STORE = "article-state-store";
    /** Article ids by the minute they were last seen, so the TTL punctuator reads only what has expired. */
    public static final String ARTICLE_EXPIRY_STORE = "article-expiry-store";
    /** Statements per side and speaker, so a side's all-time row can keep only its top speakers. */
    public static final String SIDE_SPEAKER_STORE = "side-speaker-count-store";
    public static final String SIDE_STORE = "side-sentiment-store";
    public static final String SPEAKER_STORE = "speaker-sentiment-store";
    /** Speakers by statement count, per scope (all, and per dominant side): the top N without a scan. */
    public static final String SPEAKER_RANK_STORE = "speaker-rank-store";
    /** Where each speaker's rank and expiry entries are, and speakers by day of last activity. */
    public static final String SPEAKER_INDEX_STORE = "speaker-index-store";
    /** The scope of {@link #SPEAKER_RANK_STORE} that ranks every speaker (the others are side codes). */
    public static final String ALL_SPEAKERS = SpeakerIndex.ALL;
    /** Kept by the tag step itself (its key starts with the article id), so it needs no repartition topic. */
    public static final String ARTICLE_SIDE_STORE = "article-side-stats-store";
    public static final String SIDE_HOURLY_STORE = "side-sentiment-hourly-store";
    public static final String SIDE_DAILY_STORE = "side-sentiment-daily-store";
    /** Statements that arrived after their hourly / daily window had closed, per side and size ({@link LateCounter}). */
    public static final String SIDE_LATE_STORE = "side-late-count-store";
    /** Statements without a speaker are counted in the side tables but not in the speaker table. */
    public static final String NO_SPEAKER = "";

    /**
     * The options the topology depends on (a subset of {@link ProcessorSettings}).
     *
     * @param maxFuture    a publishedAt later than the ingest time plus this is clamped to the ingest time
     * @param poisonMarker TEST ONLY ({@code test.poison.marker}, empty = off): a statement whose text contains it
     *                     makes the speaker aggregate throw, to prove that such a failure is dead-lettered
     */
    public record Options(TopicNames topics, Duration contextTtl, WindowGrace windowGrace, int maxParagraphChars,
                          Duration hourlyRetention, Duration dailyRetention, Duration maxFuture, String poisonMarker,
                          Duration speakerIdleTtl) {
        public Options(TopicNames topics, Duration contextTtl, WindowGrace windowGrace, int maxParagraphChars,
                       Duration hourlyRetention, Duration dailyRetention) {
            this(topics, contextTtl, windowGrace, maxParagraphChars, hourlyRetention, dailyRetention,
                    DEFAULT_MAX_FUTURE, "", DEFAULT_SPEAKER_IDLE_TTL);
        }

        public static Options from(ProcessorSettings s) {
            return new Options(s.topics(), s.contextTtl(), s.windowGrace(), DEFAULT_MAX_PARAGRAPH_CHARS,
                    Duration.ofDays(31), Duration.ofDays(3 * 366), s.reliability().maxFuture(),
                    s.reliability().poisonMarker(), s.reliability().speakerIdleTtl());
        }

        public static Options defaults(TopicNames topics) {
            return new Options(topics, Duration.ofHours(24), WindowGrace.DEFAULT, DEFAULT_MAX_PARAGRAPH_CHARS,
                    Duration.ofDays(31), Duration.ofDays(3 * 366));
        }

        public Options withPoisonMarker(String marker) {
            return new Options(topics, contextTtl, windowGrace, maxParagraphChars, hourlyRetention, dailyRetention,
                    maxFuture, marker, speakerIdleTtl);
        }

        public Options withSpeakerIdleTtl(Duration ttl) {
            return new Options(topics, contextTtl, windowGrace, maxParagraphChars, hourlyRetention, dailyRetention,
                    maxFuture, poisonMarker, ttl);
        }

        public Options withContextTtl(Duration ttl) {
            return new Options(topics, ttl, windowGrace, maxParagraphChars, hourlyRetention, dailyRetention,
                    maxFuture, poisonMarker, speakerIdleTtl);
        }
    }

    /** How far ahead of its ingest time a publication time may lie before it is clamped. */
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
    /** Speakers idle this long (event time) are dropped from the speaker table. */
    public static final Duration DEFAULT_SPEAKER_IDLE_TTL = Duration.ofDays(90);

    /** Longer paragraphs are dead-lettered: no real paragraph is this long, and tagging time grows with length. */
    public static final int DEFAULT_MAX_PARAGRAPH_CHARS = 200_000;

    private NewsTopology() {
    }

    public static Topology build(Options o, Tagger tagger, ProcessorMetrics metrics) {
        TopicNames t = o.topics();
        StreamsBuilder b = new StreamsBuilder(new TopologyConfig(new StreamsConfig(namingCheck())));
        JsonSerde<ArticleState> stateSerde = new JsonSerde<>(ArticleState.class);
        JsonSerde<StatementDelta> deltaSerde = new JsonSerde<>(StatementDelta.class, StatementDelta.SCHEMA_VERSION);
        JsonSerde<Stats> statsSerde = new JsonSerde<>(Stats.class);
        JsonSerde<TableRow> rowSerde = new JsonSerde<>(TableRow.class);

        // Caching: an article's paragraphs usually arrive within one commit interval, so its state and its article
        // × side rows reach the changelog once per commit instead of once per paragraph.
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLE_STORE),
                Serdes.String(), stateSerde).withCachingEnabled());
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLE_SIDE_STORE),
                Serdes.String(), statsSerde).withCachingEnabled());
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARTICLE_EXPIRY_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        KStream<String, Outcome> outcomes = b
                .stream(t.paragraphs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("paragraphs-source"))
                .process(() -> new TagProcessor(tagger, o, metrics), Named.as("parse-and-tag"), ARTICLE_STORE,
                        ARTICLE_SIDE_STORE, ARTICLE_EXPIRY_STORE);

        Map<String, KStream<String, Outcome>> branches = outcomes.split(Named.as("outcome-"))
                .branch((k, v) -> v instanceof Outcome.Dead, Branched.as("dead"))
                .defaultBranch(Branched.as("tagged"));

        branches.get("outcome-dead")
                .map((k, v) -> KeyValue.pair(((Outcome.Dead) v).key(), ((Outcome.Dead) v).value()),
                        Named.as("dead-letter-bytes"))
                .to(t.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters-sink"));

        KStream<String, Outcome.Tagged> tagged = branches.get("outcome-tagged")
                .mapValues(v -> (Outcome.Tagged) v, Named.as("tagged-outcomes"));
        tagged.mapValues(Outcome.Tagged::event, Named.as("tagged-events"))
                .to(t.taggedParagraphs(), Produced.with(Serdes.String(), new JsonSerde<>(TaggedParagraphEvent.class))
                        .withName("tagged-paragraphs-sink"));

        KStream<String, StatementDelta> deltas = tagged.flatMapValues(Outcome.Tagged::deltas, Named.as("statement-deltas"));

        // per side: one repartition by side feeds the all-time row (with its speakers counted beside it, so the row
        // keeps only its top speakers) and the hourly and daily windows
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIDE_SPEAKER_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        KStream<String, StatementDelta> bySide = deltas
                .selectKey((k, d) -> sideKey(d.side()), Named.as("deltas-by-side"))
                .repartition(Repartitioned.<String, StatementDelta>as("deltas-by-side")
                        .withKeySerde(Serdes.String()).withValueSerde(deltaSerde));
        bySide.processValues(SideSpeakerCounter::new, Named.as("side-speaker-counts"), SIDE_SPEAKER_STORE)
                .groupByKey(Grouped.<String, SideDelta>as("side-deltas").withKeySerde(Serdes.String()))
                .aggregate(Stats::new, (side, sd, s) -> s.apply(sd, eventTime(s, sd.delta())), Named.as("side-aggregate"),
                        Materialized.<String, Stats, KeyValueStore<Bytes, byte[]>>as(SIDE_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(statsSerde))
                .toStream(Named.as("side-changes"))
                .mapValues((side, s) -> s.toRow("side", side, side, null, null, null, null), Named.as("side-rows"))
                .to(t.sideSentiment(), Produced.with(Serdes.String(), rowSerde).withName("side-sentiment-sink"));

        // per side, hourly and daily tumbling windows on event time, final results only
        // statements for windows that have already closed are counted per side before the aggregates drop them
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIDE_LATE_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        KGroupedStream<String, StatementDelta> bySideGrouped = bySide
                .processValues(() -> new LateCounter(o.windowGrace()), Named.as("side-late-counts"), SIDE_LATE_STORE)
                .groupByKey(Grouped.with("deltas-by-side-grouped", Serdes.String(), deltaSerde));
        windowed(bySideGrouped, "hourly", Duration.ofHours(1), o.windowGrace().hourly(), o.hourlyRetention(), SIDE_HOURLY_STORE,
                statsSerde, rowSerde, t.sideSentimentHourly());
        windowed(bySideGrouped, "daily", Duration.ofDays(1), o.windowGrace().daily(), o.dailyRetention(), SIDE_DAILY_STORE,
                statsSerde, rowSerde, t.sideSentimentDaily());

        // per speaker (with the side most of their statements carry), ranked and expired by SpeakerIndex
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPEAKER_RANK_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPEAKER_INDEX_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());
        deltas.filter((k, d) -> d.speaker() != null && !d.speaker().isBlank(), Named.as("with-speaker"))
                .groupBy((k, d) -> d.speaker(), Grouped.with("deltas-by-speaker", Serdes.String(), deltaSerde))
                .aggregate(Stats::new, (sp, d, s) -> s.apply(poisonCheck(o, d), eventTime(s, d)), Named.as("speaker-aggregate"),
                        Materialized.<String, Stats, KeyValueStore<Bytes, byte[]>>as(SPEAKER_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(statsSerde))
                .toStream(Named.as("speaker-changes"))
                .process(() -> new SpeakerIndex(o.speakerIdleTtl()), Named.as("speaker-index"), SPEAKER_STORE,
                        SPEAKER_RANK_STORE, SPEAKER_INDEX_STORE)
                .mapValues((sp, s) -> s == null ? null : s.toRow("speaker", sp, s.dominantSide(), sp, null, null, null),
                        Named.as("speaker-rows"))
                .to(t.speakerSentiment(), Produced.with(Serdes.String(), rowSerde).withName("speaker-sentiment-sink"));

        // per article x side (queryable; no output topic): kept by the tag step itself (TagProcessor), since its key
        // starts with the article id and the paragraphs are already partitioned by it
        return b.build();
    }

    /** Only what the builder reads: a topology with an unnamed store or internal topic fails to build. */
    private static Properties namingCheck() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-check");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return p;
    }

    /**
     * The time a row is updated at: the latest event time (publication time, clamped so it is never in the future)
     * it has seen, never the wall clock, so a row is a function of its input and which of two copies of a row is
     * newer is decided by the data, not by the clocks of the machines that computed them.
     */
    static long eventTime(Stats s, StatementDelta d) {
        long t = d.publishedAt() == null ? 0 : d.publishedAt().toEpochMilli();
        return Math.max(s.updatedAtMs, t);
    }

    /** Marker + this suffix in a statement makes the test hook throw an {@link Error} instead of an exception. */
    public static final String FATAL_SUFFIX = "!FATAL";

    /** What the test hook throws to kill a stream thread. */
    static final class PoisonError extends Error {
        private static final long serialVersionUID = 1L;

        PoisonError(String message) {
            super(message);
        }
    }

    /**
     * The documented test hook ({@code test.poison.marker}): off (empty marker) in every real configuration. A
     * statement containing the marker makes the speaker aggregate throw an exception (dead-lettered by
     * {@link DeadLetterHandlers}); the marker followed by {@value #FATAL_SUFFIX} throws an Error, which kills the
     * stream thread.
     */
    static StatementDelta poisonCheck(Options o, StatementDelta d) {
        if (!o.poisonMarker().isEmpty() && d.text() != null && d.text().contains(o.poisonMarker())) {
            if (d.text().contains(o.poisonMarker() + FATAL_SUFFIX)) {
                // an Error, which no exception handler takes: the stream thread dies (the health test's case)
                throw new PoisonError("test.poison.marker '" + o.poisonMarker() + FATAL_SUFFIX + "' found in a"
                        + " statement of " + d.articleId() + "#" + d.seq() + " (a test-only hook that kills the thread)");
            }
            throw new IllegalStateException("test.poison.marker '" + o.poisonMarker() + "' found in a statement of "
                    + d.articleId() + "#" + d.seq() + " (a test-only hook that makes the speaker aggregate throw)");
        }
        return d;
    }

    /** The side a statement is counted under: its side, or {@code UNKNOWN} when none was found. */
    public static String sideKey(String side) {
        return side == null ? "UNKNOWN" : side;
    }

    /** Key of the article-side store: {@code articleId + '\u001f' + side} (unit separator: never in an id). */
    public static String articleSideKey(String articleId, String side) {
        return articleId + '\u001f' + side;
    }

    private static void windowed(KGroupedStream<String, StatementDelta> bySide, String name, Duration size,
                                 Duration grace, Duration retention, String store, JsonSerde<Stats> statsSerde,
                                 JsonSerde<TableRow> rowSerde, String topic) {
        String table = "side-" + name;
        bySide.windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(Stats::new, (side, d, s) -> s.apply(d, eventTime(s, d)), Named.as(table + "-aggregate"),
                        Materialized.<String, Stats, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String()).withValueSerde(statsSerde)
                                .withRetention(retention.compareTo(size.plus(grace)) < 0 ? size.plus(grace) : retention))
                .toStream(Named.as(table + "-changes"))
                .map((wk, s) -> KeyValue.pair(wk.key(), s.toRow(table, wk.key(), wk.key(), null, null,
                        wk.window().startTime(), wk.window().endTime())), Named.as(table + "-rows"))
                .to(topic, Produced.with(Serdes.String(), rowSerde).withName(table + "-sink"));
    }
}
