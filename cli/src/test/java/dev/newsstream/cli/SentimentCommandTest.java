package dev.newsstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

class SentimentCommandTest {

    /** Runs the command through picocli with stdin/stdout redirected; returns what it printed. */
    private static String run(String stdin) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new SentimentCommand()).execute();
            assertThat(exit).as("exit code").isZero();
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneTabSeparatedRowPerLineInOrder() {
        String out = run("The book was good.\nVADER is not smart, handsome, nor funny.\r\n\nthe table\n");
        assertThat(out).isEqualTo("""
                0.0\t0.508\t0.492\t0.4404
                0.646\t0.354\t0.0\t-0.7424
                0.0\t0.0\t0.0\t0.0
                0.0\t1.0\t0.0\t0.0
                """);
    }

    @Test
    void emptyInputPrintsNothing() {
        assertThat(run("")).isEmpty();
    }

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource({
        "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "0.5, 0.5", "0.508, 0.508", "-0.4588, -0.4588",
        "0.0001, 0.0001", "0.00001, 1e-05", "0.30000000000000004, 0.30000000000000004", "1e16, 1e+16",
        "1e15, 1000000000000000.0", "123.25, 123.25", "-1.5e-07, -1.5e-07", "2.0E-3, 0.002"})
    void formatsFloatsLikePythonRepr(double value, String python) {
        assertThat(SentimentCommand.pyRepr(value)).isEqualTo(python);
    }

    @Test
    void matchesThePythonReferenceOnTheFirst500NytSentences() throws IOException {
        Path file = sharedDir().resolve("sentiment-conformance").resolve("nyt_editorials.reference.tsv");
        assumeTrue(Files.isRegularFile(file), "VADER reference data not found at " + file.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the folder holding sentiment-conformance/");
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8).subList(1, 501);
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.split("\t", -1); // tab only: texts contain quotes
            input.append(f[1]).append('\n');
            expected.add(String.join("\t", f[3], f[4], f[5], f[6]));
        }
        List<String> printed = run(input.toString()).lines().toList();
        assertThat(printed).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(printed.get(i)).as("row %d (id %s): %s", i + 1, rows.get(i).split("\t")[0],
                    rows.get(i).split("\t")[1]).isEqualTo(expected.get(i));
        }
    }

    private static Path sharedDir() {
        String shared = System.getProperty("newsstream.shared.dir");
        if (shared != null && !shared.isBlank()) {
            return Path.of(shared);
        }
        return Files.isDirectory(Path.of("..", "shared")) ? Path.of("..", "shared") : Path.of("..", "..", "shared");
    }
}
