package dev.newsstream.processor;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Statement;
import dev.newsstream.tagger.TaggedParagraph;
import dev.newsstream.tagger.Tagger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Parses, validates and tags one paragraph record, in order per article, keeping the article's context in
 * {@link NewsTopology#ARTICLE_STORE}. Every input record ends as exactly one of: a {@link Outcome.Tagged}
 * (forwarded with the article's publication time as its timestamp, so windows use event time), a
 * {@link Outcome.Dead} (original bytes, reason in headers), or a counted skip (a re-published paragraph whose
 * text is unchanged). Never throws on bad input.
 */
final class TagProcessor implements Processor<byte[], byte[], String, Outcome> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TagProcessor.class);
    private final Tagger tagger;
    private final NewsTopology.Options options;
    private final ProcessorMetrics metrics;
    private final JsonSerde<ParagraphEvent> paragraphSerde =
            new JsonSerde<>(ParagraphEvent.class, ParagraphEvent.SCHEMA_VERSION);
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ArticleState> store;
    private KeyValueStore<String, Stats> articleSides;
    private KeyValueStore<String, Long> expiry;
    private final Map<String, ArticleState> recent = lru(RECENT_ARTICLES);
    private final Map<String, Stats> recentSides = lru(RECENT_ARTICLES * 2);
    /** Articles whose state (and article × side rows) are kept as objects; bounded so memory stays flat. */
    static final int RECENT_ARTICLES = 2_000;

    TagProcessor(Tagger tagger, NewsTopology.Options options, ProcessorMetrics metrics) {
        this.tagger = tagger;
        this.options = options;
        this.metrics = metrics;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.store = context.getStateStore(NewsTopology.ARTICLE_STORE);
        this.articleSides = context.getStateStore(NewsTopology.ARTICLE_SIDE_STORE);
        this.expiry = context.getStateStore(NewsTopology.ARTICLE_EXPIRY_STORE);
        // Kafka Streams calls init() again on this same instance when it revives a task after an aborted
        // transaction, with the stores wiped and restored to the last commit: objects cached before that may hold
        // uncommitted state, so the caches start empty on every init.
        recent.clear();
        recentSides.clear();
        Duration every = options.contextTtl().dividedBy(4);
        if (every.compareTo(Duration.ofMinutes(1)) > 0) {
            every = Duration.ofMinutes(1);
        }
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            every = Duration.ofSeconds(1);
        }
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /**
     * Drops article state idle for longer than the TTL, so state does not grow without bound. Reads only the
     * expiry index entries of the minutes that have passed the TTL (never the whole store): the cost of a run is
     * that of the articles it drops, so it does not stall the stream thread when millions of articles are kept.
     */
    private void expire(long nowMs) {
        long cutoff = nowMs - options.contextTtl().toMillis();
        if (expiry.get(INDEX_COMPLETE) == null) {
            indexExistingArticles();
        }
        // the minutes before the cutoff's own minute: every article last seen in them has expired. The bound is the
        // cutoff minute's bare time key, which sorts after every key of an earlier minute and before its own keys.
        String upTo = minuteKey(cutoff);
        List<String> indexKeys = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = expiry.range(EXPIRY_KEY_MIN, upTo)) {
            while (it.hasNext()) {
                indexKeys.add(it.next().key);
            }
        }
        int dropped = 0;
        for (String indexKey : indexKeys) {
            String articleId = indexKey.substring(indexKey.indexOf(EXPIRY_SEPARATOR) + 1);
            expiry.delete(indexKey);
            ArticleState state = load(articleId);
            if (state != null && state.lastSeenMs() < cutoff) {
                store.delete(articleId);
                recent.remove(articleId);
                dropSides(articleId);
                dropped++;
            }
        }
        metrics.expired(dropped);
    }

    /** The article's article × side rows go with it (keys start with the article id and the unit separator). */
    private void dropSides(String articleId) {
        String prefix = NewsTopology.articleSideKey(articleId, "");
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Stats> it = articleSides.range(prefix, prefix + Character.MAX_VALUE)) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        for (String k : keys) {
            articleSides.delete(k);
            recentSides.remove(k);
        }
    }

    /**
     * Builds the expiry index of a store written before the index existed (once; a marker entry says it is done).
     * New stores are empty here, so this costs nothing after an upgrade's first run.
     */
    private void indexExistingArticles() {
        List<KeyValue<String, Long>> entries = new ArrayList<>();
        try (KeyValueIterator<String, ArticleState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ArticleState> kv = it.next();
                long lastSeen = kv.value == null ? 0 : kv.value.lastSeenMs();
                entries.add(KeyValue.pair(expiryKey(lastSeen, kv.key), lastSeen));
            }
        }
        expiry.putAll(entries);
        expiry.put(INDEX_COMPLETE, 0L);
    }

    /**
     * Key of the expiry index: the start of the article's last-seen minute (19 digits, so the keys sort by time),
     * the unit separator, the article id. Value: the exact last-seen time.
     */
    static String expiryKey(long lastSeenMs, String articleId) {
        return minuteKey(lastSeenMs) + EXPIRY_SEPARATOR + articleId;
    }

    /** The start of the minute of {@code ms}, zero-padded to 19 digits (two per paragraph: no String.format). */
    private static String minuteKey(long ms) {
        String digits = Long.toString(Math.max(0, Math.floorDiv(ms, EXPIRY_BUCKET_MS) * EXPIRY_BUCKET_MS));
        return "0".repeat(19 - digits.length()) + digits;
    }

    private void index(String articleId, ArticleState before, ArticleState after) {
        String key = expiryKey(after.lastSeenMs(), articleId);
        if (before != null) {
            String old = expiryKey(before.lastSeenMs(), articleId);
            if (old.equals(key)) {
                return; // the same minute: most paragraphs of an article
            }
            expiry.delete(old);
        }
        expiry.put(key, after.lastSeenMs());
    }

    static final long EXPIRY_BUCKET_MS = 60_000;
    private static final char EXPIRY_SEPARATOR = '\u001f';
    private static final String EXPIRY_KEY_MIN = "0";
    /** Sorts after every time key ('~' > digits): present once the index covers every article in the store. */
    static final String INDEX_COMPLETE = "~index-complete";

    @Override
    public void close() {
        recent.clear();
        recentSides.clear();
    }

    /**
     * The article's state: from the recently used ones kept as objects (an article's paragraphs arrive one after
     * another, and reading the store means deserialising the state for every paragraph), else from the store.
     * Safe because this processor is the store's only writer for its task, and the cache is emptied whenever the
     * task is (re)initialised, e.g. after an aborted transaction.
     */
    private ArticleState load(String articleId) {
        ArticleState s = recent.get(articleId);
        return s != null ? s : store.get(articleId);
    }

    private void save(String articleId, ArticleState before, ArticleState state) {
        store.put(articleId, state);
        recent.put(articleId, state);
        index(articleId, before, state);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.countReceived();
        ParagraphEvent p;
        try {
            p = paragraphSerde.deserialize(sourceTopic(), record.value());
        } catch (RuntimeException e) {
            deadLetter(record, "deserialize", e.getClass().getName(), e.getMessage());
            return;
        }
        String problem = validate(record.key(), p);
        if (problem != null) {
            deadLetter(record, "validate", IllegalArgumentException.class.getName(), problem);
            return;
        }
        ParagraphEvent clamped = p.clampPublishedAt(ingestTime(p), options.maxFuture());
        if (clamped != p) {
            metrics.clamped();
            p = clamped;
        }
        try {
            tag(record, p);
        } catch (RuntimeException e) {
            // A tagger bug must not stop the stream: the record is kept, with the reason, for a later replay.
            metrics.attributionFailure();
            LOG.warn("tagging {}#{} failed; dead-lettered: {}", p.articleId(), p.seq(), e.toString(), e);
            deadLetter(record, "process", e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * The paragraph's ingest time: the producer's {@code ingestedAt}, unless that is itself ahead of this machine's
     * clock (then the clock). Publication times more than {@code published.at.max.future} after it are clamped to it.
     */
    private Instant ingestTime(ParagraphEvent p) {
        long now = context.currentSystemTimeMs();
        Instant ingested = p.ingestedAt();
        if (ingested == null || ingested.toEpochMilli() > now + options.maxFuture().toMillis()) {
            return Instant.ofEpochMilli(now);
        }
        return ingested;
    }

    /**
     * A record time this step may write: never more than {@code published.at.max.future} ahead of the clock, so no
     * input can make the broker refuse a record of an internal or output topic (it refuses timestamps more than
     * {@code message.timestamp.after.max.ms}, 1 h by default, ahead on topics with CreateTime).
     */
    private long safeTimestamp(long ts) {
        long now = context.currentSystemTimeMs();
        return ts > now + options.maxFuture().toMillis() ? now : ts;
    }

    private String validate(byte[] key, ParagraphEvent p) {
        if (p == null) {
            return "the value is null (a tombstone); a paragraph event was expected";
        }
        if (p.articleId() == null || p.articleId().isBlank()) {
            return "field 'articleId' is missing or empty";
        }
        if (p.text() == null) {
            return "field 'text' is missing";
        }
        if (p.seq() < 0) {
            return "field 'seq' must be >= 0, was " + p.seq();
        }
        if (key == null) {
            return "the record has no key; the key must be the articleId ('" + p.articleId() + "')";
        }
        String k = new String(key, StandardCharsets.UTF_8);
        if (!k.equals(p.articleId())) {
            return "the record key '" + abbreviate(k) + "' differs from the articleId '" + abbreviate(p.articleId())
                    + "'; paragraphs of one article must share its id as key to stay in order";
        }
        if (p.text().length() > options.maxParagraphChars()) {
            return "paragraph text has " + p.text().length() + " characters, more than max.paragraph.chars="
                    + options.maxParagraphChars();
        }
        return null;
    }

    private void tag(Record<byte[], byte[]> record, ParagraphEvent p) {
        long now = context.currentSystemTimeMs();
        ArticleState state = load(p.articleId());
        // the headline's names are context for the body, as in the offline tagger (its statements are not
        // published: the topic carries paragraphs, and the title is not one)
        ArticleContext ctx = state == null ? tagger.headline(p.title(), p.publishedAt() == null ? null
                : p.publishedAt().toString()).context() : state.context();
        Map<Integer, ArticleState.ParagraphMemo> memos = state == null ? new HashMap<>() : new HashMap<>(state.paragraphs());
        String fingerprint = fingerprint(p.text());
        ArticleState.ParagraphMemo previous = memos.get(p.seq());
        if (previous != null && previous.fingerprint().equals(fingerprint)) {
            metrics.duplicate();
            save(p.articleId(), state, new ArticleState(ArticleState.SCHEMA_VERSION, ctx, memos, now));
            return;
        }
        List<StatementEvent> statements = new ArrayList<>();
        List<StatementDelta> deltas = new ArrayList<>();
        if (previous != null) {
            // a corrected paragraph: withdraw what the earlier version contributed
            previous.deltas().forEach(d -> deltas.add(d.withWeight(-1)));
            metrics.corrected();
        }
        List<StatementDelta> added = new ArrayList<>();
        if (!p.boilerplate() && !p.text().isBlank()) {
            TaggedParagraph tagged = tagger.tag(ctx, p.text());
            ctx = tagged.context();
            for (Statement s : tagged.statements()) {
                statements.add(StatementEvents.of(s));
                // the speaker table's key: one row per entity, whatever quotes, spacing or title case it came with
                added.add(new StatementDelta(StatementDelta.SCHEMA_VERSION, p.articleId(), p.seq(), s.side(),
                        SpeakerNames.normalise(s.speaker()), s.text(), s.stance() == null ? null : s.stance().label(),
                        s.sentiment() == null ? null : s.sentiment().compound(), p.publishedAt(), 1,
                        s.polarity() == null ? null : s.polarity().label()));
            }
        }
        deltas.addAll(added);
        updateArticleSides(deltas, now);
        // the memo only needs what a withdrawal subtracts: not the statement's text
        memos.put(p.seq(), new ArticleState.ParagraphMemo(fingerprint,
                added.stream().map(StatementDelta::withoutText).toList()));
        save(p.articleId(), state, new ArticleState(ArticleState.SCHEMA_VERSION, ctx, memos, now));
        TaggedParagraphEvent out = new TaggedParagraphEvent(TaggedParagraphEvent.SCHEMA_VERSION, p.articleId(),
                p.seq(), p.paragraphs(), p.block(), p.text(), p.title(), p.url(), p.source(), p.publishedAt(),
                p.ingestedAt(), Instant.ofEpochMilli(now), statements, p.publishedAtClampedFrom());
        long ts = safeTimestamp(p.publishedAt() != null ? p.publishedAt().toEpochMilli() : record.timestamp());
        metrics.tagged(statements.size());
        // who wrote it: another processor (another application.id) writing the same topics is found by this
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray());
        headers.remove(OtherWriters.HEADER);
        headers.add(OtherWriters.HEADER, context.applicationId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        context.forward(new Record<>(p.articleId(), new Outcome.Tagged(out, deltas), ts, headers));
    }

    /**
     * The article × side table lives in this step: its key starts with the article id, so the paragraph's own task
     * owns it and no repartition is needed (withdrawals first, as they come in {@code deltas}).
     */
    private void updateArticleSides(List<StatementDelta> deltas, long now) {
        for (StatementDelta d : deltas) {
            String key = NewsTopology.articleSideKey(d.articleId(), NewsTopology.sideKey(d.side()));
            Stats s = recentSides.get(key);
            if (s == null) {
                s = articleSides.get(key);
            }
            if (s == null) {
                s = new Stats();
            }
            s.apply(d, NewsTopology.eventTime(s, d));
            articleSides.put(key, s);
            recentSides.put(key, s);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String stage, String errorClass, String message) {
        metrics.deadLettered(stage);
        Headers h = new RecordHeaders(record.headers().toArray());
        put(h, DeadLetterHeaders.ERROR_STAGE, stage);
        put(h, DeadLetterHeaders.ERROR_CLASS, errorClass);
        put(h, DeadLetterHeaders.ERROR_MESSAGE, abbreviate(Objects.toString(message, "")));
        context.recordMetadata().ifPresent((RecordMetadata m) -> {
            put(h, DeadLetterHeaders.SOURCE_TOPIC, m.topic());
            put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(m.partition()));
            put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(m.offset()));
        });
        put(h, DeadLetterHeaders.TIME, Instant.ofEpochMilli(context.currentSystemTimeMs()).toString());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        context.forward(new Record<>(key, new Outcome.Dead(record.key(), record.value()),
                safeTimestamp(record.timestamp()), h));
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("?");
    }

    private static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }

    static String fingerprint(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
