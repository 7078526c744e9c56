package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProduceCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingSink sink = new RecordingSink();

    private int run(ProduceCommand cmd, String... args) {
        return new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private ProduceCommand withRecordingSink() {
        ProduceCommand cmd = new ProduceCommand();
        cmd.sinkFactory = k -> sink;
        cmd.env = Map.of();
        return cmd;
    }

    @Test
    void publishesADirectoryOfMixedInputsSortedAndSummarises() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "Second title\n\nA body paragraph.\n\nLeave a Reply\n");
        Files.writeString(dir.resolve("a.txt"), "First title\n\nOne.\n\nTwo.\n");
        Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"j1\",\"text\":\"J\\n\\nJ body.\"}\n");
        Files.writeString(dir.resolve("ignored.md"), "# not an input");

        int code = run(withRecordingSink(), "--bootstrap-server", "unused:9092", "--published-at",
                "2019-02-28T08:00:00Z", dir.toString());

        assertThat(code).as(err.toString()).isEqualTo(ProduceCommand.OK);
        assertThat(sink.ids()).containsExactly("a", "b", "j1");
        assertThat(sink.published.get(0).events()).extracting(e -> e.publishedAt())
                .containsOnly(Instant.parse("2019-02-28T08:00:00Z"));
        assertThat(sink.closed).isTrue();
        assertThat(out.toString()).contains("published 3 articles, 4 paragraphs; skipped 1 boilerplate block");
    }

    @Test
    void sourceIsTheFileNameUnlessTheFullPathIsAskedFor() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("private").resolve("drafts"));
        Path f = Files.writeString(sub.resolve("a.txt"), "Title\n\nOne body paragraph.\n");
        Files.writeString(sub.resolve("a.meta.json"), "{\"publishedAt\": \"2026-03-14T09:20:00Z\"}");

        int code = run(withRecordingSink(), "--bootstrap-server", "unused:9092", "--published-at",
                "2019-02-28T08:00:00Z", f.toString());

        assertThat(code).as(err.toString()).isEqualTo(ProduceCommand.OK);
        assertThat(sink.published.get(0).events()).extracting(e -> e.source()).containsOnly("a.txt");
        assertThat(sink.published.get(0).events()).extracting(e -> e.publishedAt())
                .as("the sidecar is the file's own time; --published-at is for inputs without one")
                .containsOnly(Instant.parse("2026-03-14T09:20:00Z"));

        RecordingSink full = new RecordingSink();
        ProduceCommand cmd = new ProduceCommand();
        cmd.sinkFactory = k -> full;
        cmd.env = Map.of();
        assertThat(run(cmd, "--bootstrap-server", "unused:9092", "--full-source-path", f.toString())).isZero();
        assertThat(full.published.get(0).events()).extracting(e -> e.source())
                .containsOnly(f.toAbsolutePath().normalize().toString());
    }

    @Test
    void publishBoilerplateAndStdin() {
        ProduceCommand cmd = withRecordingSink();
        cmd.stdin = new ByteArrayInputStream("T\n\nBody text.\n\nShare this article\n".getBytes(StandardCharsets.UTF_8));

        int code = run(cmd, "--bootstrap-server", "unused:9092", "--publish-boilerplate", "-");

        assertThat(code).isEqualTo(ProduceCommand.OK);
        assertThat(sink.published.get(0).events()).extracting(e -> e.boilerplateReason())
                .containsExactly(null, "social");
    }

    @Test
    void aMissingFileFailsWithUsageCodeNamingItBeforeConnecting() {
        ProduceCommand cmd = withRecordingSink();
        cmd.sinkFactory = k -> {
            throw new AssertionError("must not connect when an input is missing");
        };

        int code = run(cmd, "--bootstrap-server", "unused:9092", dir.resolve("nope.txt").toString());

        assertThat(code).isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString()).contains("nope.txt").contains("does not exist");
    }

    @Test
    void badFlagsAndNoInputsAreUsageErrors() {
        assertThat(run(withRecordingSink(), "--bootstrap-server", "x:1")).isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString()).contains("nothing to produce");
        assertThat(run(withRecordingSink(), "--bootstrap-server", "x:1", "--format", "pdf", "-"))
                .isEqualTo(ProduceCommand.USAGE);
        assertThat(err.toString()).contains("--format \"pdf\"");
        assertThat(run(withRecordingSink(), "--bootstrap-server", "x:1", "--timeout", "soon", "-"))
                .isEqualTo(ProduceCommand.USAGE);
    }

    @Test
    void someFailedInputsGiveExitCodeOne() throws IOException {
        Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"ok\",\"text\":\"T\\n\\nB.\"}\nnot json\n");

        int code = run(withRecordingSink(), "--bootstrap-server", "unused:9092", dir.resolve("bad.jsonl").toString());

        assertThat(code).isEqualTo(ProduceCommand.SOME_FAILED);
        assertThat(err.toString()).contains("bad.jsonl:2");
        assertThat(sink.ids()).containsExactly("ok");
    }

    @Test
    void anUnreachableBrokerFailsWithKafkaCodeNamingTheAddress() throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "T\n\nBody.\n");
        ProduceCommand cmd = new ProduceCommand();
        cmd.env = Map.of();

        int code = run(cmd, "--bootstrap-server", "127.0.0.1:1", "--kafka-timeout", "2s", f.toString());

        assertThat(code).isEqualTo(ProduceCommand.KAFKA);
        assertThat(err.toString()).contains("cannot reach Kafka at 127.0.0.1:1").contains("Is the broker running?")
                .contains("--bootstrap-server");
    }
}
