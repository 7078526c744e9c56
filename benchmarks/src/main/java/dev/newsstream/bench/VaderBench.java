package dev.newsstream.bench;

import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.sentiment.Vader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * VADER throughput in sentences per second over the 5,190 NYT editorial sentences of the conformance
 * corpus (newsy, longer than tweets). The corpus is read from
 * {@code ${newsstream.shared.dir}/sentiment-conformance/nyt_editorials.reference.tsv} (default
 * {@code ../shared}); run, from the repository root:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Dnewsstream.shared.dir=../shared -cp 'benchmarks/target/classes:benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main VaderBench -f 1 -wi 3 -i 5 -t 1
 * </pre>
 *
 * One invocation scores every sentence once; {@link OperationsPerInvocation} makes JMH report per sentence.
 *
 * <p>JMH measures wall-clock time, which on a shared, overloaded machine says more about the neighbours
 * than about VADER. {@link #main} gives a second opinion from the thread's CPU time:
 * {@code java -Dnewsstream.shared.dir=../shared -cp '...same...' dev.newsstream.bench.VaderBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VaderBench {

    /** Sentences in nyt_editorials.reference.tsv; checked at setup so the reported rate stays honest. */
    static final int NYT_SENTENCES = 5190;

    private Vader vader;
    private String[] sentences;

    @Setup
    public void setup() throws IOException {
        Path dir = Path.of(System.getProperty("newsstream.shared.dir", "../shared"), "sentiment-conformance");
        Path file = dir.resolve("nyt_editorials.reference.tsv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("VaderBench needs " + file.toAbsolutePath()
                    + "; pass -Dnewsstream.shared.dir=<folder holding sentiment-conformance/>");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        sentences = lines.stream().skip(1).filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1)[1])
                .toArray(String[]::new);
        if (sentences.length != NYT_SENTENCES) {
            throw new IllegalStateException(file + " has " + sentences.length + " sentences, expected "
                    + NYT_SENTENCES + "; update NYT_SENTENCES so the per-sentence rate is right");
        }
        vader = Vader.load();
    }

    /** Sentences per second of thread CPU time, after a JIT warm-up; not a JMH run. */
    public static void main(String[] args) throws IOException {
        VaderBench bench = new VaderBench();
        bench.setup();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int round = 0; round < 30; round++) {
            long start = mx.getCurrentThreadCpuTime();
            for (int pass = 0; pass < 5; pass++) {
                for (String s : bench.sentences) {
                    sink += bench.vader.score(s).compound();
                }
            }
            double seconds = (mx.getCurrentThreadCpuTime() - start) / 1e9;
            if (round >= 20) { // the first rounds are JIT warm-up
                System.out.printf("round %d: %.0f sentences per CPU-second%n", round, 5 * NYT_SENTENCES / seconds);
            }
        }
        System.out.println("(checksum " + sink + ")"); // keeps the JIT from discarding the work
    }

    @Benchmark
    @OperationsPerInvocation(NYT_SENTENCES)
    public void scoreNytEditorials(Blackhole bh) {
        for (String s : sentences) {
            Sentiment r = vader.score(s);
            bh.consume(r);
        }
    }
}
