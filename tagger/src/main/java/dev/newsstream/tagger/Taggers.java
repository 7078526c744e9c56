package dev.newsstream.tagger;

import dev.newsstream.tagger.attribution.RuleAttributor;
import dev.newsstream.tagger.sentiment.Vader;
import dev.newsstream.tagger.sides.ActorRegistry;
import dev.newsstream.tagger.stance.CueStanceClassifier;
import dev.newsstream.tagger.stance.LearnedStanceClassifier;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the standard {@link Tagger}: rule attribution over OpenNLP, faithful VADER, and stance and polarity
 * from the trained classifier ({@link StanceModel#LEARNED}, the default) or from the cue lexicon and VADER's
 * cut-off ({@link StanceModel#LEXICON}).
 */
public final class Taggers {
    private Taggers() {
    }

    /** Which stance and polarity classifier the tagger uses; the setting {@code stance.model}. */
    public enum StanceModel {
        /** The trained classifiers (bundled weights; see docs/stance.md). */
        LEARNED,
        /** The cue lexicon for stance and VADER's compound at ±0.05 for polarity. */
        LEXICON;

        public static StanceModel parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stance model must be learned or lexicon, got '" + s + "'");
            }
        }
    }

    /** The default tagger: {@link StanceModel#LEARNED}. */
    public static Tagger create(Path registryFile, Path stanceCuesFile) {
        return create(registryFile, stanceCuesFile, StanceModel.LEARNED);
    }

    /**
     * @param registryFile   a user actor registry merged over the built-in one, or null
     * @param stanceCuesFile a user stance cue file merged over the built-in cues, or null
     * @param model          the stance and polarity classifier
     * @throws IllegalArgumentException naming the file when a user file cannot be read or parsed
     */
    public static Tagger create(Path registryFile, Path stanceCuesFile, StanceModel model) {
        ActorRegistry registry = ActorRegistry.loadDefault();
        if (registryFile != null) {
            registry = registry.merge(ActorRegistry.load(registryFile));
        }
        CueStanceClassifier cues = stanceCuesFile == null ? CueStanceClassifier.loadDefault()
                : CueStanceClassifier.load(stanceCuesFile);
        StatementClassifier classifier = switch (model == null ? StanceModel.LEARNED : model) {
            case LEARNED -> stanceCuesFile == null ? LearnedStanceClassifier.loadDefault()
                    : LearnedStanceClassifier.fromResource(cues);
            case LEXICON -> Tagger.lexiconOnly(cues);
        };
        return new Tagger(RuleAttributor.create(registry), classifier, Vader.load());
    }
}
