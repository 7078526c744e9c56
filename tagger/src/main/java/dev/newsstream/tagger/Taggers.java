package dev.newsstream.tagger;

import dev.newsstream.tagger.attribution.RuleAttributor;
import dev.newsstream.tagger.sentiment.Vader;
import dev.newsstream.tagger.sides.ActorRegistry;
import dev.newsstream.tagger.stance.CueStanceClassifier;
import java.nio.file.Path;

/** Builds the standard {@link Tagger}: rule attribution over OpenNLP, cue-based stance, faithful VADER. */
public final class Taggers {
    private Taggers() {
    }

    /**
     * @param registryFile   a user actor registry merged over the built-in one, or null
     * @param stanceCuesFile a user stance cue file merged over the built-in cues, or null
     * @throws IllegalArgumentException naming the file when a user file cannot be read or parsed
     */
    public static Tagger create(Path registryFile, Path stanceCuesFile) {
        ActorRegistry registry = ActorRegistry.loadDefault();
        if (registryFile != null) {
            registry = registry.merge(ActorRegistry.load(registryFile));
        }
        return new Tagger(RuleAttributor.create(registry),
                stanceCuesFile == null ? CueStanceClassifier.loadDefault() : CueStanceClassifier.load(stanceCuesFile),
                Vader.load());
    }
}
