package dev.newsstream.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsstream.events.Json;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.PassthroughTopology;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.producer.Article;
import dev.newsstream.producer.TextArticles;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Statement;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsstream bench}: end-to-end figures on the in-process broker, measured in one run — pipeline and
 * pass-through throughput under exactly_once_v2 and at_least_once, paragraph → side-table latency at a fixed
 * offered rate, peak heap and RSS. Everything (broker, producer, processor) shares this JVM, so heap and RSS
 * are upper bounds for the processor alone. See docs/performance.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline end to end on an in-process broker and print (and optionally write "
                + "as JSON) throughput, latency and memory figures.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--paragraphs", paramLabel = "N", defaultValue = "100000", description = "paragraphs per throughput run (default ${DEFAULT-VALUE})")
    int paragraphs;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500", description = "offered rate of the latency run, paragraphs/s (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--latency-seconds", paramLabel = "SECONDS", defaultValue = "30", description = "length of the latency run (default ${DEFAULT-VALUE})")
    int latencySeconds;

    @Option(names = "--warmup-paragraphs", paramLabel = "N", defaultValue = "30000", description = "paragraphs run through the "
            + "pipeline, not measured, before the first scenario, so the figures are for JIT-compiled code; 0 for a cold "
            + "JVM (default ${DEFAULT-VALUE})")
    int warmupParagraphs;

    @Option(names = "--latency-warmup-seconds", paramLabel = "SECONDS", defaultValue = "10", description = "paragraphs offered at the same rate "
            + "before the latency run, not measured, so the JIT has compiled the tagger (default ${DEFAULT-VALUE})")
    int latencyWarmupSeconds;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", description = "input partitions of the throughput runs (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--scenarios", paramLabel = "SCENARIO", split = ",", defaultValue = "pipeline-eos,pipeline-alos,passthrough-eos,passthrough-alos,latency",
            description = "which runs (default: all: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a processor setting for the pipeline and latency "
            + "runs, e.g. --set commit.interval.ms=50 (docs/configuration.md)")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--latency-csv", paramLabel = "FILE", description = "also write every latency sample (send time, "
            + "latency, warm-up or not) as CSV")
    Path latencyDump;

    @Option(names = "--speakers", defaultValue = "100000", description = "distinct speakers of the speakers-api "
            + "scenario (default ${DEFAULT-VALUE})")
    int speakers;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "articles to generate paragraphs from (default: the samples)")
    List<Path> files = new ArrayList<>();

    private final AtomicLong peakHeap = new AtomicLong();
    private double lastCpuMsPerParagraph;
    private Path workDir;
    /** One tagger for every run: immutable and thread-safe, so the models and registry load once. */
    private Tagger tagger;

    /** One corpus paragraph with the title of its article and the sides the tagger finds in it alone. */
    record CorpusParagraph(String title, String text, Set<String> sides, int statements) {
    }

    @Override
    public Integer call() throws Exception {
        // --set stance.model=lexicon benchmarks the lexicon-only classifier (docs/configuration.md)
        tagger = Taggers.create(null, null, Taggers.StanceModel.parse(set.getOrDefault("stance.model", "learned")));
        List<CorpusParagraph> corpus = corpus(files.isEmpty() ? List.of(DemoCommand.samplesDir()) : files);
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no paragraphs found in the input articles");
        }
        workDir = Path.of(System.getProperty("user.home"), ".newsstream", "bench", UUID.randomUUID().toString());
        Thread sampler = heapSampler();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("paragraphs", paragraphs);
        figures.put("offered_rate_paragraphs_per_s", rate);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        System.out.printf("Corpus: %d distinct paragraphs from the input articles; %d paragraphs per run.%n",
                corpus.size(), paragraphs);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).start()) {
            String input = "bench.paragraphs";
            broker.createTopics(List.of(input), partitions);
            long t = System.nanoTime();
            preload(broker.bootstrapServers(), input, corpus, paragraphs);
            System.out.printf("Published %d paragraphs in %.1f s.%n", paragraphs, (System.nanoTime() - t) / 1e9);
            if (warmupParagraphs > 0) {
                // JMH-style warm-up: a processor runs for days, so the figures are for compiled code, not for the
                // interpreter of the first minute (see docs/performance.md for the cold figures)
                String warmTopic = "bench.warmup";
                broker.createTopics(List.of(warmTopic), partitions);
                preload(broker.bootstrapServers(), warmTopic, corpus, warmupParagraphs);
                pipeline(broker, warmTopic, "exactly_once_v2", warmupParagraphs, "Warm-up (not measured), exactly_once_v2");
            }
            figures.put("warmup_paragraphs", warmupParagraphs);
            for (String scenario : scenarios) {
                switch (scenario) {
                    case "pipeline-eos" -> {
                        figures.put("pipeline_eos_paragraphs_per_s", pipeline(broker, input, "exactly_once_v2"));
                        figures.put("pipeline_eos_cpu_ms_per_paragraph", lastCpuMsPerParagraph);
                    }
                    case "pipeline-alos" -> {
                        figures.put("pipeline_alos_paragraphs_per_s", pipeline(broker, input, "at_least_once"));
                        figures.put("pipeline_alos_cpu_ms_per_paragraph", lastCpuMsPerParagraph);
                    }
                    case "passthrough-eos" -> figures.put("passthrough_eos_paragraphs_per_s", passthrough(broker, input, "exactly_once_v2"));
                    case "passthrough-alos" -> figures.put("passthrough_alos_paragraphs_per_s", passthrough(broker, input, "at_least_once"));
                    case "latency" -> figures.putAll(latency(broker, corpus));
                    case "speakers-api" -> figures.putAll(speakersApi(broker));
                    default -> throw new IllegalArgumentException("unknown scenario '" + scenario
                            + "'; known: pipeline-eos, pipeline-alos, passthrough-eos, passthrough-alos, latency,"
                            + " speakers-api");
                }
            }
        } finally {
            sampler.interrupt();
            Dirs.deleteQuietly(workDir, "bench");
        }
        figures.put("peak_heap_mb", round1(peakHeap.get() / 1048576.0));
        figures.put("peak_rss_mb", round1(peakRssKb() / 1024.0));
        if (figures.get("pipeline_eos_paragraphs_per_s") instanceof Double p && figures.get("passthrough_eos_paragraphs_per_s") instanceof Double q && q > 0) {
            figures.put("pipeline_to_passthrough_eos_ratio", round3(p / q));
        }
        if (figures.get("pipeline_alos_paragraphs_per_s") instanceof Double p && figures.get("passthrough_alos_paragraphs_per_s") instanceof Double q && q > 0) {
            figures.put("pipeline_to_passthrough_alos_ratio", round3(p / q));
        }
        System.out.println();
        figures.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-38s %s%n", k, v));
        if (json != null) {
            ObjectNode node = Json.mapper().valueToTree(figures);
            Files.writeString(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
            System.out.println("Wrote " + json);
        }
        return 0;
    }

    private List<CorpusParagraph> corpus(List<Path> inputs) throws IOException {
        List<CorpusParagraph> out = new ArrayList<>();
        for (Path f : TagCommand.expand(inputs)) {
            Article a = TextArticles.read(f, Instant.EPOCH);
            for (String p : a.paragraphs()) {
                List<Statement> st = tagger.tag(ArticleContext.start(a.title()), p).statements();
                Set<String> sides = new HashSet<>();
                st.forEach(s -> sides.add(s.side()));
                out.add(new CorpusParagraph(a.title(), p, sides, st.size()));
            }
        }
        return out;
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
        return p;
    }

    /**
     * Articles of 8 paragraphs each, cycling through the corpus, with distinct ids, published one second apart
     * (about a day per 700,000 paragraphs), so hourly and daily windows close along the way as in a live stream.
     */
    private static void preload(String bootstrap, String topic, List<CorpusParagraph> corpus, int n) throws Exception {
        JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                int article = i / 8;
                int seq = i % 8;
                CorpusParagraph c = corpus.get(i % corpus.size());
                String id = String.format(Locale.ROOT, "bench-%07d", article);
                Instant published = base.plusSeconds(article);
                ParagraphEvent e = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, id, seq, 8, seq + 1, c.text(),
                        c.title(), null, "bench", published, Instant.now(), false, null);
                producer.send(new ProducerRecord<>(topic, id, serde.serialize(topic, e)));
            }
            producer.flush();
        }
    }

    /**
     * Entries of each key-value store of this instance (all its tasks), for the soak: the per-article stores must
     * stay flat once articles expire ({@code --set context.ttl=...}).
     */
    static Map<String, Long> storeSizes(KafkaStreams streams) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (String name : List.of(dev.newsstream.processor.NewsTopology.ARTICLE_STORE,
                dev.newsstream.processor.NewsTopology.ARTICLE_SIDE_STORE,
                dev.newsstream.processor.NewsTopology.ARTICLE_EXPIRY_STORE,
                dev.newsstream.processor.NewsTopology.SIDE_STORE, dev.newsstream.processor.NewsTopology.SIDE_SPEAKER_STORE,
                dev.newsstream.processor.NewsTopology.SPEAKER_STORE, dev.newsstream.processor.NewsTopology.SPEAKER_RANK_STORE,
                dev.newsstream.processor.NewsTopology.SPEAKER_INDEX_STORE)) {
            // counted by iteration: RocksDB's approximateNumEntries counts overwritten and deleted keys until
            // compaction (it showed 2,000 entries for a store of a dozen sides)
            try (var it = streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(name,
                    org.apache.kafka.streams.state.QueryableStoreTypes.<Object, Object>keyValueStore())).all()) {
                long n = 0;
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                out.put(name, n);
            } catch (RuntimeException e) {
                out.put(name, -1L); // not queryable right now (rebalancing)
            }
        }
        return out;
    }

    /** A distinct, pronounceable surname per number (five syllables of twenty: 3,200,000 names). */
    static String surname(int i) {
        String[] syl = {"ba", "ke", "ro", "mi", "tu", "sa", "lo", "ne", "vi", "da", "po", "ri", "ga", "mu", "te", "zo",
            "fe", "ha", "ni", "wu"};
        StringBuilder b = new StringBuilder();
        int n = i;
        for (int k = 0; k < 5; k++) {
            b.append(syl[n % 20]);
            n /= 20;
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /**
     * {@code speakers-api}: {@code --speakers} articles, each quoting a different person, through a processor with
     * its HTTP API; then the dashboard's and API's speaker queries, timed sequentially from this JVM (1,000 each
     * after 200 warm-up requests). The speaker list is read from {@code speaker-rank-store} by range, so its cost
     * should not grow with the number of speakers.
     */
    private Map<String, Object> speakersApi(EmbeddedKafkaBroker broker) throws Exception {
        String app = "bench-speakers-" + UUID.randomUUID().toString().substring(0, 6);
        TopicNames topics = TopicNames.defaults().withPrefix(app + ".");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap.servers", broker.bootstrapServers());
        flags.put("application.id", app);
        flags.put("state.dir", workDir.resolve(app).toString());
        flags.put("processing.guarantee", "at_least_once");
        flags.put("commit.interval.ms", "1000");
        flags.put("http.port", "0");
        flags.putAll(SettingsLoader.topicSettings(topics));
        flags.putAll(set);
        ProcessorSettings s = SettingsLoader.load(null, Map.of(), flags, w -> { });
        broker.createTopics(List.of(topics.paragraphs()), partitions); // waits for the leaders, unlike the admin call
        NewsProcessor.createTopics(s);
        JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()),
                new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < speakers; i++) {
                String id = String.format(Locale.ROOT, "spk-%07d", i);
                String text = "\"We want peace and real cooperation,\" said Daniel " + surname(i)
                        + ", the U.S. Special Representative for North Korea.";
                ParagraphEvent e = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, id, 0, 1, 1, text, "Talks", null,
                        "bench", base.plusSeconds(i), Instant.now(), false, null);
                producer.send(new ProducerRecord<>(topics.paragraphs(), id, serde.serialize(topics.paragraphs(), e)));
            }
            producer.flush();
        }
        System.out.printf("%nSpeakers API: tagging %d paragraphs, one new speaker each ...%n", speakers);
        try (ProcessorStack stack = ProcessorStack.start(s, tagger);
             KafkaConsumer<String, byte[]> c = ReadCommitted.fromBeginning(broker.bootstrapServers(), Map.of(),
                     topics.speakerSentiment())) {
            Set<String> keys = new HashSet<>();
            long t0 = System.nanoTime();
            long lastNew = System.nanoTime();
            // done when every speaker is in, or when none came for a minute (names the tagger does not take as
            // people); up to five minutes for the first one (start-up, first commit, a loaded machine)
            while (keys.size() < speakers && System.nanoTime() - lastNew < (keys.isEmpty() ? 300 : 60) * 1_000_000_000L) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (keys.add(r.key())) {
                        lastNew = System.nanoTime();
                    }
                }
                checkAlive(stack.processor().streams(), t0);
            }
            System.out.printf("  %d speakers in the table after %.0f s%n", keys.size(), (System.nanoTime() - t0) / 1e9);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("speakers_api_speakers", keys.size());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            // /health first: the floor of any request on this machine (HTTP server, client, scheduling)
            for (String q : List.of("/health", "/api/speakers?limit=15", "/api/speakers?limit=50",
                    "/api/speakers?side=USA&limit=50")) {
                java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + stack.httpPort() + q);
                long[] ms = new long[1_000];
                for (int i = -200; i < ms.length; i++) {
                    long t = System.nanoTime();
                    var resp = http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException(q + " answered " + resp.statusCode());
                    }
                    if (i >= 0) {
                        ms[i] = System.nanoTime() - t;
                    }
                }
                Arrays.sort(ms);
                String name = q.equals("/health") ? "speakers_api_health_baseline" : q.contains("side")
                        ? "speakers_api_side_limit50" : "speakers_api_limit" + (q.contains("15") ? "15" : "50");
                out.put(name + "_p50_ms", round3(ms[499] / 1e6));
                out.put(name + "_p99_ms", round3(ms[989] / 1e6));
                out.put(name + "_max_ms", round3(ms[999] / 1e6));
                System.out.printf(Locale.ROOT, "  %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", q, ms[499] / 1e6,
                        ms[989] / 1e6, ms[999] / 1e6);
            }
            return out;
        }
    }

    private ProcessorSettings settings(String bootstrap, String app, TopicNames topics, String guarantee) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap.servers", bootstrap);
        flags.put("application.id", app);
        flags.put("state.dir", workDir.resolve(app).toString());
        flags.put("processing.guarantee", guarantee);
        flags.putAll(SettingsLoader.topicSettings(topics));
        flags.putAll(FirstRecordClock.settings());
        flags.putAll(set);
        return SettingsLoader.load(null, Map.of(), flags, w -> { });
    }

    private double pipeline(EmbeddedKafkaBroker broker, String input, String guarantee) throws Exception {
        return pipeline(broker, input, guarantee, paragraphs, "Pipeline, " + guarantee);
    }

    private double pipeline(EmbeddedKafkaBroker broker, String input, String guarantee, int paragraphs, String label)
            throws Exception {
        String app = "bench-pipeline-" + guarantee.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        TopicNames topics = TopicNames.defaults().withPrefix(app + ".");
        topics = new TopicNames(input, topics.taggedParagraphs(), topics.sideSentiment(), topics.speakerSentiment(),
                topics.sideSentimentHourly(), topics.sideSentimentDaily(), topics.deadLetters());
        ProcessorSettings s = settings(broker.bootstrapServers(), app, topics, guarantee);
        System.out.printf("%n%s: tagging %d paragraphs ...%n", label, paragraphs);
        try (NewsProcessor processor = new NewsProcessor(s, tagger, ProcessorMetrics.noop())) {
            NewsProcessor.createTopics(s);
            long cpu0 = processCpuNanos();
            long started = System.nanoTime();
            processor.streams().start();
            processor.awaitRunning(Duration.ofSeconds(120));
            try (KafkaConsumer<String, byte[]> c = ReadCommitted.fromBeginning(broker.bootstrapServers(), Map.of(),
                    topics.taggedParagraphs(), topics.sideSentiment())) {
                long t0 = started;
                JsonSerde<TableRow> rs = JsonSerde.of(TableRow.class);
                long tagged = 0;
                long statements = 0;
                Map<String, Long> sideCounts = new HashMap<>();
                long lastReport = t0;
                while (true) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        if (r.topic().equals(topics.taggedParagraphs())) {
                            tagged++;
                            statements += countStatements(r.value());
                        } else {
                            sideCounts.put(r.key(), rs.deserialize(r.topic(), r.value()).statements());
                        }
                    }
                    long inTables = sideCounts.values().stream().mapToLong(Long::longValue).sum();
                    if (tagged >= paragraphs && inTables == statements) {
                        // timed from the processor's first read of input, not from its start-up
                        double secs = (System.nanoTime() - firstRecord(app)) / 1e9;
                        double rate = paragraphs / secs;
                        lastCpuMsPerParagraph = round3((processCpuNanos() - cpu0) / 1e6 / paragraphs);
                        System.out.printf(Locale.ROOT, "  %d paragraphs, %d statements in %.1f s: %.0f paragraphs/s, "
                                + "%.3f ms of CPU per paragraph (whole JVM, broker included)%n",
                                tagged, statements, secs, rate, lastCpuMsPerParagraph);
                        System.out.printf("  stores at the end: %s%n", storeSizes(processor.streams()));
                        return round1(rate);
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("  ... %d of %d paragraphs tagged; stores: %s%n", tagged, paragraphs,
                                storeSizes(processor.streams()));
                    }
                    checkAlive(processor.streams(), t0);
                }
            }
        }
    }

    /**
     * The length of a tagged paragraph's {@code statements} array, read with the streaming parser and skipping
     * everything else: binding every paragraph to objects would take CPU on the bench's thread from the processor
     * it measures.
     */
    static int countStatements(byte[] taggedParagraph) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(taggedParagraph)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a tagged paragraph is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("statements".equals(field) && value == JsonToken.START_ARRAY) {
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        n++;
                    }
                    return n;
                }
                p.skipChildren();
            }
            return 0;
        }
    }

    private double passthrough(EmbeddedKafkaBroker broker, String input, String guarantee) throws Exception {
        String app = "bench-passthrough-" + guarantee.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        String out = app + ".out";
        broker.createTopics(List.of(out), partitions);
        TopicNames topics = TopicNames.defaults();
        Properties p = NewsProcessor.streamsProperties(settings(broker.bootstrapServers(), app, topics, guarantee));
        p.remove(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG);
        System.out.printf("%nPass-through, %s: copying %d paragraphs ...%n", guarantee, paragraphs);
        try (KafkaStreams streams = new KafkaStreams(PassthroughTopology.build(input, out), p);
             KafkaConsumer<String, byte[]> c = ReadCommitted.fromBeginning(broker.bootstrapServers(), Map.of(), out)) {
            long started = System.nanoTime();
            streams.start();
            long n = 0;
            while (n < paragraphs) {
                n += c.poll(Duration.ofMillis(100)).count();
                checkAlive(streams, started);
            }
            double secs = (System.nanoTime() - firstRecord(app)) / 1e9;
            System.out.printf(Locale.ROOT, "  %d paragraphs in %.1f s: %.0f paragraphs/s%n", n, secs, paragraphs / secs);
            streams.close(Duration.ofSeconds(30));
            return round1(paragraphs / secs);
        }
    }

    /**
     * Offers single-paragraph articles at a fixed rate on a one-partition topic and, for every paragraph with
     * statements, measures the time until a committed side row includes it: a side row includes every statement
     * of that side published (= sent, here) no later than its {@code latest.publishedAt}.
     */
    private Map<String, Object> latency(EmbeddedKafkaBroker broker, List<CorpusParagraph> corpus) throws Exception {
        String app = "bench-latency-" + UUID.randomUUID().toString().substring(0, 6);
        TopicNames topics = TopicNames.defaults().withPrefix(app + ".");
        ProcessorSettings s = settings(broker.bootstrapServers(), app, topics, "exactly_once_v2");
        s = new ProcessorSettings(s.bootstrapServers(), s.applicationId(), s.topics(), s.stateDir(), s.processingGuarantee(),
                s.streamThreads(), s.commitInterval(), s.contextTtl(), s.windowGrace(), 1, s.replicationFactor(),
                s.httpHost(), s.httpPort(), s.applicationServer(), s.registryFile(), s.stanceCuesFile(), s.stanceModel(), s.kafka(), s.reliability());
        List<CorpusParagraph> withStatements = corpus.stream().filter(c -> c.statements() > 0).toList();
        if (withStatements.isEmpty()) {
            throw new IllegalArgumentException("no paragraph of the corpus has a statement; cannot measure latency");
        }
        int warm = rate * latencyWarmupSeconds;
        int total = warm + rate * latencySeconds;
        System.out.printf("%nLatency: %d paragraphs at %d/s (exactly_once_v2, commit.interval.ms=%d), measured after "
                + "%d warm-up paragraphs (%d s) ...%n", total - warm, rate, s.commitInterval().toMillis(), warm,
                latencyWarmupSeconds);
        long[] sentAt = new long[total];
        Set<String>[] sidesOf = newSetArray(total);
        long[] seenAt = new long[total];
        JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
        JsonSerde<TableRow> rs = JsonSerde.of(TableRow.class);
        try (NewsProcessor processor = new NewsProcessor(s, tagger, ProcessorMetrics.noop())) {
            processor.start();
            processor.awaitRunning(Duration.ofSeconds(120));
            Map<String, Integer> nextUnseen = new HashMap<>();
            try (KafkaConsumer<String, byte[]> c = ReadCommitted.fromBeginning(broker.bootstrapServers(), Map.of(), topics.sideSentiment());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(latencyProducerProps(broker.bootstrapServers()),
                         new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                long start = System.nanoTime();
                int sent = 0;
                long deadline = start + Duration.ofSeconds(latencyWarmupSeconds + latencySeconds + 60L).toNanos();
                Map<String, List<Integer>> bySide = new HashMap<>();
                while (true) {
                    long now = System.nanoTime();
                    int due = (int) Math.min(total, (now - start) * rate / 1_000_000_000L);
                    for (; sent < due; sent++) {
                        CorpusParagraph cp = withStatements.get(sent % withStatements.size());
                        String id = "lat-" + sent;
                        long wall = System.currentTimeMillis();
                        sentAt[sent] = wall;
                        sidesOf[sent] = cp.sides();
                        for (String side : cp.sides()) {
                            bySide.computeIfAbsent(side, k -> new ArrayList<>()).add(sent);
                        }
                        ParagraphEvent e = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, id, 0, 1, 1, cp.text(),
                                cp.title(), null, "bench", Instant.ofEpochMilli(wall), Instant.ofEpochMilli(wall), false, null);
                        producer.send(new ProducerRecord<>(topics.paragraphs(), id, serde.serialize(topics.paragraphs(), e)));
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(2))) {
                        TableRow row = rs.deserialize(r.topic(), r.value());
                        if (row.latest() == null || row.latest().publishedAt() == null) {
                            continue;
                        }
                        long upTo = row.latest().publishedAt().toEpochMilli();
                        long seen = System.currentTimeMillis();
                        List<Integer> ids = bySide.getOrDefault(r.key(), List.of());
                        int i = nextUnseen.getOrDefault(r.key(), 0);
                        while (i < ids.size() && sentAt[ids.get(i)] <= upTo) {
                            int p = ids.get(i);
                            seenAt[p] = Math.max(seenAt[p], seen);
                            i++;
                        }
                        nextUnseen.put(r.key(), i);
                    }
                    boolean allSeen = sent == total && bySide.entrySet().stream()
                            .allMatch(e -> nextUnseen.getOrDefault(e.getKey(), 0) == e.getValue().size());
                    if (allSeen) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("latency run: side rows did not catch up within 60 s after the last send");
                    }
                    checkAlive(processor.streams(), start);
                }
            }
        }
        if (latencyDump != null) {
            StringBuilder sb = new StringBuilder("sent_at_ms,latency_ms,warmup\n");
            for (int i = 0; i < total; i++) {
                sb.append(sentAt[i]).append(',').append(seenAt[i] - sentAt[i]).append(',').append(i < warm).append('\n');
            }
            Files.writeString(latencyDump, sb);
        }
        long[] lat = new long[total - warm];
        for (int i = warm; i < total; i++) {
            lat[i - warm] = seenAt[i] - sentAt[i];
        }
        Arrays.sort(lat);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latency_p50_ms", (double) pct(lat, 0.50));
        out.put("latency_p95_ms", (double) pct(lat, 0.95));
        out.put("latency_p99_ms", (double) pct(lat, 0.99));
        out.put("latency_max_ms", (double) lat[lat.length - 1]);
        out.put("latency_samples", lat.length);
        out.put("latency_warmup_s", latencyWarmupSeconds);
        System.out.printf("  p50 %d ms, p95 %d ms, p99 %d ms over %d paragraphs%n", pct(lat, 0.5), pct(lat, 0.95),
                pct(lat, 0.99), lat.length);
        return out;
    }

    private static long firstRecord(String applicationId) {
        long t = FirstRecordClock.firstRecordNanos(applicationId);
        if (t == 0) {
            throw new IllegalStateException("the first-record clock of " + applicationId + " never started");
        }
        return t;
    }

    private static Properties latencyProducerProps(String bootstrap) {
        Properties p = producerProps(bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] newSetArray(int n) {
        return (Set<String>[]) new Set<?>[n];
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void checkAlive(KafkaStreams streams, long t0) {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the Streams application stopped (" + streams.state() + ")");
        }
        if (System.nanoTime() - t0 > Duration.ofMinutes(30).toNanos()) {
            throw new IllegalStateException("a benchmark run took more than 30 minutes; giving up");
        }
    }

    private Thread heapSampler() {
        var mem = ManagementFactory.getMemoryMXBean();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Peak resident set size of this process (VmHWM), in kB; 0 where /proc is not available. */
    /**
     * CPU time of the whole JVM (broker, processor, bench): unlike paragraphs per second it does not change when
     * other jobs on the machine take the cores, so it is the figure to compare two settings by on a busy machine.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
