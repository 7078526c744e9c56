package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.eval.Articles;
import dev.newsstream.tagger.eval.Scorer;

/**
 * The attributor on the project's development corpus of real news (src/test/resources/devcorpus, a copy of
 * newsdev and any corpora added beside it), split as ci/score-dev.sh splits it: the part we tune on and the
 * frozen check set nobody tunes on (devcorpus/frozen.txt). Floors sit a little below what the tagger reaches,
 * for newsdev alone and for all corpora together (measured on 2026-12-05 with the added corpus of main:
 * tune P 0.939 R 0.701 speaker 0.800 side 0.821, frozen P 0.955 R 0.721 speaker 0.807 side 0.833), so a real
 * regression fails; the figures are printed for docs/attribution.md. Reads the in-repo copy only.
 */
class DevCorpusTest {
    private static final Pattern DATE = Pattern.compile("^Source: .*\\bdate: (\\d{4}-\\d{2}-\\d{2})\\b");
    static RuleAttributor attributor;
    static Path root;
    static Set<String> frozen;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        attributor = RuleAttributor.createDefault();
        root = Path.of(DevCorpusTest.class.getResource("/devcorpus").toURI());
        frozen = new HashSet<>();
        for (String l : Files.readAllLines(root.resolve("frozen.txt"))) {
            if (!l.isBlank() && !l.startsWith("#")) {
                frozen.add(l.strip());
            }
        }
    }

    /** Like the offline tag command: the headline first (with the article's date), then every block. */
    static List<Scorer.PredParagraph> run(String id, List<String> blocks) {
        String date = null;
        for (int i = 1; i < Math.min(3, blocks.size()) && date == null; i++) {
            Matcher m = DATE.matcher(blocks.get(i));
            date = m.find() ? m.group(1) : null;
        }
        return Articles.run(attributor, id, blocks, date);
    }

    /** Scores one part of the corpora under devcorpus/ (only {@code corpusName} when not null). */
    static Scorer.Scores score(boolean frozenPart, String corpusName) throws IOException {
        List<Scorer.Gold> gold = new ArrayList<>();
        List<Scorer.PredParagraph> preds = new ArrayList<>();
        try (Stream<Path> corpora = Files.list(root)) {
            for (Path corpus : corpora.filter(Files::isDirectory).sorted().toList()) {
                Path labels = corpus.resolve("labels.jsonl");
                if (!Files.isRegularFile(labels)
                        || corpusName != null && !corpus.getFileName().toString().equals(corpusName)) {
                    continue;
                }
                for (Scorer.Gold g : Articles.labels(labels)) {
                    if (frozen.contains(g.article()) == frozenPart) {
                        gold.add(g);
                    }
                }
                try (Stream<Path> files = Files.list(corpus.resolve("articles"))) {
                    for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                        String id = Articles.stem(txt);
                        if (frozen.contains(id) == frozenPart) {
                            preds.addAll(run(id, Articles.blocks(txt)));
                        }
                    }
                }
            }
        }
        return Scorer.score(gold, preds);
    }

    @Test
    void allCorporaMeetTheirFloors() throws IOException {
        // every corpus under devcorpus/ (newsdev and the articles added beside it: other disputes, U.S. politics)
        Scorer.Scores t = score(false, null);
        Scorer.Scores f = score(true, null);
        System.out.println("== all dev corpora, tune part: " + t + "\n== all dev corpora, frozen check set: " + f);
        assertThat(t.precision()).as(t.toString()).isGreaterThanOrEqualTo(0.91);
        assertThat(t.recall()).as(t.toString()).isGreaterThanOrEqualTo(0.68);
        assertThat(t.speakerAcc()).as(t.toString()).isGreaterThanOrEqualTo(0.77);
        assertThat(t.sideAcc()).as(t.toString()).isGreaterThanOrEqualTo(0.79);
        assertThat(f.precision()).as(f.toString()).isGreaterThanOrEqualTo(0.93);
        assertThat(f.recall()).as(f.toString()).isGreaterThanOrEqualTo(0.69);
        assertThat(f.speakerAcc()).as(f.toString()).isGreaterThanOrEqualTo(0.78);
        assertThat(f.sideAcc()).as(f.toString()).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void tunePartMeetsItsFloors() throws IOException {
        Scorer.Scores s = score(false, "newsdev");
        System.out.println("== newsdev, tune part: " + s);
        assertThat(s.gold()).isGreaterThanOrEqualTo(300);
        assertThat(s.precision()).as(s.toString()).isGreaterThanOrEqualTo(TUNE_PRECISION);
        assertThat(s.recall()).as(s.toString()).isGreaterThanOrEqualTo(TUNE_RECALL);
        assertThat(s.speakerAcc()).as(s.toString()).isGreaterThanOrEqualTo(TUNE_SPEAKER);
        assertThat(s.sideAcc()).as(s.toString()).isGreaterThanOrEqualTo(TUNE_SIDE);
    }

    @Test
    void frozenPartMeetsItsFloors() throws IOException {
        Scorer.Scores s = score(true, "newsdev");
        System.out.println("== newsdev, frozen check set: " + s);
        assertThat(s.gold()).isGreaterThanOrEqualTo(100);
        assertThat(s.precision()).as(s.toString()).isGreaterThanOrEqualTo(FROZEN_PRECISION);
        assertThat(s.recall()).as(s.toString()).isGreaterThanOrEqualTo(FROZEN_RECALL);
        assertThat(s.speakerAcc()).as(s.toString()).isGreaterThanOrEqualTo(FROZEN_SPEAKER);
        assertThat(s.sideAcc()).as(s.toString()).isGreaterThanOrEqualTo(FROZEN_SIDE);
    }

    // about 0.02-0.03 below the figures reached on 2026-12-05 (tune P 0.948 R 0.776 speaker 0.813 side 0.872;
    // frozen P 0.938 R 0.804 speaker 0.900 side 0.856; docs/attribution.md), so a real regression fails
    static final double TUNE_PRECISION = 0.92;
    static final double TUNE_RECALL = 0.75;
    static final double TUNE_SPEAKER = 0.79;
    static final double TUNE_SIDE = 0.84;
    static final double FROZEN_PRECISION = 0.91;
    static final double FROZEN_RECALL = 0.78;
    static final double FROZEN_SPEAKER = 0.87;
    static final double FROZEN_SIDE = 0.83;
}
