package dev.newsstream.producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads plain-text articles: blocks separated by blank lines, block 0 the title (see
 * {@link dev.newsstream.tagger.text.ArticleText}). Stateless and thread-safe.
 */
public final class TextArticles {

    private TextArticles() {
    }

    /**
     * Reads a UTF-8 text file. The id is the file stem, the source its file name; the publication time is
     * {@code publishedAt} when given, else the one in its {@link Sidecar}, else the file's modification time.
     *
     * @throws IOException naming the file when it cannot be read
     */
    public static Article read(Path file, Instant publishedAt) throws IOException {
        return read(file, String.valueOf(file.getFileName()), publishedAt, null);
    }

    /**
     * Reads a UTF-8 text file with {@code source} as its source. The publication time is {@code publishedAt} when
     * given, else the {@link Sidecar}'s, else {@code fallback} when given, else the file's modification time.
     *
     * @throws IOException naming the file when it cannot be read
     */
    public static Article read(Path file, String source, Instant publishedAt, Instant fallback) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("cannot read " + file + ": it is not UTF-8 text; convert it (e.g. iconv -t UTF-8)", e);
        }
        Sidecar meta = Sidecar.of(file);
        Instant when = publishedAt != null ? publishedAt
                : meta.publishedAt() != null ? meta.publishedAt()
                : fallback != null ? fallback
                : Files.getLastModifiedTime(file).toInstant();
        return Articles.fromText(ArticleIds.fromFile(file), text, meta.url(), source, when);
    }

    /**
     * Reads one article from a stream (stdin). The id is derived from the text ({@code t-...}), so feeding the
     * same text twice gives the same id; the publication time is {@code publishedAt} or now.
     */
    public static Article read(InputStream in, String source, Instant publishedAt) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return Articles.fromText(ArticleIds.fromText(text), text, null, source,
                publishedAt != null ? publishedAt : Instant.now());
    }
}
