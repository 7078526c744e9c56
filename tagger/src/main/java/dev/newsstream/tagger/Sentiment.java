package dev.newsstream.tagger;

/**
 * VADER polarity scores of one text: the proportions of negative, neutral and positive material
 * (each rounded to 3 decimals, as the reference does) and the normalised compound score in [-1, 1]
 * (rounded to 4 decimals).
 */
public record Sentiment(double neg, double neu, double pos, double compound) {

    /** VADER's conventional cut-off: compound >= 0.05 is positive, <= -0.05 negative. */
    public String polarity() {
        return compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral";
    }
}
