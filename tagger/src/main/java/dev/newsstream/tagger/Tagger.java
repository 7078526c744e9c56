package dev.newsstream.tagger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole tagger: attribution, then sentiment, stance and polarity on each statement's own text. The
 * processor and the offline {@code newsstream tag} command call exactly this class, so both give the same
 * answers. Immutable and thread-safe when its parts are (they all are).
 */
public final class Tagger {
    private final Attributor attributor;
    private final StatementClassifier classifier;
    private final SentimentAnalyzer sentiment;

    /** Stance and polarity from a trained {@link StatementClassifier}. */
    public Tagger(Attributor attributor, StatementClassifier classifier, SentimentAnalyzer sentiment) {
        this.attributor = Objects.requireNonNull(attributor, "attributor");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
    }

    /** Lexicon-only: stance from {@code stance}, polarity from VADER's compound at ±0.05. */
    public Tagger(Attributor attributor, StanceClassifier stance, SentimentAnalyzer sentiment) {
        this(attributor, lexiconOnly(Objects.requireNonNull(stance, "stance")), sentiment);
    }

    /** Wraps a lexicon stance classifier: its stance, and VADER's cut-off as the polarity. */
    public static StatementClassifier lexiconOnly(StanceClassifier stance) {
        return (text, side, direct, paragraph, start, sent) ->
                new StatementClassifier.Classification(stance.classify(text, side), PolarityResult.fromVader(sent));
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
            Sentiment sent = sentiment.score(a.text());
            StatementClassifier.Classification c = classifier.classify(a.text(), a.side(), a.direct(), paragraph,
                    a.start(), sent);
            StanceResult st = c.stance();
            Map<String, String> evidence = new LinkedHashMap<>(a.evidence());
            evidence.put("stanceRule", st.rule());
            if (!st.cues().isEmpty()) {
                evidence.put("stanceCues", String.join("; ", st.cues()));
            }
            if (!st.features().isEmpty()) {
                evidence.put("stanceFeatures", String.join("; ", st.features()));
            }
            if (!c.polarity().features().isEmpty()) {
                evidence.put("polarityFeatures", String.join("; ", c.polarity().features()));
            }
            out.add(new Statement(a.text(), a.start(), a.end(), a.direct(), a.speaker(), a.side(), st.stance(),
                    sent, evidence, st.probabilities(), c.polarity()));
        }
        return new TaggedParagraph(out, found.context());
    }
}
