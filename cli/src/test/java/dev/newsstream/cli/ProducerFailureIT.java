package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.kafka.KafkaBroker;
import dev.newsstream.kafka.WithKafka;
import dev.newsstream.producer.Article;
import dev.newsstream.producer.ArticleRejectedException;
import dev.newsstream.producer.KafkaSettings;
import dev.newsstream.producer.ParagraphPublisher;
import dev.newsstream.producer.ProduceCommand;
import dev.newsstream.producer.PublishException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer when Kafka is not there or goes away: it gives up within its bounded timeouts with a clear error
 * and exit code 3 instead of hanging, and an article is all-or-nothing for a read_committed reader, also when
 * publishing fails in the middle of it.
 */
@WithKafka
class ProducerFailureIT {
    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerFailsFastWithExitCode3AndAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        Path file = Files.writeString(dir.resolve("a.txt"), "Title\n\n\"We are ready,\" said John Smith.\n");
        FaultKit.Run run = FaultKit.start("produce", "--bootstrap-server", "127.0.0.1:" + port, "--kafka-timeout", "5s",
                "--topic", "unreachable", file.toString());
        await("produce to give up on an unreachable broker").atMost(Duration.ofSeconds(60)).until(run.exit()::isDone);
        assertThat(run.exit().get()).isEqualTo(ProduceCommand.KAFKA);
        assertThat(run.stderr()).contains("cannot reach Kafka at 127.0.0.1:" + port).contains("Is the broker running?");
    }

    @Test
    void aBrokerLostMidRunStopsTheProducerWithExitCode3AndLeavesNoPartialArticle() throws Exception {
        List<Article> articles = FaultKit.corpus("lost", 4_000);
        Path inputs = Files.createDirectories(dir.resolve("articles"));
        for (Article a : articles) {
            // the file stem is the article id; the text format is title, blank line, paragraphs
            Files.writeString(inputs.resolve(a.id() + ".txt"), a.title() + "\n\n" + String.join("\n\n", a.paragraphs()) + "\n");
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().logDir(dir.resolve("broker")).start()) {
            String topic = FaultKit.run("lost");
            broker.createTopics(Map.of(topic, 3));
            FaultKit.Run run = FaultKit.start("produce", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                    "--kafka-timeout", "5s", "--published-at", "2019-02-28T10:00:00Z", inputs.toString());
            try (KafkaConsumer<String, byte[]> c = FaultKit.readCommitted(broker.clientConfig(), topic)) {
                await("some articles committed").atMost(Duration.ofMinutes(2))
                        .until(() -> !c.poll(Duration.ofMillis(100)).isEmpty() || run.exit().isDone());
            }
            assertThat(run.exit()).as("still publishing when the broker goes").isNotDone();
            broker.stop();
            await("produce to give up after losing the broker").atMost(Duration.ofSeconds(90)).until(run.exit()::isDone);
            assertThat(run.exit().get()).as(run.stderr()).isEqualTo(ProduceCommand.KAFKA);
            assertThat(run.stderr()).contains("cannot publish article").contains(broker.bootstrapServers());
            System.out.println("ProducerFailureIT: " + run.stderr().lines().filter(l -> l.startsWith("error")).toList());

            broker.restart();
            Map<String, List<ParagraphEvent>> seen = readAll(broker.clientConfig(), topic, "read_committed");
            assertThat(seen).isNotEmpty().hasSizeLessThan(articles.size());
            seen.forEach((id, events) -> assertThat(events).as("article " + id + " complete, once, in order")
                    .extracting(ParagraphEvent::seq).containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, events.get(0).paragraphs()).boxed().toList()));
        }
    }

    @Test
    void anArticleThatFailsMidwayIsAbortedAndInvisibleToReadCommitted(KafkaBroker broker) throws Exception {
        String topic = FaultKit.run("atomic");
        // The broker, not the client, rejects paragraph 2 (larger than this topic allows), after paragraphs 0
        // and 1 were written in the open transaction: a real failure in the middle of an article.
        broker.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("max.message.bytes", "10000")))).all().get();
        Instant now = Instant.now();
        List<ParagraphEvent> broken = new ArrayList<>();
        for (int seq = 0; seq < 5; seq++) {
            String text = seq == 2 ? "x".repeat(20_000) : "\"Paragraph " + seq + ",\" said John Smith.";
            broken.add(new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, "broken", seq, 5, seq + 1, text, "T", null,
                    "test", now, now, false, null));
        }
        List<ParagraphEvent> fine = List.of(FaultKit.paragraph("fine", 0, "\"All good,\" said John Smith."));
        try (ParagraphPublisher p = ParagraphPublisher.connect(KafkaSettings.defaults(broker.bootstrapServers())
                .withTopic(topic), w -> { })) {
            // a record the broker refuses fails this article only (issue #14): not a PublishException, which ends a run
            assertThatThrownBy(() -> p.publish("broken", broken)).isInstanceOf(ArticleRejectedException.class)
                    .hasMessageContaining("transaction aborted");
            p.publish("fine", fine); // the publisher stays usable after an aborted article
        }
        Map<String, List<ParagraphEvent>> uncommitted = readAll(broker.clientConfig(), topic, "read_uncommitted");
        assertThat(uncommitted.get("broken")).as("the first paragraphs did reach the log, in the aborted transaction")
                .extracting(ParagraphEvent::seq).contains(0, 1);
        Map<String, List<ParagraphEvent>> committed = readAll(broker.clientConfig(), topic, "read_committed");
        assertThat(committed).containsOnlyKeys("fine");
    }

    @Test
    void produceWithOneOversizedFileAmongGoodOnesPublishesTheGoodOnesAndExitsWith1(KafkaBroker broker) throws Exception {
        String topic = FaultKit.run("oversized");
        Path inputs = Files.createDirectories(dir.resolve("oversized"));
        // sorted first, so the good files come after the failure
        Files.writeString(inputs.resolve("a-big.txt"), "A huge article\n\n" + "The talks went on and on for the whole of the day. ".repeat(25_000) + "\n");
        Files.writeString(inputs.resolve("b-good.txt"), "Talks\n\n\"We want peace,\" said John Smith.\n\nMore text.\n");
        Files.writeString(inputs.resolve("c-good.txt"), "Talks again\n\n\"We want talks,\" said John Smith.\n");
        FaultKit.Run run = FaultKit.start("produce", "--bootstrap-server", broker.bootstrapServers(), "--topic", topic,
                "--kafka-timeout", "10s", inputs.resolve("a-big.txt").toString(), inputs.resolve("b-good.txt").toString(),
                inputs.resolve("c-good.txt").toString());
        await("produce to finish").atMost(Duration.ofMinutes(2)).until(run.exit()::isDone);
        assertThat(run.exit().get()).as(run.stderr()).isEqualTo(ProduceCommand.SOME_FAILED);
        assertThat(run.stderr()).contains("error:").contains("a-big").contains("RecordTooLargeException");
        Map<String, List<ParagraphEvent>> committed = readAll(broker.clientConfig(), topic, "read_committed");
        assertThat(committed).containsOnlyKeys("b-good", "c-good");
        assertThat(committed.get("b-good")).hasSize(2);
    }

    /** Every record of the topic up to its end (last stable offset for read_committed), grouped by key. */
    static Map<String, List<ParagraphEvent>> readAll(Map<String, Object> config, String topic, String isolation) {
        Properties p = new Properties();
        p.putAll(config);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        Map<String, List<ParagraphEvent>> out = new HashMap<>();
        JsonSerde<ParagraphEvent> serde = JsonSerde.of(ParagraphEvent.class);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            await("read " + topic + " to its end").atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(serde.deserialize(topic, r.value()));
                }
                return parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
            });
        }
        return out;
    }
}
