package dev.newsstream.tagger.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsstream.tagger.Stance;
import dev.newsstream.tagger.StanceResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The seed article's eight labelled statements, read from the shared directory (system property
 * {@code newsstream.shared.dir}, default {@code ../shared}). Nothing in the lexicon names a seed phrase; this
 * test checks that the general cues carry over to the one real article we have.
 */
class SeedStanceTest {
    private static final String LABELS = "seed/000_c370471a962d8560.labels.jsonl";

    @Test
    void atLeastSevenOfEightSeedStancesAreRight() throws IOException {
        Path shared = Path.of(System.getProperty("newsstream.shared.dir", "../shared"));
        Path labels = shared.resolve(LABELS);
        assumeTrue(Files.isRegularFile(labels), "seed labels not found at " + labels.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the directory holding seed/ to run this test");
        CueStanceClassifier classifier = CueStanceClassifier.loadDefault();
        ObjectMapper json = new ObjectMapper();
        int right = 0;
        int total = 0;
        for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode j = json.readTree(line);
            Stance gold = Stance.fromLabel(j.get("stance").asText());
            StanceResult r = classifier.classify(j.get("quote").asText(), j.get("side").asText());
            total++;
            if (r.stance() == gold) {
                right++;
            }
            System.out.printf("%s %-15s got %-15s %-22s %s%n", r.stance() == gold ? "ok  " : "MISS", gold.label(),
                    r.stance().label(), r.rule(), r.cues());
        }
        System.out.printf("seed stance: %d of %d right%n", right, total);
        assertThat(total).isEqualTo(8);
        assertThat(right).isGreaterThanOrEqualTo(7);
    }
}
