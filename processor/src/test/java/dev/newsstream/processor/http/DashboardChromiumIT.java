package dev.newsstream.processor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsstream.events.TableRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium), over an in-memory {@link TableQueries} whose quotes and
 * speakers carry HTML: it must render them as text, inject no element or attribute, and draw its charts.
 *
 * <p>Runs only where {@code /usr/bin/chromium} exists (CI installs it: {@code apt-get install -y chromium}); the test
 * installs nothing. It also writes {@code target/dashboard.png} so a person can look at the page.
 */
class DashboardChromiumIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String SCRIPT = "<script>window.__xss=1</script>";
    /** If this ever runs, the attribute it sets shows up in the dumped DOM. */
    static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-xss','1')\">";
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    static InMemoryTableQueries tables;
    static HttpApi api;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM + " (install it with "
                + "`apt-get install -y chromium`, as .ci/run does, to test the dashboard in a browser)");
        tables = new InMemoryTableQueries();
        String evil = "Mr " + SCRIPT + IMG;
        TableRow.LatestStatement latest = new TableRow.LatestStatement("We are ready " + SCRIPT, evil, "USA",
                "confrontational", -0.6, "a1", 2, T0.plusSeconds(6 * 3600));
        tables.sides.put("USA", InMemoryTableQueries.sideRow("USA", 12, 0.21, latest));
        tables.sides.put("CHN", InMemoryTableQueries.sideRow("CHN", 9, -0.18, latest));
        tables.sides.put("RUS", InMemoryTableQueries.sideRow("RUS", 4, 0.02, latest));
        tables.speakers.put(evil, InMemoryTableQueries.speakerRow(evil, "USA", 7, -0.3));
        tables.speakers.put("Wang Yi", InMemoryTableQueries.speakerRow("Wang Yi", "CHN", 5, 0.25));
        tables.speakers.put("Sergey Lavrov", InMemoryTableQueries.speakerRow("Sergey Lavrov", "RUS", 3, -0.05));
        for (String side : List.of("USA", "CHN", "RUS")) {
            List<TableRow> hours = new ArrayList<>();
            for (int h = 0; h < 8; h++) {
                Instant start = T0.plusSeconds(h * 3600L);
                hours.add(InMemoryTableQueries.windowRow(side, start, start.plusSeconds(3600),
                        Math.round(Math.sin(h + side.length() + side.charAt(0)) * 100) / 200.0));
            }
            tables.windows.put(side + "/1h", hours);
        }
        tables.feed.add(new FeedItem("a1", 2, "Talks " + SCRIPT, "javascript:alert(1)", "wire", T0.plusSeconds(6 * 3600),
                "They " + SCRIPT + " will " + IMG + " regret it.", evil, "USA", "confrontational", -0.6, true,
                Map.of("rule", "said-after-quote", "cue", IMG)));
        tables.feed.add(new FeedItem("a2", 0, "Trade talks resume", "https://example.org/trade", "wire", T0,
                "We welcome cooperation on trade.", "Wang Yi", "CHN", "cooperative", 0.55, true, Map.of("rule", "said")));
        api = new HttpApi("127.0.0.1", 0, tables, null).start();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void rendersDataAsTextAndDrawsTheCharts(@TempDir Path profile) throws Exception {
        String dom = chromium(profile, "--dump-dom");

        assertThat(dom).as("the feed rendered").contains("regret it.").contains("We welcome cooperation on trade.");
        assertThat(dom).as("HTML in a quote or a speaker shows as text")
                .contains("&lt;script&gt;window.__xss=1&lt;/script&gt;")
                .contains("&lt;img src=x onerror=");
        assertThat(dom).as("no element or attribute was injected")
                .doesNotContain("<script>window.__xss")
                .doesNotContainPattern("<img[^>]*onerror")
                .doesNotContainPattern("<body[^>]*data-xss")
                .doesNotContain("href=\"javascript:");
        assertThat(dom).as("a real link for an http(s) URL").contains("href=\"https://example.org/trade\"");
        assertThat(dom).as("the speakers table").contains("Sergey Lavrov");
        assertThat(dom).as("ECharts drew into both chart containers")
                .containsPattern("id=\"sentiment-chart\"[^>]*>.*?<canvas")
                .containsPattern("id=\"stance-chart\"[^>]*>.*?<canvas");
        assertThat(dom).as("the status pill reflects /health").contains(">live<");
    }

    @Test
    void screenshotForPeople(@TempDir Path profile) throws Exception {
        Path png = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(profile, "--screenshot=" + png, "--window-size=1400,1900", "--hide-scrollbars");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private static String chromium(Path profile, String... mode) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        cmd.addAll(List.of(mode));
        cmd.add("http://127.0.0.1:" + api.port() + "/");
        Path out = profile.resolve("stdout.html");
        Path err = Path.of("target", "chromium-stderr.log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // a guard against a hung browser, not a timing assertion
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s; see " + err.toAbsolutePath());
        }
        assertThat(p.exitValue()).as("chromium exit code; see " + err.toAbsolutePath()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
