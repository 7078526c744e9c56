package dev.newsstream.events;

/**
 * The names of the topics NewsStream reads and writes. Configurable; {@link #defaults()} gives the documented
 * defaults (see docs/events.md for each topic's key and value).
 */
public record TopicNames(String paragraphs, String taggedParagraphs, String sideSentiment, String speakerSentiment,
                         String sideSentimentHourly, String sideSentimentDaily, String deadLetters) {

    public static final String PARAGRAPHS = "news.paragraphs";
    public static final String TAGGED_PARAGRAPHS = "news.tagged-paragraphs";
    public static final String SIDE_SENTIMENT = "news.side-sentiment";
    public static final String SPEAKER_SENTIMENT = "news.speaker-sentiment";
    public static final String SIDE_SENTIMENT_HOURLY = "news.side-sentiment-hourly";
    public static final String SIDE_SENTIMENT_DAILY = "news.side-sentiment-daily";
    public static final String DEAD_LETTERS = "news.dead-letters";

    public static TopicNames defaults() {
        return new TopicNames(PARAGRAPHS, TAGGED_PARAGRAPHS, SIDE_SENTIMENT, SPEAKER_SENTIMENT,
                SIDE_SENTIMENT_HOURLY, SIDE_SENTIMENT_DAILY, DEAD_LETTERS);
    }

    /** The same names with a prefix, e.g. for tests that share one broker. */
    public TopicNames withPrefix(String prefix) {
        return new TopicNames(prefix + paragraphs, prefix + taggedParagraphs, prefix + sideSentiment,
                prefix + speakerSentiment, prefix + sideSentimentHourly, prefix + sideSentimentDaily,
                prefix + deadLetters);
    }
}
