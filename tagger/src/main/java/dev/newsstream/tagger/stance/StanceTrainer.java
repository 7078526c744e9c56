package dev.newsstream.tagger.stance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsstream.tagger.PolarityResult;
import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.StanceClassifier;
import dev.newsstream.tagger.StanceResult;
import dev.newsstream.tagger.sentiment.Vader;
import dev.newsstream.tagger.stance.LabelledStatements.Labelled;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains the stance and polarity models and measures them honestly: k-fold cross-validation <b>by article</b>
 * (every statement of an article is in the same fold, so no article is in both training and test data), with
 * the lexicon-only classifier (cue lexicon for stance, VADER's compound at ±0.05 for polarity) scored on the
 * same statements beside it. Articles in {@code holdout} are never trained on, neither in cross-validation nor
 * in the final model; they are scored once by a model trained on all the others. Deterministic: articles are
 * shuffled by {@code new Random(seed)} before being dealt round-robin into folds, and training has no
 * randomness. No Kafka, no files: the caller reads and writes.
 */
public final class StanceTrainer {
    private final StanceClassifier lexicon;
    private final Vader vader = Vader.load();
    private final SoftmaxModel.Settings settings;

    public StanceTrainer(StanceClassifier lexicon, SoftmaxModel.Settings settings) {
        this.lexicon = lexicon;
        this.settings = settings;
    }

    /** A statement with everything the models and the baseline need, computed once. */
    record Prepared(Labelled label, Map<String, Double> features, String lexStance, String vaderPolarity) {
    }

    List<Prepared> prepare(List<Labelled> data) {
        List<Prepared> out = new ArrayList<>(data.size());
        for (Labelled l : data) {
            Sentiment s = vader.score(l.quote());
            StanceResult lex = lexicon.classify(l.quote(), l.side());
            Map<String, Double> f = StatementFeatures.extract(l.quote(), l.direct(), l.paragraph(), l.start(), s, lex);
            out.add(new Prepared(l, f, lex.stance().label(), s.polarity()));
        }
        return out;
    }

    /** Predicted and gold labels of one task. */
    public record Scores(List<String> labels, List<String> gold, List<String> model, List<String> baseline) {
        public double accuracy(boolean ofModel) {
            List<String> p = ofModel ? model : baseline;
            int ok = 0;
            for (int i = 0; i < gold.size(); i++) {
                ok += gold.get(i).equals(p.get(i)) ? 1 : 0;
            }
            return gold.isEmpty() ? 0 : (double) ok / gold.size();
        }

        /** precision, recall, F1 of one label */
        public double[] prf(String label, boolean ofModel) {
            List<String> p = ofModel ? model : baseline;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean g = gold.get(i).equals(label);
                boolean q = p.get(i).equals(label);
                tp += g && q ? 1 : 0;
                fp += !g && q ? 1 : 0;
                fn += g && !q ? 1 : 0;
            }
            double pr = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double rc = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            return new double[] {pr, rc, pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc)};
        }

        public double macroF1(boolean ofModel) {
            double sum = 0;
            for (String l : labels) {
                sum += prf(l, ofModel)[2];
            }
            return sum / labels.size();
        }
    }

    /** Cross-validation (or a held-out test) result for both tasks. */
    public record Evaluation(String name, int articles, Scores stance, Scores polarity) {
    }

    /** k-fold cross-validation by article over {@code data} minus the holdout articles. */
    public Evaluation crossValidate(List<Labelled> data, Set<String> holdout, int folds, long seed) {
        return crossValidate(data, List.of(), holdout, folds, seed);
    }

    /**
     * As {@link #crossValidate(List, Set, int, long)}, with {@code trainOnly} statements added to the training
     * part of every fold and never tested on (project-written fixtures, say, that should not flatter the score).
     */
    public Evaluation crossValidate(List<Labelled> data, List<Labelled> trainOnly, Set<String> holdout, int folds,
                                    long seed) {
        List<Prepared> prepared = prepare(without(data, holdout));
        List<Prepared> extra = prepare(without(trainOnly, holdout));
        Map<String, Integer> fold = assignFolds(prepared.stream().map(p -> p.label().article()).toList(), folds, seed);
        Scores st = new Scores(LearnedStanceClassifier.STANCE_LABELS, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Scores po = new Scores(PolarityResult.LABELS, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int k = 0; k < folds; k++) {
            List<Prepared> train = new ArrayList<>(extra);
            List<Prepared> test = new ArrayList<>();
            for (Prepared p : prepared) {
                (fold.get(p.label().article()) == k ? test : train).add(p);
            }
            score(train, test, st, po);
        }
        return new Evaluation(folds + "-fold cross-validation by article, seed " + seed, fold.size(), st, po);
    }

    /**
     * Each distinct article's fold: the sorted distinct ids shuffled by {@code new Random(seed)}, then dealt
     * round-robin, so folds differ in size by at most one article and a statement's fold is its article's.
     */
    static Map<String, Integer> assignFolds(List<String> articleOfEachStatement, int folds, long seed) {
        List<String> articles = new ArrayList<>(new TreeSet<>(articleOfEachStatement));
        if (folds < 2 || articles.size() < folds) {
            throw new IllegalArgumentException("need at least 2 folds and as many articles as folds; got " + folds
                    + " folds, " + articles.size() + " articles");
        }
        Collections.shuffle(articles, new Random(seed));
        Map<String, Integer> fold = new LinkedHashMap<>();
        for (int i = 0; i < articles.size(); i++) {
            fold.put(articles.get(i), i % folds);
        }
        return fold;
    }

    /** Trains on everything but the holdout articles and scores the holdout articles. */
    public Evaluation holdoutTest(List<Labelled> data, List<Labelled> trainOnly, Set<String> holdout) {
        List<Prepared> train = new ArrayList<>(prepare(without(data, holdout)));
        train.addAll(prepare(without(trainOnly, holdout)));
        List<Prepared> test = prepare(data.stream().filter(l -> holdout.contains(l.article())).toList());
        Scores st = new Scores(LearnedStanceClassifier.STANCE_LABELS, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Scores po = new Scores(PolarityResult.LABELS, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        score(train, test, st, po);
        int n = (int) test.stream().map(p -> p.label().article()).distinct().count();
        return new Evaluation("held-out articles (never trained on)", n, st, po);
    }

    private void score(List<Prepared> train, List<Prepared> test, Scores st, Scores po) {
        SoftmaxModel ms = trainStance(train);
        SoftmaxModel mp = trainPolarity(train);
        for (Prepared p : test) {
            if (p.label().stance() != null) {
                st.gold().add(p.label().stance());
                st.model().add(st.labels().get(LearnedStanceClassifier.argmax(ms.probabilities(p.features()))));
                st.baseline().add(p.lexStance());
            }
            if (p.label().polarity() != null) {
                po.gold().add(p.label().polarity());
                po.model().add(po.labels().get(LearnedStanceClassifier.argmax(mp.probabilities(p.features()))));
                po.baseline().add(p.vaderPolarity());
            }
        }
    }

    SoftmaxModel trainStance(List<Prepared> train) {
        List<SoftmaxModel.Example> ex = new ArrayList<>();
        for (Prepared p : train) {
            if (p.label().stance() != null) {
                ex.add(new SoftmaxModel.Example(p.features(),
                        LearnedStanceClassifier.STANCE_LABELS.indexOf(p.label().stance())));
            }
        }
        return SoftmaxModel.train(LearnedStanceClassifier.STANCE_LABELS, ex, settings);
    }

    SoftmaxModel trainPolarity(List<Prepared> train) {
        List<SoftmaxModel.Example> ex = new ArrayList<>();
        for (Prepared p : train) {
            if (p.label().polarity() != null) {
                ex.add(new SoftmaxModel.Example(p.features(), PolarityResult.LABELS.indexOf(p.label().polarity())));
            }
        }
        return SoftmaxModel.train(PolarityResult.LABELS, ex, settings);
    }

    /** The final models, trained on everything but the holdout articles. */
    public LearnedStanceClassifier trainFinal(List<Labelled> data, List<Labelled> trainOnly, Set<String> holdout) {
        List<Prepared> train = new ArrayList<>(prepare(without(data, holdout)));
        train.addAll(prepare(without(trainOnly, holdout)));
        return new LearnedStanceClassifier(lexicon, trainStance(train), trainPolarity(train));
    }

    static List<Labelled> without(List<Labelled> data, Set<String> holdout) {
        return data.stream().filter(l -> !holdout.contains(l.article())).toList();
    }

    /** The file {@code newsstream train-stance --out} writes and the tagger loads. */
    public static String modelJson(LearnedStanceClassifier c, List<String> trainedOn, String holdoutFile,
                                   Set<String> holdout, String sha256, int statements, long seed,
                                   SoftmaxModel.Settings s, List<Evaluation> evaluations) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", LearnedStanceClassifier.FORMAT);
        root.put("featureVersion", StatementFeatures.VERSION);
        ArrayNode on = root.putArray("trainedOn");
        trainedOn.forEach(on::add);
        root.put("holdoutFile", holdoutFile);
        ArrayNode ho = root.putArray("holdoutArticles");
        new TreeSet<>(holdout).forEach(ho::add);
        root.put("dataSha256", sha256);
        root.put("statements", statements);
        root.put("seed", seed);
        ObjectNode set = root.putObject("settings");
        set.put("l2", s.l2());
        set.put("iterations", s.iterations());
        set.put("step", s.step());
        set.put("minCount", s.minCount());
        set.put("balanced", s.balanced());
        ObjectNode ev = root.putObject("evaluation");
        for (Evaluation e : evaluations) {
            ObjectNode n = ev.putObject(e.name());
            n.put("articles", e.articles());
            n.put("stanceStatements", e.stance().gold().size());
            n.put("stanceMacroF1", round(e.stance().macroF1(true)));
            n.put("stanceMacroF1Lexicon", round(e.stance().macroF1(false)));
            n.put("polarityStatements", e.polarity().gold().size());
            n.put("polarityAccuracy", round(e.polarity().accuracy(true)));
            n.put("polarityAccuracyVader", round(e.polarity().accuracy(false)));
        }
        root.set("stance", LearnedStanceClassifier.toJson(c.stanceModel()));
        root.set("polarity", LearnedStanceClassifier.toJson(c.polarityModel()));
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** A human-readable report of one evaluation: model beside the lexicon-only baseline. */
    public static String report(Evaluation e) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "== %s: %d articles%n", e.name(), e.articles()));
        b.append(String.format(Locale.ROOT, "stance   (%d statements)  macro-F1  model %.3f   lexicon %.3f   "
                        + "accuracy model %.3f lexicon %.3f%n", e.stance().gold().size(), e.stance().macroF1(true),
                e.stance().macroF1(false), e.stance().accuracy(true), e.stance().accuracy(false)));
        table(b, e.stance(), "lexicon");
        b.append(String.format(Locale.ROOT, "polarity (%d statements)  accuracy  model %.3f   vader   %.3f   "
                        + "macro-F1 model %.3f vader %.3f%n", e.polarity().gold().size(), e.polarity().accuracy(true),
                e.polarity().accuracy(false), e.polarity().macroF1(true), e.polarity().macroF1(false)));
        table(b, e.polarity(), "vader");
        return b.toString();
    }

    private static void table(StringBuilder b, Scores s, String baseline) {
        b.append(String.format(Locale.ROOT, "  %-16s %5s   %-17s   %-17s%n", "label", "gold", "model P / R / F1",
                baseline + " P / R / F1"));
        for (String l : s.labels()) {
            double[] m = s.prf(l, true);
            double[] x = s.prf(l, false);
            long n = s.gold().stream().filter(l::equals).count();
            b.append(String.format(Locale.ROOT, "  %-16s %5d   %.2f / %.2f / %.2f   %.2f / %.2f / %.2f%n", l, n,
                    m[0], m[1], m[2], x[0], x[1], x[2]));
        }
    }

    /** Article ids listed in a holdout file: one a line, {@code #} comments and blank lines ignored. */
    public static Set<String> parseHoldout(List<String> lines) {
        Set<String> out = new HashSet<>();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }
}
