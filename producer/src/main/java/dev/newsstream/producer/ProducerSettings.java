package dev.newsstream.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything one produce run needs, as typed values (the command builds it from flags; the demo and ITs build it
 * in code with {@link #defaults(String)} and the withers).
 *
 * @param kafka              broker, topic, transactions
 * @param fetch              HTTP politeness and bounds
 * @param format             how to read inputs
 * @param publishBoilerplate also publish boilerplate blocks, marked as such
 * @param publishedAt        publication time for inputs that carry none (text, stdin, pages without metadata);
 *                           null: file modification time, else now
 * @param dedupeContent      skip feed items whose body is a near copy of one already published
 * @param seenFile           the feed loop's seen-set file; null: {@link #defaultSeenFile} for the feeds
 * @param poll               time between feed passes
 * @param once               one feed pass, then return
 * @param fullSourcePath     put the file's absolute path in {@code source}; default false: the file name only, so
 *                           no local directory layout leaks into topics, API and dashboard
 *
 * <p>Immutable and thread-safe.
 */
public record ProducerSettings(KafkaSettings kafka, FetchSettings fetch, Format format, boolean publishBoilerplate,
                               Instant publishedAt, boolean dedupeContent, Path seenFile, Duration poll,
                               boolean once, boolean fullSourcePath) {

    public ProducerSettings {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(poll, "poll");
    }

    /** Kafka defaults for {@code bootstrapServers}, fetch defaults, auto format, no boilerplate, dedupe, poll 60 s. */
    public static ProducerSettings defaults(String bootstrapServers) {
        return new ProducerSettings(KafkaSettings.defaults(bootstrapServers), FetchSettings.defaults(), Format.AUTO,
                false, null, true, null, Duration.ofSeconds(60), false, false);
    }

    public ProducerSettings withKafka(KafkaSettings k) {
        return new ProducerSettings(k, fetch, format, publishBoilerplate, publishedAt, dedupeContent, seenFile, poll,
                once, fullSourcePath);
    }

    public ProducerSettings withFetch(FetchSettings f) {
        return new ProducerSettings(kafka, f, format, publishBoilerplate, publishedAt, dedupeContent, seenFile, poll,
                once, fullSourcePath);
    }

    public ProducerSettings withFormat(Format f) {
        return new ProducerSettings(kafka, fetch, f, publishBoilerplate, publishedAt, dedupeContent, seenFile, poll,
                once, fullSourcePath);
    }

    public ProducerSettings withPublishBoilerplate(boolean b) {
        return new ProducerSettings(kafka, fetch, format, b, publishedAt, dedupeContent, seenFile, poll, once, fullSourcePath);
    }

    public ProducerSettings withPublishedAt(Instant t) {
        return new ProducerSettings(kafka, fetch, format, publishBoilerplate, t, dedupeContent, seenFile, poll, once, fullSourcePath);
    }

    public ProducerSettings withDedupeContent(boolean b) {
        return new ProducerSettings(kafka, fetch, format, publishBoilerplate, publishedAt, b, seenFile, poll, once, fullSourcePath);
    }

    public ProducerSettings withSeenFile(Path p) {
        return new ProducerSettings(kafka, fetch, format, publishBoilerplate, publishedAt, dedupeContent, p, poll,
                once, fullSourcePath);
    }

    public ProducerSettings withPoll(Duration d, boolean onePass) {
        return new ProducerSettings(kafka, fetch, format, publishBoilerplate, publishedAt, dedupeContent, seenFile, d,
                onePass, fullSourcePath);
    }

    public ProducerSettings withFullSourcePath(boolean b) {
        return new ProducerSettings(kafka, fetch, format, publishBoilerplate, publishedAt, dedupeContent, seenFile, poll,
                once, b);
    }

    /** What an article read from {@code file} carries as its {@code source}: the file name, or the absolute path. */
    public String sourceOf(Path file) {
        return fullSourcePath ? file.toAbsolutePath().normalize().toString() : String.valueOf(file.getFileName());
    }

    /**
     * {@code ~/.newsstream/seen-<12 hex of SHA-256 over the sorted feed list>.json}: one seen-set per set of feeds,
     * so polling other feeds starts afresh.
     */
    public static Path defaultSeenFile(java.util.List<String> feeds) {
        String key = String.join("\n", feeds.stream().sorted().toList());
        return Path.of(System.getProperty("user.home"), ".newsstream",
                "seen-" + ArticleIds.sha256Hex(key).substring(0, 12) + ".json");
    }
}
