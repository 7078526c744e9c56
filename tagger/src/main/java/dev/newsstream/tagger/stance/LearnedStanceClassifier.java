package dev.newsstream.tagger.stance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsstream.tagger.PolarityResult;
import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.Stance;
import dev.newsstream.tagger.StanceClassifier;
import dev.newsstream.tagger.StanceResult;
import dev.newsstream.tagger.StatementClassifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trained stance and polarity classifiers: two softmax models over {@link StatementFeatures} (words,
 * bigrams, the reporting verb, the cue lexicon's verdict and cues, VADER's scores, negation/modality/condition
 * markers). Stance comes back with rule {@code model}, the lexicon's cues, a probability per label and the
 * features that pushed most toward the label; polarity likewise. The weights are the committed resource
 * {@value #DEFAULT_RESOURCE}, written by {@code newsstream train-stance} (see docs/stance.md).
 * Immutable and thread-safe.
 */
public final class LearnedStanceClassifier implements StatementClassifier {
    public static final String DEFAULT_RESOURCE = "/dev/newsstream/tagger/stance/model.json";
    public static final String FORMAT = "newsstream-stance-model";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP_FEATURES = 4;

    private final StanceClassifier lexicon;
    private final SoftmaxModel stance;
    private final SoftmaxModel polarity;

    public LearnedStanceClassifier(StanceClassifier lexicon, SoftmaxModel stance, SoftmaxModel polarity) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.stance = Objects.requireNonNull(stance, "stance");
        this.polarity = Objects.requireNonNull(polarity, "polarity");
        if (!stance.labels().equals(STANCE_LABELS) || !polarity.labels().equals(PolarityResult.LABELS)) {
            throw new IllegalArgumentException("stance model labels must be " + STANCE_LABELS
                    + " and polarity labels " + PolarityResult.LABELS);
        }
    }

    public static final List<String> STANCE_LABELS = List.of("cooperative", "confrontational", "neutral");

    private static final class Holder {
        static final LearnedStanceClassifier DEFAULT = fromResource(CueStanceClassifier.loadDefault());
    }

    /** The bundled weights over the bundled cue lexicon; loaded once per JVM. */
    public static LearnedStanceClassifier loadDefault() {
        return Holder.DEFAULT;
    }

    /** The bundled weights over the given lexicon (e.g. one with a user cue file merged in). */
    public static LearnedStanceClassifier fromResource(StanceClassifier lexicon) {
        try (InputStream in = LearnedStanceClassifier.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("stance model " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return fromJson(JSON.readTree(in), lexicon);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    public static LearnedStanceClassifier load(Path file, StanceClassifier lexicon) {
        try {
            return fromJson(JSON.readTree(Files.readAllBytes(file)), lexicon);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stance model " + file, e);
        }
    }

    static LearnedStanceClassifier fromJson(JsonNode root, StanceClassifier lexicon) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        if (root.path("featureVersion").asInt() != StatementFeatures.VERSION) {
            throw new IllegalArgumentException("stance model was trained on feature version "
                    + root.path("featureVersion").asInt() + ", this build extracts version "
                    + StatementFeatures.VERSION + ": retrain with newsstream train-stance");
        }
        return new LearnedStanceClassifier(lexicon, model(root.get("stance")), model(root.get("polarity")));
    }

    public SoftmaxModel stanceModel() {
        return stance;
    }

    public SoftmaxModel polarityModel() {
        return polarity;
    }

    @Override
    public Classification classify(String statement, String speakerSide, boolean direct, String paragraph,
                                   int start, Sentiment sentiment) {
        StanceResult lex = lexicon.classify(statement, speakerSide);
        Map<String, Double> x = StatementFeatures.extract(statement, direct, paragraph, start, sentiment, lex);
        double[] ps = stance.probabilities(x);
        int s = argmax(ps);
        StanceResult st = new StanceResult(Stance.fromLabel(STANCE_LABELS.get(s)), "model", lex.cues(),
                probabilities(STANCE_LABELS, ps), stance.topFeatures(x, s, TOP_FEATURES));
        double[] pp = polarity.probabilities(x);
        int p = argmax(pp);
        PolarityResult pol = new PolarityResult(PolarityResult.LABELS.get(p), "model",
                probabilities(PolarityResult.LABELS, pp), polarity.topFeatures(x, p, TOP_FEATURES));
        return new Classification(st, pol);
    }

    private static Map<String, Double> probabilities(List<String> labels, double[] p) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            m.put(labels.get(i), Math.round(p[i] * 1000) / 1000.0);
        }
        return m;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    static SoftmaxModel model(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("stance model file lacks a model object");
        }
        List<String> labels = new ArrayList<>();
        n.get("labels").forEach(l -> labels.add(l.asText()));
        double[] bias = doubles(n.get("bias"));
        Map<String, double[]> w = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.get("weights").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            w.put(e.getKey(), doubles(e.getValue()));
        }
        return new SoftmaxModel(labels, bias, w);
    }

    static ObjectNode toJson(SoftmaxModel m) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode labels = n.putArray("labels");
        m.labels().forEach(labels::add);
        ArrayNode bias = n.putArray("bias");
        for (double d : m.bias()) {
            bias.add(d);
        }
        ObjectNode w = n.putObject("weights");
        m.weights().forEach((k, v) -> {
            ArrayNode a = w.putArray(k);
            for (double d : v) {
                a.add(d);
            }
        });
        return n;
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }
}
