package dev.newsstream.processor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TaggedParagraphEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed's bounded buffer (the consumer around it is exercised by TwoInstanceQueryIT). */
class LatestStatementsTest {

    static TaggedParagraphEvent paragraph(int seq, String... quotes) {
        List<StatementEvent> statements = java.util.Arrays.stream(quotes)
                .map(q -> new StatementEvent(q, 0, q.length(), true, "Speaker " + q, "USA", "neutral",
                        new StatementEvent.SentimentScores(0, 1, 0, 0.1), Map.of("rule", "test")))
                .toList();
        return new TaggedParagraphEvent(TaggedParagraphEvent.SCHEMA_VERSION, "a1", seq, 3, seq, "text", "Title",
                "https://example.org", "test", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, statements);
    }

    @Test
    void keepsTheNewestStatementsUpToItsCapacityNewestFirst() {
        LatestStatements feed = new LatestStatements(3);
        feed.add(paragraph(0, "q1", "q2"));
        feed.add(paragraph(1));
        feed.add(paragraph(2, "q3", "q4"));
        assertThat(feed.latest(10)).extracting(FeedItem::text).containsExactly("q4", "q3", "q2");
        assertThat(feed.latest(2)).extracting(FeedItem::text).containsExactly("q4", "q3");
        FeedItem item = feed.latest(1).get(0);
        assertThat(item.seq()).isEqualTo(2);
        assertThat(item.compound()).isEqualTo(0.1);
        assertThat(item.evidence()).containsEntry("rule", "test");
        assertThat(item.title()).isEqualTo("Title");
    }

    @Test
    void refusesAUselessCapacity() {
        assertThatThrownBy(() -> new LatestStatements(0)).hasMessageContaining("at least 1");
    }
}
