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
    private final Tagger tagger;
    private final NewsTopology.Options options;
    private final ProcessorMetrics metrics;
    private final JsonSerde<ParagraphEvent> paragraphSerde =
            new JsonSerde<>(ParagraphEvent.class, ParagraphEvent.SCHEMA_VERSION);
    private ProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ArticleState> store;
    private final Map<String, ArticleState> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArticleState> eldest) {
            return size() > RECENT_ARTICLES;
        }
    };
    /** Articles whose state is kept as objects; bounded so memory stays flat. */
    static final int RECENT_ARTICLES = 2_000;

    TagProcessor(Tagger tagger, NewsTopology.Options options, ProcessorMetrics metrics) {
        this.tagger = tagger;
        this.options = options;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.store = context.getStateStore(NewsTopology.ARTICLE_STORE);
        Duration every = options.contextTtl().dividedBy(4);
        if (every.compareTo(Duration.ofMinutes(1)) > 0) {
            every = Duration.ofMinutes(1);
        }
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            every = Duration.ofSeconds(1);
        }
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /** Drops article state idle for longer than the TTL, so state does not grow without bound. */
    private void expire(long nowMs) {
        long cutoff = nowMs - options.contextTtl().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ArticleState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, ArticleState> kv = it.next();
                if (kv.value == null || kv.value.lastSeenMs() < cutoff) {
                    old.add(kv.key);
                }
            }
        }
        for (String key : old) {
            store.delete(key);
            recent.remove(key);
        }
        metrics.expired(old.size());
    }

    /**
     * The article's state: from the recently used ones kept as objects (an article's paragraphs arrive one after
     * another, and reading the store means deserialising the state for every paragraph), else from the store.
     * Safe because this processor is the store's only writer for its task, and a task that is closed (after a
     * rebalance or an aborted transaction) gets a new processor with an empty cache.
     */
    private ArticleState load(String articleId) {
        ArticleState s = recent.get(articleId);
        return s != null ? s : store.get(articleId);
    }

    private void save(String articleId, ArticleState state) {
        store.put(articleId, state);
        recent.put(articleId, state);
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
        try {
            tag(record, p);
        } catch (RuntimeException e) {
            // A tagger bug must not stop the stream: the record is kept, with the reason, for a later replay.
            deadLetter(record, "process", e.getClass().getName(), String.valueOf(e.getMessage()));
        }
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
        ArticleContext ctx = state == null ? ArticleContext.start(p.title()) : state.context();
        Map<Integer, ArticleState.ParagraphMemo> memos = state == null ? new HashMap<>() : new HashMap<>(state.paragraphs());
        String fingerprint = fingerprint(p.text());
        ArticleState.ParagraphMemo previous = memos.get(p.seq());
        if (previous != null && previous.fingerprint().equals(fingerprint)) {
            metrics.duplicate();
            save(p.articleId(), new ArticleState(ArticleState.SCHEMA_VERSION, ctx, memos, now));
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
                added.add(new StatementDelta(StatementDelta.SCHEMA_VERSION, p.articleId(), p.seq(), s.side(),
                        s.speaker(), s.text(), s.stance() == null ? null : s.stance().label(),
                        s.sentiment() == null ? null : s.sentiment().compound(), p.publishedAt(), 1));
            }
        }
        deltas.addAll(added);
        // the memo only needs what a withdrawal subtracts: not the statement's text
        memos.put(p.seq(), new ArticleState.ParagraphMemo(fingerprint,
                added.stream().map(StatementDelta::withoutText).toList()));
        save(p.articleId(), new ArticleState(ArticleState.SCHEMA_VERSION, ctx, memos, now));
        TaggedParagraphEvent out = new TaggedParagraphEvent(TaggedParagraphEvent.SCHEMA_VERSION, p.articleId(),
                p.seq(), p.paragraphs(), p.block(), p.text(), p.title(), p.url(), p.source(), p.publishedAt(),
                p.ingestedAt(), Instant.ofEpochMilli(now), statements);
        long ts = p.publishedAt() != null ? p.publishedAt().toEpochMilli() : record.timestamp();
        metrics.tagged(statements.size());
        context.forward(new Record<>(p.articleId(), new Outcome.Tagged(out, deltas), ts, record.headers()));
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
        context.forward(new Record<>(key, new Outcome.Dead(record.key(), record.value()), record.timestamp(), h));
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
