package dev.newsstream.tagger;

/** Labels the stance of one statement. Implementations are immutable and thread-safe. */
public interface StanceClassifier {
    /**
     * @param statement the statement's own text (the quotation or the reported clause)
     * @param speakerSide the side code of the speaker, or {@code UNKNOWN}
     */
    StanceResult classify(String statement, String speakerSide);
}
