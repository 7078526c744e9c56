package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.TableRow;
import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time windows on a real broker with exactly_once_v2: paragraphs published over three days (in event time)
 * yield one final row per side and day in {@code news.side-sentiment-daily}, each exactly once, with the right
 * counts — and nothing for the window that is still open.
 */
@WithKafka
class WindowedTablesIT {
    static final Instant DAY0 = Instant.parse("2019-02-27T08:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void eachClosedDayIsEmittedOnceWithItsCounts(KafkaBroker broker) throws Exception {
        String run = "windows-" + UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = TopicNames.defaults().withPrefix(run + ".");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("bootstrap.servers", broker.bootstrapServers());
        flags.put("application.id", run);
        flags.put("state.dir", stateDir.toString());
        flags.put("commit.interval.ms", "100");
        flags.put("window.grace.hourly", "PT1M");
        flags.put("window.grace.daily", "PT1M");
        flags.putAll(SettingsLoader.topicSettings(topics));
        // one input partition, so stream time advances for every side's repartitioned records alike
        flags.put("topic.partitions", "1");
        ProcessorSettings settings = SettingsLoader.load(null, Map.of(), flags, w -> { });

        // day d has d+1 USA statements and 1 PRK statement; a statement on day 3 closes day 2's window
        List<ParagraphEvent> events = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i <= day; i++) {
                events.add(paragraph("usa-" + day + "-" + i, "Ann Lee (USA) said: \"good " + i + "\"", DAY0.plus(Duration.ofDays(day)).plusSeconds(60L * i)));
            }
            events.add(paragraph("prk-" + day, "Kim Ro (PRK) said: \"bad\"", DAY0.plus(Duration.ofDays(day)).plusSeconds(3600)));
        }
        events.add(paragraph("usa-late", "Ann Lee (USA) said: \"later\"", DAY0.plus(Duration.ofDays(3))));
        events.add(paragraph("prk-late", "Kim Ro (PRK) said: \"later\"", DAY0.plus(Duration.ofDays(3))));

        try (NewsProcessor processor = new NewsProcessor(settings, TestTaggers.simple(), ProcessorMetrics.noop())) {
            processor.start();
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
            List<TableRow> rows = new ArrayList<>();
            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer());
                 KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer())) {
                for (ParagraphEvent e : events) {
                    producer.send(new ProducerRecord<>(topics.paragraphs(), e.articleId(), serde.serialize(topics.paragraphs(), e))).get();
                }
                List<TopicPartition> parts = new ArrayList<>();
                c.partitionsFor(topics.sideSentimentDaily(), Duration.ofSeconds(30))
                        .forEach(pi -> parts.add(new TopicPartition(pi.topic(), pi.partition())));
                c.assign(parts);
                c.seekToBeginning(parts);
                int[] tick = {0};
                await("six final daily rows (3 days x 2 sides)").atMost(Duration.ofSeconds(90)).until(() -> {
                    // Streams checks for closed windows at most once a second (wall clock), when a record arrives:
                    // keep the stream flowing, as a live news stream does, with statements in the open day 3
                    for (String side : List.of("USA", "PRK")) {
                        ParagraphEvent e = paragraph("tick-" + side + "-" + tick[0]++, "X (" + side + ") said: \"tick\"",
                                DAY0.plus(Duration.ofDays(3)).plusSeconds(tick[0]));
                        producer.send(new ProducerRecord<>(topics.paragraphs(), e.articleId(), serde.serialize(topics.paragraphs(), e)));
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                        rows.add(JsonSerde.of(TableRow.class).deserialize(r.topic(), r.value()));
                    }
                    return rows.size() >= 6;
                });
                // anything emitted twice would show up now: keep reading for a few more commits
                long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < until) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                        rows.add(JsonSerde.of(TableRow.class).deserialize(r.topic(), r.value()));
                    }
                }
            }
            assertThat(rows).hasSize(6);
            assertThat(rows).extracting(r -> r.key() + "@" + r.windowStart() + "=" + r.statements())
                    .containsExactlyInAnyOrder(
                            "USA@2019-02-27T00:00:00Z=1", "PRK@2019-02-27T00:00:00Z=1",
                            "USA@2019-02-28T00:00:00Z=2", "PRK@2019-02-28T00:00:00Z=1",
                            "USA@2019-03-01T00:00:00Z=3", "PRK@2019-03-01T00:00:00Z=1");
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.table()).isEqualTo("side-daily");
                assertThat(Duration.between(r.windowStart(), r.windowEnd())).isEqualTo(Duration.ofDays(1));
                assertThat(r.schemaVersion()).isEqualTo(TableRow.SCHEMA_VERSION);
            });
        }
    }

    static ParagraphEvent paragraph(String article, String text, Instant published) {
        return new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, article, 0, 1, 1, text, "Title", null, "test",
                published, published, false, null);
    }
}
