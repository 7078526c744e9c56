package dev.newsstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsstream.events.Json;
import dev.newsstream.tagger.text.ArticleText;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON Lines: one JSON object per line, one article per object, with fields {@code id}, {@code title},
 * {@code url}, {@code source}, {@code publishedAt} (ISO-8601) and either {@code text} (blank-line separated
 * blocks; when {@code title} is absent its first block is the title) or {@code paragraphs} (an array of strings,
 * the body). Blank lines are ignored; a bad line is reported with its line number and reading goes on.
 * Stateless and thread-safe.
 */
public final class JsonLinesArticles {

    private JsonLinesArticles() {
    }

    /**
     * @param source            the file name, used in errors and as the articles' source when they give none
     * @param publishedAtFallback used when a line has no {@code publishedAt}; null means now
     */
    public static void read(BufferedReader in, String source, Instant publishedAtFallback, IngestListener listener)
            throws IOException {
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + lineNo;
            Article article;
            try {
                article = parse(Json.mapper().readTree(line), source, publishedAtFallback);
            } catch (IOException | IllegalArgumentException e) {
                listener.error(where, "not a valid article line: " + firstLine(e.getMessage())
                        + " (expected one JSON object per line with \"text\" or \"paragraphs\")");
                continue;
            }
            listener.article(article);
        }
    }

    static Article parse(JsonNode node, String source, Instant publishedAtFallback) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("the line is JSON but not an object");
        }
        String title = text(node, "title");
        String url = text(node, "url");
        List<String> blocks = new ArrayList<>();
        JsonNode paragraphs = node.get("paragraphs");
        String body = text(node, "text");
        if (paragraphs != null && paragraphs.isArray()) {
            blocks.add(title == null ? "" : title.strip());
            for (JsonNode p : paragraphs) {
                // a paragraph may itself hold blank lines; keep the block rule the same everywhere
                blocks.addAll(ArticleText.blockTexts(p.asText()));
            }
        } else if (body != null) {
            if (title != null) {
                blocks.add(title.strip());
            }
            blocks.addAll(ArticleText.blockTexts(body));
        } else {
            throw new IllegalArgumentException("field \"text\" (a string) or \"paragraphs\" (an array) is missing");
        }
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            id = url != null ? ArticleIds.fromUrl(url) : ArticleIds.fromText(String.join("\n\n", blocks));
        }
        String published = text(node, "publishedAt");
        Instant when = Times.parse(published);
        if (published != null && !published.isBlank() && when == null) {
            throw new IllegalArgumentException("publishedAt \"" + published + "\" is not an ISO-8601 time such as"
                    + " 2019-02-28T08:00:00Z");
        }
        if (when == null) {
            when = publishedAtFallback != null ? publishedAtFallback : Instant.now();
        }
        String src = text(node, "source");
        return Articles.fromBlocks(id, blocks, url, src != null ? src : source, when);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
