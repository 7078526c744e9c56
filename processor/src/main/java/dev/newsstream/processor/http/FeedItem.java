package dev.newsstream.processor.http;

import java.time.Instant;
import java.util.Map;

/**
 * One statement in the dashboard's live feed ({@code /api/statements/latest}): the statement with its article's
 * title and URL. Fields the tagger could not compute are null (and left out of the JSON).
 *
 * @param evidence the tagger's reasons (attribution rule, stance cues), as on {@code news.tagged-paragraphs}
 */
public record FeedItem(String articleId, int seq, String title, String url, String source, Instant publishedAt,
                       String text, String speaker, String side, String stance, Double compound, boolean direct,
                       Map<String, String> evidence) {
}
