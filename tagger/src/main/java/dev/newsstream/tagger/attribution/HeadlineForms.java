package dev.newsstream.tagger.attribution;

import dev.newsstream.tagger.attribution.Lexicon.Cue;
import dev.newsstream.tagger.attribution.Lexicon.CueKind;
import dev.newsstream.tagger.attribution.Words.Word;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The attribution forms of a headline, which title case and dropped articles make unlike a sentence:
 * {@code X Says Y} / {@code X Rules Out Y} / {@code X, Y Accuse Z} (a speaker phrase, then a communication
 * verb: the statement runs from the verb) and {@code Y – X} / {@code Y: X} (a statement, then its speaker
 * after a dash or colon at the end). {@code X: Y} is the attributor's own headline-colon rule.
 * Stateless: takes the headline's words and a function naming the speakers of a word range.
 */
final class HeadlineForms {
    private HeadlineForms() {
    }

    /** A headline statement: span, speakers, which form, the cue word. */
    record Form(int start, int end, List<Speaker> speakers, String kind, String cue) {
    }

    /** Longest speaker phrase before the verb, in words. */
    static final int MAX_SUBJECT = 6;

    /**
     * @param words    the headline's words
     * @param speakers given a word range [from, to), the speakers it names, or an empty list
     * @return the first headline form found, or null
     */
    static Form find(List<Word> words, BiFunction<Integer, Integer, List<Speaker>> speakers) {
        int n = words.size();
        if (n < 3) {
            return null;
        }
        int end = n;
        while (end > 0 && words.get(end - 1).isPunct()) {
            end--;
        }
        if (end < 2) {
            return null;
        }
        // X Verb Y: the first verb-like word after a speaker phrase at the start
        for (int k = 1; k < Math.min(end - 1, MAX_SUBJECT + 1); k++) {
            Word w = words.get(k);
            if (w.isPunct() && !w.text().equals(",") || w.isQuote()) {
                break;
            }
            Cue cue = Lexicon.cue(w.text());
            if (cue == null || cue.kind() != CueKind.FINITE || !w.isCapitalized()) {
                continue;
            }
            java.util.Set<String> particles = Lexicon.PARTICLE.get(cue.base());
            if (particles != null && !particles.contains(words.get(k + 1).lower())) {
                continue;
            }
            // "China to Protest ...": a headline's "to" is its future tense
            List<Speaker> s = speakers.apply(0, k - 1 >= 1 && words.get(k - 1).is("to") ? k - 1 : k);
            if (!s.isEmpty()) {
                return new Form(w.start(), words.get(end - 1).end(), s, "verb", w.text());
            }
        }
        // Y – X / Y: X: a short speaker phrase after the last dash or colon
        for (int k = end - 2; k >= Math.max(1, end - MAX_SUBJECT - 1); k--) {
            String t = words.get(k).text();
            if (t.equals("–") || t.equals("—") || t.equals("-") || t.equals(":")) {
                List<Speaker> s = speakers.apply(k + 1, end);
                int e = k - 1;
                while (e > 0 && words.get(e).isPunct() && !words.get(e).isQuote()) {
                    e--;
                }
                if (!s.isEmpty() && e >= 1) {
                    return new Form(words.get(0).start(), words.get(e).end(), s, "trailing-speaker", t);
                }
                break;
            }
        }
        return null;
    }
}
