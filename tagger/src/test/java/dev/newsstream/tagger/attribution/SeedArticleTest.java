package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.eval.Articles;
import dev.newsstream.tagger.eval.Scorer;

/**
 * The article the project was specified from (/work/shared/seed): every labelled statement found with the
 * right speaker and side, and nothing else. The rules hold nothing specific to it; it is one article among
 * the fixtures, checked on its own because it is the project's reference.
 */
class SeedArticleTest {
    static final String SEED = "000_c370471a962d8560";

    @Test
    void allEightStatementsWithSpeakerAndSideAndNoExtras() {
        Path shared = Path.of(System.getProperty("newsstream.shared.dir", "../shared"));
        Path txt = shared.resolve("seed").resolve(SEED + ".txt");
        Path labels = shared.resolve("seed").resolve(SEED + ".labels.jsonl");
        assumeTrue(Files.isRegularFile(txt) && Files.isRegularFile(labels),
                "seed article not found at " + txt.toAbsolutePath()
                        + "; set -Dnewsstream.shared.dir to the shared directory to run this test");

        Scorer.Scores s = Scorer.score(Articles.labels(labels),
                Articles.run(RuleAttributor.createDefault(), SEED, Articles.blocks(txt)));

        assertThat(s.gold()).isEqualTo(8);
        assertThat(s.matched()).as(s.toString()).isEqualTo(8);
        assertThat(s.precision()).as(s.unmatchedPredictions().toString()).isEqualTo(1.0);
        assertThat(s.speakerAcc()).as(s.matches().toString()).isEqualTo(1.0);
        assertThat(s.sideAcc()).as(s.matches().toString()).isEqualTo(1.0);
    }
}
