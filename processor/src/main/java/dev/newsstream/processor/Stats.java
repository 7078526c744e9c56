package dev.newsstream.processor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.newsstream.events.TableRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregate behind every table row (the value in the side, speaker, article-side and windowed stores).
 *
 * <p>It supports withdrawal ({@link StatementDelta#weight()} = -1) exactly: counts and sums are subtracted, and
 * min/max come from a count per distinct compound value, so they stay exact after a correction. Not
 * thread-safe; Kafka Streams gives each aggregate to one thread at a time.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Stats {
    public static final int SCHEMA_VERSION = 1;
    private static final int TOP_SPEAKERS = 10;

    int schemaVersion = SCHEMA_VERSION;
    long statements;
    long scored;
    double sumCompound;
    /** compound × 10,000 (the reference rounds to 4 decimals) → how many statements have it */
    TreeMap<Integer, Long> compounds = new TreeMap<>();
    Map<String, Long> polarity = new TreeMap<>();
    Map<String, Long> stance = new TreeMap<>();
    Map<String, Long> speakers = new TreeMap<>();
    Map<String, Long> sides = new TreeMap<>();
    TableRow.LatestStatement latest;
    long updatedAtMs;

    public Stats apply(StatementDelta d, long nowMs) {
        int w = d.weight();
        statements += w;
        if (d.compound() != null) {
            scored += w;
            sumCompound += w * d.compound();
            bump(compounds, (int) Math.round(d.compound() * 10_000), w);
            bump(polarity, polarityOf(d.compound()), w);
        }
        if (d.stance() != null) {
            bump(stance, d.stance(), w);
        }
        if (d.speaker() != null) {
            bump(speakers, d.speaker(), w);
        }
        if (d.side() != null) {
            bump(sides, d.side(), w);
        }
        if (w > 0 && (latest == null || latest.publishedAt() == null || d.publishedAt() == null
                || !d.publishedAt().isBefore(latest.publishedAt()))) {
            latest = new TableRow.LatestStatement(d.text(), d.speaker(), d.side(), d.stance(), d.compound(),
                    d.articleId(), d.seq(), d.publishedAt());
        }
        updatedAtMs = nowMs;
        return this;
    }

    private static <K> void bump(Map<K, Long> counts, K key, long by) {
        long n = counts.getOrDefault(key, 0L) + by;
        if (n == 0) {
            counts.remove(key);
        } else {
            counts.put(key, n);
        }
    }

    static String polarityOf(double compound) {
        return compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral";
    }

    @JsonIgnore
    public long statements() {
        return statements;
    }

    /** The side most of this row's statements were tagged with (ties: alphabetical). */
    @JsonIgnore
    public String dominantSide() {
        return sides.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    public TableRow toRow(String table, String key, String side, String speaker, String articleId,
                          Instant windowStart, Instant windowEnd) {
        Double mean = scored > 0 ? round4(sumCompound / scored) : null;
        Double min = compounds.isEmpty() ? null : compounds.firstKey() / 10_000.0;
        Double max = compounds.isEmpty() ? null : compounds.lastKey() / 10_000.0;
        long coop = stance.getOrDefault("cooperative", 0L);
        long conf = stance.getOrDefault("confrontational", 0L);
        long withStance = stance.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> pol = new LinkedHashMap<>();
        for (String p : new String[]{"positive", "negative", "neutral"}) {
            pol.put(p, polarity.getOrDefault(p, 0L));
        }
        Map<String, Long> st = new LinkedHashMap<>();
        for (String s : new String[]{"cooperative", "confrontational", "neutral"}) {
            st.put(s, stance.getOrDefault(s, 0L));
        }
        Map<String, Long> top = null;
        if ("side".equals(table) || table.startsWith("side-")) {
            top = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : speakers.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_SPEAKERS).toList()) {
                top.put(e.getKey(), e.getValue());
            }
        }
        return new TableRow(TableRow.SCHEMA_VERSION, table, key, side, speaker, articleId, windowStart, windowEnd,
                statements, speakers.size(), mean, min, max, pol, st,
                withStance > 0 ? round4((double) coop / withStance) : null,
                withStance > 0 ? round4((double) conf / withStance) : null,
                top, latest, Instant.ofEpochMilli(updatedAtMs));
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
