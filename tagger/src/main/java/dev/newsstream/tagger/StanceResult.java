package dev.newsstream.tagger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stance decision with its evidence: the rule that decided it and the cues that fired; from the trained
 * classifier also the probability per stance label and the features that pushed most toward the label
 * ({@code feature:weight}). The lexicon classifier leaves those two empty.
 */
public record StanceResult(Stance stance, String rule, List<String> cues, Map<String, Double> probabilities,
                           List<String> features) {
    public StanceResult {
        cues = List.copyOf(cues);
        probabilities = probabilities == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** A lexicon decision: no probabilities, no learned features. */
    public StanceResult(Stance stance, String rule, List<String> cues) {
        this(stance, rule, cues, Map.of(), List.of());
    }
}
