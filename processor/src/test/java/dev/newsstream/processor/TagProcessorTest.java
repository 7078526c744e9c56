package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class TagProcessorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");

    @Test
    void aTaskRevivedAfterAnAbortedTransactionTagsTheReplayedParagraphAgain() {
        // Kafka Streams revives a task after an aborted transaction by wiping its stores, restoring them to the
        // last commit and calling init() again on the same processor: nothing it cached may survive that.
        NewsTopology.Options options = NewsTopology.Options.defaults(TopicNames.defaults());
        TagProcessor processor = new TagProcessor(TestTaggers.simple(), options, ProcessorMetrics.noop());
        MockProcessorContext<String, Outcome> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        context.setRecordMetadata("news.paragraphs", 0, 0);
        KeyValueStore<String, ArticleState> articles = store(NewsTopology.ARTICLE_STORE,
                new JsonSerde<>(ArticleState.class), context);
        KeyValueStore<String, Stats> sides = store(NewsTopology.ARTICLE_SIDE_STORE, new JsonSerde<>(Stats.class), context);
        store(NewsTopology.ARTICLE_EXPIRY_STORE, Serdes.Long(), context);
        processor.init(context);

        Record<byte[], byte[]> p = record(new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, "a", 0, 1, 1,
                "X (USA) said: \"good\"", "T", null, "test", T0, T0, false, null));
        processor.process(p);
        assertThat(tagged(context)).hasSize(1);
        assertThat(sides.get(NewsTopology.articleSideKey("a", "USA")).statements()).isEqualTo(1);

        // the transaction aborts: the stores go back to the last commit (empty), the task is initialised again
        articles.delete("a");
        sides.delete(NewsTopology.articleSideKey("a", "USA"));
        context.resetForwards();
        processor.init(context);
        processor.process(p);

        assertThat(tagged(context)).as("the replayed paragraph is tagged, not skipped as a duplicate").hasSize(1);
        assertThat(sides.get(NewsTopology.articleSideKey("a", "USA")).statements()).isEqualTo(1);

        // and a real duplicate after that is still recognised
        context.resetForwards();
        processor.process(p);
        assertThat(tagged(context)).isEmpty();
        assertThat(sides.get(NewsTopology.articleSideKey("a", "USA")).statements()).isEqualTo(1);
    }

    @Test
    void theTtlPunctuatorDropsExactlyTheArticlesIdleForLongerThanTheTtlUsingTheExpiryIndex() {
        NewsTopology.Options d = NewsTopology.Options.defaults(TopicNames.defaults());
        NewsTopology.Options oneHour = new NewsTopology.Options(d.topics(), Duration.ofHours(1), d.windowGrace(),
                d.maxParagraphChars(), d.hourlyRetention(), d.dailyRetention());
        TagProcessor processor = new TagProcessor(TestTaggers.simple(), oneHour, ProcessorMetrics.noop());
        MockProcessorContext<String, Outcome> context = new MockProcessorContext<>();
        context.setRecordMetadata("news.paragraphs", 0, 0);
        KeyValueStore<String, ArticleState> articles = store(NewsTopology.ARTICLE_STORE,
                new JsonSerde<>(ArticleState.class), context);
        store(NewsTopology.ARTICLE_SIDE_STORE, new JsonSerde<>(Stats.class), context);
        KeyValueStore<String, Long> expiry = store(NewsTopology.ARTICLE_EXPIRY_STORE, Serdes.Long(), context);

        // an article written before the index existed (an upgrade): in the store, not in the index
        long t0 = T0.toEpochMilli();
        articles.put("old", new ArticleState(ArticleState.SCHEMA_VERSION,
                dev.newsstream.tagger.ArticleContext.start("T"), new HashMap<>(), t0 - Duration.ofHours(5).toMillis()));
        processor.init(context);
        context.setCurrentSystemTimeMs(t0);
        processor.process(paragraph("a", 0));
        context.setCurrentSystemTimeMs(t0 + Duration.ofMinutes(30).toMillis());
        processor.process(paragraph("b", 0));
        processor.process(paragraph("a", 1)); // "a" moves to the later minute
        context.setCurrentSystemTimeMs(t0 + Duration.ofMinutes(50).toMillis());
        processor.process(paragraph("c", 0));
        assertThat(context.scheduledPunctuators()).hasSize(1);
        var punctuator = context.scheduledPunctuators().get(0).getPunctuator();

        punctuator.punctuate(t0 + Duration.ofMinutes(40).toMillis());
        assertThat(keys(articles)).as("only the pre-index article is older than 1 h").containsExactly("a", "b", "c");
        assertThat(expiry.get(TagProcessor.INDEX_COMPLETE)).isNotNull();

        punctuator.punctuate(t0 + Duration.ofMinutes(92).toMillis());
        assertThat(keys(articles)).as("a and b were last seen at +30 min").containsExactly("c");
        punctuator.punctuate(t0 + Duration.ofMinutes(112).toMillis());
        assertThat(keys(articles)).isEmpty();
        assertThat(keys(expiry)).containsExactly(TagProcessor.INDEX_COMPLETE);

        // an expired article that comes back starts afresh and is indexed again
        context.setCurrentSystemTimeMs(t0 + Duration.ofMinutes(120).toMillis());
        processor.process(paragraph("a", 2));
        assertThat(keys(expiry)).containsExactly(TagProcessor.expiryKey(t0 + Duration.ofMinutes(120).toMillis(), "a"),
                TagProcessor.INDEX_COMPLETE);
    }

    private static Record<byte[], byte[]> paragraph(String article, int seq) {
        return record(new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, article, seq, 3, seq + 1,
                "X (USA) said: \"good " + seq + "\"", "T", null, "test", T0, T0, false, null));
    }

    private static <V> List<String> keys(KeyValueStore<String, V> store) {
        List<String> keys = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> serde,
                                                      MockProcessorContext<String, Outcome> context) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), serde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static Record<byte[], byte[]> record(ParagraphEvent e) {
        return new Record<>(e.articleId().getBytes(StandardCharsets.UTF_8),
                JsonSerde.of(ParagraphEvent.class).serialize("t", e), e.publishedAt().toEpochMilli());
    }

    private static List<Outcome.Tagged> tagged(MockProcessorContext<String, Outcome> context) {
        return context.forwarded().stream().map(f -> f.record().value())
                .filter(Outcome.Tagged.class::isInstance).map(Outcome.Tagged.class::cast).toList();
    }
}
