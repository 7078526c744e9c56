package dev.newsstream.events;

import java.time.Instant;
import java.util.Map;

/**
 * A row of one of the running tables, as written to {@code news.side-sentiment} (key: side code),
 * {@code news.speaker-sentiment} (key: canonical speaker name), {@code news.side-sentiment-hourly} and
 * {@code news.side-sentiment-daily} (key: side code; the window is in the value) and served by the HTTP API.
 * Fields that do not apply to a table are absent.
 *
 * @param table        {@code side}, {@code speaker}, {@code article-side}, {@code side-hourly}, {@code side-daily}
 * @param key          the table key (side code, speaker name, {@code articleId|side})
 * @param side         the side (for speaker rows: the side most of the speaker's statements were tagged with)
 * @param speaker      the speaker, for speaker rows
 * @param articleId    the article, for article-side rows
 * @param windowStart  window start (inclusive), for windowed rows
 * @param windowEnd    window end (exclusive), for windowed rows
 * @param statements   statements counted
 * @param speakers     distinct speakers among them
 * @param meanCompound mean VADER compound (absent when there are no statements)
 * @param minCompound  lowest compound
 * @param maxCompound  highest compound
 * @param polarity     counts of {@code positive}, {@code negative}, {@code neutral} statements by their {@code polarity}
 *                     label (the trained classifier; VADER's ±0.05 cut-off with {@code stance.model=lexicon})
 * @param stance       counts of {@code cooperative}, {@code confrontational}, {@code neutral} statements
 * @param cooperativeShare      cooperative / statements with a stance
 * @param confrontationalShare  confrontational / statements with a stance
 * @param topSpeakers  up to 10 speakers with their statement counts, for side rows
 * @param latest       the most recent statement counted (by publication time)
 * @param updatedAt    when this row last changed (processing time)
 */
public record TableRow(int schemaVersion, String table, String key, String side, String speaker, String articleId,
                       Instant windowStart, Instant windowEnd, long statements, long speakers, Double meanCompound,
                       Double minCompound, Double maxCompound, Map<String, Long> polarity, Map<String, Long> stance,
                       Double cooperativeShare, Double confrontationalShare, Map<String, Long> topSpeakers,
                       LatestStatement latest, Instant updatedAt) implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    /** The last statement that went into a row. */
    public record LatestStatement(String text, String speaker, String side, String stance, Double compound,
                                  String articleId, int seq, Instant publishedAt) {
    }
}
