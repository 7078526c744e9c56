package dev.newsstream.processor.http;

/**
 * One row of {@code /api/late}: how many statements of a side arrived after their hourly / daily window had
 * closed (window end plus {@code window.grace.hourly} / {@code .daily} before the newest publication time seen), so
 * they are in the all-time tables but not in that window's row.
 *
 * @param side   the side code
 * @param hourly statements too late for their hourly window
 * @param daily  statements too late for their daily window
 */
public record LateCount(String side, long hourly, long daily) {
}
