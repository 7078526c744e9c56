package dev.newsstream.events;

/**
 * Header names on {@code news.dead-letters}. The record's key and value are the original bytes, untouched;
 * these headers say what went wrong and where the record came from. All values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
    /** The exception class name. */
    public static final String ERROR_CLASS = "newsstream.error.class";
    /** A human-readable reason. */
    public static final String ERROR_MESSAGE = "newsstream.error.message";
    /** The stage that failed: {@code deserialize}, {@code validate} or {@code process}. */
    public static final String ERROR_STAGE = "newsstream.error.stage";
    public static final String SOURCE_TOPIC = "newsstream.source.topic";
    public static final String SOURCE_PARTITION = "newsstream.source.partition";
    public static final String SOURCE_OFFSET = "newsstream.source.offset";
    /** When the record was dead-lettered, ISO-8601. */
    public static final String TIME = "newsstream.dead-lettered-at";

    private DeadLetterHeaders() {
    }
}
