package dev.newsstream.cli;

import dev.newsstream.tagger.stance.CueStanceClassifier;
import dev.newsstream.tagger.stance.LabelledStatements;
import dev.newsstream.tagger.stance.LearnedStanceClassifier;
import dev.newsstream.tagger.stance.SoftmaxModel;
import dev.newsstream.tagger.stance.StanceTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsstream train-stance}: trains the stance and polarity classifiers on labelled statements, prints
 * k-fold cross-validation by article (model beside the lexicon-only classifier on the same folds) and the
 * held-out figures, and writes the weights file the tagger bundles. Deterministic for a fixed seed.
 */
@Command(name = "train-stance", mixinStandardHelpOptions = true,
        description = {"Train the stance and polarity classifiers on labelled statements; print cross-validation "
                + "by article beside the lexicon-only figures; write the weights.",
                "Bundled weights: ./newsstream train-stance --out "
                        + "tagger/src/main/resources/dev/newsstream/tagger/stance/model.json "
                        + "--holdout tagger/src/test/resources/devcorpus/frozen.txt "
                        + "--train-only tagger/src/test/resources/fixtures --train-only samples "
                        + "tagger/src/test/resources/devcorpus"})
final class TrainStanceCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the weights (JSON)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "17", description = "fold shuffle seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "cross-validation folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--holdout", paramLabel = "FILE",
            description = "article ids (one a line, # comments) never trained on; scored once by a model trained on the rest")
    Path holdout;

    @Option(names = "--train-only", paramLabel = "LABELS",
            description = "label files or directories always trained on, never tested on (e.g. project-written fixtures)")
    List<Path> trainOnly = new ArrayList<>();

    @Option(names = "--l2", paramLabel = "X", defaultValue = "0.01", description = "L2 penalty (default ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "300", description = "AdaGrad iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Parameters(paramLabel = "LABELS", arity = "1..*",
            description = "label files (labels.jsonl, *.labels.jsonl) or directories holding them; cross-validated by article")
    List<Path> labels;

    @Override
    public Integer call() throws IOException {
        PrintStream o = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<LabelledStatements.Labelled> data = LabelledStatements.load(labels);
        List<LabelledStatements.Labelled> extra = trainOnly.isEmpty() ? List.of() : LabelledStatements.load(trainOnly);
        Set<String> held = holdout == null ? Set.of()
                : StanceTrainer.parseHoldout(Files.readAllLines(holdout, StandardCharsets.UTF_8));
        List<LabelledStatements.Labelled> all = new ArrayList<>(data);
        all.addAll(extra);
        String sha = LabelledStatements.sha256(all);
        o.printf("train-stance: %d statements to cross-validate, %d train-only, %d held-out articles; data sha256 %s%n",
                data.size(), extra.size(), held.size(), sha);
        SoftmaxModel.Settings s = new SoftmaxModel.Settings(l2, iterations, SoftmaxModel.Settings.defaults().step(),
                SoftmaxModel.Settings.defaults().minCount(), SoftmaxModel.Settings.defaults().balanced());
        StanceTrainer trainer = new StanceTrainer(CueStanceClassifier.loadDefault(), s);
        List<StanceTrainer.Evaluation> evals = new ArrayList<>();
        evals.add(trainer.crossValidate(data, extra, held, folds, seed));
        if (!held.isEmpty()) {
            evals.add(trainer.holdoutTest(data, extra, held));
        }
        for (StanceTrainer.Evaluation e : evals) {
            o.print(StanceTrainer.report(e));
        }
        LearnedStanceClassifier model = trainer.trainFinal(data, extra, held);
        List<String> sources = new ArrayList<>();
        labels.forEach(p -> sources.add(p.toString()));
        trainOnly.forEach(p -> sources.add("train-only:" + p));
        String json = StanceTrainer.modelJson(model, sources, holdout == null ? null : holdout.toString(), held, sha,
                all.size(), seed, s, evals);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, json, StandardCharsets.UTF_8);
        o.printf("wrote %s (%d stance and %d polarity weights)%n", out, model.stanceModel().weights().size(),
                model.polarityModel().weights().size());
        return 0;
    }
}
