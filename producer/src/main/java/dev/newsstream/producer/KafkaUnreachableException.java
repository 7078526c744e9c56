package dev.newsstream.producer;

/** The broker could not be reached within the configured time; the message names the bootstrap address. */
public class KafkaUnreachableException extends PublishException {
    private static final long serialVersionUID = 1L;

    public KafkaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
