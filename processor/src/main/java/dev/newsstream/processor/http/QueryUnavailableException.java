package dev.newsstream.processor.http;

/**
 * A query that cannot be answered right now but may be shortly: state stores are migrating during a rebalance, or
 * the instance that owns a key did not answer. Served as 503 with {@code Retry-After}; the message is shown to the
 * client, so it must say what is unavailable and never carry a stack trace.
 */
public final class QueryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public QueryUnavailableException(String message) {
        super(message);
    }
}
