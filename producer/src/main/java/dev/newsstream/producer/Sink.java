package dev.newsstream.producer;

import dev.newsstream.events.ParagraphEvent;
import java.util.List;

/**
 * Where an article's paragraph events go. {@link ParagraphPublisher} writes them to Kafka; tests use a list.
 * Implementations say whether they are thread-safe; the producer calls a sink from one thread.
 */
public interface Sink extends AutoCloseable {

    /**
     * Publishes all events of one article atomically (all or none) and in order, or throws.
     *
     * @throws PublishException when the events could not be published; the caller should stop
     */
    void publish(String articleId, List<ParagraphEvent> events);

    @Override
    default void close() {
    }
}
