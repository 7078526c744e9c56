package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsstream.events.TopicNames;
import dev.newsstream.kafka.EmbeddedKafkaBroker;
import dev.newsstream.processor.NewsProcessor;
import dev.newsstream.processor.ProcessorMetrics;
import dev.newsstream.processor.ProcessorSettings;
import dev.newsstream.processor.SettingsLoader;
import dev.newsstream.producer.ProduceCommand;
import dev.newsstream.tagger.Taggers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka client security passes through unchanged: against a SASL/PLAIN broker the producer works with the right
 * credentials from {@code --producer-config}, the processor with the right ones from {@code NEWSSTREAM_KAFKA_*}
 * variables, and both fail fast, with a message that says the credentials were refused, with wrong ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
    static final String USER = "news";
    static final String PASSWORD = "secret";

    @TempDir
    Path dir;
    EmbeddedKafkaBroker broker;

    @BeforeAll
    void startSaslBroker() {
        broker = EmbeddedKafkaBroker.builder().saslPlain(Map.of(USER, PASSWORD)).start();
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }

    Path clientConfig(String name, String password) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=" + jaas(password).replace("\\", "\\\\")) + "\n");
    }

    Path article() throws Exception {
        return Files.writeString(dir.resolve("talks.txt"), "Talks\n\n\"We had a good exchange of views,\" said Daniel"
                + " Marsh, the U.S. Special Representative for North Korea.\n");
    }

    @Test
    void theProducerAndTheProcessorWorkWithTheRightCredentials() throws Exception {
        String run = FaultKit.run("sasl");
        TopicNames topics = FaultKit.topics(run);
        Map<String, String> env = Map.of(
                "NEWSSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "NEWSSTREAM_KAFKA_SASL_MECHANISM", "PLAIN",
                "NEWSSTREAM_KAFKA_SASL_JAAS_CONFIG", jaas(PASSWORD));
        ProcessorSettings settings = SettingsLoader.load(null, env,
                FaultKit.flags(broker.bootstrapServers(), topics, run, dir.resolve("state")), w -> { });
        assertThat(settings.kafka()).containsEntry("sasl.mechanism", "PLAIN");
        try (NewsProcessor processor = new NewsProcessor(settings, Taggers.create(null, null), ProcessorMetrics.noop());
             FaultKit.Output out = new FaultKit.Output(broker.clientConfig(), settings)) {
            processor.start();
            FaultKit.Run produce = FaultKit.start("produce", "--bootstrap-server", broker.bootstrapServers(),
                    "--producer-config", clientConfig("good.properties", PASSWORD).toString(),
                    "--topic", topics.paragraphs(), article().toString());
            await("produce with the right credentials").atMost(Duration.ofMinutes(1)).until(produce.exit()::isDone);
            assertThat(produce.exit().get()).as(produce.stderr()).isEqualTo(ProduceCommand.OK);
            await("the processor to tag it over SASL").atMost(Duration.ofMinutes(2))
                    .until(() -> out.poll().tagged == 1 && out.speakers.containsKey("Daniel Marsh"));
        }
    }

    @Test
    void theProducerFailsFastWithACredentialsErrorWithAWrongPassword() throws Exception {
        FaultKit.Run produce = FaultKit.start("produce", "--bootstrap-server", broker.bootstrapServers(),
                "--producer-config", clientConfig("bad.properties", "wrong").toString(),
                "--topic", FaultKit.run("sasl-bad"), article().toString());
        await("produce to refuse quickly").atMost(Duration.ofSeconds(30)).until(produce.exit()::isDone);
        assertThat(produce.exit().get()).isEqualTo(ProduceCommand.KAFKA);
        assertThat(produce.stderr()).contains("refused our credentials");
    }

    @Test
    void theProcessorFailsFastWithACredentialsErrorWithAWrongPassword() {
        String run = FaultKit.run("sasl-bad");
        List<String> args = new ArrayList<>(List.of("process"));
        Map<String, String> flags = FaultKit.flags(broker.bootstrapServers(), FaultKit.topics(run), run,
                dir.resolve("bad-state"));
        flags.put("kafka.security.protocol", "SASL_PLAINTEXT");
        flags.put("kafka.sasl.mechanism", "PLAIN");
        flags.put("kafka.sasl.jaas.config", jaas("wrong"));
        flags.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        FaultKit.Run process = FaultKit.start(args.toArray(String[]::new));
        await("the processor to give up instead of hanging").atMost(Duration.ofSeconds(30)).until(process.exit()::isDone);
        assertThat(process.exit().join()).isNotZero();
        assertThat(process.stderr()).contains("refused our credentials").contains("kafka.sasl.jaas.config");
    }
}
