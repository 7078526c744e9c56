package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ParagraphPublisherTest {

    private static final Instant PUBLISHED = Instant.parse("2019-02-28T08:00:00Z");
    private static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

    private final MockProducer<String, ParagraphEvent> mock = new MockProducer<>(true, null, new StringSerializer(),
            new JsonSerde<>(ParagraphEvent.class));

    private static Article article(String id) {
        return Articles.fromText(id, "Title of " + id + "\n\nFirst body paragraph.\n\nHanoi Summit\n\n"
                + "Second body paragraph.\n\nLeave a Reply", "https://x.example/" + id, "test", PUBLISHED);
    }

    @Test
    void eachArticleIsOneCommittedTransactionKeyedByArticleIdInOrder() {
        try (ParagraphPublisher publisher = new ParagraphPublisher(mock, "news.paragraphs", "mock:9092")) {
            assertThat(mock.transactionInitialized()).isTrue();

            publisher.publish("a", ParagraphEvents.of(article("a"), false, INGESTED));
            assertThat(mock.commitCount()).isEqualTo(1);
            publisher.publish("b", ParagraphEvents.of(article("b"), false, INGESTED));
            assertThat(mock.commitCount()).isEqualTo(2);
            assertThat(mock.transactionInFlight()).isFalse();
        }

        List<ProducerRecord<String, ParagraphEvent>> sent = mock.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("news.paragraphs");
        assertThat(sent).extracting(ProducerRecord::key).containsExactly("a", "a", "b", "b");
        assertThat(sent).extracting(r -> r.value().seq()).containsExactly(0, 1, 0, 1);
        assertThat(sent).extracting(r -> r.value().paragraphs()).containsOnly(2);
        assertThat(sent).extracting(r -> r.value().block()).containsExactly(1, 3, 1, 3);
        ParagraphEvent first = sent.get(0).value();
        assertThat(first.schemaVersion()).isEqualTo(ParagraphEvent.SCHEMA_VERSION);
        assertThat(first.text()).isEqualTo("First body paragraph.");
        assertThat(first.title()).isEqualTo("Title of a");
        assertThat(first.url()).isEqualTo("https://x.example/a");
        assertThat(first.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(first.ingestedAt()).isEqualTo(INGESTED);
        assertThat(first.boilerplate()).isFalse();
        assertThat(first.boilerplateReason()).isNull();
    }

    @Test
    void publishBoilerplateMarksTheSkippedBlocksAndKeepsBlockOrder() {
        List<ParagraphEvent> events = ParagraphEvents.of(article("a"), true, INGESTED);

        assertThat(events).extracting(ParagraphEvent::block).containsExactly(1, 2, 3, 4);
        assertThat(events).extracting(ParagraphEvent::seq).containsExactly(0, 1, 2, 3);
        assertThat(events).extracting(ParagraphEvent::paragraphs).containsOnly(4);
        assertThat(events).extracting(ParagraphEvent::boilerplateReason)
                .containsExactly(null, "heading", null, "comments");
        assertThat(events).extracting(ParagraphEvent::boilerplate).containsExactly(false, true, false, true);
    }

    @Test
    void aFailedSendAbortsTheArticlesTransactionSoNoneOfItIsVisible() {
        try (ParagraphPublisher publisher = new ParagraphPublisher(mock, "news.paragraphs", "mock:9092")) {
            mock.commitTransactionException = new KafkaException("broker said no");

            assertThatThrownBy(() -> publisher.publish("a", ParagraphEvents.of(article("a"), false, INGESTED)))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("article a").hasMessageContaining("mock:9092")
                    .hasMessageContaining("aborted");
            assertThat(mock.transactionAborted()).isTrue();
            assertThat(mock.history()).isEmpty();
        }
    }

    @Test
    void anArticleWithoutEventsOpensNoTransaction() {
        try (ParagraphPublisher publisher = new ParagraphPublisher(mock, "t", "mock:9092")) {
            publisher.publish("empty", List.of());
        }
        assertThat(mock.commitCount()).isZero();
    }

    @Test
    void anArticleTheBrokerRefusesFailsAloneAndTheNextOneIsPublished() {
        try (ParagraphPublisher publisher = new ParagraphPublisher(mock, "news.paragraphs", "mock:9092")) {
            mock.commitTransactionException = new KafkaException("commit failed",
                    new org.apache.kafka.common.errors.RecordTooLargeException("The message is 2000000 bytes"));

            assertThatThrownBy(() -> publisher.publish("big", ParagraphEvents.of(article("big"), false, INGESTED)))
                    .isInstanceOf(ArticleRejectedException.class)
                    .isNotInstanceOf(PublishException.class)
                    .hasMessageContaining("article big").hasMessageContaining("RecordTooLargeException");
            assertThat(mock.transactionAborted()).isTrue();

            mock.commitTransactionException = null;
            publisher.publish("a", ParagraphEvents.of(article("a"), false, INGESTED));
            assertThat(mock.history()).extracting(ProducerRecord::key).containsExactly("a", "a");
        }
    }

    @Test
    void aPublicationTimeFarInTheFutureIsClampedToTheIngestTime() {
        Article tomorrow = Articles.fromText("t", "Title\n\nBody.", null, "test", INGESTED.plusSeconds(86_400));
        ParagraphEvent e = ParagraphEvents.of(tomorrow, false, INGESTED).get(0);
        assertThat(e.publishedAt()).isEqualTo(INGESTED);
        assertThat(e.publishedAtClampedFrom()).isEqualTo(INGESTED.plusSeconds(86_400));

        Article soon = Articles.fromText("s", "Title\n\nBody.", null, "test", INGESTED.plusSeconds(240));
        ParagraphEvent s = ParagraphEvents.of(soon, false, INGESTED).get(0);
        assertThat(s.publishedAt()).as("within 5 minutes: kept").isEqualTo(INGESTED.plusSeconds(240));
        assertThat(s.publishedAtClampedFrom()).isNull();
        assertThat(ParagraphEvents.of(article("old"), false, INGESTED).get(0).publishedAt())
                .as("old dates stay").isEqualTo(PUBLISHED);
    }
}
