package dev.newsstream.tagger.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsstream.tagger.PolarityResult;
import dev.newsstream.tagger.StatementClassifier.Classification;
import dev.newsstream.tagger.sentiment.Vader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LearnedStanceClassifierTest {
    private final LearnedStanceClassifier model = LearnedStanceClassifier.loadDefault();
    private final Vader vader = Vader.load();

    private Classification classify(String text, String paragraph) {
        int start = paragraph == null ? -1 : paragraph.indexOf(text);
        return model.classify(text, "UNKNOWN", false, paragraph, start, vader.score(text));
    }

    @Test
    void everyStatementGetsAProbabilityPerLabelThatSumsToOneAndTheLabelIsTheMostProbable() {
        for (String s : List.of("", "we will never accept this", "the talks were constructive and useful",
                "the meeting will take place on Monday")) {
            Classification c = classify(s, null);
            Map<String, Double> ps = c.stance().probabilities();
            assertThat(ps.keySet()).containsExactly("cooperative", "confrontational", "neutral");
            assertThat(ps.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(0.01));
            assertThat(ps.get(c.stance().stance().label())).isEqualTo(ps.values().stream().max(Double::compare).orElseThrow());
            Map<String, Double> pp = c.polarity().probabilities();
            assertThat(pp.keySet()).containsExactly("positive", "negative", "neutral");
            assertThat(pp.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(0.01));
            assertThat(pp.get(c.polarity().label())).isEqualTo(pp.values().stream().max(Double::compare).orElseThrow());
            assertThat(c.polarity().source()).isEqualTo("model");
            assertThat(c.stance().rule()).isEqualTo("model");
        }
    }

    @Test
    void evidenceNamesFeaturesOfTheStatementThatPushedTowardTheLabel() {
        String paragraph = "The minister accused the neighbouring government of lying about the attack.";
        Classification c = classify("accused the neighbouring government of lying about the attack", paragraph);
        assertThat(c.stance().features()).isNotEmpty().allMatch(f -> f.matches(".+:\\+\\d+\\.\\d\\d"));
        Set<String> present = StatementFeatures.extract("accused the neighbouring government of lying about the attack",
                false, paragraph, paragraph.indexOf("accused"), vader.score("accused the neighbouring government"
                        + " of lying about the attack"), CueStanceClassifier.loadDefault()
                        .classify("accused the neighbouring government of lying about the attack", "UNKNOWN")).keySet();
        for (String f : c.stance().features()) {
            assertThat(present).contains(f.substring(0, f.lastIndexOf(':')));
        }
    }

    @Test
    void itNeverThrowsOnOddInput() {
        for (String s : new String[] {null, "", "   ", "?!", "\u201c\u201d", "a".repeat(10_000)}) {
            Classification c = model.classify(s, null, true, "x", 5, vader.score(s));
            assertThat(c.stance().stance()).isNotNull();
            assertThat(PolarityResult.LABELS).contains(c.polarity().label());
        }
    }

    @Test
    void softmaxTrainingSeparatesASimpleProblemAndIsDeterministic() {
        List<SoftmaxModel.Example> ex = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ex.add(new SoftmaxModel.Example(Map.of("w:good", 1.0, "n:" + i, 1.0), 0));
            ex.add(new SoftmaxModel.Example(Map.of("w:bad", 1.0, "n:" + i, 1.0), 1));
            ex.add(new SoftmaxModel.Example(Map.of("w:date", 1.0, "n:" + i, 1.0), 2));
        }
        List<String> labels = List.of("a", "b", "c");
        SoftmaxModel m = SoftmaxModel.train(labels, ex, SoftmaxModel.Settings.defaults());
        assertThat(LearnedStanceClassifier.argmax(m.probabilities(Map.of("w:good", 1.0)))).isEqualTo(0);
        assertThat(LearnedStanceClassifier.argmax(m.probabilities(Map.of("w:bad", 1.0)))).isEqualTo(1);
        assertThat(LearnedStanceClassifier.argmax(m.probabilities(Map.of("w:date", 1.0)))).isEqualTo(2);
        assertThat(m.topFeatures(Map.of("w:bad", 1.0, "w:unseen", 1.0), 1, 3)).singleElement().asString()
                .startsWith("w:bad:+");
        SoftmaxModel again = SoftmaxModel.train(labels, ex, SoftmaxModel.Settings.defaults());
        assertThat(again.weights().keySet()).isEqualTo(m.weights().keySet());
        m.weights().forEach((k, v) -> assertThat(again.weights().get(k)).containsExactly(v));
    }
}
