package dev.newsstream.tagger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole tagger: attribution, then stance and sentiment on each statement's own text. The processor and
 * the offline {@code newsstream tag} command call exactly this class, so both give the same answers.
 * Immutable and thread-safe when its parts are (they all are).
 */
public final class Tagger {
    private final Attributor attributor;
    private final StanceClassifier stance;
    private final SentimentAnalyzer sentiment;

    public Tagger(Attributor attributor, StanceClassifier stance, SentimentAnalyzer sentiment) {
        this.attributor = Objects.requireNonNull(attributor, "attributor");
        this.stance = Objects.requireNonNull(stance, "stance");
        this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
    }

    /**
     * Starts an article: its headline tagged as block 0 ("Trump Rules Out Deal", "Talks will go on – Putin"),
     * and the context the body's first paragraph continues from (the headline's names are known to it).
     */
    public TaggedParagraph headline(String title) {
        return headline(title, null);
    }

    /** {@link #headline(String)} for an article published on {@code publishedAt} (ISO date or instant, or null). */
    public TaggedParagraph headline(String title, String publishedAt) {
        return tag(ArticleContext.start(title, publishedAt), title == null ? "" : title);
    }

    public TaggedParagraph tag(ArticleContext context, String paragraph) {
        AttributionResult found = attributor.attribute(context, paragraph == null ? "" : paragraph);
        List<Statement> out = new ArrayList<>(found.statements().size());
        for (Attribution a : found.statements()) {
            StanceResult st = stance.classify(a.text(), a.side());
            Map<String, String> evidence = new LinkedHashMap<>(a.evidence());
            evidence.put("stanceRule", st.rule());
            if (!st.cues().isEmpty()) {
                evidence.put("stanceCues", String.join("; ", st.cues()));
            }
            out.add(new Statement(a.text(), a.start(), a.end(), a.direct(), a.speaker(), a.side(), st.stance(),
                    sentiment.score(a.text()), evidence));
        }
        return new TaggedParagraph(out, found.context());
    }
}
