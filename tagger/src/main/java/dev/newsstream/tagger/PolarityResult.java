package dev.newsstream.tagger;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The emotional tone of a statement: {@code positive}, {@code negative} or {@code neutral}.
 *
 * @param label         the label
 * @param source        {@code model} (the trained polarity classifier) or {@code vader} (VADER's compound at ±0.05)
 * @param probabilities the model's probability per label (absent, i.e. empty, for {@code vader})
 * @param features      the features that pushed most toward the label, as {@code feature:weight} (model only)
 */
public record PolarityResult(String label, String source, Map<String, Double> probabilities, List<String> features) {
    public static final List<String> LABELS = List.of("positive", "negative", "neutral");

    public PolarityResult {
        label = label.toLowerCase(Locale.ROOT);
        if (!LABELS.contains(label)) {
            throw new IllegalArgumentException("polarity label must be one of " + LABELS + ", got " + label);
        }
        probabilities = probabilities == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(probabilities));
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** VADER's conventional cut-off on the compound score, with no probabilities. */
    public static PolarityResult fromVader(Sentiment s) {
        return new PolarityResult(s.polarity(), "vader", Map.of(), List.of());
    }
}
