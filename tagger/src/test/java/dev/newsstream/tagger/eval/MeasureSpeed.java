package dev.newsstream.tagger.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.attribution.RuleAttributor;

/**
 * A rough single-thread throughput check of the attributor over the fixture articles (paragraphs per
 * CPU-second of the measuring thread, after warm-up). Not a benchmark and not a test: run it by hand; the numbers go in the docs.
 * Usage: {@code MeasureSpeed FIXTURE_DIR [seconds]}.
 */
public final class MeasureSpeed {
    private MeasureSpeed() {
    }

    public static void main(String[] args) throws IOException {
        List<List<String>> articles = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
                articles.add(Articles.blocks(p));
            }
        }
        RuleAttributor a = RuleAttributor.createDefault();
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        for (int round = 0; round < 2; round++) {
            long paragraphs = 0;
            long chars = 0;
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long until = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < until) {
                for (List<String> blocks : articles) {
                    ArticleContext ctx = ArticleContext.start(blocks.get(0));
                    for (String b : blocks) {
                        ctx = a.attribute(ctx, b).context();
                        paragraphs++;
                        chars += b.length();
                    }
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            // on a shared machine wall time mostly measures the neighbours: CPU time is the figure to quote
            System.out.printf("%s: %.0f paragraphs per CPU-second (%.0f KB/CPU-s); wall %.0f paragraphs/s%n",
                    round == 0 ? "warm-up" : "measured", paragraphs / cpu, chars / cpu / 1024, paragraphs / secs);
        }
    }
}
