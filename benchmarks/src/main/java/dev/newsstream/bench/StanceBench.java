package dev.newsstream.bench;

import dev.newsstream.tagger.StanceClassifier;
import dev.newsstream.tagger.stance.CueStanceClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stance classification throughput in statements per second (one operation = one statement), over the
 * news-style statements in {@code bench/statements.txt} (side TAB text). Target: at least 100k/s on one thread.
 * Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' org.openjdk.jmh.Main StanceBench -f 1 -wi 3 -i 5 -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StanceBench {
    /** Must equal the number of statements in the resource; checked in {@link #load()}. */
    static final int STATEMENTS = 228;

    private String[] texts;
    private String[] sides;
    private StanceClassifier classifier;

    @Setup
    public void load() {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = StanceBench.class.getResourceAsStream("/bench/statements.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                rows.add(line.split("\t", 2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.size() != STATEMENTS) {
            throw new IllegalStateException("bench/statements.txt has " + rows.size()
                    + " statements; update StanceBench.STATEMENTS so the reported rate stays per statement");
        }
        texts = rows.stream().map(row -> row[1]).toArray(String[]::new);
        sides = rows.stream().map(row -> row[0]).toArray(String[]::new);
        classifier = CueStanceClassifier.loadDefault();
    }

    @Benchmark
    @OperationsPerInvocation(STATEMENTS)
    public void classify(Blackhole bh) {
        for (int i = 0; i < texts.length; i++) {
            bh.consume(classifier.classify(texts[i], sides[i]));
        }
    }
}
