package dev.newsstream.tagger;

/**
 * Labels one attributed statement with a stance and a polarity (the statement's emotional tone), each with its
 * evidence. Implementations are immutable and thread-safe.
 */
public interface StatementClassifier {
    /**
     * @param statement   the statement's own text (the quotation or the reported clause)
     * @param speakerSide the speaker's side code, or {@code UNKNOWN}
     * @param direct      true for a quotation in quote marks
     * @param paragraph   the paragraph the statement is in (for the words before it: the reporting verb), or null
     * @param start       offset of the statement in {@code paragraph}, or -1 when unknown
     * @param sentiment   VADER's scores of {@code statement}
     */
    Classification classify(String statement, String speakerSide, boolean direct, String paragraph, int start,
                            Sentiment sentiment);

    /** Stance and polarity of one statement. */
    record Classification(StanceResult stance, PolarityResult polarity) {
    }
}
