package dev.newsstream.tagger;

/** Scores the sentiment of a piece of text. Implementations are immutable and thread-safe. */
public interface SentimentAnalyzer {
    Sentiment score(String text);
}
