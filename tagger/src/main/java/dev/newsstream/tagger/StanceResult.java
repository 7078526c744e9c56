package dev.newsstream.tagger;

import java.util.List;

/** A stance decision with its evidence: the rule that decided it and the cues that fired. */
public record StanceResult(Stance stance, String rule, List<String> cues) {
    public StanceResult {
        cues = List.copyOf(cues);
    }
}
