package dev.newsstream.producer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the producer fetches pages and feeds over HTTP.
 *
 * @param userAgent          the User-Agent header (identify yourself; some sites refuse Java's default)
 * @param timeout            connect timeout, and the limit for the whole response (headers and body)
 * @param maxPageBytes       a larger response is abandoned and reported
 * @param minIntervalPerHost the least time between two requests to one host (the per-host rate limit);
 *                           {@link Duration#ZERO} for none
 *
 * <p>Immutable and thread-safe.
 */
public record FetchSettings(String userAgent, Duration timeout, long maxPageBytes, Duration minIntervalPerHost) {

    public static final String DEFAULT_USER_AGENT =
            "NewsStream/0.1 (+https://github.com/newsstream; news research; polite crawler)";

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(minIntervalPerHost, "minIntervalPerHost");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxPageBytes <= 0) {
            throw new IllegalArgumentException("maxPageBytes must be positive, was " + maxPageBytes);
        }
    }

    /** User agent above, 10 s timeout, 5 MB pages, one request per second per host. */
    public static FetchSettings defaults() {
        return new FetchSettings(DEFAULT_USER_AGENT, Duration.ofSeconds(10), 5L * 1024 * 1024, Duration.ofSeconds(1));
    }
}
