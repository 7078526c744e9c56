package dev.newsstream.processor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsstream.events.Json;
import dev.newsstream.events.TableRow;
import dev.newsstream.processor.ProcessorSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's read-only HTTP API, the live dashboard and {@code /metrics}, on the JDK's
 * {@link HttpServer}: a thin layer that validates requests and turns {@link TableQueries} answers into JSON.
 * Endpoints and examples are in docs/api.md.
 *
 * <p>Contract: only GET and HEAD (anything else is 405); every error is JSON {@code {"error": ..., "status": ...}}
 * with 400 (bad parameter: the message names it and what is expected), 404 (unknown path or key), 405, 503 (tables
 * not queryable right now, with {@code Retry-After}) or 500 (a bug: details only in the log, never a stack trace in
 * the response). Listens on {@code http.host} (127.0.0.1 by default: nothing is exposed unless asked) and
 * {@code http.port}; port 0 picks a free port, read it back with {@link #port()}.
 *
 * <p>Lifecycle: the socket is bound in the constructor (so a port conflict fails at once, naming the address), served
 * after {@link #start()}, and {@link #close()} stops the server and closes the {@link TableQueries} it was given (it
 * owns them). Thread-safe: requests run on a small pool of daemon threads.
 */
public final class HttpApi implements AutoCloseable {
    /** How long a client should wait before retrying a 503 (stores usually settle within seconds). */
    static final int RETRY_AFTER_SECONDS = 2;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_SPEAKER_LIMIT = 1_000;
    /** Longest window range per size: the stores' retention (NewsTopology.Options.from), so a range never scans dead segments. */
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(31);
    static final Duration MAX_DAILY_RANGE = Duration.ofDays(3 * 366);
    static final Duration DEFAULT_HOURLY_RANGE = Duration.ofDays(7);
    static final Duration DEFAULT_DAILY_RANGE = Duration.ofDays(90);
    static final String ECHARTS_VERSION = "5.3.1";

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Pattern SIDE = Pattern.compile("[\\p{L}\\p{N}_.-]{1,64}");
    private static final int MAX_SPEAKER_CHARS = 200;
    private static final int MAX_ARTICLE_ID_CHARS = 512;
    private static final String DASHBOARD = "dev/newsstream/processor/dashboard/";
    private static final Set<String> DASHBOARD_FILES = Set.of("index.html", "dashboard.js", "dashboard.css", "favicon.svg");
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final Pattern WEBJAR_PATH = Pattern.compile("echarts/[0-9][0-9.]*/dist/[A-Za-z0-9_.-]+");
    /** Defence in depth for the dashboard: no inline or foreign scripts even if escaping ever failed. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final TableQueries queries;
    private final PrometheusMeterRegistry registry;
    private final Map<String, StaticFile> staticFiles = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Binds {@code settings.httpHost():settings.httpPort()}.
     *
     * @param registry the registry {@code /metrics} scrapes, or null to answer 404 there
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public HttpApi(ProcessorSettings settings, TableQueries queries, PrometheusMeterRegistry registry) {
        this(settings.httpHost(), settings.httpPort(), queries, registry);
    }

    public HttpApi(String host, int port, TableQueries queries, PrometheusMeterRegistry registry) {
        this.queries = queries;
        this.registry = registry;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "); set http.port to a free port (0 picks one) or stop what is using it", e);
        }
        this.executor = Executors.newFixedThreadPool(4, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts serving; returns this, for {@code new HttpApi(...).start()}. */
    public HttpApi start() {
        server.start();
        LOG.info("HTTP API and dashboard on http://{}:{}/", server.getAddress().getHostString(), port());
        return this;
    }

    /** The port actually bound (the configured one, or the one the system chose for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests, gives running ones a second, then closes the queries. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        queries.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "newsstream-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // --- dispatch ---------------------------------------------------------------------------------------------

    /** A request that cannot be served, with the status and the message the client sees. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) {
        // not try-with-resources: that would close the exchange before the catch blocks could send the error
        try {
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                throw new HttpError(405, "method " + method + " is not allowed: this API is read-only (GET, HEAD)");
            }
            route(ex, ex.getRequestURI().getRawPath(), parseQuery(ex.getRequestURI().getRawQuery()));
        } catch (HttpError e) {
            sendError(ex, e.status, e.getMessage());
        } catch (QueryUnavailableException e) {
            ex.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            sendError(ex, 503, e.getMessage());
        } catch (IOException e) {
            LOG.debug("client went away during {} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("failed to answer {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            sendError(ex, 500, "internal error while answering this request; the server log has the details");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String rawPath, Map<String, String> q) throws IOException {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            noParams(q);
            sendStatic(ex, DASHBOARD + "index.html", "no-cache");
            return;
        }
        if (rawPath.startsWith("/webjars/")) {
            String rest = rawPath.substring("/webjars/".length());
            if (!WEBJAR_PATH.matcher(rest).matches() || rest.contains("..")) {
                throw notFound(rawPath);
            }
            // versioned path: the content of a URL never changes
            sendStatic(ex, WEBJARS + rest, "public, max-age=31536000, immutable");
            return;
        }
        List<String> p = segments(rawPath);
        switch (p.get(0)) {
            case "dashboard" -> {
                if (p.size() != 2 || !DASHBOARD_FILES.contains(p.get(1))) {
                    throw notFound(rawPath);
                }
                sendStatic(ex, DASHBOARD + p.get(1), "no-cache");
            }
            case "health" -> {
                onlyPath(p, 1, rawPath);
                noParams(q);
                health(ex);
            }
            case "metrics" -> {
                onlyPath(p, 1, rawPath);
                noParams(q);
                if (registry == null) {
                    throw new HttpError(404, "metrics are not enabled on this instance");
                }
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8), "no-store");
            }
            case "api" -> api(ex, p, q, rawPath);
            default -> throw notFound(rawPath);
        }
    }

    private void api(HttpExchange ex, List<String> p, Map<String, String> q, String rawPath) throws IOException {
        if (p.size() < 2) {
            throw notFound(rawPath);
        }
        switch (p.get(1)) {
            case "sides" -> {
                if (p.size() == 2) {
                    allowed(q, "local");
                    json(ex, queries.sides(local(q)));
                } else if (p.size() == 3) {
                    allowed(q, "local");
                    String side = side(p.get(2));
                    json(ex, found(queries.side(side, local(q)), "no side '" + side + "' in the side table"));
                } else if (p.size() == 4 && p.get(3).equals("windows")) {
                    windows(ex, side(p.get(2)), q);
                } else {
                    throw notFound(rawPath);
                }
            }
            case "speakers" -> {
                if (p.size() == 2) {
                    allowed(q, "local", "side", "limit");
                    String side = q.containsKey("side") ? side(q.get("side")) : null;
                    json(ex, queries.speakers(side, limit(q, MAX_SPEAKER_LIMIT), local(q)));
                } else if (p.size() == 3) {
                    allowed(q, "local");
                    String speaker = speaker(p.get(2));
                    json(ex, found(queries.speaker(speaker, local(q)), "no speaker '" + speaker + "' in the speaker table"));
                } else {
                    throw notFound(rawPath);
                }
            }
            case "articles" -> {
                onlyPath(p, 3, rawPath);
                allowed(q, "local");
                String id = articleId(p.get(2));
                List<TableRow> rows = queries.article(id, local(q));
                if (rows.isEmpty() && !local(q)) {
                    // with local=true an empty list is a valid partial answer for the merging instance
                    throw new HttpError(404, "no statements counted for article '" + id + "'");
                }
                json(ex, rows);
            }
            case "late" -> {
                onlyPath(p, 2, rawPath);
                allowed(q, "local");
                json(ex, queries.late(local(q)));
            }
            case "statements" -> {
                if (p.size() != 3 || !p.get(2).equals("latest")) {
                    throw notFound(rawPath);
                }
                allowed(q, "limit");
                json(ex, queries.latestStatements(limit(q, LatestStatements.DEFAULT_CAPACITY)));
            }
            default -> throw notFound(rawPath);
        }
    }

    private void windows(HttpExchange ex, String side, Map<String, String> q) throws IOException {
        allowed(q, "local", "size", "from", "to");
        String code = q.getOrDefault("size", "1h");
        TableQueries.WindowSize size = TableQueries.WindowSize.ofCode(code);
        if (size == null) {
            throw new HttpError(400, "parameter 'size' must be 1h or 1d, got '" + shorten(code) + "'");
        }
        boolean hourly = size == TableQueries.WindowSize.HOURLY;
        Instant to = q.containsKey("to") ? instant(q, "to") : Instant.now();
        Instant from = q.containsKey("from") ? instant(q, "from")
                : to.minus(hourly ? DEFAULT_HOURLY_RANGE : DEFAULT_DAILY_RANGE);
        if (from.isAfter(to)) {
            throw new HttpError(400, "parameter 'from' (" + from + ") is after 'to' (" + to + ")");
        }
        Duration max = hourly ? MAX_HOURLY_RANGE : MAX_DAILY_RANGE;
        if (Duration.between(from, to).compareTo(max) > 0) {
            throw new HttpError(400, "the range from " + from + " to " + to + " is longer than the " + max.toDays()
                    + " days kept for size=" + size.code() + "; narrow 'from'/'to'"
                    + (hourly ? " or use size=1d" : ""));
        }
        json(ex, queries.sideWindows(side, size, from, to, local(q)));
    }

    private void health(HttpExchange ex) throws IOException {
        Map<String, Object> body = queries.health();
        boolean up = !"DOWN".equals(body.get("status"));
        send(ex, up ? 200 : 503, "application/json", Json.mapper().writeValueAsBytes(body), "no-store");
    }

    // --- parameters -------------------------------------------------------------------------------------------

    private static <T> T found(Optional<T> value, String message) {
        return value.orElseThrow(() -> new HttpError(404, message));
    }

    private static HttpError notFound(String rawPath) {
        return new HttpError(404, "no such path: " + shorten(rawPath) + " (see docs/api.md for the endpoints)");
    }

    private static void onlyPath(List<String> p, int size, String rawPath) {
        if (p.size() != size) {
            throw notFound(rawPath);
        }
    }

    private static void noParams(Map<String, String> q) {
        allowed(q);
    }

    private static void allowed(Map<String, String> q, String... names) {
        for (String k : q.keySet()) {
            if (!List.of(names).contains(k)) {
                throw new HttpError(400, "unknown parameter '" + shorten(k) + "'"
                        + (names.length == 0 ? "; this endpoint takes none" : "; this endpoint takes " + String.join(", ", names)));
            }
        }
    }

    private static boolean local(Map<String, String> q) {
        String v = q.get("local");
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new HttpError(400, "parameter 'local' must be true or false, got '" + shorten(v) + "'");
    }

    private static int limit(Map<String, String> q, int max) {
        String v = q.get("limit");
        if (v == null) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new HttpError(400, "parameter 'limit' must be a whole number from 1 to " + max + ", got '" + shorten(v) + "'");
    }

    private static Instant instant(Map<String, String> q, String name) {
        String v = q.get(name);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw new HttpError(400, "parameter '" + name + "' must be an ISO-8601 instant such as "
                        + "2024-05-01T00:00:00Z or 2024-05-01T02:00:00+02:00, got '" + shorten(v) + "'");
            }
        }
    }

    static String side(String v) {
        if (!SIDE.matcher(v).matches()) {
            throw new HttpError(400, "a side code is 1 to 64 letters, digits, '_', '.' or '-' (e.g. USA), got '"
                    + shorten(v) + "'");
        }
        return v;
    }

    static String speaker(String v) {
        if (v.isBlank() || v.length() > MAX_SPEAKER_CHARS || hasControl(v)) {
            throw new HttpError(400, "a speaker name is 1 to " + MAX_SPEAKER_CHARS
                    + " characters without control characters (URL-encode it, e.g. Xi%20Jinping), got '" + shorten(v) + "'");
        }
        return v;
    }

    static String articleId(String v) {
        // control characters are refused above all because '\u001f' separates id and side in the store's keys
        if (v.isBlank() || v.length() > MAX_ARTICLE_ID_CHARS || hasControl(v)) {
            throw new HttpError(400, "an article id is 1 to " + MAX_ARTICLE_ID_CHARS
                    + " characters without control characters, got '" + shorten(v) + "'");
        }
        return v;
    }

    private static boolean hasControl(String v) {
        return v.chars().anyMatch(Character::isISOControl);
    }

    private static String shorten(String v) {
        return v.length() <= 80 ? v : v.substring(0, 80) + "…";
    }

    /** Path segments, each percent-decoded as UTF-8 ('+' stays '+': this is a path, not a form). */
    static List<String> segments(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        List<String> out = new ArrayList<>();
        for (String s : path.substring(1).split("/", -1)) {
            out.add(percentDecode(s));
        }
        return out;
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new HttpError(400, "malformed percent-encoding in the path: '" + shorten(s) + "'");
                }
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new HttpError(400, "the path segment '" + shorten(s) + "' is not percent-encoded UTF-8");
        }
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, "malformed query string near '" + shorten(pair) + "'");
            }
            if (q.put(k, v) != null) {
                throw new HttpError(400, "parameter '" + shorten(k) + "' is given more than once");
            }
        }
        return q;
    }

    // --- responses --------------------------------------------------------------------------------------------

    private static void json(HttpExchange ex, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
        send(ex, 200, "application/json", bytes, "no-store");
    }

    private static void sendError(HttpExchange ex, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        try {
            send(ex, status, "application/json", Json.mapper().writeValueAsBytes(body), "no-store");
        } catch (IOException e) {
            LOG.debug("could not send the {} error: {}", status, e.getMessage());
        }
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body, String cacheControl) throws IOException {
        send(ex, status, contentType, body, cacheControl, null);
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body, String cacheControl,
                             String contentEncoding) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Cache-Control", cacheControl);
        h.set("X-Content-Type-Options", "nosniff");
        if (contentEncoding != null) {
            h.set("Content-Encoding", contentEncoding);
        }
        if (contentType.startsWith("text/html")) {
            h.set("Content-Security-Policy", CSP);
            h.set("Referrer-Policy", "no-referrer");
        }
        if ("HEAD".equals(ex.getRequestMethod())) {
            h.set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A classpath file read once, with its gzip form for clients that accept it (echarts.min.js is 1 MB). */
    private record StaticFile(byte[] raw, byte[] gzip, String contentType) {
    }

    private void sendStatic(HttpExchange ex, String resource, String cacheControl) throws IOException {
        StaticFile f = staticFiles.computeIfAbsent(resource, HttpApi::load);
        if (f.raw == null) {
            throw notFound("/" + resource.substring(resource.lastIndexOf('/') + 1));
        }
        ex.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            send(ex, 200, f.contentType, f.gzip, cacheControl, "gzip");
        } else {
            send(ex, 200, f.contentType, f.raw, cacheControl);
        }
    }

    private static StaticFile load(String resource) {
        try (InputStream in = HttpApi.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return new StaticFile(null, null, null); // remembered, so a missing file is not looked up again
            }
            byte[] raw = in.readAllBytes();
            ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.length / 3);
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(raw);
            }
            return new StaticFile(raw, gz.toByteArray(), contentType(resource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classpath resource " + resource, e);
        }
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "json", "map" -> "application/json";
            default -> "application/octet-stream";
        };
    }
}
