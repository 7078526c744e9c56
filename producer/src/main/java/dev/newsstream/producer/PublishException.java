package dev.newsstream.producer;

/** Publishing to Kafka failed in a way that retrying the next article will not fix (broker gone, fenced, denied). */
public class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
