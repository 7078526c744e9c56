package dev.newsstream.producer;

/**
 * Receives what readers find, as they find it, so a large JSON Lines file or a feed streams through without being
 * held in memory. Called on the reading thread; implementations need not be thread-safe.
 */
public interface IngestListener {

    /** A readable article (it may have no body paragraphs). */
    void article(Article article);

    /**
     * An input or item that could not be read; reading goes on with the next one.
     *
     * @param where   file and line, or URL
     * @param message what was wrong and what to do
     */
    void error(String where, String message);

    /** An item skipped as already seen or a copy of an article already published. */
    default void duplicate(String where, String why) {
    }
}
