package dev.newsstream.tagger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attributed statement found in a paragraph, before stance and sentiment.
 *
 * @param text     the statement's exact text: {@code paragraph.substring(start, end)}
 * @param start    offset of the first character in the paragraph (inclusive)
 * @param end      offset after the last character (exclusive)
 * @param direct   true for a quotation in quote marks, false for reported speech
 * @param speaker  canonical speaker name (titles stripped, pronouns resolved), or {@code null} if unknown
 * @param side     side code (ISO 3166-1 alpha-3, or EU/UN/NATO/...), {@code UNKNOWN} when none is justified
 * @param evidence how it was found: keys such as {@code rule}, {@code cue}, {@code speakerMention},
 *                 {@code speakerResolution}, {@code sideSource} (see docs/evidence.md)
 */
public record Attribution(String text, int start, int end, boolean direct, String speaker, String side,
                          Map<String, String> evidence) {
    public Attribution {
        // keep the order the evidence was gathered in: it reads as the chain of reasoning
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
