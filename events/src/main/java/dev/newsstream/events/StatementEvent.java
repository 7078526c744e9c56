package dev.newsstream.events;

import java.util.Map;

/**
 * One attributed statement inside a {@link TaggedParagraphEvent}. Offsets are in the paragraph's text.
 * A field the tagger cannot compute is absent, never invented.
 */
public record StatementEvent(String text, int start, int end, boolean direct, String speaker, String side,
                             String stance, SentimentScores sentiment, Map<String, String> evidence) {

    /** VADER scores of the statement's own text. */
    public record SentimentScores(double neg, double neu, double pos, double compound) {
    }
}
