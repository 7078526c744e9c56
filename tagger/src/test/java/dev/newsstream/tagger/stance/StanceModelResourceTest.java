package dev.newsstream.tagger.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed weights ({@code model.json}) must be exactly what {@code newsstream train-stance} makes of the
 * committed training data: the data's SHA-256 recorded in the file must match the data in the repository, and
 * retraining with the recorded seed and settings must give the same weights. When a label or an article
 * changes, this test fails until the model is retrained with the command in docs/stance.md.
 */
class StanceModelResourceTest {
    private static final Path ROOT = Path.of("..");
    private static JsonNode model;
    private static List<LabelledStatements.Labelled> data;
    private static List<LabelledStatements.Labelled> trainOnly;
    private static Set<String> holdout;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = StanceModelResourceTest.class.getResourceAsStream(LearnedStanceClassifier.DEFAULT_RESOURCE)) {
            model = new ObjectMapper().readTree(in);
        }
        List<Path> sources = new ArrayList<>();
        List<Path> extra = new ArrayList<>();
        for (JsonNode n : model.get("trainedOn")) {
            String s = n.asText();
            if (s.startsWith("train-only:")) {
                extra.add(ROOT.resolve(s.substring("train-only:".length())));
            } else {
                sources.add(ROOT.resolve(s));
            }
        }
        assumeTrue(sources.stream().allMatch(Files::exists),
                "training data " + sources + " not found from " + ROOT.toAbsolutePath() + "; run from the tagger module");
        data = LabelledStatements.load(sources);
        trainOnly = extra.isEmpty() ? List.of() : LabelledStatements.load(extra);
        holdout = model.hasNonNull("holdoutFile")
                ? StanceTrainer.parseHoldout(Files.readAllLines(ROOT.resolve(model.get("holdoutFile").asText()),
                StandardCharsets.UTF_8))
                : Set.of();
    }

    @Test
    void recordedHashMatchesTheTrainingDataInTheRepository() {
        List<LabelledStatements.Labelled> all = new ArrayList<>(data);
        all.addAll(trainOnly);
        assertThat(LabelledStatements.sha256(all))
                .as("model.json was trained on other data than the repository holds: retrain it (docs/stance.md)")
                .isEqualTo(model.get("dataSha256").asText());
        assertThat(all).hasSize(model.get("statements").asInt());
    }

    @Test
    void heldOutArticlesAreExactlyTheFrozenOnesAndNeverTrainedOn() {
        List<String> recorded = new ArrayList<>();
        model.get("holdoutArticles").forEach(n -> recorded.add(n.asText()));
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(holdout);
        assertThat(StanceTrainer.without(data, holdout)).noneMatch(l -> holdout.contains(l.article()));
    }

    @Test
    void retrainingWithTheRecordedSettingsGivesTheCommittedWeights() {
        JsonNode s = model.get("settings");
        SoftmaxModel.Settings settings = new SoftmaxModel.Settings(s.get("l2").asDouble(), s.get("iterations").asInt(),
                s.get("step").asDouble(), s.get("minCount").asInt(), s.get("balanced").asBoolean());
        LearnedStanceClassifier retrained = new StanceTrainer(CueStanceClassifier.loadDefault(), settings)
                .trainFinal(data, trainOnly, holdout);
        LearnedStanceClassifier committed = LearnedStanceClassifier.loadDefault();
        assertSame(retrained.stanceModel(), committed.stanceModel());
        assertSame(retrained.polarityModel(), committed.polarityModel());
    }

    private static void assertSame(SoftmaxModel a, SoftmaxModel b) {
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.bias()).containsExactly(b.bias());
        Map<String, double[]> wa = a.weights();
        Map<String, double[]> wb = b.weights();
        assertThat(wa.keySet()).isEqualTo(wb.keySet());
        wa.forEach((k, v) -> assertThat(v).as(k).containsExactly(wb.get(k)));
    }
}
