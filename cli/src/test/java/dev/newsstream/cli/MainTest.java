package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract with users: exit codes and messages for the common mistakes. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionIsTheBuildsNotAPlaceholder() {
        Run r = run("-V");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("^newsstream \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Kafka " + dev.newsstream.kafka.KafkaVersion.VERSION)
                .doesNotContain("development").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void everyCommandsHelpListsEveryOptionWithReadablePlaceholders() {
        picocli.CommandLine root = new picocli.CommandLine(new Main());
        assertThat(run("--help").out()).contains("COMMAND --help");
        for (var e : root.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            Run r = run(e.getKey(), "--help");
            assertThat(r.code()).as(e.getKey()).isZero();
            for (var o : e.getValue().getCommandSpec().options()) {
                assertThat(r.out()).as("%s --help lists %s", e.getKey(), o.longestName()).contains(o.longestName());
            }
            assertThat(r.out()).as("%s --help uses labels like N or FILE, not Java field names", e.getKey())
                    .doesNotContainPattern("<[a-z]+[A-Z][A-Za-z]*>");
        }
    }

    @Test
    void produceToAnUnreachableBrokerFailsAndNamesTheAddress() throws Exception {
        Path article = Files.writeString(dir.resolve("a.txt"), "Title\n\nThe minister said the talks would go on.\n");
        Run r = run("produce", "--bootstrap-server", "127.0.0.1:1", article.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("127.0.0.1:1");
    }

    @Test
    void produceAMissingFileFailsAndNamesIt() {
        Run r = run("produce", "--bootstrap-server", "127.0.0.1:1", dir.resolve("nope.txt").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("nope.txt");
    }

    @Test
    void tagPrintsOneJsonObjectPerBlockWithTheFileStemAsArticleId() throws Exception {
        Path article = Files.writeString(dir.resolve("talks-resume.txt"), """
                Talks resume in Geneva

                "We are ready to listen," Russian Foreign Minister Sergei Lavrov told reporters on Monday.

                Subscribe to our newsletter
                """);
        Run r = run("tag", article.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("\"articleId\":\"talks-resume\"", "\"paragraph\":0");
        assertThat(lines[1]).contains("\"paragraph\":1", "\"speaker\":\"Sergei Lavrov\"", "\"side\":\"RUS\"",
                "\"direct\":true", "\"compound\"", "\"stance\"");
        assertThat(lines[2]).contains("\"paragraph\":2", "\"statements\":[]");
    }

    static final String QUOTE = "\"We are ready to listen,\" Russian Foreign Minister Sergei Lavrov told reporters on Monday.";

    @Test
    void tagReadsJsonLinesLikeProduce() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("wire.jsonl"), "{\"id\":\"w1\",\"title\":\"Talks resume\","
                + "\"paragraphs\":[" + Json.mapper().writeValueAsString(QUOTE) + "]}\n");
        Run r = run("tag", jsonl.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"articleId\":\"w1\"", "\"speaker\":\"Sergei Lavrov\"").doesNotContain("\"id\":\"w1\"");
    }

    @Test
    void tagReadsHtmlLikeProduce() throws Exception {
        Path html = Files.writeString(dir.resolve("page.html"), "<html><head><title>Talks</title></head><body>"
                + "<nav><a href='/'>Home</a></nav><article><h1>Talks resume</h1><p>"
                + QUOTE.replace("\"", "&quot;") + "</p></article></body></html>");
        Run r = run("tag", html.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"speaker\":\"Sergei Lavrov\"").doesNotContain("<p>").doesNotContain("Home");
    }

    @Test
    void tagReadsStdin() {
        java.io.InputStream old = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(("Talks resume\n\n" + QUOTE + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            Run r = run("tag", "-");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"speaker\":\"Sergei Lavrov\"", "\"articleId\":\"t-");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void aTakenPortIsReportedWithTheFlagThatChangesIt() throws Exception {
        Path article = Files.writeString(dir.resolve("a.txt"), "Title\n\nThe minister said the talks would go on.\n");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            Run kafka = run("demo", "--kafka-port", port, article.toString());
            assertThat(kafka.code()).isEqualTo(2);
            assertThat(kafka.err()).contains("port " + port, "--kafka-port").doesNotContain("builder()");
            Run http = run("demo", "--kafka-port", "0", "--http-port", port, article.toString());
            assertThat(http.code()).isEqualTo(2);
            assertThat(http.err()).contains("port " + port, "--http-port").doesNotContain("http.port");
        }
    }

    @Test
    void aTagOfAMissingFileIsAClearError() {
        Run r = run("tag", dir.resolve("missing.txt").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing.txt");
    }

    @Test
    void anUnknownSettingIsRejectedWithTheKnownKeys() {
        Run r = run("process", "--set", "htp.port=1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown configuration key 'htp.port'", "http.port");
    }
}
