package dev.newsstream.processor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsstream.events.Json;
import dev.newsstream.events.TableRow;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP layer over an in-memory {@link TableQueries}: routing, parameter validation, JSON bodies and errors,
 * status codes, static files and headers. It does not test the stores or the routing between instances
 * (TwoInstanceQueryIT does, on a broker).
 */
class HttpApiTest {
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    // one server for the class: closing one takes a second (HttpServer.stop waits for kept-alive connections)
    static final InMemoryTableQueries tables = new InMemoryTableQueries();
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static HttpApi api;

    @BeforeAll
    static void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("newsstream.paragraphs.received").increment(7);
        api = new HttpApi("127.0.0.1", 0, tables, registry).start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every test starts from the same tables, healthy. */
    @BeforeEach
    void fill() {
        tables.failure = null;
        tables.state = "RUNNING";
        tables.lastLocal = null;
        tables.lastWindowQuery = null;
        TableRow.LatestStatement latest = new TableRow.LatestStatement("We will cooperate.", "Joe Biden", "USA",
                "cooperative", 0.4, "a1", 0, T0);
        tables.sides.put("USA", InMemoryTableQueries.sideRow("USA", 5, 0.25, latest));
        tables.sides.put("CHN", InMemoryTableQueries.sideRow("CHN", 3, -0.1, null));
        tables.speakers.put("Joe Biden", InMemoryTableQueries.speakerRow("Joe Biden", "USA", 4, 0.3));
        tables.speakers.put("Xi Jinping", InMemoryTableQueries.speakerRow("Xi Jinping", "CHN", 3, -0.1));
        tables.speakers.put("A+B", InMemoryTableQueries.speakerRow("A+B", "USA", 1, 0.0));
        tables.windows.put("USA/1h", List.of(
                InMemoryTableQueries.windowRow("USA", T0, T0.plusSeconds(3600), 0.2),
                InMemoryTableQueries.windowRow("USA", T0.plusSeconds(3600), T0.plusSeconds(7200), 0.3)));
        tables.articles.put("a1", List.of(InMemoryTableQueries.articleRow("a1", "CHN", 1),
                InMemoryTableQueries.articleRow("a1", "USA", 2)));
        tables.feed.clear();
        tables.feed.add(new FeedItem("a1", 0, "Title", "https://example.org/a1", "test", T0, "We will cooperate.",
                "Joe Biden", "USA", "cooperative", 0.4, true, Map.of("rule", "said")));
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.mapper().readTree(r.body());
    }

    /** An error response: the status, JSON with the same status and a message, no stack trace. */
    static String error(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        return body.get("error").asText();
    }

    @Test
    void bindsAFreePortWhenAskedForPortZero() {
        assertThat(api.port()).isPositive();
    }

    @Test
    void listsAllSidesAsJsonRowsSortedByKey() throws Exception {
        HttpResponse<String> r = get("/api/sides");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode rows = json(r);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("key").asText()).isEqualTo("CHN");
        assertThat(rows.get(1).get("meanCompound").asDouble()).isEqualTo(0.25);
        assertThat(rows.get(1).get("latest").get("speaker").asText()).isEqualTo("Joe Biden");
        assertThat(tables.lastLocal).isFalse();
    }

    @Test
    void passesLocalTrueThroughForInstanceToInstanceRequests() throws Exception {
        assertThat(get("/api/sides?local=true").statusCode()).isEqualTo(200);
        assertThat(tables.lastLocal).isTrue();
        assertThat(error(get("/api/sides?local=yes"), 400)).contains("'local'").contains("true or false");
    }

    @Test
    void listsLateStatementsPerSide() throws Exception {
        tables.late.clear();
        tables.late.add(new LateCount("USA", 3, 1));
        HttpResponse<String> r = get("/api/late");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode rows = json(r);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("side").asText()).isEqualTo("USA");
        assertThat(rows.get(0).get("hourly").asLong()).isEqualTo(3);
        assertThat(rows.get(0).get("daily").asLong()).isEqualTo(1);
        assertThat(error(get("/api/late?size=1h"), 400)).contains("'size'");
        tables.late.clear();
    }

    @Test
    void answersOneSideOr404() throws Exception {
        HttpResponse<String> r = get("/api/sides/USA");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("statements").asLong()).isEqualTo(5);
        assertThat(error(get("/api/sides/RUS"), 404)).contains("RUS");
    }

    @ParameterizedTest
    @CsvSource({"/api/sides/US%24A", "/api/sides/%3Cscript%3E", "/api/sides/%E0%A4"})
    void rejectsMalformedSideCodesWith400(String path) throws Exception {
        error(get(path), 400);
    }

    @Test
    void rejectsOverlongSideCodes() throws Exception {
        assertThat(error(get("/api/sides/" + "A".repeat(65)), 400)).contains("1 to 64");
    }

    @Test
    void windowsDefaultToTheLastSevenDaysOfHourlyWindows() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> r = get("/api/sides/USA/windows");
        assertThat(r.statusCode()).isEqualTo(200);
        InMemoryTableQueries.WindowQuery q = tables.lastWindowQuery;
        assertThat(q.size()).isEqualTo(TableQueries.WindowSize.HOURLY);
        assertThat(q.to()).isBetween(before, Instant.now());
        assertThat(Duration.between(q.from(), q.to())).isEqualTo(Duration.ofDays(7));

        assertThat(get("/api/sides/USA/windows?size=1d").statusCode()).isEqualTo(200);
        assertThat(Duration.between(tables.lastWindowQuery.from(), tables.lastWindowQuery.to())).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void windowsInAnExplicitRange() throws Exception {
        HttpResponse<String> r = get("/api/sides/USA/windows?size=1h&from=2024-05-01T00:00:00Z&to=2024-05-01T03:00:00%2B02:00");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(tables.lastWindowQuery.to()).isEqualTo(Instant.parse("2024-05-01T01:00:00Z"));
        JsonNode rows = json(r);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("windowStart").asText()).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(rows.get(0).get("windowEnd").asText()).isEqualTo("2024-05-01T01:00:00Z");
    }

    @Test
    void rejectsBadWindowParameters() throws Exception {
        assertThat(error(get("/api/sides/USA/windows?size=2h"), 400)).contains("'size'").contains("1h or 1d");
        assertThat(error(get("/api/sides/USA/windows?from=yesterday"), 400)).contains("'from'").contains("ISO-8601");
        assertThat(error(get("/api/sides/USA/windows?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z"), 400))
                .contains("after");
        assertThat(error(get("/api/sides/USA/windows?size=1h&from=2024-01-01T00:00:00Z&to=2024-05-01T00:00:00Z"), 400))
                .contains("31 days").contains("size=1d");
        assertThat(error(get("/api/sides/USA/windows?size=1d&from=2014-01-01T00:00:00Z&to=2024-05-01T00:00:00Z"), 400))
                .contains("1098 days");
        assertThat(error(get("/api/sides/USA/windows?sise=1h"), 400)).contains("unknown parameter 'sise'");
    }

    @Test
    void speakersMostStatementsFirstWithSideAndLimit() throws Exception {
        JsonNode all = json(get("/api/speakers"));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("key").asText()).isEqualTo("Joe Biden");
        JsonNode usa = json(get("/api/speakers?side=USA&limit=1"));
        assertThat(usa).hasSize(1);
        assertThat(usa.get(0).get("speaker").asText()).isEqualTo("Joe Biden");
    }

    @ParameterizedTest
    @CsvSource({"limit=0", "limit=1001", "limit=abc", "limit=", "side=%3Cb%3E", "limit=1&limit=2"})
    void rejectsBadSpeakerParameters(String query) throws Exception {
        error(get("/api/speakers?" + query), 400);
    }

    @Test
    void oneSpeakerByUrlDecodedName() throws Exception {
        assertThat(json(get("/api/speakers/Xi%20Jinping")).get("side").asText()).isEqualTo("CHN");
        // a path is not a form: '+' is a plus sign, not a space
        assertThat(json(get("/api/speakers/A+B")).get("speaker").asText()).isEqualTo("A+B");
        assertThat(error(get("/api/speakers/Nobody"), 404)).contains("Nobody");
        assertThat(error(get("/api/speakers/a%0Ab"), 400)).contains("control characters");
        assertThat(error(get("/api/speakers/" + "x".repeat(201)), 400)).contains("200");
    }

    @Test
    void articleRowsOr404() throws Exception {
        JsonNode rows = json(get("/api/articles/a1"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("articleId").asText()).isEqualTo("a1");
        assertThat(error(get("/api/articles/unknown"), 404)).contains("unknown");
        // the store's key separator must not be smuggled into a prefix scan
        assertThat(error(get("/api/articles/a1%1FUSA"), 400)).contains("control characters");
        // asked by another instance: an empty local part is an answer, not an error
        assertThat(get("/api/articles/unknown?local=true").body()).isEqualTo("[]");
    }

    @Test
    void latestStatementsFeed() throws Exception {
        JsonNode items = json(get("/api/statements/latest?limit=10"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("evidence").get("rule").asText()).isEqualTo("said");
        assertThat(error(get("/api/statements/latest?limit=201"), 400)).contains("1 to 200");
        assertThat(error(get("/api/statements"), 404)).contains("no such path");
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        assertThat(error(get("/api/nothing"), 404)).contains("/api/nothing");
        error(get("/api"), 404);
        error(get("/api/sides/USA/other"), 404);
        error(get("/favicon.ico"), 404);
        error(get("/dashboard/secret.properties"), 404);
    }

    @ParameterizedTest
    @CsvSource({"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void isReadOnly(String method) throws Exception {
        HttpResponse<String> r = send(method, "/api/sides");
        assertThat(error(r, 405)).contains(method).contains("read-only");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersLikeGetWithoutABody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/api/sides");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void unavailableTablesAre503WithRetryAfter() throws Exception {
        tables.failure = new QueryUnavailableException("the table 'side-sentiment-store' is not queryable right now");
        HttpResponse<String> r = get("/api/sides");
        assertThat(error(r, 503)).contains("not queryable");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void aBugIs500WithoutDetails() throws Exception {
        tables.failure = new IllegalStateException("secret internals");
        assertThat(error(get("/api/sides/USA"), 500)).doesNotContain("secret").contains("server log");
    }

    @Test
    void healthIsUpWhileRunningOrRebalancing() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("UP");
        assertThat(json(r).get("state").asText()).isEqualTo("RUNNING");
        tables.state = "REBALANCING";
        assertThat(get("/health").statusCode()).isEqualTo(200);
        tables.state = "PENDING_ERROR";
        r = get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(r).get("state").asText()).isEqualTo("PENDING_ERROR");
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("newsstream_paragraphs_received_total 7.0");
    }

    @Test
    void servesTheDashboardWithItsContentTypesAndCacheHeaders() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.body()).contains("/webjars/echarts/" + HttpApi.ECHARTS_VERSION + "/dist/echarts.min.js")
                .doesNotContain("https://");

        HttpResponse<String> js = get("/dashboard/dashboard.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
        assertThat(get("/dashboard/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void servesEChartsFromTheWebJarOfflineAndCompressed() throws Exception {
        HttpResponse<String> r = get("/webjars/echarts/" + HttpApi.ECHARTS_VERSION + "/dist/echarts.min.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        assertThat(r.body()).contains("echarts");

        HttpRequest gz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + "/webjars/echarts/" + HttpApi.ECHARTS_VERSION + "/dist/echarts.min.js")).header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> z = client.send(gz, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(z.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(z.body().length).isLessThan(r.body().length() / 2);

        error(get("/webjars/echarts/5.3.1/dist/../../../../dev/newsstream/processor/dashboard/index.html"), 404);
        error(get("/webjars/echarts/5.3.1/dist/nothing.js"), 404);
        error(get("/webjars/other/1.0/dist/x.js"), 404);
    }

    @Test
    void closingTheApiClosesTheQueries() {
        InMemoryTableQueries own = new InMemoryTableQueries();
        new HttpApi("127.0.0.1", 0, own, null).start().close();
        assertThat(own.closed).isTrue();
    }

    @Test
    void aTakenPortIsAnErrorThatNamesTheAddress() {
        assertThatThrownBy(() -> new HttpApi("127.0.0.1", api.port(), new InMemoryTableQueries(), null))
                .hasMessageContaining("127.0.0.1:" + api.port()).hasMessageContaining("http.port");
    }

    @Test
    void metricsAre404WithoutARegistry() throws Exception {
        try (HttpApi bare = new HttpApi("127.0.0.1", 0, new InMemoryTableQueries(), null).start()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(error(r, 404)).contains("metrics are not enabled");
        }
    }
}
