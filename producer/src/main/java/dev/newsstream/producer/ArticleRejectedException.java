package dev.newsstream.producer;

/**
 * The broker refused a record of one article (too large for the topic, a timestamp out of range, ...). Its
 * transaction was aborted, so nothing of the article is visible, and the producer can go on with the next one:
 * the run reports it as a failed input (exit 1, docs/producer.md) rather than stopping like a {@link PublishException}.
 */
public class ArticleRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArticleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
