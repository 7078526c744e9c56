package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.DeadLetterHeaders;
import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TaggedParagraphEvent;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.tagger.Taggers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input on a real broker, through one running processor: each case is sent between good
 * paragraphs, and each ends either in {@code news.dead-letters} (original bytes untouched, reason in headers) or,
 * where the input is odd but valid, as a tagged paragraph (documented in docs/reliability.md). The good paragraphs
 * after each case are still tagged, and the accounting closes: records in = tagged + dead-lettered + duplicates.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    /** What should become of a case: dead-lettered at a stage with a reason, or tagged. */
    record Case(String name, byte[] key, byte[] value, String stage, String reason) {
        boolean dead() {
            return stage != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A value that the broker's default limit (message.max.bytes = 1 MiB + 12) just accepts. */
    static final int NEAR_BROKER_LIMIT = 1_048_200;

    NewsProcessor processor;
    ProcessorMetrics metrics;
    TopicNames topics;
    final List<Case> cases = cases();
    final Map<String, ConsumerRecord<String, byte[]>> deadByKey = new HashMap<>();
    final Map<String, List<TaggedParagraphEvent>> taggedById = new HashMap<>();
    long inputs;
    long dead;
    long tagged;

    static byte[] b(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(String articleId, String text) {
        return JsonSerde.of(ParagraphEvent.class).serialize("t", FaultKit.paragraph(articleId, 0, text));
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("invalid JSON", b("c-json"), b("{\"schemaVersion\":1, \"articleId\": "), "deserialize",
                "not a valid ParagraphEvent"));
        c.add(new Case("JSON array instead of an object", b("c-array"), b("[1,2,3]"), "deserialize", "ParagraphEvent"));
        c.add(new Case("fields of the wrong type", b("c-types"),
                b("{\"schemaVersion\":1,\"articleId\":\"c-types\",\"seq\":\"first\",\"text\":[\"a\"]}"), "deserialize",
                "ParagraphEvent"));
        c.add(new Case("unknown schemaVersion", b("c-version"),
                b("{\"schemaVersion\":99,\"articleId\":\"c-version\",\"seq\":0,\"text\":\"t\"}"), "deserialize",
                "schemaVersion 99"));
        c.add(new Case("missing articleId", b("c-noid"), b("{\"schemaVersion\":1,\"seq\":0,\"text\":\"t\"}"), "validate",
                "articleId"));
        c.add(new Case("missing text", b("c-notext"), b("{\"schemaVersion\":1,\"articleId\":\"c-notext\",\"seq\":0}"),
                "validate", "'text'"));
        c.add(new Case("null key", null, json("c-nullkey", "\"Hello,\" said John Smith."), "validate", "no key"));
        c.add(new Case("null value (tombstone)", b("c-null"), null, "validate", "null"));
        c.add(new Case("key differs from articleId", b("c-otherkey"), json("c-elsewhere", "text"), "validate", "differs"));
        ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
        badUtf8.writeBytes(b("{\"schemaVersion\":1,\"articleId\":\"c-utf8\",\"seq\":0,\"text\":\"caf"));
        badUtf8.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        badUtf8.writeBytes(b("\"}"));
        c.add(new Case("invalid UTF-8 inside a string", b("c-utf8"), badUtf8.toByteArray(), "deserialize", "UTF-8"));
        c.add(new Case("1 MB paragraph", b("c-1mb"), json("c-1mb", "x".repeat(1_000_000)), "validate",
                "more than max.paragraph.chars"));
        byte[] near = json("c-near", "");
        c.add(new Case("paragraph at the broker's size limit", b("c-near"),
                json("c-near", "y".repeat(NEAR_BROKER_LIMIT - near.length)), "validate", "more than max.paragraph.chars"));
        // odd but valid: tagged (with or without statements), never a crash
        c.add(new Case("empty text", b("c-empty"), json("c-empty", ""), null, null));
        c.add(new Case("whitespace-only text", b("c-blank"), json("c-blank", " \t\n\u00a0 "), null, null));
        c.add(new Case("control characters", b("c-control"),
                json("c-control", "\u0000\"We are\u0007 ready\u001b,\" said\u0085 John Smith.\u2028\u0001"), null, null));
        c.add(new Case("non-Latin scripts", b("c-script"), json("c-script",
                "«Мы готовы к переговорам», — заявил Сергей Лавров. "
                        + "王毅说：“我们愿意合作。” قال وزير الخارجية: \"نحن مستعدون\"."), null, null));
        c.add(new Case("an extremely long quotation", b("c-longquote"), json("c-longquote",
                "\"" + "We will never accept these hostile demands, and we will not give up. ".repeat(2_500)
                        + "\" said Kim Jong Un, the leader of North Korea."), null, null));
        c.add(new Case("hundreds of nested quote marks", b("c-nested"), json("c-nested",
                "\"“‘«„‹".repeat(100) + "deep" + "›“»’”\"".repeat(100) + " said John Smith."), null, null));
        return c;
    }

    Stream<Case> allCases() {
        return cases.stream();
    }

    @BeforeAll
    void sendEverythingThroughOneProcessor(KafkaBroker broker, @TempDir Path dir) {
        String run = FaultKit.run("badinput");
        topics = FaultKit.topics(run);
        ProcessorSettings settings = FaultKit.settings(FaultKit.flags(broker.bootstrapServers(), topics, run,
                dir.resolve("state")));
        metrics = new ProcessorMetrics(new SimpleMeterRegistry());
        processor = new NewsProcessor(settings, Taggers.create(null, null), metrics);
        processor.start();

        Properties p = new Properties();
        p.putAll(broker.clientConfig());
        // the test sends records up to the broker's limit: the client's own 1 MiB default would refuse them first
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16 * 1024 * 1024);
        int goods = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Case c : cases) {
                send(producer, c.key(), c.value());
                String id = "good-" + goods++;
                send(producer, b(id), json(id, "\"We want peace and real cooperation,\" said Daniel Marsh, the U.S."
                        + " Special Representative for North Korea."));
            }
            // a repeat: the third kind of accounted outcome
            send(producer, b("good-0"), json("good-0", "\"We want peace and real cooperation,\" said Daniel Marsh,"
                    + " the U.S. Special Representative for North Korea."));
        }
        inputs = cases.size() + goods + 1;
        try (KafkaConsumer<String, byte[]> c = FaultKit.readCommitted(broker.clientConfig(), topics.deadLetters(),
                topics.taggedParagraphs())) {
            await("every input record accounted for").atMost(Duration.ofMinutes(4)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(topics.deadLetters())) {
                        deadByKey.put(r.key(), r);
                        dead++;
                    } else {
                        TaggedParagraphEvent t = JsonSerde.of(TaggedParagraphEvent.class).deserialize(r.topic(), r.value());
                        taggedById.computeIfAbsent(t.articleId(), k -> new ArrayList<>()).add(t);
                        tagged++;
                    }
                }
                return tagged + dead + metrics.duplicates() >= inputs;
            });
        }
    }

    void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.paragraphs(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a test record", e);
        }
    }

    @AfterAll
    void stop() {
        if (processor != null) {
            processor.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void eachCaseEndsWhereDocumented(Case c) {
        String key = c.key() == null ? null : new String(c.key(), StandardCharsets.UTF_8);
        if (c.dead()) {
            ConsumerRecord<String, byte[]> r = deadByKey.get(key);
            assertThat(r).as(c.name() + " dead-lettered").isNotNull();
            assertThat(r.value()).as("original bytes untouched").isEqualTo(c.value());
            assertThat(header(r, DeadLetterHeaders.ERROR_STAGE)).isEqualTo(c.stage());
            assertThat(header(r, DeadLetterHeaders.ERROR_MESSAGE)).contains(c.reason());
            assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topics.paragraphs());
            assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
            assertThat(taggedById).doesNotContainKey(key);
        } else {
            assertThat(deadByKey).as(c.name() + " not dead-lettered").doesNotContainKey(key);
            assertThat(taggedById.get(key)).as(c.name() + " tagged once").hasSize(1);
        }
    }

    @Test
    void goodRecordsAroundEveryCaseAreTaggedAndTheAccountingCloses() {
        for (int i = 0; i < cases.size(); i++) {
            assertThat(taggedById.get("good-" + i)).as("good-" + i + " after " + cases.get(i).name()).hasSize(1);
            assertThat(taggedById.get("good-" + i).get(0).statements()).isNotEmpty();
        }
        long deadCases = cases.stream().filter(Case::dead).count();
        assertThat(dead).isEqualTo(deadCases);
        assertThat(metrics.duplicates()).isEqualTo(1);
        assertThat(tagged).isEqualTo(inputs - deadCases - 1);
        assertThat(metrics.received()).as("records in").isEqualTo(inputs);
        assertThat(tagged + dead + metrics.duplicates()).as("in = tagged + dead-lettered + duplicates").isEqualTo(inputs);
        assertThat(Arrays.asList(taggedById.get("c-empty").get(0).statements().size(),
                taggedById.get("c-blank").get(0).statements().size())).as("nothing to tag in empty text").containsOnly(0);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
