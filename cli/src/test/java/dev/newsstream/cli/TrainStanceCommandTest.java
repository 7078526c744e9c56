package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsstream.tagger.PolarityResult;
import dev.newsstream.tagger.sentiment.Vader;
import dev.newsstream.tagger.stance.CueStanceClassifier;
import dev.newsstream.tagger.stance.LearnedStanceClassifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainStanceCommandTest {
    private static final Path SAMPLES = Path.of("..", "samples");

    private static String run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new TrainStanceCommand()).execute(args);
            assertThat(exit).as("exit code").isZero();
        } finally {
            System.setOut(oldOut);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsCrossValidationByArticleBesideTheLexiconAndWritesLoadableWeightsDeterministically(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isDirectory(SAMPLES), "the samples directory is not at " + SAMPLES.toAbsolutePath());
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        String out = run("--out", a.toString(), "--folds", "2", "--seed", "5", SAMPLES.toString());
        run("--out", b.toString(), "--folds", "2", "--seed", "5", SAMPLES.toString());
        assertThat(out).contains("2-fold cross-validation by article, seed 5: 4 articles")
                .contains("macro-F1  model").contains("lexicon").contains("accuracy  model").contains("vader")
                .contains("cooperative").contains("confrontational").contains("wrote " + a);
        assertThat(Files.readString(a)).isEqualTo(Files.readString(b)).contains("\"dataSha256\"");
        LearnedStanceClassifier c = LearnedStanceClassifier.load(a, CueStanceClassifier.loadDefault());
        String text = "We are ready to talk";
        assertThat(PolarityResult.LABELS).contains(c.classify(text, "USA", true, null, -1,
                Vader.load().score(text)).polarity().label());
    }
}
