package dev.newsstream.processor;

import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;
import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.Stance;
import dev.newsstream.tagger.StanceResult;
import dev.newsstream.tagger.Tagger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, predictable tagger for topology tests, so they test the topology and not the NLP: every
 * {@code NAME (SIDE) said: "QUOTE"} in a paragraph is one statement; the stance is the word "cooperative" or
 * "confrontational" if the quote holds it; the compound is +0.5 for "good", -0.5 for "bad", else 0.
 * Throws on the text "BOOM" to test that a tagger failure dead-letters the record.
 */
public final class TestTaggers {
    private static final Pattern P = Pattern.compile("(\\w[\\w ]*?) \\((\\w+)\\) said: \"([^\"]*)\"");

    private TestTaggers() {
    }

    public static Tagger simple() {
        return new Tagger(
                (ctx, text) -> {
                    if (text.contains("BOOM")) {
                        throw new IllegalStateException("tagger failed on purpose");
                    }
                    List<Attribution> out = new ArrayList<>();
                    Matcher m = P.matcher(text);
                    while (m.find()) {
                        out.add(new Attribution(m.group(3), m.start(3), m.end(3), true, m.group(1), m.group(2),
                                Map.of("rule", "test")));
                    }
                    return new AttributionResult(out, ctx);
                },
                (statement, side) -> new StanceResult(statement.contains("confrontational") ? Stance.CONFRONTATIONAL
                        : statement.contains("cooperative") ? Stance.COOPERATIVE : Stance.NEUTRAL, "test", List.of()),
                text -> new Sentiment(0, 1, 0, text.contains("good") ? 0.5 : text.contains("bad") ? -0.5 : 0.0));
    }
}
