package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed path on a real broker: {@code produce --feed URL --once} against a local site (pages written for this
 * test) publishes each article once, body paragraphs only; a wire copy of one story under another URL is
 * skipped; a second run with the same seen-file publishes nothing new.
 */
@WithKafka
class FeedIT {
    @TempDir
    Path dir;
    HttpServer server;
    String base;

    static final String STORY = """
            <html><head><title>Envoys agree to meet again | Example News</title>
            <link rel="canonical" href="%s">
            <meta property="article:published_time" content="2026-03-02T09:00:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <article><h1>Envoys agree to meet again</h1>
            <p>Negotiators from both countries ended two days of talks in Geneva on Monday without a deal.</p>
            <p>"We made progress on several issues and we will be back in two weeks," the chief negotiator told reporters.</p>
            <p>The foreign ministry said in a statement that the next round would focus on prisoner exchanges.</p>
            <div class="newsletter">Subscribe to our daily briefing. * indicates required</div>
            </article>
            <aside>Most read: <a href="/a">Story A</a> <a href="/b">Story B</a></aside>
            <footer>Leave a Reply. Your email address will not be published.</footer></body></html>
            """;

    @BeforeEach
    void site() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> pages = Map.of(
                "/world/envoys-agree", STORY.formatted(base + "/world/envoys-agree"),
                "/wire/envoys-agree-copy", STORY.formatted(base + "/wire/envoys-agree-copy"),
                "/feed.xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <rss version="2.0"><channel><title>Example News</title><link>%1$s/</link><description>World</description>
                        <item><title>Envoys agree to meet again</title><link>%1$s/world/envoys-agree</link><guid>%1$s/world/envoys-agree</guid>
                          <pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>
                        <item><title>Envoys agree to meet again (wire)</title><link>%1$s/wire/envoys-agree-copy</link><guid>wire-1</guid>
                          <pubDate>Mon, 02 Mar 2026 09:05:00 GMT</pubDate></item>
                        </channel></rss>
                        """.formatted(base));
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    exchange.getRequestURI().getPath().endsWith(".xml") ? "application/rss+xml" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachNewArticleIsPublishedOnceWithoutBoilerplate(KafkaBroker broker) throws Exception {
        String topic = "feed-" + UUID.randomUUID().toString().substring(0, 8) + ".paragraphs";
        Path seen = dir.resolve("seen.json");
        String[] args = {"produce", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--feed", base + "/feed.xml", "--once", "--seen-file", seen.toString(), "--rate-limit-per-host", "none"};

        assertThat(Main.run(args)).isZero();
        List<ParagraphEvent> first = readAll(broker, topic);
        assertThat(first).extracting(ParagraphEvent::text).containsExactly(
                "Negotiators from both countries ended two days of talks in Geneva on Monday without a deal.",
                "\"We made progress on several issues and we will be back in two weeks,\" the chief negotiator told reporters.",
                "The foreign ministry said in a statement that the next round would focus on prisoner exchanges.");
        assertThat(first).extracting(ParagraphEvent::articleId).containsOnly(first.get(0).articleId());
        assertThat(first).extracting(ParagraphEvent::title).containsOnly("Envoys agree to meet again");
        assertThat(first).extracting(ParagraphEvent::boilerplate).containsOnly(false);

        assertThat(Main.run(args)).isZero();
        assertThat(readAll(broker, topic)).hasSameSizeAs(first);
    }

    private static List<ParagraphEvent> readAll(KafkaBroker broker, String topic) {
        List<ParagraphEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = PipelineIT.readCommitted(broker, topic)) {
            long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quiet) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(JsonSerde.of(ParagraphEvent.class).deserialize(topic, r.value()));
                    quiet = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return out;
    }
}
