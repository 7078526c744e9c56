package dev.newsstream.producer;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One pass over RSS/Atom feeds: every item not seen before is fetched, extracted and handed to the listener once.
 *
 * <p>Per item: its keys are the GUID (Rome's {@code uri}) and the normalised link; an item with a known key is a
 * duplicate. Otherwise the link is fetched and the page extracted ({@link HtmlExtractor}); if that fails and the
 * item carries {@code content:encoded} or a description of at least {@value #MIN_FALLBACK_WORDS} words, that text is
 * used instead; else the item is reported as an error and skipped (and tried again next pass). An article whose id
 * is known, or (unless content dedupe is off) whose body is a near copy of a published one, is a duplicate too, so
 * wire copies of one story under different URLs count once. After the listener accepts an article (it publishes),
 * its keys, id and content sketch go into the {@link SeenStore}, which is saved at once. Items are handled oldest
 * first when every item has a date.
 *
 * <p>A failing feed or item never ends the pass; only the listener's {@link PublishException} does.
 * Not thread-safe.
 */
public final class FeedIngester {

    static final int MIN_FALLBACK_WORDS = 40;

    private final HttpFetcher fetcher;
    private final SeenStore seen;
    private final boolean dedupeContent;
    private final IngestListener listener;
    private final BooleanSupplier stop;

    public FeedIngester(HttpFetcher fetcher, SeenStore seen, boolean dedupeContent, IngestListener listener) {
        this(fetcher, seen, dedupeContent, listener, () -> false);
    }

    /** @param stop checked between items: when it turns true the pass ends after the current item */
    public FeedIngester(HttpFetcher fetcher, SeenStore seen, boolean dedupeContent, IngestListener listener,
                        BooleanSupplier stop) {
        this.fetcher = fetcher;
        this.seen = seen;
        this.dedupeContent = dedupeContent;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Runs one pass over {@code feeds} (URLs or files).
     *
     * @return how many new articles were handed to the listener
     */
    public int pass(List<String> feeds) throws InterruptedException {
        int handed = 0;
        for (String feed : feeds) {
            if (stop.getAsBoolean()) {
                break;
            }
            byte[] bytes;
            try {
                bytes = feed.matches("(?i)https?://.+") ? fetcher.fetch(feed).body() : Files.readAllBytes(Path.of(feed));
            } catch (IOException e) {
                listener.error(feed, "cannot read feed: " + e.getMessage());
                continue;
            }
            handed += pass(feed, bytes);
        }
        return handed;
    }

    /** One pass over one feed's already-fetched bytes. */
    public int pass(String feed, byte[] bytes) throws InterruptedException {
        SyndFeed parsed;
        try {
            parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(bytes)));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            listener.error(feed, "not an RSS or Atom feed: " + e.getMessage());
            return 0;
        }
        List<SyndEntry> entries = new ArrayList<>(parsed.getEntries());
        if (entries.stream().allMatch(e -> date(e) != null)) {
            entries.sort(Comparator.comparing(FeedIngester::date));
        }
        int handed = 0;
        for (SyndEntry entry : entries) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("feed pass interrupted");
            }
            if (stop.getAsBoolean()) {
                break;
            }
            if (item(feed, entry)) {
                handed++;
            }
        }
        return handed;
    }

    private boolean item(String feed, SyndEntry entry) throws InterruptedException {
        String link = entry.getLink() == null ? null : entry.getLink().strip();
        String guid = entry.getUri() == null || entry.getUri().isBlank() ? null : "guid:" + entry.getUri().strip();
        String linkKey = link == null ? null : "link:" + ArticleIds.normaliseUrl(link);
        String where = link != null ? link : feed + " item \"" + entry.getTitle() + "\"";
        if (seen.contains(guid) || seen.contains(linkKey)) {
            listener.duplicate(where, "already published (same GUID or link)");
            return false;
        }
        Instant itemTime = date(entry) == null ? null : date(entry).toInstant();
        Article article = null;
        String fetchError = null;
        if (link != null && link.matches("(?i)https?://.+")) {
            try {
                HttpFetcher.Page page = fetcher.fetch(link);
                article = HtmlExtractor.extract(HtmlExtractor.parse(page.body(), page.contentType(),
                        page.uri().toString()), page.uri().toString(), feed, null, itemTime);
            } catch (IOException e) {
                fetchError = e.getMessage();
            }
        } else {
            fetchError = "item has no http(s) link";
        }
        if (article == null) {
            String inline = inlineHtml(entry);
            if (inline == null) {
                listener.error(where, fetchError + "; the item has no content:encoded or description long enough"
                        + " to use instead, so it is skipped (it will be tried again next pass)");
                return false;
            }
            String id = link != null ? ArticleIds.fromUrl(link) : guid != null ? ArticleIds.fromText(guid) : null;
            article = HtmlExtractor.extract("<html><body><article>" + inline + "</article></body></html>", link, feed,
                    id, itemTime);
        }
        if (article.title().isBlank() && entry.getTitle() != null) {
            article = new Article(article.id(), entry.getTitle().strip(), article.url(), article.source(),
                    article.publishedAt(), article.body(), article.skipped());
        }
        String idKey = "id:" + article.id();
        List<String> keys = new ArrayList<>(List.of(idKey));
        if (guid != null) {
            keys.add(guid);
        }
        if (linkKey != null) {
            keys.add(linkKey);
        }
        if (seen.contains(idKey)) {
            listener.duplicate(where, "already published as article " + article.id());
            remember(keys, article.id(), null, where);
            return false;
        }
        long[] sketch = ContentFingerprint.sketch(String.join(" ", article.paragraphs()));
        if (dedupeContent && !article.body().isEmpty()) {
            String same = seen.similarTo(sketch, ContentFingerprint.SAME_STORY);
            if (same != null) {
                listener.duplicate(where, "same story as article " + same + " (content fingerprint)");
                remember(keys, article.id(), null, where);
                return false;
            }
        }
        listener.article(article);
        remember(keys, article.id(), sketch, where);
        return true;
    }

    private void remember(List<String> keys, String id, long[] sketch, String where) {
        seen.remember(keys, id, sketch);
        try {
            seen.save();
        } catch (IOException e) {
            listener.error(where, "published, but cannot write seen-file " + seen.file() + ": " + e.getMessage()
                    + "; a restart may publish it again. Check the directory's permissions or pass --seen-file.");
        }
    }

    private static String inlineHtml(SyndEntry entry) {
        for (SyndContent c : entry.getContents()) {
            if (c.getValue() != null && !c.getValue().isBlank()) {
                return c.getValue();
            }
        }
        SyndContent d = entry.getDescription();
        if (d != null && d.getValue() != null
                && org.jsoup.Jsoup.parse(d.getValue()).text().split("\\s+").length >= MIN_FALLBACK_WORDS) {
            return d.getValue();
        }
        return null;
    }

    private static Date date(SyndEntry e) {
        return e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
    }
}
