package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.producer.TextArticles;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real broker: the {@code produce} command publishes articles, the processor tags them, and a
 * plain read_committed consumer finds the tagged paragraphs and side rows, equal to what the offline tagger says.
 */
@WithKafka
class PipelineIT {
    static final Path SHARED = Path.of(System.getProperty("newsstream.shared.dir", "../shared"));
    static final Path SEED = SHARED.resolve("seed/000_c370471a962d8560.txt");
    static final Path SAMPLES = Path.of("../samples");

    @TempDir
    Path stateDir;
    NewsProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    ProcessorSettings settings(KafkaBroker broker, TopicNames topics, String app) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap.servers", broker.bootstrapServers());
        flags.put("application.id", app);
        flags.put("state.dir", stateDir.toString());
        flags.put("commit.interval.ms", "100");
        flags.putAll(SettingsLoader.topicSettings(topics));
        return SettingsLoader.load(null, Map.of(), flags, w -> { });
    }

    @Test
    void articlesFlowFromTheProduceCommandToTheSideTable(KafkaBroker broker) throws Exception {
        assumeTrue(Files.exists(SEED), "seed article not found at " + SEED.toAbsolutePath()
                + " (../shared is absent on a user's clone); skipping the seed part of the pipeline test");
        Path sample;
        try (var s = Files.list(SAMPLES)) {
            sample = s.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
        }
        String run = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = TopicNames.defaults().withPrefix(run + ".");
        ProcessorSettings settings = settings(broker, topics, run);
        processor = new NewsProcessor(settings, Taggers.create(null, null), ProcessorMetrics.noop());
        processor.start();

        int code = Main.run("produce", "--bootstrap-server", broker.bootstrapServers(), "--topic", topics.paragraphs(),
                SEED.toString(), sample.toString());
        assertThat(code).isZero();

        // what the offline tagger says about the same files
        Tagger tagger = Taggers.create(null, null);
        Map<String, Long> expectedPerSide = new HashMap<>();
        int expectedParagraphs = 0;
        for (Path f : List.of(SEED, sample)) {
            var article = TextArticles.read(f, Instant.EPOCH);
            expectedParagraphs += article.body().size();
            for (TagCommand.Line line : TagCommand.tag(tagger, article)) {
                if (line.paragraph() == 0) {
                    continue;   // the headline's statements are offline only: the title is not a paragraph event
                }
                for (StatementEvent s : line.statements()) {
                    expectedPerSide.merge(s.side(), 1L, Long::sum);
                }
            }
        }
        assertThat(expectedPerSide).containsKeys("USA", "PRK");

        List<TaggedParagraphEvent> tagged = new ArrayList<>();
        Map<String, TableRow> sides = new HashMap<>();
        JsonSerde<TaggedParagraphEvent> taggedSerde = JsonSerde.of(TaggedParagraphEvent.class);
        JsonSerde<TableRow> rowSerde = JsonSerde.of(TableRow.class);
        int paragraphs = expectedParagraphs;
        try (KafkaConsumer<String, byte[]> c = readCommitted(broker, topics.taggedParagraphs(), topics.sideSentiment())) {
            await("tagged paragraphs and side rows to catch up").atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.taggedParagraphs())) {
                        tagged.add(taggedSerde.deserialize(r.topic(), r.value()));
                    } else {
                        sides.put(r.key(), rowSerde.deserialize(r.topic(), r.value()));
                    }
                }
                return tagged.size() >= paragraphs && expectedPerSide.entrySet().stream().allMatch(e ->
                        sides.containsKey(e.getKey()) && sides.get(e.getKey()).statements() == e.getValue());
            });
        }
        assertThat(tagged).hasSize(expectedParagraphs);
        Map<String, Long> perSide = new HashMap<>();
        tagged.forEach(t -> t.statements().forEach(s -> perSide.merge(s.side(), 1L, Long::sum)));
        assertThat(perSide).isEqualTo(expectedPerSide);
        assertThat(sides).containsKeys("USA", "PRK");
        for (Map.Entry<String, Long> e : expectedPerSide.entrySet()) {
            assertThat(sides.get(e.getKey()).statements()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // one article's paragraphs arrive in order
        Map<String, Integer> lastSeq = new HashMap<>();
        for (TaggedParagraphEvent t : tagged) {
            Integer prev = lastSeq.put(t.articleId(), t.seq());
            assertThat(t.seq()).isEqualTo(prev == null ? 0 : prev + 1);
        }
    }

    @Test
    void aMalformedRecordGoesToDeadLettersAndTheNextRecordsAreStillTagged(KafkaBroker broker) throws Exception {
        String run = "dlq-" + UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = TopicNames.defaults().withPrefix(run + ".");
        ProcessorSettings settings = settings(broker, topics, run);
        processor = new NewsProcessor(settings, Taggers.create(null, null), ProcessorMetrics.noop());
        processor.start();

        byte[] bad = "{\"schemaVersion\":1, this is not JSON".getBytes(StandardCharsets.UTF_8);
        ParagraphEvent good = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, "a1", 0, 1, 1,
                "\"We will not accept this,\" Foreign Minister Ri Yong Ho of North Korea told reporters.", "Title",
                null, "test", Instant.parse("2019-02-28T10:00:00Z"), Instant.now(), false, null);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.paragraphs(), "a1".getBytes(StandardCharsets.UTF_8), bad)).get();
            producer.send(new ProducerRecord<>(topics.paragraphs(), "a1".getBytes(StandardCharsets.UTF_8),
                    JsonSerde.of(ParagraphEvent.class).serialize("t", good))).get();
        }
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        List<TaggedParagraphEvent> tagged = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = readCommitted(broker, topics.deadLetters(), topics.taggedParagraphs())) {
            await("the bad record in dead letters and the good one tagged").atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.deadLetters())) {
                        dead.add(r);
                    } else {
                        tagged.add(JsonSerde.of(TaggedParagraphEvent.class).deserialize(r.topic(), r.value()));
                    }
                }
                return !dead.isEmpty() && !tagged.isEmpty();
            });
        }
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(bad);
        assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_STAGE)).isEqualTo("deserialize");
        assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_MESSAGE)).contains("not a valid ParagraphEvent");
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.paragraphs());
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(tagged.get(0).statements()).isNotEmpty();
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static KafkaConsumer<String, byte[]> readCommitted(KafkaBroker broker, String... topics) {
        return ReadCommitted.fromBeginning(broker.bootstrapServers(), Map.of(), topics);
    }
}
