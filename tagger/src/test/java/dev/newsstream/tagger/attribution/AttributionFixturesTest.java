package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.eval.Articles;
import dev.newsstream.tagger.eval.Scorer;

/**
 * Scores the attributor on the hand-labelled fixture articles (src/test/resources/fixtures, authored in
 * src/test/fixture-authoring) with the Java port of score.py. Three articles are held back and asserted only
 * loosely. They are not an independent check: the fixtures were written alongside rules that carried their
 * phrasings (issue 18); the dev corpus's frozen set (DevCorpusTest) is the check now.
 */
class AttributionFixturesTest {
    static final Set<String> HELD_BACK = Set.of("009_armenia_azerbaijan_peace", "010_taiwan_strait_drills",
            "014_essequibo_talks");
    /** Written (with 014, held back) for sides from roles of people the registry does not know. */
    static final Set<String> ROLE_SIDES = Set.of("011_indus_waters_talks", "012_serbia_kosovo_brussels",
            "013_lebanon_border_talks");
    static RuleAttributor attributor;
    static List<Path> articles;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        attributor = RuleAttributor.createDefault();
        Path dir = Path.of(AttributionFixturesTest.class.getResource("/fixtures").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            articles = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    static Scorer.Scores score(boolean heldBack) {
        return score(id -> HELD_BACK.contains(id) == heldBack && !ROLE_SIDES.contains(id));
    }

    static Scorer.Scores score(java.util.function.Predicate<String> which) {
        List<Scorer.Gold> gold = new ArrayList<>();
        List<Scorer.PredParagraph> preds = new ArrayList<>();
        for (Path txt : articles) {
            String id = Articles.stem(txt);
            if (!which.test(id)) {
                continue;
            }
            gold.addAll(Articles.labels(txt.resolveSibling(id + ".labels.jsonl")));
            preds.addAll(Articles.run(attributor, id, Articles.blocks(txt)));
        }
        return Scorer.score(gold, preds);
    }

    static String report(Scorer.Scores s) {
        StringBuilder b = new StringBuilder(s.toString()).append('\n');
        for (Scorer.Match m : s.matches()) {
            if (m.pred() == null) {
                b.append("MISSED ").append(m.gold()).append('\n');
            } else if (!Scorer.sameSpeaker(m.gold().speaker(), m.pred().speaker())
                    || !m.gold().side().equals(m.pred().side())) {
                b.append("WRONG  ").append(m.gold().speaker()).append('/').append(m.gold().side()).append(" <> ")
                        .append(m.pred().speaker()).append('/').append(m.pred().side()).append(" : ")
                        .append(m.pred().text()).append('\n');
            }
        }
        for (Scorer.Pred p : s.unmatchedPredictions()) {
            b.append("EXTRA  ").append(p).append('\n');
        }
        return b.toString();
    }

    @Test
    void tunedFixturesMeetTheTargets() {
        Scorer.Scores s = score(false);
        System.out.println("== tuned fixtures\n" + report(s));
        assertThat(s.gold()).as("fixture statements").isGreaterThanOrEqualTo(60);
        assertThat(s.f1()).as(report(s)).isGreaterThanOrEqualTo(0.90);
        assertThat(s.speakerAcc()).as(report(s)).isGreaterThanOrEqualTo(0.90);
        assertThat(s.sideAcc()).as(report(s)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void roleSideFixturesAreReported() {
        Scorer.Scores s = score(ROLE_SIDES::contains);
        System.out.println("== role-side fixtures\n" + report(s));
        assertThat(s.f1()).as(report(s)).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void heldBackFixturesAreReported() {
        Scorer.Scores s = score(true);
        System.out.println("== held-back fixtures\n" + s);
        // held back on purpose: a floor that catches a collapse, not a tuning target
        assertThat(s.f1()).as(s.toString()).isGreaterThanOrEqualTo(0.5);
    }
}
