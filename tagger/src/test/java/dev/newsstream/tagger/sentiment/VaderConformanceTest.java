package dev.newsstream.tagger.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsstream.tagger.Sentiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance gate: every sentence of the four VADER corpora must score within 0.001 of the Python
 * reference (vaderSentiment 3.3.x) on neg, neu, pos and compound. The reference outputs live in the shared
 * folder, not in the repository (the corpus texts are third-party), so the test is skipped where that
 * folder is absent, e.g. on a user's clone.
 */
class VaderConformanceTest {

    private static final double TOLERANCE = 0.001;
    private static final int MAX_REPORTED = 20;

    /**
     * The {@code sentiment-conformance} folder: under {@code -Dnewsstream.shared.dir} (surefire sets it),
     * else, for IDE runs from the module directory, {@code ../shared} or the checkout's sibling
     * {@code ../../shared}.
     */
    static Path conformanceDir() {
        String shared = System.getProperty("newsstream.shared.dir");
        if (shared != null && !shared.isBlank()) {
            return Path.of(shared, "sentiment-conformance");
        }
        for (Path candidate : List.of(Path.of("..", "shared"), Path.of("..", "..", "shared"))) {
            if (Files.isDirectory(candidate.resolve("sentiment-conformance"))) {
                return candidate.resolve("sentiment-conformance");
            }
        }
        return Path.of("..", "shared", "sentiment-conformance");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tweets", "nyt_editorials", "movie_reviews", "amazon_reviews"})
    void everySentenceMatchesThePythonReference(String corpus) throws IOException {
        Path file = conformanceDir().resolve(corpus + ".reference.tsv");
        assumeTrue(Files.isRegularFile(file), "VADER reference data not found at " + file.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the folder holding sentiment-conformance/ to run the gate");

        Vader vader = Vader.load();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> mismatches = new ArrayList<>();
        int rows = 0;
        int exact = 0;
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isEmpty()) {
                continue;
            }
            // Split on TAB only: the texts hold quotes that a CSV reader would swallow.
            String[] f = line.split("\t", -1);
            assertThat(f).as("%s line %d: expected 7 tab-separated columns", file, ln + 1).hasSize(7);
            rows++;
            double[] ref = {Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6])};
            Sentiment s = vader.score(f[1]);
            double[] got = {s.neg(), s.neu(), s.pos(), s.compound()};
            boolean within = true;
            boolean same = true;
            for (int k = 0; k < 4; k++) {
                within &= Math.abs(got[k] - ref[k]) <= TOLERANCE + 1e-12;
                same &= got[k] == ref[k];
            }
            if (same) {
                exact++;
            }
            if (!within && mismatches.size() < MAX_REPORTED) {
                mismatches.add(String.format("id %s: java neg=%s neu=%s pos=%s compound=%s, python neg=%s neu=%s"
                        + " pos=%s compound=%s, text: %s", f[0], got[0], got[1], got[2], got[3], f[3], f[4], f[5],
                        f[6], f[1]));
            }
        }
        System.out.printf("VADER conformance %s: %d rows, %d exact%n", corpus, rows, exact);
        assertThat(rows).as("rows in %s", file).isPositive();
        assertThat(mismatches)
                .as("%s: sentences scoring more than %s away from the Python reference (first %d shown)",
                        corpus, TOLERANCE, MAX_REPORTED)
                .isEmpty();
    }
}
