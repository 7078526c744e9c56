package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed loop against a local HTTP server: an RSS feed whose items point at a clean article, a div-soup page, a
 * 404, a page slower than the timeout, a page over the size cap, a copy of the first story under another URL, and
 * a 404 whose item carries its text inline.
 */
class FeedIngesterTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private ExecutorService executor;
    private String base;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/feed.xml", ex -> send(ex, 200, "application/rss+xml", feed()));
        server.createContext("/a/1", ex -> send(ex, 200, "text/html; charset=utf-8", resource("clean-article.html")));
        server.createContext("/a/2", ex -> send(ex, 200, "text/html", resource("div-soup.html")));
        server.createContext("/a/404", ex -> send(ex, 404, "text/plain", "not here"));
        server.createContext("/a/slow", ex -> {
            try {
                // never answers while the test runs: only the producer's timeout can end this request
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "text/html", "<html><body><p>Too late to matter, the client gave up already.</p></body></html>");
        });
        server.createContext("/a/huge", ex -> send(ex, 200, "text/html",
                "<html><body>" + "<p>Padding paragraph that goes on and on.</p>".repeat(20_000) + "</body></html>"));
        server.createContext("/b/copy-of-1", ex -> send(ex, 200, "text/html", copyOfStoryOne()));
        server.start();
        // load the HTTP client's classes with a generous timeout, so the tests' 3 s timeout measures the server,
        // not a cold JVM on a busy machine
        try {
            new HttpFetcher(new FetchSettings("warm-up", Duration.ofSeconds(60), 1024 * 1024, Duration.ZERO))
                    .fetch(base + "/feed.xml");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stopServer() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private String feed() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                <channel><title>Test wire</title><link>BASE/</link><description>test</description>
                <item><title>Copy of story one</title><link>BASE/b/copy-of-1</link><guid>copy</guid>
                  <pubDate>Wed, 04 Mar 2026 12:00:00 GMT</pubDate></item>
                <item><title>Story one</title><link>BASE/a/1</link><guid>story-1</guid>
                  <pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate></item>
                <item><title>Story two</title><link>BASE/a/2</link><guid>story-2</guid>
                  <pubDate>Wed, 04 Mar 2026 10:00:00 GMT</pubDate></item>
                <item><title>Gone</title><link>BASE/a/404</link><guid>gone</guid>
                  <pubDate>Wed, 04 Mar 2026 10:30:00 GMT</pubDate></item>
                <item><title>Slow</title><link>BASE/a/slow</link><guid>slow</guid>
                  <pubDate>Wed, 04 Mar 2026 10:40:00 GMT</pubDate></item>
                <item><title>Huge</title><link>BASE/a/huge</link><guid>huge</guid>
                  <pubDate>Wed, 04 Mar 2026 10:50:00 GMT</pubDate></item>
                <item><title>Inline story</title><link>BASE/a/404-inline</link><guid>inline</guid>
                  <pubDate>Wed, 04 Mar 2026 11:00:00 GMT</pubDate>
                  <content:encoded><![CDATA[<p>The page of this item is gone, but the feed carries the whole text of the story, so the producer publishes it from the feed instead.</p><p>"We have the text anyway," the editor said.</p>]]></content:encoded></item>
                </channel></rss>
                """.replace("BASE", base);
    }

    private static String copyOfStoryOne() throws IOException {
        String clean = resource("clean-article.html");
        // the same story under another URL, without the canonical link, with a wire dateline
        return clean.replace("<link rel=\"canonical\"", "<link rel=\"alternate\"")
                .replace("<p>Negotiators", "<p>GENEVA (Wire) - Negotiators");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FeedIngesterTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the producer gave up on this response (timeout, size cap): expected in these tests
        }
    }

    private PublishSummary runOnce(RecordingSink sink, Path seenFile, ByteArrayOutputStream err)
            throws InterruptedException {
        ProducerSettings settings = ProducerSettings.defaults("unused:9092")
                .withFetch(new FetchSettings("test-agent", Duration.ofSeconds(3), 256 * 1024, Duration.ZERO))
                .withSeenFile(seenFile)
                .withPoll(Duration.ofSeconds(60), true);
        return ProducerRunner.run(settings, List.of(), List.of(base + "/feed.xml"), sink,
                InputStream.nullInputStream(), new PrintStream(err, true, StandardCharsets.UTF_8), () -> false);
    }

    @Test
    void newItemsArePublishedOnceAndFailuresAreReportedAndSkipped() throws Exception {
        RecordingSink sink = new RecordingSink();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path seenFile = dir.resolve("state/seen.json");

        PublishSummary first = runOnce(sink, seenFile, err);

        assertThat(sink.titles()).as(err.toString(StandardCharsets.UTF_8))
                .containsExactly("Envoys agree to meet again", "Minister rejects proposal",
                "Inline story");
        assertThat(sink.ids().get(0))
                .isEqualTo(ArticleIds.fromUrl("https://news.example.com/world/2026/03/envoys-agree"));
        assertThat(sink.published.get(0).events()).hasSize(5);
        assertThat(sink.published.get(2).events()).extracting(e -> e.text())
                .containsExactly("The page of this item is gone, but the feed carries the whole text of the story,"
                        + " so the producer publishes it from the feed instead.",
                        "\"We have the text anyway,\" the editor said.");
        assertThat(first.articles()).isEqualTo(3);
        assertThat(first.paragraphs()).isEqualTo(5 + 4 + 2);
        assertThat(first.duplicates()).as("the copy of story one under another URL").isEqualTo(1);
        assertThat(first.errors()).isEqualTo(3);
        assertThat(first.errorMessages()).anySatisfy(m -> assertThat(m).contains("/a/404", "HTTP 404"))
                .anySatisfy(m -> assertThat(m).contains("/a/slow", "--timeout"))
                .anySatisfy(m -> assertThat(m).contains("/a/huge", "--max-page-bytes"));
        assertThat(seenFile).exists();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("feed pass: 3 new articles");
    }

    @Test
    void aSecondRunWithTheSameSeenFilePublishesNothingNew() throws Exception {
        Path seenFile = dir.resolve("seen.json");
        assertThat(runOnce(new RecordingSink(), seenFile, new ByteArrayOutputStream()).articles()).isEqualTo(3);

        RecordingSink again = new RecordingSink();
        PublishSummary second = runOnce(again, seenFile, new ByteArrayOutputStream());

        assertThat(again.published).isEmpty();
        assertThat(second.articles()).isZero();
        assertThat(second.duplicates()).isEqualTo(4);
        assertThat(second.errors()).as("failed items are tried again, and fail again").isEqualTo(3);
    }

    @Test
    void withoutContentDedupeTheWireCopyIsPublishedToo() throws Exception {
        RecordingSink sink = new RecordingSink();
        ProducerSettings settings = ProducerSettings.defaults("unused:9092")
                .withFetch(new FetchSettings("test-agent", Duration.ofSeconds(3), 256 * 1024, Duration.ZERO))
                .withDedupeContent(false);
        HttpFetcher fetcher = new HttpFetcher(settings.fetch());
        Ingestion ingestion = new Ingestion(settings, sink, fetcher, new PrintStream(new ByteArrayOutputStream()),
                java.time.Clock.systemUTC());

        new FeedIngester(fetcher, SeenStore.inMemory(), false, ingestion).pass(List.of(base + "/feed.xml"));

        assertThat(sink.titles()).hasSize(4).contains("Envoys agree to meet again");
        assertThat(Files.exists(dir.resolve("seen.json"))).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES) // a hang guard, not a speed check
    void aStopRequestEndsThePollLoopWithASummary() throws Exception {
        RecordingSink sink = new RecordingSink();
        ProducerSettings settings = ProducerSettings.defaults("unused:9092")
                .withFetch(new FetchSettings("test-agent", Duration.ofSeconds(3), 256 * 1024, Duration.ZERO))
                .withSeenFile(dir.resolve("seen.json"))
                .withPoll(Duration.ofHours(1), false);

        PublishSummary summary = ProducerRunner.run(settings, List.of(), List.of(base + "/feed.xml"), sink,
                InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                () -> sink.published.size() >= 2);

        assertThat(summary.articles()).isEqualTo(2);
        assertThat(sink.titles()).containsExactly("Envoys agree to meet again", "Minister rejects proposal");
    }
}
