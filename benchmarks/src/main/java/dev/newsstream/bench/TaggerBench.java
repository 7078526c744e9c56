package dev.newsstream.bench;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.TaggedParagraph;
import dev.newsstream.tagger.Tagger;
import dev.newsstream.tagger.Taggers;
import dev.newsstream.tagger.text.ArticleText;
import dev.newsstream.tagger.text.Boilerplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole tagger (attribution, stance, VADER) and the attribution step alone, in paragraphs per second on one
 * thread, over every body paragraph of the articles in {@code samples/}, the in-repo dev corpus
 * ({@code tagger/src/test/resources/devcorpus/<corpus>/articles}, real news; {@code -Dnewsstream.devcorpus.dir})
 * and the seed article (when {@code ../shared} is there), each article tagged in order with its context, as the
 * processor does. Target: 5,000 paragraphs per CPU-second for attribution.
 * The rate is reported per paragraph: the score of {@link #tagAllArticles} is multiplied by the paragraph count
 * printed at setup — or use {@link #main}, which prints paragraphs per CPU-second directly.
 *
 * <p>Run: {@code java -Dnewsstream.samples.dir=samples -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * org.openjdk.jmh.Main TaggerBench -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TaggerBench {
    private Tagger tagger;
    private dev.newsstream.tagger.Attributor attributor;
    private List<Article> articles;
    int paragraphs;

    record Article(String title, List<String> paragraphs) {
    }

    @Setup
    public void load() {
        tagger = Taggers.create(null, null);
        attributor = dev.newsstream.tagger.attribution.RuleAttributor.createDefault();
        articles = corpus();
        paragraphs = articles.stream().mapToInt(a -> a.paragraphs().size()).sum();
        System.out.printf("%nTaggerBench corpus: %d articles, %d paragraphs (one invocation tags them all)%n",
                articles.size(), paragraphs);
    }

    static List<Article> corpus() {
        List<Path> files = new ArrayList<>();
        Path samples = Path.of(System.getProperty("newsstream.samples.dir", "samples"));
        Path seed = Path.of(System.getProperty("newsstream.shared.dir", "../shared"), "seed");
        List<Path> dirs = new ArrayList<>(List.of(samples, seed));
        Path dev = Path.of(System.getProperty("newsstream.devcorpus.dir", "tagger/src/test/resources/devcorpus"));
        if (Files.isDirectory(dev)) {
            try (Stream<Path> s = Files.list(dev)) {
                s.map(c -> c.resolve("articles")).filter(Files::isDirectory).sorted().forEach(dirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no articles under " + samples.toAbsolutePath()
                    + "; run from the repository root or set -Dnewsstream.samples.dir");
        }
        List<Article> out = new ArrayList<>();
        Boilerplate boilerplate = Boilerplate.defaults();
        for (Path f : files) {
            try {
                List<String> blocks = ArticleText.blockTexts(Files.readString(f));
                List<String> body = new ArrayList<>();
                for (int i = 1; i < blocks.size(); i++) {
                    if (!boilerplate.classify(blocks.get(i)).boilerplate()) {
                        body.add(blocks.get(i));
                    }
                }
                out.add(new Article(blocks.isEmpty() ? "" : blocks.get(0), body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Benchmark
    public void tagAllArticles(Blackhole bh) {
        for (Article a : articles) {
            ArticleContext ctx = ArticleContext.start(a.title());
            for (String p : a.paragraphs()) {
                TaggedParagraph t = tagger.tag(ctx, p);
                ctx = t.context();
                bh.consume(t);
            }
        }
    }

    /** The attribution step alone (statements, speakers, sides), as the tagger runs it. */
    @Benchmark
    public void attributeAllArticles(Blackhole bh) {
        for (Article a : articles) {
            ArticleContext ctx = ArticleContext.start(a.title());
            for (String p : a.paragraphs()) {
                var r = attributor.attribute(ctx, p);
                ctx = r.context();
                bh.consume(r);
            }
        }
    }

    /** Paragraphs per CPU-second of this thread: a figure that holds on a busy machine. */
    public static void main(String[] args) {
        TaggerBench b = new TaggerBench();
        b.load();
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int i = 0; i < 20; i++) {
            b.tagAllArticles(bh);
            b.attributeAllArticles(bh);
        }
        int rounds = Integer.getInteger("rounds", 50);
        for (String step : List.of("attribution", "whole tagger")) {
            long cpu0 = bean.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                if (step.equals("attribution")) {
                    b.attributeAllArticles(bh);
                } else {
                    b.tagAllArticles(bh);
                }
            }
            double cpu = (bean.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf("%s, %d paragraphs: %.0f paragraphs per CPU-second (%.0f per wall-clock second)%n",
                    step, (long) rounds * b.paragraphs, rounds * b.paragraphs / cpu, rounds * b.paragraphs / wall);
        }
    }
}
