package dev.newsstream.processor.http;

import dev.newsstream.events.TableRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link TableQueries} over plain maps, for testing the HTTP layer (routing, validation, JSON, errors) without a
 * broker: it answers what it was given and records the last window query so tests can check the defaults the API
 * filled in. Thread-safe enough for tests (concurrent collections, volatile fields).
 */
final class InMemoryTableQueries implements TableQueries {
    final Map<String, TableRow> sides = new ConcurrentHashMap<>();
    final Map<String, TableRow> speakers = new ConcurrentHashMap<>();
    final Map<String, List<TableRow>> windows = new ConcurrentHashMap<>();
    final Map<String, List<TableRow>> articles = new ConcurrentHashMap<>();
    final List<FeedItem> feed = new CopyOnWriteArrayList<>();
    final List<LateCount> late = new CopyOnWriteArrayList<>();
    volatile String state = "RUNNING";
    /** When set, every table query throws it (e.g. a {@link QueryUnavailableException} or a bug). */
    volatile RuntimeException failure;
    volatile WindowQuery lastWindowQuery;
    volatile Boolean lastLocal;
    volatile boolean closed;

    record WindowQuery(String side, WindowSize size, Instant from, Instant to) {
    }

    private void check(boolean local) {
        lastLocal = local;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<LateCount> late(boolean localOnly) {
        check(localOnly);
        return late.stream().sorted(Comparator.comparing(LateCount::side)).toList();
    }

    @Override
    public List<TableRow> sides(boolean localOnly) {
        check(localOnly);
        return sides.values().stream().sorted(Comparator.comparing(TableRow::key)).toList();
    }

    @Override
    public Optional<TableRow> side(String side, boolean localOnly) {
        check(localOnly);
        return Optional.ofNullable(sides.get(side));
    }

    @Override
    public List<TableRow> sideWindows(String side, WindowSize size, Instant from, Instant to, boolean localOnly) {
        check(localOnly);
        lastWindowQuery = new WindowQuery(side, size, from, to);
        return windows.getOrDefault(side + "/" + size.code(), List.of()).stream()
                .filter(r -> !r.windowStart().isBefore(from) && !r.windowStart().isAfter(to)).toList();
    }

    @Override
    public List<TableRow> speakers(String side, int limit, boolean localOnly) {
        check(localOnly);
        return speakers.values().stream().filter(r -> side == null || side.equals(r.side()))
                .sorted(Comparator.comparingLong(TableRow::statements).reversed().thenComparing(TableRow::key))
                .limit(limit).toList();
    }

    @Override
    public Optional<TableRow> speaker(String speaker, boolean localOnly) {
        check(localOnly);
        return Optional.ofNullable(speakers.get(speaker));
    }

    @Override
    public List<TableRow> article(String articleId, boolean localOnly) {
        check(localOnly);
        return articles.getOrDefault(articleId, List.of());
    }

    @Override
    public List<FeedItem> latestStatements(int limit) {
        check(false);
        return new ArrayList<>(feed.subList(0, Math.min(limit, feed.size())));
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public void close() {
        closed = true;
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    static TableRow sideRow(String side, long statements, double mean, TableRow.LatestStatement latest) {
        return new TableRow(TableRow.SCHEMA_VERSION, "side", side, side, null, null, null, null, statements, 2, mean,
                mean - 0.2, mean + 0.2, Map.of("positive", 1L, "negative", 1L, "neutral", 0L),
                Map.of("cooperative", 1L, "confrontational", 1L, "neutral", statements - 2),
                0.5, 0.5, Map.of("A Speaker", statements), latest, Instant.parse("2024-05-01T10:00:00Z"));
    }

    static TableRow speakerRow(String speaker, String side, long statements, double mean) {
        return new TableRow(TableRow.SCHEMA_VERSION, "speaker", speaker, side, speaker, null, null, null, statements, 1,
                mean, mean, mean, Map.of("positive", statements, "negative", 0L, "neutral", 0L),
                Map.of("cooperative", statements, "confrontational", 0L, "neutral", 0L), 1.0, 0.0, null, null,
                Instant.parse("2024-05-01T10:00:00Z"));
    }

    static TableRow windowRow(String side, Instant start, Instant end, double mean) {
        return new TableRow(TableRow.SCHEMA_VERSION, "side-hourly", side, side, null, null, start, end, 3, 1, mean,
                mean, mean, Map.of(), Map.of(), null, null, Map.of(), null, end);
    }

    static TableRow articleRow(String articleId, String side, long statements) {
        return new TableRow(TableRow.SCHEMA_VERSION, "article-side", articleId + '\u001f' + side, side, null, articleId,
                null, null, statements, 1, 0.1, 0.1, 0.1, Map.of(), Map.of(), null, null, null, null,
                Instant.parse("2024-05-01T10:00:00Z"));
    }
}
