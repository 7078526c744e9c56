package dev.newsstream.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsstream.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * An article file's metadata kept beside it: for {@code NAME.txt} (or {@code .html}), the file {@code NAME.meta.json}
 * in the same directory, e.g. {@code {"publishedAt": "2026-03-14T09:20:00Z", "url": "https://..."}}. Plain text has
 * no place for a publication time, and a file's modification time is when it was copied, not when it was published;
 * the sidecar gives the real one. Both fields are optional. Stateless and thread-safe.
 *
 * @param publishedAt the publication time, or null
 * @param url         the article's URL, or null
 */
public record Sidecar(Instant publishedAt, String url) {

    public static final String SUFFIX = ".meta.json";
    static final Sidecar NONE = new Sidecar(null, null);

    /** The sidecar file of {@code file}: its name up to the last dot, plus {@link #SUFFIX}. */
    public static Path pathOf(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + SUFFIX);
    }

    /**
     * Reads the sidecar of {@code file}; {@link #NONE} when there is none.
     *
     * @throws IOException naming the sidecar when it exists but is not JSON or its time cannot be parsed
     */
    public static Sidecar of(Path file) throws IOException {
        Path meta = pathOf(file);
        if (!Files.isRegularFile(meta)) {
            return NONE;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(Files.readString(meta));
        } catch (IOException e) {
            throw new IOException(meta.getFileName() + ": not a JSON object (" + e.getMessage() + ")", e);
        }
        Instant when = null;
        JsonNode t = node.get("publishedAt");
        if (t != null && !t.isNull()) {
            when = Times.parse(t.asText());
            if (when == null) {
                throw new IOException(meta.getFileName() + ": publishedAt \"" + t.asText()
                        + "\" is not an ISO-8601 time such as 2026-03-14T09:20:00Z");
            }
        }
        JsonNode u = node.get("url");
        return new Sidecar(when, u == null || u.isNull() || u.asText().isBlank() ? null : u.asText().strip());
    }
}
