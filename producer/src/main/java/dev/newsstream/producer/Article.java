package dev.newsstream.producer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article as read by the producer, split into blocks the way {@link dev.newsstream.tagger.text.ArticleText}
 * counts them (block 0 is the title).
 *
 * @param id          stable article id, the Kafka key (see {@link ArticleIds} and docs/producer.md)
 * @param title       the title (block 0)
 * @param url         canonical URL, or null
 * @param source      where it came from: a file path, "-" for stdin, a page or feed URL
 * @param publishedAt publication time (event time); never null (readers fall back to file time or now)
 * @param body        the body paragraphs, in order, each with its original block index
 * @param skipped     the blocks classified as boilerplate (headings included), each with its reason
 *
 * <p>Immutable (the lists are copied) and thread-safe.
 */
public record Article(String id, String title, String url, String source, Instant publishedAt, List<Block> body,
                      List<Block> skipped) {

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publishedAt, "publishedAt");
        title = title == null ? "" : title;
        body = List.copyOf(body);
        skipped = List.copyOf(skipped);
    }

    /**
     * One block of an article.
     *
     * @param index  0-based index among the article's non-empty blocks, title included
     * @param text   the block's text
     * @param reason why it is boilerplate, or null for a body paragraph
     */
    public record Block(int index, String text, String reason) {
        public Block {
            Objects.requireNonNull(text, "text");
        }

        public boolean boilerplate() {
            return reason != null;
        }
    }

    /** Just the body texts, in order. */
    public List<String> paragraphs() {
        return body.stream().map(Block::text).toList();
    }

    /** The section headings (skipped blocks with reason "heading"), kept as metadata. */
    public List<Block> headings() {
        return skipped.stream().filter(b -> dev.newsstream.tagger.text.Boilerplate.HEADING.equals(b.reason()))
                .toList();
    }
}
