package dev.newsstream.tagger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully tagged statement: attribution plus stance, sentiment and polarity, with the evidence for each tag.
 *
 * @param stanceProbabilities the stance classifier's probability per stance label (empty from the lexicon)
 * @param polarity            the statement's tone: label, where it came from, probabilities (null only from
 *                            the 9-argument constructor)
 */
public record Statement(String text, int start, int end, boolean direct, String speaker, String side,
                        Stance stance, Sentiment sentiment, Map<String, String> evidence,
                        Map<String, Double> stanceProbabilities, PolarityResult polarity) {
    public Statement {
        // keep the order the evidence was gathered in: it reads as the chain of reasoning
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        stanceProbabilities = stanceProbabilities == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(stanceProbabilities));
    }

    /** A statement without stance probabilities, its polarity VADER's cut-off when there is a sentiment. */
    public Statement(String text, int start, int end, boolean direct, String speaker, String side, Stance stance,
                     Sentiment sentiment, Map<String, String> evidence) {
        this(text, start, end, direct, speaker, side, stance, sentiment, evidence, Map.of(),
                sentiment == null ? null : PolarityResult.fromVader(sentiment));
    }
}
