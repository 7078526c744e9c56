package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsstream demo} as a user runs it: a separate JVM from the packaged jar (as {@code ./newsstream} starts
 * it) over the bundled samples, on ports of its own, stopped with SIGTERM as Ctrl-C would. Checks that the replay
 * closes hourly and daily windows, that the dashboard's hourly chart shows points in several hours (read from the
 * page in headless Chromium, when it is installed), and that a clean start and stop prints no WARN line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> lines = new CopyOnWriteArrayList<>();
    static Process demo;
    static int httpPort;
    static Thread reader;

    @BeforeAll
    static void startDemo() throws IOException {
        Path jar = Path.of("target", "newsstream-cli.jar");
        assertThat(jar).as("the packaged CLI (failsafe runs after package; from an IDE run mvn -pl cli -am package"
                + " first)").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", jar + ":" + Path.of("target", "lib") + "/*",
                "dev.newsstream.cli.Main", "demo", "--kafka-port", "0", "--http-port", "0")
                .redirectErrorStream(true);
        pb.environment().put("NEWSSTREAM_HOME", ROOT.toString());
        demo = pb.start();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reader: " + e + ")");
            }
        }, "demo-output");
        reader.setDaemon(true);
        reader.start();
        await("the demo's final tables").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> !demo.isAlive() || lines.stream().anyMatch(l -> l.startsWith("Still serving")));
        assertThat(demo.isAlive()).as("demo still running; its output:%n%s", String.join("\n", lines)).isTrue();
        Matcher m = Pattern.compile("dashboard http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.join("\n", lines));
        assertThat(m.find()).as("the demo names its dashboard's address").isTrue();
        httpPort = Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
            demo.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The rows printed under a heading, up to the next blank line (the column header not counted). */
    static List<String> tableAfter(String headingStart) {
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (!in && l.startsWith(headingStart)) {
                in = true;
            } else if (in) {
                if (l.isBlank() || l.startsWith("Stopping") || l.startsWith("Still serving")) {
                    break;
                }
                rows.add(l);
            }
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    @Test
    @Order(1)
    void theReplayClosesHourlyAndDailyWindowsForTheSampleSides() {
        List<String> hourly = tableAfter("Closed hourly windows");
        List<String> daily = tableAfter("Closed daily windows");

        assertThat(hourly).as("closed hourly windows; output:%n%s", String.join("\n", lines)).isNotEmpty()
                .noneMatch(l -> l.contains("(none yet)"));
        assertThat(daily).isNotEmpty().noneMatch(l -> l.contains("(none yet)"));
        assertThat(hourly.stream().map(l -> l.split("\\s+")[2]).distinct().count())
                .as("windows in different hours").isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(1)
    void metricsKeepTheProjectsMetersAndASmallKafkaSelection() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("newsstream_paragraphs_tagged_total", "kafka_stream_thread_process_total",
                "kafka_consumer_fetch_manager_records_lag_max", "jvm_memory_used_bytes");
        assertThat(r.body().length()).as("bytes per scrape").isLessThan(100_000);
        Files.writeString(Path.of("target", "demo-metrics.txt"), r.body());
    }

    @Test
    @Order(2)
    void theDashboardsHourlyChartShowsPointsInAtLeastThreeHours(@TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM + " (install it with "
                + "`apt-get install -y chromium`, as .ci/run does, to check the dashboard in a browser)");
        String dom = chromium(profile.resolve("dom"), "--dump-dom");
        Matcher m = Pattern.compile("id=\"sentiment-chart\"[^>]*data-hours=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as("the chart reports its plotted hours; page:%n%s", dom).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(3);
        assertThat(dom).containsPattern("\\d+ hours with statements");

        Path png = Path.of("target", "demo-dashboard.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(profile.resolve("shot"), "--screenshot=" + png, "--window-size=1400,1900", "--hide-scrollbars");
        assertThat(png).exists();
    }

    @Test
    @Order(3)
    void aCleanStopPrintsNoWarning() throws Exception {
        // SIGTERM: the JVM runs the demo's shutdown hook, as on Ctrl-C (the handle's destroy, unlike Process's,
        // leaves the output stream open so the last lines can still be read)
        demo.toHandle().destroy();
        assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops after SIGTERM").isTrue();
        reader.join(10_000); // the reader ends at the output's end
        String all = String.join("\n", lines);
        Files.writeString(Path.of("target", "demo-output.txt"), all);
        assertThat(all).contains("Stopping the processor and the broker");
        assertThat(lines).as("no WARN line on a healthy start and stop; output in target/demo-output.txt")
                .noneMatch(l -> l.contains(" WARN ") || l.startsWith("WARN"));
    }

    private static String chromium(Path profile, String... mode) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        cmd.addAll(List.of(mode));
        cmd.add("http://127.0.0.1:" + httpPort + "/");
        Path out = profile.resolve("stdout.html");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(Path.of("target", "chromium-demo-stderr.log").toFile()).start();
        // a guard against a hung browser, not a timing assertion
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
