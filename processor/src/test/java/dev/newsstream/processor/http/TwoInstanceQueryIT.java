package dev.newsstream.processor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.newsstream.events.Json;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.NewsTopology;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.TestTaggers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances of one application (same {@code application.id}, own state dirs, own HTTP ports as
 * {@code application.server}) on a real broker with 2-partition topics: every table answers the same on both, and a
 * key held by the other instance is answered through its owner, or 503 when the owner's API is down. The tagger is {@link TestTaggers#simple()}: this is
 * about the query layer, not the NLP. {@code at_least_once} keeps it quick; the queries do not depend on the
 * guarantee.
 */
@WithKafka
class TwoInstanceQueryIT {
    static final List<String> SIDES = List.of("USA", "CHN", "RUS", "GBR", "FRA", "IND", "JPN", "DEU");
    static final TypeReference<List<TableRow>> ROWS = new TypeReference<>() {
    };
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @SuppressWarnings("try") // apiB is closed early on purpose, to take its API away while B keeps its partitions
    void bothInstancesAnswerAlikeAndForwardToTheOwner(KafkaBroker kafka, @TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = TopicNames.defaults().withPrefix("two-instance-" + run + ".");
        String appId = "two-instance-" + run;
        ProcessorSettings a = settings(kafka, appId, topics, dirA, freePort());
        ProcessorSettings b = settings(kafka, appId, topics, dirB, freePort());

        try (NewsProcessor procA = new NewsProcessor(a, TestTaggers.simple(), ProcessorMetrics.noop());
             NewsProcessor procB = new NewsProcessor(b, TestTaggers.simple(), ProcessorMetrics.noop())) {
            procA.start();
            procB.start();
            try (HttpApi apiA = new HttpApi(a, new TableQueryService(procA.streams(), a), null).start();
                 HttpApi apiB = new HttpApi(b, new TableQueryService(procB.streams(), b), null).start()) {
                await("both instances RUNNING, each with active tasks").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> hasActiveTasks(procA.streams()) && hasActiveTasks(procB.streams()));

                Instant published = Instant.now().minus(1, ChronoUnit.HOURS);
                Map<String, Long> expected = publish(kafka, topics, published);

                await("every side counted, as seen from both instances").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> counts(apiA).equals(expected) && counts(apiB).equals(expected));

                // lists: the same rows from either instance
                assertThat(rows(apiA, "/api/sides")).isEqualTo(rows(apiB, "/api/sides"));
                assertThat(rows(apiA, "/api/speakers?limit=100")).isEqualTo(rows(apiB, "/api/speakers?limit=100"))
                        .hasSize(SIDES.size() + 1); // "Speaker X" per side, and Wang Yi
                List<TableRow> article = rows(apiA, "/api/articles/art-0");
                assertThat(article).isEqualTo(rows(apiB, "/api/articles/art-0"));
                assertThat(article).extracting(TableRow::side).containsExactly("CHN", "USA");

                // one key each: the same row from either instance
                for (String side : SIDES) {
                    assertThat(body(apiA, "/api/sides/" + side)).isEqualTo(body(apiB, "/api/sides/" + side));
                    assertThat(rows(apiA, "/api/sides/" + side + "/windows")).isEqualTo(rows(apiB, "/api/sides/" + side + "/windows"))
                            .singleElement().satisfies(w -> assertThat(w.statements()).isEqualTo(expected.get(side)));
                }

                // a key held by B, asked of A: A does not have it, yet answers it (through B)
                String held = SIDES.stream().filter(s -> owner(procA.streams(), s).equals(new HostInfo("127.0.0.1", b.httpPort())))
                        .findFirst().orElseThrow(() -> new AssertionError("B owns no side; assignment: " + owners(procA.streams())));
                assertThat(get(apiA, "/api/sides/" + held + "?local=true").statusCode()).isEqualTo(404);
                HttpResponse<String> routed = get(apiA, "/api/sides/" + held);
                assertThat(routed.statusCode()).isEqualTo(200);
                assertThat(Json.mapper().readValue(routed.body(), TableRow.class).statements()).isEqualTo(expected.get(held));
                String speaker = "Speaker " + held;
                assertThat(get(apiA, "/api/speakers/" + speaker.replace(" ", "%20")).statusCode()).isEqualTo(200);

                // unknown keys are 404 whichever instance owns their partition
                assertThat(get(apiA, "/api/sides/NOPE").statusCode()).isEqualTo(404);
                assertThat(get(apiB, "/api/sides/NOPE").statusCode()).isEqualTo(404);

                // the feed: every instance reads the whole topic
                await("the statements feed on both instances").atMost(Duration.ofMinutes(1))
                        .until(() -> feedSize(apiA) == total(expected) && feedSize(apiB) == total(expected));

                // B's HTTP API goes away while B still holds partitions: A says so instead of answering half a table
                apiB.close();
                for (String path : List.of("/api/sides", "/api/sides/" + held)) {
                    HttpResponse<String> down = get(apiA, path);
                    assertThat(down.statusCode()).as(path + ": " + down.body()).isEqualTo(503);
                    assertThat(down.headers().firstValue("Retry-After")).isPresent();
                    assertThat(Json.mapper().readTree(down.body()).get("error").asText())
                            .contains("127.0.0.1:" + b.httpPort()).contains("did not answer");
                }
            }
        }
    }

    static ProcessorSettings settings(KafkaBroker kafka, String appId, TopicNames topics, Path stateDir, int port) {
        return new ProcessorSettings(kafka.bootstrapServers(), appId, topics, stateDir, "at_least_once", 1,
                Duration.ofMillis(100), Duration.ofHours(24), dev.newsstream.processor.WindowGrace.both(Duration.ofMinutes(10)), 2, (short) 1, "127.0.0.1", port,
                "127.0.0.1:" + port, null, null, Map.of());
    }

    /**
     * application.server must be known before Kafka Streams starts, so the test picks the port first (a tiny race
     * with other processes; port 0 cannot be used for a peer address).
     */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean hasActiveTasks(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    }

    /** Article i has one statement of side i and one of CHN (article 0: USA and CHN); returns statements per side. */
    static Map<String, Long> publish(KafkaBroker kafka, TopicNames topics, Instant published) throws Exception {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
        Map<String, Long> expected = new TreeMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < SIDES.size(); i++) {
                String side = SIDES.get(i);
                String id = "art-" + i;
                String text = "Speaker " + side + " (" + side + ") said: \"good news\". "
                        + (side.equals("CHN") ? "" : "Wang Yi (CHN) said: \"bad idea\".");
                ParagraphEvent p = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, id, 0, 1, 1, text, "Article " + i,
                        null, "it", published, published, false, null);
                producer.send(new ProducerRecord<>(topics.paragraphs(), id, serde.serialize(topics.paragraphs(), p)))
                        .get(30, TimeUnit.SECONDS);
                expected.merge(side, 1L, Long::sum);
                if (!side.equals("CHN")) {
                    expected.merge("CHN", 1L, Long::sum);
                }
            }
        }
        return expected;
    }

    static long total(Map<String, Long> expected) {
        return expected.values().stream().mapToLong(Long::longValue).sum();
    }

    HttpResponse<String> get(HttpApi api, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    String body(HttpApi api, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(api, path);
        assertThat(r.statusCode()).as(path + " on port " + api.port() + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    List<TableRow> rows(HttpApi api, String path) throws IOException, InterruptedException {
        return Json.mapper().readValue(body(api, path), ROWS);
    }

    /** Statements per side from /api/sides, or empty while the tables are not all queryable. */
    Map<String, Long> counts(HttpApi api) throws IOException, InterruptedException {
        HttpResponse<String> r = get(api, "/api/sides");
        if (r.statusCode() != 200) {
            return Map.of();
        }
        return Json.mapper().readValue(r.body(), ROWS).stream()
                .collect(Collectors.toMap(TableRow::key, TableRow::statements, (x, y) -> x, TreeMap::new));
    }

    long feedSize(HttpApi api) throws IOException, InterruptedException {
        return Json.mapper().readTree(body(api, "/api/statements/latest?limit=200")).size();
    }

    static HostInfo owner(KafkaStreams streams, String side) {
        KeyQueryMetadata md = streams.queryMetadataForKey(NewsTopology.SIDE_STORE, side, Serdes.String().serializer());
        return md.activeHost();
    }

    static Map<String, HostInfo> owners(KafkaStreams streams) {
        Map<String, HostInfo> m = new TreeMap<>();
        for (String s : SIDES) {
            m.put(s, owner(streams, s));
        }
        return m;
    }
}
