package dev.newsstream.tagger.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import opennlp.tools.util.Span;

class OpenNlpTest {
    static final String TEXT = "  Kim Jong Un said the talks failed. Trump left Hanoi early.";

    @Test
    void sentencesAndTokensCarryParagraphOffsets() {
        List<Span> s = OpenNlp.sentences(TEXT, 0, TEXT.length());
        assertThat(s).hasSize(2);
        for (Span sp : s) {
            List<Token> t = OpenNlp.tokens(TEXT, sp.getStart(), sp.getEnd(), true);
            for (Token tok : t) {
                assertThat(TEXT.substring(tok.start(), tok.end())).isEqualTo(tok.text());
            }
        }
        List<Token> first = OpenNlp.tokens(TEXT, s.get(0).getStart(), s.get(0).getEnd(), true);
        assertThat(first.get(0).isProperNoun()).isTrue();
        assertThat(first).filteredOn(t -> t.text().equals("said")).singleElement()
                .satisfies(t -> assertThat(t.lemma()).isEqualTo("say"));
    }

    @Test
    void safeFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> f = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                f.add(pool.submit(() -> OpenNlp.tokens(TEXT, 0, TEXT.length(), true).size()));
            }
            int expected = OpenNlp.tokens(TEXT, 0, TEXT.length(), true).size();
            for (Future<Integer> x : f) {
                assertThat(x.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void greedyWindowTagsAgreeWithTheBeamTaggerOnCueWindows() {
        String[][] windows = {
            {"Several", "reports", "said", "the", "talks"},
            {"the", "Israeli", "military", "said", "it", "had", "struck"},
            {"a", "stern", "warning", "to", "Pyongyang"},
            {"his", "fabricated", "charges", "against", "the"},
        };
        for (String[] w : windows) {
            List<Token> beam = OpenNlp.tokens(String.join(" ", w), 0, String.join(" ", w).length(), false);
            String[] greedy = OpenNlp.posTags(w);
            assertThat(greedy).hasSize(w.length);
            for (int i = 0; i < w.length; i++) {
                assertThat(greedy[i]).as(String.join(" ", w) + " @" + i).isEqualTo(beam.get(i).pos());
            }
        }
        assertThat(OpenNlp.posTags(new String[0])).isEmpty();
    }
}
