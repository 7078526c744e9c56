package dev.newsstream.cli;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the issue #14 ITs share: a plain (non-clamping) producer of paragraph events, and a /health probe. */
final class ReliabilityKit {
    /** A paragraph the real tagger attributes to one speaker, with {@code quote} as the statement. */
    static String said(String quote) {
        return "\"" + quote + ",\" said Daniel Marsh, the U.S. Special Representative for North Korea.";
    }

    static final String SPEAKER = "Daniel Marsh";

    private ReliabilityKit() {
    }

    static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientConfig) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one paragraph as a third-party producer would: publishedAt as given, nothing clamped. */
    static void send(KafkaProducer<byte[], byte[]> producer, String topic, String articleId, String text,
                     Instant publishedAt) {
        ParagraphEvent e = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, articleId, 0, 1, 1, text, "Talks", null,
                "test", publishedAt, Instant.now(), false, null);
        try {
            producer.send(new ProducerRecord<>(topic, articleId.getBytes(StandardCharsets.UTF_8),
                    JsonSerde.of(ParagraphEvent.class).serialize(topic, e))).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not send a test record", ex);
        }
    }

    record Health(int status, String body) {
    }

    static Health health(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Health(r.statusCode(), r.body());
        } catch (Exception e) {
            return new Health(-1, e.toString());
        }
    }
}
