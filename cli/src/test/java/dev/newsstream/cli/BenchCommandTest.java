package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.processor.StatementEvents;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    private static final Tagger TAGGER = Taggers.create(null, null);
    private static final JsonSerde<TaggedParagraphEvent> SERDE = JsonSerde.of(TaggedParagraphEvent.class);

    private static byte[] tagged(String text) {
        var statements = TAGGER.tag(ArticleContext.start("Talks"), text).statements().stream()
                .map(StatementEvents::of).toList();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return SERDE.serialize("t", new TaggedParagraphEvent(TaggedParagraphEvent.SCHEMA_VERSION, "a", 0, 1, 1, text,
                "Talks", null, "test", t, t, t, statements));
    }

    @Test
    void countsTheStatementsOfRealTaggedParagraphsAsTheObjectReaderDoes() throws IOException {
        String[] texts = {
            "The weather was mild on Tuesday.",
            "\"We will not give up an inch,\" said Prime Minister Jane Doe of Freedonia.",
            "\"We want peace,\" said President Lee. \"We are ready,\" said Foreign Minister Park. "
                    + "The general said the army would \"respond with force\".",
        };
        for (String text : texts) {
            byte[] json = tagged(text);
            assertThat(BenchCommand.countStatements(json)).as(text)
                    .isEqualTo(SERDE.deserialize("t", json).statements().size());
        }
        assertThat(BenchCommand.countStatements(tagged(texts[2]))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void looksOnlyAtTheTopLevelField() throws IOException {
        String json = "{\"evidence\":{\"statements\":[1,2,3,4]},\"text\":\"[\\\"statements\\\"]\",\"statements\":"
                + "[{\"text\":\"a\",\"evidence\":{\"x\":[1,[2]]}},{\"text\":\"b\"}],\"tail\":[]}";
        assertThat(BenchCommand.countStatements(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(BenchCommand.countStatements("{\"seq\":1}".getBytes(StandardCharsets.UTF_8))).isZero();
        assertThatThrownBy(() -> BenchCommand.countStatements("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
