package dev.newsstream.producer;

import dev.newsstream.tagger.text.ArticleText;
import dev.newsstream.tagger.text.Boilerplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Article}s from block texts by running the {@link Boilerplate} classifier over every block after
 * the title. Stateless and thread-safe.
 */
public final class Articles {

    private Articles() {
    }

    /** An article from plain text: block 0 is the title, the rest are classified. */
    public static Article fromText(String id, String text, String url, String source, Instant publishedAt) {
        return fromBlocks(id, ArticleText.blockTexts(text), url, source, publishedAt);
    }

    /**
     * An article from blocks whose first element is the title.
     */
    public static Article fromBlocks(String id, List<String> blocks, String url, String source,
                                     Instant publishedAt) {
        List<Boilerplate.Verdict> verdicts = new ArrayList<>();
        verdicts.add(null);
        if (blocks.size() > 1) {
            verdicts.addAll(Boilerplate.defaults().classifyAll(blocks.subList(1, blocks.size())));
        }
        return fromClassified(id, blocks, verdicts, url, source, publishedAt);
    }

    /**
     * An article from blocks (first = title) with verdicts already decided (element 0 is ignored); HTML extraction
     * uses this because markup already says what is a heading or a link list.
     */
    static Article fromClassified(String id, List<String> blocks, List<Boilerplate.Verdict> verdicts, String url,
                                  String source, Instant publishedAt) {
        String title = blocks.isEmpty() ? "" : blocks.get(0);
        List<Article.Block> body = new ArrayList<>();
        List<Article.Block> skipped = new ArrayList<>();
        for (int i = 1; i < blocks.size(); i++) {
            Boilerplate.Verdict v = verdicts.get(i);
            if (v.boilerplate()) {
                skipped.add(new Article.Block(i, blocks.get(i), v.reason()));
            } else {
                body.add(new Article.Block(i, blocks.get(i), null));
            }
        }
        return new Article(id, title, url, source, publishedAt, body, skipped);
    }
}
