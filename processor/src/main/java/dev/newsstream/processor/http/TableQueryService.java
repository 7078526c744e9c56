package dev.newsstream.processor.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsstream.events.Json;
import dev.newsstream.events.TableRow;
import dev.newsstream.processor.NewsTopology;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.Stats;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * {@link TableQueries} over the state stores of a running {@link KafkaStreams} (interactive queries, IQv1).
 *
 * <p>Routing, for more than one instance of the same {@code application.id} (each with its own
 * {@code application.server}, which must be the {@code host:port} its {@link HttpApi} listens on):
 * <ul>
 *   <li>One key (a side, a speaker, a side's windows): {@code queryMetadataForKey} names the active owner; this
 *       instance answers from its own store when it is the owner, else forwards the same request to the owner over
 *       HTTP with {@code local=true} and returns its answer (a 404 there is "no such key").</li>
 *   <li>Lists (all sides, speakers, an article's rows — article × side keys are spread over all partitions): this
 *       instance's rows plus every other instance's {@code local=true} answer, merged. If one instance does not
 *       answer the list would be silently incomplete, so the whole query fails with
 *       {@link QueryUnavailableException} instead.</li>
 * </ul>
 * With no {@code application.server} set there is only this instance and nothing is forwarded.
 *
 * <p>Only active stores are read (no stale standbys). While stores migrate (rebalancing, restoring)
 * {@link InvalidStateStoreException} becomes {@link QueryUnavailableException}: 503, try again.
 *
 * <p>The statements feed comes from a {@link LatestStatements} (each instance reads the whole topic, so it is never
 * routed). Thread-safe; owns the feed and closes it in {@link #close()}.
 */
public final class TableQueryService implements TableQueries {
    /** Rows of remote instances: forwarding is bounded so a dead peer fails a request quickly. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final TypeReference<List<TableRow>> ROWS = new TypeReference<>() {
    };
    private static final TypeReference<List<LateCount>> LATE = new TypeReference<>() {
    };

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LatestStatements feed;
    private final HttpClient http;
    private final ObjectMapper json = Json.mapper();

    /** Reads {@code streams}' stores; subscribes a {@link LatestStatements} feed to the settings' topic. */
    public TableQueryService(KafkaStreams streams, ProcessorSettings settings) {
        this(streams, settings.applicationServer(), LatestStatements.subscribe(settings, LatestStatements.DEFAULT_CAPACITY));
    }

    /**
     * @param applicationServer this instance's {@code application.server} ({@code host:port}), or null/blank
     * @param feed              the statements feed (owned from now on)
     */
    public TableQueryService(KafkaStreams streams, String applicationServer, LatestStatements feed) {
        this.streams = streams;
        this.self = applicationServer == null || applicationServer.isBlank() ? null : HostInfo.buildFromEndpoint(applicationServer);
        this.feed = feed;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // --- tables -----------------------------------------------------------------------------------------------

    @Override
    public List<TableRow> sides(boolean localOnly) {
        List<TableRow> rows = new ArrayList<>();
        forEachLocal(NewsTopology.SIDE_STORE, null, kv -> rows.add(sideRow(kv.key, kv.value)));
        if (!localOnly) {
            rows.addAll(fromOtherInstances("/api/sides?local=true"));
        }
        return mergeByKey(rows, Comparator.comparing(TableRow::key));
    }

    @Override
    public Optional<TableRow> side(String side, boolean localOnly) {
        Optional<HostInfo> owner = localOnly ? Optional.empty() : remoteOwner(NewsTopology.SIDE_STORE, side);
        if (owner.isPresent()) {
            return forwardOne(owner.get(), "/api/sides/" + pathSegment(side) + "?local=true");
        }
        return localGet(NewsTopology.SIDE_STORE, side).map(x -> sideRow(side, x));
    }

    @Override
    public List<TableRow> sideWindows(String side, WindowSize size, Instant from, Instant to, boolean localOnly) {
        String store = size == WindowSize.HOURLY ? NewsTopology.SIDE_HOURLY_STORE : NewsTopology.SIDE_DAILY_STORE;
        Optional<HostInfo> owner = localOnly ? Optional.empty() : remoteOwner(store, side);
        if (owner.isPresent()) {
            return forwardList(owner.get(), "/api/sides/" + pathSegment(side) + "/windows?local=true&size=" + size.code()
                    + "&from=" + from + "&to=" + to);
        }
        String table = size == WindowSize.HOURLY ? "side-hourly" : "side-daily";
        List<TableRow> rows = new ArrayList<>();
        try {
            ReadOnlyWindowStore<String, Stats> ws = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Stats>windowStore()));
            try (KeyValueIterator<Windowed<String>, Stats> it = ws.fetch(side, side, from, to)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<String>, Stats> kv = it.next();
                    rows.add(kv.value.toRow(table, side, side, null, null, kv.key.window().startTime(),
                            kv.key.window().endTime()));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(store, e);
        }
        rows.sort(Comparator.comparing(TableRow::windowStart));
        return rows;
    }

    @Override
    public List<TableRow> speakers(String side, int limit, boolean localOnly) {
        // the top `limit` of this instance from the rank store (a range read of `limit` keys, never a scan of every
        // speaker), then each one's row
        List<TableRow> rows = new ArrayList<>();
        String scope = (side == null ? dev.newsstream.processor.NewsTopology.ALL_SPEAKERS : side) + '\u001f';
        List<String> top = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, Long> rank = streams.store(StoreQueryParameters.fromNameAndType(
                    NewsTopology.SPEAKER_RANK_STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
            try (KeyValueIterator<String, Long> it = rank.range(scope, scope + Character.MAX_VALUE)) {
                while (it.hasNext() && top.size() < limit) {
                    String key = it.next().key;
                    top.add(key.substring(key.lastIndexOf('\u001f') + 1));
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(NewsTopology.SPEAKER_RANK_STORE, e);
        }
        for (String sp : top) {
            localGet(NewsTopology.SPEAKER_STORE, sp).map(x -> speakerRow(sp, x))
                    .filter(row -> side == null || side.equals(row.side())).ifPresent(rows::add);
        }
        if (!localOnly) {
            // each instance's own top `limit` is enough to find the global top `limit`
            rows.addAll(fromOtherInstances("/api/speakers?local=true&limit=" + limit
                    + (side == null ? "" : "&side=" + URLEncoder.encode(side, StandardCharsets.UTF_8))));
        }
        List<TableRow> merged = mergeByKey(rows, Comparator.comparingLong(TableRow::statements).reversed()
                .thenComparing(TableRow::key));
        return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
    }

    @Override
    public Optional<TableRow> speaker(String speaker, boolean localOnly) {
        Optional<HostInfo> owner = localOnly ? Optional.empty() : remoteOwner(NewsTopology.SPEAKER_STORE, speaker);
        if (owner.isPresent()) {
            return forwardOne(owner.get(), "/api/speakers/" + pathSegment(speaker) + "?local=true");
        }
        return localGet(NewsTopology.SPEAKER_STORE, speaker).map(x -> speakerRow(speaker, x));
    }

    @Override
    public List<TableRow> article(String articleId, boolean localOnly) {
        // an article lives on one partition (the input is keyed by its id): ask the instance that owns it only
        Optional<HostInfo> owner = localOnly ? Optional.empty() : remoteOwner(NewsTopology.ARTICLE_STORE, articleId);
        if (owner.isPresent()) {
            return forwardList(owner.get(), "/api/articles/" + pathSegment(articleId) + "?local=true");
        }
        String prefix = NewsTopology.articleSideKey(articleId, "");
        List<TableRow> rows = new ArrayList<>();
        forEachLocal(NewsTopology.ARTICLE_SIDE_STORE, prefix, kv -> {
            String side = kv.key.substring(prefix.length());
            rows.add(kv.value.toRow("article-side", kv.key, side, null, articleId, null, null));
        });
        return mergeByKey(rows, Comparator.comparing(TableRow::side));
    }

    @Override
    public List<LateCount> late(boolean localOnly) {
        Map<String, long[]> bySide = new java.util.TreeMap<>();
        try {
            ReadOnlyKeyValueStore<String, Long> kv = streams.store(StoreQueryParameters.fromNameAndType(
                    NewsTopology.SIDE_LATE_STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
            try (KeyValueIterator<String, Long> it = kv.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> e = it.next();
                    int sep = e.key.lastIndexOf('\u001f');
                    long[] c = bySide.computeIfAbsent(e.key.substring(0, sep), s -> new long[2]);
                    c[e.key.endsWith("1h") ? 0 : 1] += e.value;
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(NewsTopology.SIDE_LATE_STORE, e);
        }
        List<LateCount> rows = new ArrayList<>();
        bySide.forEach((side, c) -> rows.add(new LateCount(side, c[0], c[1])));
        if (!localOnly && self != null) {
            for (HostInfo host : otherHosts()) {
                rows.addAll(forward(host, "/api/late?local=true", body -> json.readValue(body, LATE)).orElse(List.of()));
            }
        }
        // a side is active on one instance; during a move keep the larger (counts only grow)
        Map<String, LateCount> merged = new java.util.TreeMap<>();
        rows.forEach(r -> merged.merge(r.side(), r, (a, b) -> a.hourly() + a.daily() >= b.hourly() + b.daily() ? a : b));
        return List.copyOf(merged.values());
    }

    @Override
    public List<FeedItem> latestStatements(int limit) {
        return feed == null ? List.of() : feed.latest(limit);
    }

    @Override
    public String state() {
        return streams.state().name();
    }

    private volatile dev.newsstream.processor.HealthCheck healthCheck;

    /** Makes {@code /health} use the processor's full check (thread deaths, stalled partitions). */
    public TableQueryService withHealthCheck(dev.newsstream.processor.HealthCheck check) {
        this.healthCheck = check;
        return this;
    }

    @Override
    public java.util.Map<String, Object> health() {
        dev.newsstream.processor.HealthCheck h = healthCheck;
        return h == null ? TableQueries.super.health() : h.report();
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
    }

    // --- local stores -----------------------------------------------------------------------------------------

    private static TableRow sideRow(String side, Stats s) {
        return s.toRow("side", side, side, null, null, null, null);
    }

    private static TableRow speakerRow(String speaker, Stats s) {
        return s.toRow("speaker", speaker, s.dominantSide(), speaker, null, null, null);
    }

    private ReadOnlyKeyValueStore<String, Stats> kvStore(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Stats>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw unavailable(name, e);
        }
    }

    private Optional<Stats> localGet(String store, String key) {
        try {
            return Optional.ofNullable(kvStore(store).get(key));
        } catch (InvalidStateStoreException e) {
            throw unavailable(store, e); // the store can start migrating between store() and get()
        }
    }

    /** Visits this instance's rows of a key-value store (all, or those whose key starts with {@code prefix}). */
    private void forEachLocal(String store, String prefix, java.util.function.Consumer<KeyValue<String, Stats>> visit) {
        ReadOnlyKeyValueStore<String, Stats> kv = kvStore(store);
        try (KeyValueIterator<String, Stats> it = prefix == null ? kv.all() : kv.prefixScan(prefix, Serdes.String().serializer())) {
            while (it.hasNext()) {
                visit.accept(it.next());
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(store, e);
        }
    }

    private static QueryUnavailableException unavailable(String store, InvalidStateStoreException e) {
        return new QueryUnavailableException("the table '" + store + "' is not queryable right now (state stores are "
                + "migrating or restoring after a rebalance); retry shortly", e);
    }

    // --- routing ----------------------------------------------------------------------------------------------

    /** The owner of {@code key} when it is another instance; empty when it is this one (or there is only one). */
    private Optional<HostInfo> remoteOwner(String store, String key) {
        if (self == null) {
            return Optional.empty();
        }
        KeyQueryMetadata md;
        try {
            md = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException | InvalidStateStoreException e) {
            throw new QueryUnavailableException("cannot find which instance holds '" + key + "' in '" + store
                    + "' right now (" + e.getMessage() + "); retry shortly", e);
        }
        if (md == null || md == KeyQueryMetadata.NOT_AVAILABLE || md.activeHost() == null
                || md.activeHost().port() < 0) {
            throw new QueryUnavailableException("no instance holds the partition of '" + key + "' in '" + store
                    + "' right now (rebalancing); retry shortly");
        }
        return self.equals(md.activeHost()) ? Optional.empty() : Optional.of(md.activeHost());
    }

    /** The {@code local=true} rows of every other instance (empty with one instance). */
    private List<TableRow> fromOtherInstances(String pathAndQuery) {
        if (self == null) {
            return List.of();
        }
        List<TableRow> rows = new ArrayList<>();
        for (HostInfo host : otherHosts()) {
            rows.addAll(forwardList(host, pathAndQuery));
        }
        return rows;
    }

    private List<HostInfo> otherHosts() {
        List<HostInfo> hosts = new ArrayList<>();
        Collection<StreamsMetadata> all;
        try {
            all = streams.metadataForAllStreamsClients();
        } catch (InvalidStateStoreException e) {
            throw new QueryUnavailableException("the other instances are not known yet (Kafka Streams is "
                    + streams.state() + "); retry shortly", e);
        }
        for (StreamsMetadata md : all) {
            HostInfo h = md.hostInfo();
            if (h != null && h.port() >= 0 && !h.equals(self) && !hosts.contains(h)) {
                hosts.add(h);
            }
        }
        return hosts;
    }

    private Optional<TableRow> forwardOne(HostInfo host, String pathAndQuery) {
        return forward(host, pathAndQuery, body -> json.readValue(body, TableRow.class));
    }

    private List<TableRow> forwardList(HostInfo host, String pathAndQuery) {
        return forward(host, pathAndQuery, body -> json.readValue(body, ROWS)).orElse(List.of());
    }

    private interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    /** GETs {@code pathAndQuery} from {@code host}: the parsed 200 body, empty on 404, else unavailable. */
    private <T> Optional<T> forward(HostInfo host, String pathAndQuery, Parser<T> parser) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new QueryUnavailableException("the instance at " + host.host() + ":" + host.port()
                    + " (which holds part of this table) did not answer: " + e.getMessage() + "; retry shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryUnavailableException("interrupted while asking " + host.host() + ":" + host.port(), e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new QueryUnavailableException("the instance at " + host.host() + ":" + host.port()
                    + " answered " + response.statusCode() + " to " + pathAndQuery + ": "
                    + new String(response.body(), StandardCharsets.UTF_8) + "; retry shortly");
        }
        try {
            return Optional.of(parser.parse(response.body()));
        } catch (IOException e) {
            throw new QueryUnavailableException("the instance at " + host.host() + ":" + host.port()
                    + " sent an answer that is not the expected JSON (is it the same NewsStream version?)", e);
        }
    }

    /**
     * Each key is active on exactly one instance, so duplicates only appear when ownership moved between the local
     * read and the remote one; keep the most recently updated row.
     */
    private static List<TableRow> mergeByKey(List<TableRow> rows, Comparator<TableRow> order) {
        Map<String, TableRow> byKey = new LinkedHashMap<>();
        for (TableRow r : rows) {
            byKey.merge(r.key(), r, (a, b) -> newer(a, b));
        }
        List<TableRow> out = new ArrayList<>(byKey.values());
        out.sort(order);
        return out;
    }

    private static TableRow newer(TableRow a, TableRow b) {
        if (a.updatedAt() == null) {
            return b;
        }
        return b.updatedAt() != null && b.updatedAt().isAfter(a.updatedAt()) ? b : a;
    }

    /** Percent-encodes one path segment (URLEncoder is for forms: it writes spaces as '+', wrong in a path). */
    static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
