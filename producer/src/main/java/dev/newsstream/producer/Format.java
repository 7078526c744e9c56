package dev.newsstream.producer;

/** Input formats; {@link #AUTO} decides by file extension or content type, then by sniffing the content. */
public enum Format {
    AUTO, TEXT, JSONL, HTML, FEED
}
