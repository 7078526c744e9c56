package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TopicNames;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.processor.StatementDelta;
import dev.newsstream.processor.Stats;
import dev.newsstream.producer.Article;
import dev.newsstream.producer.KafkaSettings;
import dev.newsstream.producer.ParagraphEvents;
import dev.newsstream.producer.ParagraphPublisher;
import dev.newsstream.producer.TextArticles;
import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Statement;
import dev.newsstream.tagger.TaggedParagraph;
import dev.newsstream.tagger.Tagger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the fault tests share: a generated corpus built from {@code samples/*.txt} (each copy a distinct article
 * id, so the real tagger finds real statements), the tables an uninterrupted run must end with (computed offline
 * with the same {@link Tagger} and the topology's own {@link Stats}), and read_committed readers of the output.
 */
final class FaultKit {
    static final Path SAMPLES = Path.of("../samples");
    static final Instant PUBLISHED = Instant.parse("2019-02-28T10:00:00Z");

    private FaultKit() {
    }

    static String run(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static TopicNames topics(String run) {
        return TopicNames.defaults().withPrefix(run + ".");
    }

    /** The processor settings a test uses, as {@code key=value} flags (also passed to a child JVM). */
    static Map<String, String> flags(String bootstrap, TopicNames topics, String app, Path stateDir) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap.servers", bootstrap);
        flags.put("application.id", app);
        flags.put("state.dir", stateDir.toString());
        flags.put("commit.interval.ms", "100");
        flags.put("http.port", "0");
        flags.put("topic.paragraphs", topics.paragraphs());
        flags.put("topic.tagged", topics.taggedParagraphs());
        flags.put("topic.side", topics.sideSentiment());
        flags.put("topic.speaker", topics.speakerSentiment());
        flags.put("topic.hourly", topics.sideSentimentHourly());
        flags.put("topic.daily", topics.sideSentimentDaily());
        flags.put("topic.deadletters", topics.deadLetters());
        return flags;
    }

    static ProcessorSettings settings(Map<String, String> flags) {
        return SettingsLoader.load(null, Map.of(), flags, w -> { });
    }

    /** The body of every sample article, read once. */
    static List<Article> samples() throws IOException {
        List<Article> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(SAMPLES)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                out.add(TextArticles.read(f, PUBLISHED));
            }
        }
        return out;
    }

    /**
     * A corpus of at least {@code paragraphs} paragraphs: copies of the samples in turn, each with its own id
     * ({@code prefix-0001}) and publication minute, so every article is distinct but the tagger's work is known.
     */
    static List<Article> corpus(String prefix, int paragraphs) throws IOException {
        List<Article> samples = samples();
        List<Article> out = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < paragraphs; i++) {
            Article a = samples.get(i % samples.size());
            out.add(new Article(String.format("%s-%04d", prefix, i), a.title(), a.url(), a.source(),
                    PUBLISHED.plus(Duration.ofMinutes(i)), a.body(), a.skipped()));
            total += a.body().size();
        }
        return out;
    }

    static int paragraphs(List<Article> articles) {
        return articles.stream().mapToInt(a -> a.body().size()).sum();
    }

    /** Publishes with the project's own transactional publisher (one transaction per article). */
    static void publish(String bootstrap, String topic, List<Article> articles) {
        try (ParagraphPublisher p = ParagraphPublisher.connect(
                KafkaSettings.defaults(bootstrap).withTopic(topic).withReachTimeout(Duration.ofSeconds(30)), w -> { })) {
            Instant now = Instant.now();
            for (Article a : articles) {
                p.publish(a.id(), ParagraphEvents.of(a, false, now));
            }
        }
    }

    /** The side and speaker tables of an uninterrupted run, normalised with {@link #comparable}. */
    record Tables(Map<String, TableRow> sides, Map<String, TableRow> speakers, long statements) {
    }

    /** Starts {@code newsstream process} in a child JVM with {@code --set} flags, output to {@code log}. */
    static Process startProcessor(Map<String, String> flags, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "process"));
        flags.forEach((k, v) -> {
            cmd.add("--set");
            cmd.add(k + "=" + v);
        });
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Tags the articles offline, paragraph by paragraph with the article's context, exactly as TagProcessor
     * does, and folds the statements with the topology's own {@link Stats}. Articles with the same body are tagged
     * once (the tagger is deterministic and the context starts afresh per article).
     */
    static Tables expected(Tagger tagger, List<Article> articles) {
        Map<List<Object>, List<List<Statement>>> cache = new HashMap<>();
        List<StatementDelta> deltas = new ArrayList<>();
        for (Article a : articles) {
            // the headline's names (and the publication date, for dated roles) are context for the body, as in
            // TagProcessor; so the cache key holds them beside the body
            String published = a.publishedAt() == null ? null : a.publishedAt().toString();
            List<Object> key = java.util.Arrays.asList(a.title(), published, a.paragraphs());
            List<List<Statement>> perParagraph = cache.computeIfAbsent(key, k -> {
                List<List<Statement>> out = new ArrayList<>();
                ArticleContext ctx = tagger.headline(a.title(), published).context();
                for (String text : a.paragraphs()) {
                    if (text.isBlank()) {
                        out.add(List.of());
                        continue;
                    }
                    TaggedParagraph t = tagger.tag(ctx, text);
                    ctx = t.context();
                    out.add(t.statements());
                }
                return out;
            });
            for (int seq = 0; seq < perParagraph.size(); seq++) {
                deltas.addAll(deltas(a.id(), seq, perParagraph.get(seq), a.publishedAt(), 1));
            }
        }
        return fold(deltas);
    }

    /** What one paragraph contributes to the tables, as TagProcessor computes it ({@code weight} -1 withdraws). */
    static List<StatementDelta> deltas(String articleId, int seq, List<Statement> statements, Instant publishedAt,
                                       int weight) {
        return statements.stream().map(s -> new StatementDelta(StatementDelta.SCHEMA_VERSION, articleId, seq, s.side(),
                dev.newsstream.processor.SpeakerNames.normalise(s.speaker()), s.text(), s.stance() == null ? null : s.stance().label(),
                s.sentiment() == null ? null : s.sentiment().compound(), publishedAt, weight,
                s.polarity() == null ? null : s.polarity().label())).toList();
    }

    /** Folds contributions with the topology's own {@link Stats}, grouped as the topology groups them. */
    static Tables fold(List<StatementDelta> deltas) {
        Map<String, Stats> sides = new TreeMap<>();
        Map<String, Stats> speakers = new TreeMap<>();
        long statements = 0;
        for (StatementDelta d : deltas) {
            sides.computeIfAbsent(d.side() == null ? "UNKNOWN" : d.side(), k -> new Stats()).apply(d, 0);
            if (d.speaker() != null && !d.speaker().isBlank()) {
                speakers.computeIfAbsent(d.speaker(), k -> new Stats()).apply(d, 0);
            }
            statements += d.weight();
        }
        Map<String, TableRow> sideRows = new TreeMap<>();
        sides.forEach((k, s) -> sideRows.put(k, comparable(s.toRow("side", k, k, null, null, null, null))));
        Map<String, TableRow> speakerRows = new TreeMap<>();
        speakers.forEach((k, s) -> speakerRows.put(k, comparable(s.toRow("speaker", k, s.dominantSide(), k, null, null, null))));
        return new Tables(sideRows, speakerRows, statements);
    }

    /**
     * A row without what may differ between two correct runs: {@code updatedAt} (once wall clock, now the latest event time) and
     * {@code latest} (among statements with equal publication times, whichever was processed last; partitions
     * interleave differently from run to run). Everything counted stays: counts, speakers, min/mean/max, shares.
     */
    static TableRow comparable(TableRow r) {
        return new TableRow(r.schemaVersion(), r.table(), r.key(), r.side(), r.speaker(), r.articleId(),
                r.windowStart(), r.windowEnd(), r.statements(), r.speakers(), r.meanCompound(), r.minCompound(),
                r.maxCompound(), r.polarity(), r.stance(), r.cooperativeShare(), r.confrontationalShare(),
                r.topSpeakers(), null, null);
    }

    /** The project's read_committed reader ({@link ReadCommitted}), with whatever else the broker needs (SASL). */
    static KafkaConsumer<String, byte[]> readCommitted(Map<String, Object> clientConfig, String... topics) {
        return ReadCommitted.fromBeginning((String) clientConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                clientConfig, topics);
    }

    /**
     * Follows the output topics as tables (latest row per key) and counts tagged paragraphs per
     * (articleId, seq), with one read_committed consumer. Call {@link #poll()} inside an Awaitility condition.
     */
    static final class Output implements AutoCloseable {
        private final TopicNames topics;
        private final KafkaConsumer<String, byte[]> consumer;
        final Map<String, TableRow> sides = new TreeMap<>();
        final Map<String, TableRow> speakers = new TreeMap<>();
        final Map<String, Integer> taggedPerParagraph = new HashMap<>();
        final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        long tagged;
        private final JsonSerde<TableRow> rows = JsonSerde.of(TableRow.class);
        private final JsonSerde<dev.newsstream.events.TaggedParagraphEvent> taggedSerde =
                JsonSerde.of(dev.newsstream.events.TaggedParagraphEvent.class);

        /** Creates the processor's topics first (as it would), so the reader can be assigned before it starts. */
        Output(Map<String, Object> clientConfig, ProcessorSettings settings) {
            dev.newsstream.processor.NewsProcessor.createTopics(settings);
            this.topics = settings.topics();
            this.consumer = readCommitted(clientConfig, topics.taggedParagraphs(), topics.sideSentiment(),
                    topics.speakerSentiment(), topics.deadLetters());
        }

        Output poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.sideSentiment())) {
                    sides.put(r.key(), comparable(rows.deserialize(r.topic(), r.value())));
                } else if (r.topic().equals(topics.speakerSentiment())) {
                    speakers.put(r.key(), comparable(rows.deserialize(r.topic(), r.value())));
                } else if (r.topic().equals(topics.taggedParagraphs())) {
                    var t = taggedSerde.deserialize(r.topic(), r.value());
                    taggedPerParagraph.merge(t.articleId() + "#" + t.seq(), 1, Integer::sum);
                    tagged++;
                } else {
                    deadLetters.add(r);
                }
            }
            return this;
        }

        /**
         * Reads to the end of every partition (for read_committed: the last stable offset), so that nothing
         * written before this call is missed; bounded by Awaitility in the caller's timeout.
         */
        Output drain() {
            java.util.Set<TopicPartition> parts = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, Duration.ofSeconds(30));
            org.awaitility.Awaitility.await("the output topics read to their end " + end)
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        poll();
                        return parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                    });
            return this;
        }

        boolean matches(Tables expected) {
            return sides.equals(expected.sides()) && speakers.equals(expected.speakers());
        }

        /**
         * Reads to the end and asserts exactly-once: the tables equal the expected ones, every input paragraph
         * was tagged exactly once, and nothing was dead-lettered.
         */
        void assertExactlyOnce(Tables expected, int paragraphs) {
            drain();
            assertThat(sides).isEqualTo(expected.sides());
            assertThat(speakers).isEqualTo(expected.speakers());
            assertThat(tagged).as("one tagged record per input paragraph").isEqualTo(paragraphs);
            assertThat(taggedPerParagraph).hasSize(paragraphs)
                    .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
            assertThat(deadLetters).isEmpty();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Runs a command line on another thread with stderr captured, so a hang shows up as a bounded-wait failure. */
    record Run(CompletableFuture<Integer> exit, ByteArrayOutputStream err) {
        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    static Run start(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        // Main.run builds its CommandLine, whose error writer wraps System.err, after the swap below; the swap is
        // JVM-wide, so commands run one at a time
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            synchronized (FaultKit.class) {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                try {
                    return Main.run(args);
                } finally {
                    System.setErr(old);
                }
            }
        });
        return new Run(exit, err);
    }

    /** A paragraph event by hand, for the bad-input and producer tests. */
    static ParagraphEvent paragraph(String articleId, int seq, String text) {
        return new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, articleId, seq, seq + 1, seq + 1, text, "Talks",
                null, "test", PUBLISHED, Instant.now(), false, null);
    }
}
