package dev.newsstream.producer;

import dev.newsstream.events.ParagraphEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns an {@link Article} into the events published for it. Pure; thread-safe. */
public final class ParagraphEvents {

    /**
     * A publication time more than this after the ingest time is clamped to the ingest time (the processor does the
     * same with its {@code published.at.max.future}): a feed with a wrong time zone must not push event time ahead.
     */
    public static final java.time.Duration MAX_FUTURE = java.time.Duration.ofMinutes(5);

    private ParagraphEvents() {
    }

    /**
     * The events of one article, in block order. {@code seq} is 0-based among the published events and
     * {@code paragraphs} is their count, so a reader knows when it has them all.
     *
     * @param includeBoilerplate also publish skipped blocks, marked {@code boilerplate=true} with their reason
     */
    public static List<ParagraphEvent> of(Article article, boolean includeBoilerplate, Instant ingestedAt) {
        List<Article.Block> blocks = new ArrayList<>(article.body());
        if (includeBoilerplate) {
            blocks.addAll(article.skipped());
            blocks.sort(Comparator.comparingInt(Article.Block::index));
        }
        List<ParagraphEvent> out = new ArrayList<>(blocks.size());
        for (int seq = 0; seq < blocks.size(); seq++) {
            Article.Block b = blocks.get(seq);
            out.add(new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, article.id(), seq, blocks.size(), b.index(),
                    b.text(), article.title(), article.url(), article.source(), article.publishedAt(), ingestedAt,
                    b.boilerplate(), b.reason()).clampPublishedAt(ingestedAt, MAX_FUTURE));
        }
        return out;
    }
}
