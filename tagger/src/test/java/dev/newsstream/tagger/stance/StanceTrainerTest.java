package dev.newsstream.tagger.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StanceTrainerTest {
    private static LabelledStatements.Labelled st(String article, String quote, String stance, String polarity) {
        return new LabelledStatements.Labelled("test", article, 2, null, -1, quote, true, "USA", stance, polarity);
    }

    @Test
    void foldsAreByArticleBalancedAndFixedBySeed() {
        List<String> statements = new ArrayList<>();
        for (int a = 0; a < 23; a++) {
            for (int k = 0; k <= a % 4; k++) {
                statements.add("article-" + a);
            }
        }
        Map<String, Integer> f = StanceTrainer.assignFolds(statements, 5, 17);
        assertThat(f).hasSize(23);
        long[] sizes = new long[5];
        f.values().forEach(v -> sizes[v]++);
        assertThat(sizes).containsOnly(4, 5);
        assertThat(StanceTrainer.assignFolds(statements, 5, 17)).isEqualTo(f);
        assertThat(StanceTrainer.assignFolds(statements, 5, 18)).isNotEqualTo(f);
        assertThatThrownBy(() -> StanceTrainer.assignFolds(List.of("a", "b"), 3, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crossValidationTestsEveryStatementOnceAndNeverItsOwnArticlesTraining() {
        List<LabelledStatements.Labelled> data = new ArrayList<>();
        // each article has one word nobody else uses: a model that saw the article would get it right
        String[] stances = {"cooperative", "confrontational", "neutral"};
        String[] polarities = {"positive", "negative", "neutral"};
        for (int a = 0; a < 12; a++) {
            for (int k = 0; k < 3; k++) {
                data.add(st("art" + a, "secret" + a + " word" + k, stances[a % 3], polarities[a % 3]));
            }
        }
        StanceTrainer t = new StanceTrainer(CueStanceClassifier.loadDefault(), SoftmaxModel.Settings.defaults());
        StanceTrainer.Evaluation e = t.crossValidate(data, Set.of("art11"), 4, 3);
        assertThat(e.articles()).isEqualTo(11);
        assertThat(e.stance().gold()).hasSize(33);
        assertThat(e.polarity().gold()).hasSize(33);
        StanceTrainer.Evaluation h = t.holdoutTest(data, List.of(), Set.of("art11"));
        assertThat(h.stance().gold()).hasSize(3);
        assertThat(h.articles()).isEqualTo(1);
    }
}
