package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsstream.events.TopicDefinitions;
import dev.newsstream.events.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor ({@link NewsProcessor#topicsToCreate}) and the compose stack (docker/create-topics.sh) create the
 * same topics from the one definition (topics.conf): the script is run for real, against a recording stand-in
 * for kafka-topics.sh, with the same environment the processor's settings are loaded from, and every topic's
 * name, partitions, replication factor and configs must agree. Broken copies of the script prove the comparison
 * reports a difference.
 */
class TopicDefinitionsConsistencyTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    private static final Path SCRIPT = ROOT.resolve("docker/create-topics.sh");
    private static final Path DEFINITIONS = ROOT.resolve("events/src/main/resources/dev/newsstream/events/topics.conf");

    @TempDir
    Path tmp;

    /** One {@code kafka-topics.sh --create} as the script issued it, or as the processor would create it. */
    record Created(String name, int partitions, int replication, Map<String, String> configs) { }

    private static Map<String, Created> fromProcessor(Map<String, String> env) {
        ProcessorSettings s = SettingsLoader.load(null, env, Map.of(), w -> { });
        Map<String, Created> out = new TreeMap<>();
        for (NewTopic t : NewsProcessor.topicsToCreate(s)) {
            out.put(t.name(), new Created(t.name(), t.numPartitions(), t.replicationFactor(), new TreeMap<>(t.configs())));
        }
        return out;
    }

    /** Runs {@code script} with a kafka-topics.sh that records its arguments; returns the --create calls. */
    private Map<String, Created> fromScript(Path script, Map<String, String> env) throws IOException, InterruptedException {
        Path log = tmp.resolve("calls.txt");
        Files.deleteIfExists(log);
        Path stub = tmp.resolve("kafka-topics.sh");
        // one line per call: the arguments separated by a unit separator
        Files.writeString(stub, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\037' \"$a\"; done >> '" + log + "'\n"
                + "echo >> '" + log + "'\n");
        stub.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("NEWSSTREAM_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(env);
        pb.environment().put("NEWSSTREAM_TOPICS_FILE", DEFINITIONS.toString());
        pb.environment().put("KAFKA_TOPICS_SH", stub.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("create-topics.sh finished").isTrue();
        assertThat(p.exitValue()).as("create-topics.sh exit status; output:%n%s", output).isZero();

        Map<String, Created> out = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            List<String> args = List.of(line.split("\u001f"));
            if (!args.contains("--create")) {
                continue;
            }
            String name = null;
            int partitions = -1;
            int replication = -1;
            Map<String, String> configs = new TreeMap<>();
            for (int i = 0; i < args.size() - 1; i++) {
                switch (args.get(i)) {
                    case "--topic" -> name = args.get(i + 1);
                    case "--partitions" -> partitions = Integer.parseInt(args.get(i + 1));
                    case "--replication-factor" -> replication = Integer.parseInt(args.get(i + 1));
                    case "--config" -> {
                        String[] kv = args.get(i + 1).split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                    default -> { }
                }
            }
            assertThat(args).as("every create is idempotent").contains("--if-not-exists");
            out.put(name, new Created(name, partitions, replication, configs));
        }
        return out;
    }

    @Test
    void scriptAndProcessorCreateTheSameTopicsWithDefaults() throws Exception {
        Map<String, Created> processor = fromProcessor(Map.of());
        assertThat(fromScript(SCRIPT, Map.of())).isEqualTo(processor);
        assertThat(processor).hasSize(7);
    }

    @Test
    void scriptAndProcessorAgreeWithRenamedTopicsAndOtherCounts() throws Exception {
        Map<String, String> env = Map.of("NEWSSTREAM_TOPIC_PARTITIONS", "5", "NEWSSTREAM_TOPIC_REPLICATION_FACTOR", "2",
                "NEWSSTREAM_TOPIC_SIDE", "custom.sides", "NEWSSTREAM_TOPIC_DEADLETTERS", "custom.dlq");
        Map<String, Created> processor = fromProcessor(env);
        assertThat(processor).containsKeys("custom.sides", "custom.dlq").doesNotContainKey(TopicNames.SIDE_SENTIMENT);
        assertThat(processor.get("custom.dlq").partitions()).isEqualTo(5);
        assertThat(fromScript(SCRIPT, env)).isEqualTo(processor);
    }

    @Test
    void aScriptThatAddsChangesOrDropsATopicConfigIsCaught() throws Exception {
        String script = Files.readString(SCRIPT);
        String dropsConfigs = replace(script, "set -- \"$@\" --config \"$config\"", ":");
        String addsOne = replace(script, "--replication-factor \"$replication\"",
                "--replication-factor \"$replication\" --config retention.ms=1000");
        String skipsALine = replace(script, "  case \"$setting\" in \"\" | \"#\"*) continue ;; esac",
                "  case \"$setting\" in \"\" | \"#\"* | topic.daily) continue ;; esac");
        Map<String, Created> processor = fromProcessor(Map.of());
        for (String broken : List.of(dropsConfigs, addsOne, skipsALine)) {
            Path copy = tmp.resolve("broken-create-topics.sh");
            Files.writeString(copy, broken);
            assertThat(fromScript(copy, Map.of())).isNotEqualTo(processor);
        }
    }

    @Test
    void definitionsMatchTheProcessorsLimitsAndDefaultNames() {
        TopicDefinitions defs = TopicDefinitions.load();
        Map<String, String> defaults = SettingsLoader.topicSettings(TopicNames.defaults());
        Map<String, String> defined = new LinkedHashMap<>();
        defs.all().forEach(d -> defined.put(d.setting(), d.defaultName()));
        assertThat(defined).as("default names in topics.conf = TopicNames.defaults()").isEqualTo(defaults);

        String paragraphs = SettingsLoader.topicSettings(TopicNames.defaults()).keySet().iterator().next();
        for (TopicDefinitions.Definition d : defs.all()) {
            int max = Integer.parseInt(d.configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG));
            if (d.setting().equals(paragraphs)) {
                // anything the input accepts must fit in a dead letter, which adds headers to the original bytes
                assertThat(max).as("input max.message.bytes").isLessThanOrEqualTo(NewsProcessor.MAX_RECORD_BYTES / 2);
            } else {
                assertThat(max).as("%s max.message.bytes", d.setting()).isEqualTo(NewsProcessor.MAX_RECORD_BYTES);
                assertThat(d.configs()).containsEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
            }
        }
        assertThat(defs.forSetting("topic.side").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(defs.forSetting("topic.speaker").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(defs.forSetting("topic.paragraphs").configs()).doesNotContainKey(TopicConfig.CLEANUP_POLICY_CONFIG);
    }

    @Test
    void malformedDefinitionsAreRejectedWithTheLine() {
        assertThatThrownBy(() -> TopicDefinitions.parse("# c\ntopic.side news.side\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> TopicDefinitions.parse("topic.side news.side a=1,b\n"))
                .hasMessageContaining("'b' is not key=value");
        assertThatThrownBy(() -> TopicDefinitions.parse("topic.side a x=1\ntopic.side b x=1\n"))
                .hasMessageContaining("defined twice");
        Map<String, String> ok = new HashMap<>(TopicDefinitions.parse("topic.side  news.side   x=1,y=2\n")
                .forSetting("topic.side").configs());
        assertThat(ok).isEqualTo(Map.of("x", "1", "y", "2"));
        assertThat(new ArrayList<>(TopicDefinitions.parse("").all())).isEmpty();
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).as("the script must contain %s", from).contains(from);
        return text.replace(from, to);
    }
}
