package dev.newsstream.producer;

import dev.newsstream.events.ParagraphEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One produce run's state: reads inputs, publishes each article to the {@link Sink}, and keeps the tally for the
 * {@link PublishSummary}. Errors in one input are reported on {@code err} and counted, and the run goes on; a
 * {@link PublishException} from the sink ends it (the broker is gone or refuses us).
 *
 * <p>Not thread-safe: one run, one thread.
 */
final class Ingestion implements IngestListener {

    private final ProducerSettings settings;
    private final Sink sink;
    private final HttpFetcher fetcher;
    private final PrintStream err;
    private final Clock clock;
    private final Set<String> publishedIds = new HashSet<>();
    private final Map<String, Integer> byArticle = new LinkedHashMap<>();
    private final List<String> errorMessages = new ArrayList<>();
    private int articles;
    private int paragraphs;
    private int skipped;
    private int duplicates;
    private int empty;

    Ingestion(ProducerSettings settings, Sink sink, HttpFetcher fetcher, PrintStream err, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.fetcher = fetcher;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public void article(Article article) {
        if (!publishedIds.add(article.id())) {
            duplicate(article.source(), "article " + article.id() + " was already published in this run");
            return;
        }
        List<ParagraphEvent> events = ParagraphEvents.of(article, settings.publishBoilerplate(), clock.instant());
        if (!events.isEmpty() && events.get(0).publishedAtClampedFrom() != null) {
            err.println("warning: " + article.source() + ": article " + article.id() + " is dated "
                    + events.get(0).publishedAtClampedFrom() + ", more than " + ParagraphEvents.MAX_FUTURE.toMinutes()
                    + " min in the future; published with publishedAt = the ingest time "
                    + events.get(0).publishedAt() + " (publishedAtClampedFrom keeps the original)");
        }
        if (!settings.publishBoilerplate()) {
            skipped += article.skipped().size();
        }
        if (events.isEmpty()) {
            empty++;
            err.println("warning: " + article.source() + ": no body text found in article " + article.id()
                    + " (" + article.skipped().size() + " boilerplate blocks); nothing published");
            return;
        }
        try {
            sink.publish(article.id(), events);
        } catch (ArticleRejectedException e) {
            error(article.source() + " (article " + article.id() + ")", e.getMessage());
            return;
        }
        articles++;
        paragraphs += events.size();
        byArticle.merge(article.id(), events.size(), Integer::sum);
    }

    @Override
    public void error(String where, String message) {
        errorMessages.add(where + ": " + message);
        err.println("error: " + where + ": " + message);
    }

    @Override
    public void duplicate(String where, String why) {
        duplicates++;
    }

    /** Reads one input and publishes what it holds; feed inputs get a feed pass with {@code feedSeen}. */
    void ingest(Input input, InputStream stdin, SeenStore feedSeen) throws InterruptedException {
        try {
            switch (input.kind()) {
                case STDIN -> ingestStdin(stdin);
                case FILE -> ingestFile(input.path(), feedSeen);
                case URL -> ingestUrl(input.location(), feedSeen);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PublishException p) {
                throw p;
            }
            error(input.location(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void ingestStdin(InputStream stdin) throws IOException {
        switch (settings.format()) {
            case JSONL -> JsonLinesArticles.read(new BufferedReader(new InputStreamReader(stdin,
                    StandardCharsets.UTF_8)), "stdin", settings.publishedAt(), this);
            case HTML -> article(HtmlExtractor.extract(HtmlExtractor.parse(stdin.readAllBytes(), null, null), null,
                    "-", null, publishedAtOrNow()));
            default -> article(TextArticles.read(stdin, "-", settings.publishedAt()));
        }
    }

    private void ingestFile(Path file, SeenStore feedSeen) throws IOException, InterruptedException {
        Format format = settings.format();
        if (format == Format.AUTO) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(1024);
            }
            format = Input.detect(file.getFileName().toString(), head);
        }
        // the file's own time (its sidecar) first, then --published-at, then the modification time
        String source = settings.sourceOf(file);
        Sidecar meta = format == Format.JSONL || format == Format.FEED ? Sidecar.NONE : Sidecar.of(file);
        Instant fallback = meta.publishedAt() != null ? meta.publishedAt()
                : settings.publishedAt() != null ? settings.publishedAt()
                : Files.getLastModifiedTime(file).toInstant();
        switch (format) {
            case JSONL -> {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    JsonLinesArticles.read(r, source, settings.publishedAt(), this);
                }
            }
            case HTML -> article(HtmlExtractor.extract(HtmlExtractor.parse(Files.readAllBytes(file), null, null),
                    null, source, ArticleIds.fromFile(file), fallback));
            case FEED -> new FeedIngester(fetcher, feedSeen, settings.dedupeContent(), this)
                    .pass(source, Files.readAllBytes(file));
            default -> article(TextArticles.read(file, source, null, fallback));
        }
    }

    private void ingestUrl(String url, SeenStore feedSeen) throws IOException, InterruptedException {
        HttpFetcher.Page page = fetcher.fetch(url);
        boolean feed = page.looksLikeFeed()
                || page.contentType() == null && Input.detect("", page.body()) == Format.FEED;
        if (settings.format() == Format.FEED || settings.format() == Format.AUTO && feed) {
            new FeedIngester(fetcher, feedSeen, settings.dedupeContent(), this).pass(url, page.body());
        } else if (settings.format() == Format.TEXT) {
            article(TextArticles.read(new java.io.ByteArrayInputStream(page.body()), url, settings.publishedAt()));
        } else {
            article(HtmlExtractor.extract(HtmlExtractor.parse(page.body(), page.contentType(), page.uri().toString()),
                    page.uri().toString(), url, null, publishedAtOrNow()));
        }
    }

    private Instant publishedAtOrNow() {
        return settings.publishedAt() != null ? settings.publishedAt() : clock.instant();
    }

    PublishSummary summary() {
        return new PublishSummary(articles, paragraphs, skipped, duplicates, empty, errorMessages.size(), byArticle,
                errorMessages);
    }
}
