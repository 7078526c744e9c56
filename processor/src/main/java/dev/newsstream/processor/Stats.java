package dev.newsstream.processor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import dev.newsstream.events.TableRow;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The aggregate behind every table row (the value in the side, speaker, article-side and windowed stores).
 *
 * <p>It supports withdrawal ({@link StatementDelta#weight()} = -1): counts and sums are subtracted exactly. Min and
 * max come from the {@value #EXTREMES} lowest and highest distinct compounds with a count each, so they stay exact
 * after a correction withdraws an extreme value, while the value read and written for every statement stays small
 * however long the row lives (keeping every distinct compound, as version 1 did, made a long-lived side row tens of
 * kilobytes and each statement cost a millisecond). Only if corrections withdraw more than {@value #EXTREMES}
 * distinct lowest (highest) compounds of one row is its min (max) a bound: the lowest (highest) value not kept.
 * Not thread-safe; Kafka Streams gives each aggregate to one thread at a time.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class Stats {
    /** 2: the lowest and highest compounds instead of every distinct one (version 1 values are still read). */
    public static final int SCHEMA_VERSION = 2;
    static final int TOP_SPEAKERS = 10;
    /**
     * How the entries of a count map rank: most statements first, then by name. The one rule for a row's top
     * speakers, a side row's kept ones and their recount ({@link SideSpeakerCounter}), so the kept ones are the ones
     * shown, and for a speaker's dominant side.
     */
    static final Comparator<Map.Entry<String, Long>> RANK =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    int schemaVersion = SCHEMA_VERSION;
    long statements;
    long scored;
    double sumCompound;
    /** How many of the lowest and of the highest distinct compounds a row keeps. */
    static final int EXTREMES = 16;
    /** The lowest distinct compounds × 10,000 (the reference rounds to 4 decimals) → how many statements have it */
    TreeMap<Integer, Long> lowest = new TreeMap<>();
    /** The highest distinct compounds × 10,000 → how many statements have it */
    TreeMap<Integer, Long> highest = new TreeMap<>();
    /** The lowest compound × 10,000 ever left out of {@link #lowest} (null: none since the row last had no score). */
    Integer lowestUntracked;
    /** The highest compound × 10,000 ever left out of {@link #highest}. */
    Integer highestUntracked;
    Map<String, Long> polarity = new TreeMap<>();
    Map<String, Long> stance = new TreeMap<>();
    /**
     * Statements per speaker: every speaker of the row, or, in a side's all-time row (see
     * {@link #apply(SideDelta, long)}), only its {@value #TOP_SPEAKERS} top speakers.
     */
    Map<String, Long> speakers = new TreeMap<>();
    /** The distinct speakers of a side's all-time row, which keeps only its top ones; null in the other rows. */
    Long speakerCount;
    Map<String, Long> sides = new TreeMap<>();
    TableRow.LatestStatement latest;
    long updatedAtMs;

    public Stats apply(StatementDelta d, long nowMs) {
        return apply(d, nowMs, true);
    }

    /**
     * Applies a delta to a side's all-time row, which keeps only its top speakers and a distinct count: the
     * speaker's count for the side comes with the delta ({@link SideSpeakerCounter}), so the row does not have to
     * keep every speaker the side has ever had.
     */
    public Stats apply(SideDelta sd, long nowMs) {
        StatementDelta d = sd.delta();
        if (speakerCount == null) {
            speakerCount = (long) speakers.size();
        }
        speakerCount += sd.speakerChange();
        if (sd.topSpeakers() != null) {
            speakers.clear();
            speakers.putAll(sd.topSpeakers());
        } else if (d.speaker() != null) {
            enterTop(d.speaker(), sd.speakerCount());
        }
        return apply(d, nowMs, false);
    }

    /** A speaker whose count only grew: in the top speakers if it now ranks there (count desc, then name). */
    private void enterTop(String speaker, long count) {
        if (count <= 0) {
            speakers.remove(speaker);
            return;
        }
        speakers.put(speaker, count);
        if (speakers.size() > TOP_SPEAKERS) {
            speakers.remove(speakers.entrySet().stream().max(RANK).orElseThrow().getKey());
        }
    }

    private Stats apply(StatementDelta d, long nowMs, boolean countSpeaker) {
        int w = d.weight();
        statements += w;
        if (d.compound() != null) {
            scored += w;
            sumCompound += w * d.compound();
            addCompound((int) Math.round(d.compound() * 10_000), w);
        }
        // the statement's polarity label (the trained classifier's, or VADER's cut-off with the lexicon-only
        // classifier); deltas without one (version 1) count VADER's cut-off, as they were counted when added
        if (d.polarity() != null) {
            bump(polarity, d.polarity(), w);
        } else if (d.compound() != null) {
            bump(polarity, polarityOf(d.compound()), w);
        }
        if (d.stance() != null) {
            bump(stance, d.stance(), w);
        }
        if (countSpeaker && d.speaker() != null) {
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

    private void addCompound(int value, long w) {
        if (scored == 0) {
            lowest.clear(); // nothing scored is left: nothing untracked either
            highest.clear();
            lowestUntracked = null;
            highestUntracked = null;
            return;
        }
        lowestUntracked = track(lowest, value, w, lowestUntracked, false);
        highestUntracked = track(highest, value, w, highestUntracked, true);
    }

    /**
     * Counts {@code value} in {@code kept} if it is among its {@link #EXTREMES} most extreme values (lowest, or
     * highest if {@code high}); returns the new most extreme value ever left out.
     */
    private static Integer track(TreeMap<Integer, Long> kept, int value, long w, Integer untracked, boolean high) {
        if (w <= 0) {
            if (kept.containsKey(value)) {
                bump(kept, value, w);
            }
            return untracked; // withdrawing a value that was not kept changes nothing kept
        }
        boolean admit = kept.containsKey(value) || kept.size() < EXTREMES
                || (high ? value > kept.firstKey() : value < kept.lastKey());
        if (!admit) {
            return moreExtreme(untracked, value, high);
        }
        bump(kept, value, w);
        if (kept.size() > EXTREMES) {
            int evicted = high ? kept.pollFirstEntry().getKey() : kept.pollLastEntry().getKey();
            return moreExtreme(untracked, evicted, high);
        }
        return untracked;
    }

    private static Integer moreExtreme(Integer a, int b, boolean high) {
        return a == null ? b : high ? Math.max(a, b) : Math.min(a, b);
    }

    /** A value read is upgraded to this build's version (a version 1 value by {@link #readVersion1Compounds}). */
    @JsonSetter("schemaVersion")
    void readSchemaVersion(int version) {
        schemaVersion = SCHEMA_VERSION;
    }

    /** Reads a version 1 value, which kept every distinct compound. */
    @JsonSetter("compounds")
    void readVersion1Compounds(Map<Integer, Long> compounds) {
        long scoredSoFar = scored;
        scored = 1; // addCompound clears everything when nothing is scored
        compounds.forEach((value, count) -> addCompound(value, count));
        scored = scoredSoFar;
    }

    /** Min (or max) compound × 10,000 of the statements counted now, or null if none has a score. */
    private Integer extreme(TreeMap<Integer, Long> kept, Integer untracked, boolean high) {
        if (scored == 0) {
            return null;
        }
        if (kept.isEmpty()) {
            return untracked;
        }
        int k = high ? kept.lastKey() : kept.firstKey();
        return untracked == null || (high ? k >= untracked : k <= untracked) ? Integer.valueOf(k) : untracked;
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
        return sides.entrySet().stream().min(RANK).map(Map.Entry::getKey).orElse(null);
    }

    public TableRow toRow(String table, String key, String side, String speaker, String articleId,
                          Instant windowStart, Instant windowEnd) {
        Double mean = scored > 0 ? round4(sumCompound / scored) : null;
        Integer lo = extreme(lowest, lowestUntracked, false);
        Integer hi = extreme(highest, highestUntracked, true);
        Double min = lo == null ? null : lo / 10_000.0;
        Double max = hi == null ? null : hi / 10_000.0;
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
            top = topSpeakers(speakers.entrySet().stream());
        }
        return new TableRow(TableRow.SCHEMA_VERSION, table, key, side, speaker, articleId, windowStart, windowEnd,
                statements, speakerCount != null ? speakerCount : speakers.size(), mean, min, max, pol, st,
                withStance > 0 ? round4((double) coop / withStance) : null,
                withStance > 0 ? round4((double) conf / withStance) : null,
                top, latest, Instant.ofEpochMilli(updatedAtMs));
    }

    /** The {@value #TOP_SPEAKERS} best ranked of {@code counts}, in rank order. */
    static Map<String, Long> topSpeakers(Stream<Map.Entry<String, Long>> counts) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.sorted(RANK).limit(TOP_SPEAKERS).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
