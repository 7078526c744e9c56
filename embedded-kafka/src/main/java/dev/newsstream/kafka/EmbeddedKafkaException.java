package dev.newsstream.kafka;

/**
 * A broker could not be started, reached or stopped. The message says which broker (address, log directory)
 * and what to do about it; the cause, when there is one, is Kafka's own exception.
 */
public class EmbeddedKafkaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
