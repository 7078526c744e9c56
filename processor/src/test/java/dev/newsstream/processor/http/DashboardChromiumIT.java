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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (headless Chromium), over an in-memory {@link TableQueries} whose quotes and
 * speakers carry HTML: it must render them as text, inject no element or attribute, and draw its charts.
 *
 * <p>Runs only where {@code /usr/bin/chromium} exists (CI installs it: {@code apt-get install -y chromium}); the test
 * installs nothing, and without it every test is reported as skipped with the reason (an assumption per test, not
 * in {@code @BeforeAll}, which Maven would report as "Tests run: 0"). It also writes screenshots at desktop and
 * phone widths ({@code target/dashboard-desktop.png}, {@code target/dashboard-phone.png}) for people and CI
 * artefacts.
 */
class DashboardChromiumIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String SCRIPT = "<script>window.__xss=1</script>";
    /** If this ever runs, the attribute it sets shows up in the dumped DOM. */
    static final String IMG = "<img src=x onerror=\"document.body.setAttribute('data-xss','1')\">";
    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    static InMemoryTableQueries tables;
    static HttpApi api;

    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no " + CHROMIUM + " (install it with "
                + "`apt-get install -y chromium`, as .ci/run does, to test the dashboard in a browser)");
    }

    @BeforeAll
    static void start() {
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
        tables.feed.add(new FeedItem("a3", 1, "Ceasefire talks", null, "wire", T0,
                "said Moscow would not agree to a ceasefire", "Igor Vasnetsov", "RUS", "confrontational", -0.3, false,
                Map.of("rule", "reported-cue", "cue", "said")));
        tables.feed.add(new FeedItem("a3", 2, "Ceasefire talks", null, "wire", T0,
                "the exchange will take place in stages", "the defence ministry", "UKR", "neutral", 0.0, false,
                Map.of("rule", "according-to", "cue", "according to")));
        tables.sides.put("UKR", new TableRow(TableRow.SCHEMA_VERSION, "side", "UKR", "UKR", null, null, null, null, 1, 1,
                0.0, 0.0, 0.0, Map.of("positive", 0L, "negative", 0L, "neutral", 1L),
                Map.of("cooperative", 0L, "confrontational", 0L, "neutral", 1L), 0.0, 0.0,
                Map.of("the defence ministry", 1L), latest, T0));
        tables.late.add(new LateCount("USA", 2, 1));
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
        assertThat(dom).as("no load error while the API answers").containsPattern("id=\"load-error\"[^>]*hidden");
    }

    @Test
    void writesCorrectPluralsAndShowsReportedSpeechAsReported(@TempDir Path profile) throws Exception {
        String dom = chromium(profile, "--dump-dom");

        assertThat(dom).contains("1 statement · 1 speaker<").contains("12 statements ·")
                .doesNotContain("1 statements").doesNotContain("1 speakers");
        assertThat(dom).as("reported speech: speaker, verb, clause, no quotation marks")
                .containsPattern("class=\"reported\"><span class=\"who-said\">Igor Vasnetsov</span> said Moscow would not agree")
                .containsPattern("class=\"reported\">According to <span class=\"who-said\">the defence ministry</span>, the exchange");
        assertThat(dom).as("direct quotes are marked as such (the CSS puts them in quotation marks)")
                .contains("<blockquote class=\"direct\">We welcome cooperation on trade.</blockquote>");
        assertThat(dom).as("late statements are counted on the side's card, not dropped silently")
                .contains("2 late statements");
    }

    @Test
    void theHourlyChartSaysHowManyHoursHavePoints(@TempDir Path profile) throws Exception {
        String dom = chromium(profile, "--dump-dom");

        assertThat(dom).containsPattern("id=\"sentiment-chart\"[^>]*data-hours=\"8\"").contains("8 hours with statements");
    }

    @Test
    void explainsPlainlyWhenTheDataCannotBeLoaded(@TempDir Path profile) throws Exception {
        tables.failure = new QueryUnavailableException("the table 'side-sentiment-store' is not queryable right now");
        String dom;
        try {
            dom = chromium(profile, "--dump-dom");
        } finally {
            tables.failure = null;
        }
        assertThat(dom).containsPattern("id=\"load-error\" class=\"load-error\" role=\"alert\">")
                .contains("The processor at 127.0.0.1:" + api.port() + " is running but cannot answer yet.")
                .contains("side-sentiment-store")
                .contains("retries every 2 seconds");
    }

    @Test
    void screenshotsAtDesktopAndPhoneWidths(@TempDir Path profile) throws Exception {
        for (String[] size : new String[][] {{"desktop", "1400,1900"}, {"phone", "390,2400"}}) {
            Path png = Path.of("target", "dashboard-" + size[0] + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(Files.createDirectories(profile.resolve(size[0])), "--screenshot=" + png, "--window-size=" + size[1], "--hide-scrollbars");
            assertThat(png).exists();
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
    }

    @Test
    void nothingIsWiderThanAPhoneScreen(@TempDir Path profile) throws Exception {
        // the page reports its own layout: widest element's right edge vs the viewport, in a data attribute
        String dom = chromium(profile, "--dump-dom", "--window-size=390,2400");

        assertThat(dom).containsPattern("data-overflow=\"0\"");
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
