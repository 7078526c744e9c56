package dev.newsstream.processor.http;

import dev.newsstream.events.TableRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The read side of the running tables, as the HTTP layer sees it. {@link TableQueryService} answers from the
 * Kafka Streams state stores (routing each key to the instance that owns it); tests use an in-memory
 * implementation, so the HTTP layer can be tested without a broker.
 *
 * <p>Every method that takes {@code localOnly} answers, when it is {@code true}, from this instance's stores only:
 * that is what one instance asks another for when it merges a list, so the request never loops.
 *
 * <p>Failures: {@link QueryUnavailableException} when the answer cannot be given right now (stores migrating during
 * a rebalance, the owning instance unreachable); the HTTP layer turns it into 503 with {@code Retry-After}.
 * Arguments are validated by the caller (the HTTP layer); implementations may assume non-null, well-formed values.
 *
 * <p>Implementations must be thread-safe: the HTTP server calls them from several threads at once.
 */
public interface TableQueries extends AutoCloseable {

    /** All rows of the side table (one per side code), sorted by key. */
    List<TableRow> sides(boolean localOnly);

    /** The side table's row for {@code side}, or empty when no statement was counted for it. */
    Optional<TableRow> side(String side, boolean localOnly);

    /**
     * Windowed rows of one side whose window starts in {@code [from, to]}, oldest first; empty when none.
     */
    List<TableRow> sideWindows(String side, WindowSize size, Instant from, Instant to, boolean localOnly);

    /**
     * Speaker rows, most statements first (ties: by name), at most {@code limit}; only speakers whose dominant side
     * is {@code side} when {@code side} is not null.
     */
    List<TableRow> speakers(String side, int limit, boolean localOnly);

    /** The speaker table's row for {@code speaker}, or empty. */
    Optional<TableRow> speaker(String speaker, boolean localOnly);

    /** The article × side rows of one article, sorted by side; empty when the article is unknown. */
    List<TableRow> article(String articleId, boolean localOnly);

    /** Statements that came too late for their closed hourly / daily windows, per side (sides with any), by side. */
    List<LateCount> late(boolean localOnly);

    /** The latest statements seen on the tagged-paragraphs topic, newest first, at most {@code limit}. */
    List<FeedItem> latestStatements(int limit);

    /** The Kafka Streams state (e.g. {@code RUNNING}), for {@code /health}. */
    String state();

    /**
     * The body of {@code /health}: at least {@code status} (UP, DEGRADED or DOWN) and {@code state}. The default
     * judges by {@link #state()} alone; {@link TableQueryService} with a {@code HealthCheck} tells more.
     */
    default java.util.Map<String, Object> health() {
        String state = state();
        boolean up = "RUNNING".equals(state) || "REBALANCING".equals(state);
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", state);
        return body;
    }

    /** Releases what the implementation holds (consumers, HTTP clients). The default holds nothing. */
    @Override
    default void close() {
    }

    /** The tumbling window sizes the topology keeps. */
    enum WindowSize {
        HOURLY("1h"), DAILY("1d");

        private final String code;

        WindowSize(String code) {
            this.code = code;
        }

        /** {@code 1h} or {@code 1d}, as in the {@code size} query parameter. */
        public String code() {
            return code;
        }

        /** @return the size for {@code 1h} / {@code 1d}, or null for anything else */
        public static WindowSize ofCode(String code) {
            for (WindowSize s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            return null;
        }
    }
}
