package dev.newsstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One attributed statement inside a {@link TaggedParagraphEvent}. Offsets are in the paragraph's text.
 * A field the tagger cannot compute is absent, never invented.
 *
 * @param stanceProbabilities the trained stance classifier's probability per stance label (absent with the
 *                            lexicon-only classifier; since schemaVersion 2)
 * @param polarity            the statement's tone (since schemaVersion 2)
 */
public record StatementEvent(String text, int start, int end, boolean direct, String speaker, String side,
                             String stance, SentimentScores sentiment, Map<String, String> evidence,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> stanceProbabilities,
                             PolarityLabel polarity) {

    /** A statement as schemaVersion 1 had it: no stance probabilities, no polarity. */
    public StatementEvent(String text, int start, int end, boolean direct, String speaker, String side,
                          String stance, SentimentScores sentiment, Map<String, String> evidence) {
        this(text, start, end, direct, speaker, side, stance, sentiment, evidence, null, null);
    }

    /** VADER scores of the statement's own text. */
    public record SentimentScores(double neg, double neu, double pos, double compound) {
    }

    /**
     * The statement's tone.
     *
     * @param label         {@code positive}, {@code negative} or {@code neutral}
     * @param source        {@code model} (the trained polarity classifier) or {@code vader} (VADER's compound
     *                      at ±0.05, with the lexicon-only classifier)
     * @param probabilities the model's probability per label (absent for {@code vader})
     */
    public record PolarityLabel(String label, String source,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> probabilities) {
    }
}
