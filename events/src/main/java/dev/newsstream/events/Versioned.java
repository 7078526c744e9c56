package dev.newsstream.events;

/** Every value written to a topic carries the version of its JSON schema. */
public interface Versioned {
    int schemaVersion();
}
