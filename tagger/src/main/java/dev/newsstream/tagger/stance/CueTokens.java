package dev.newsstream.tagger.stance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The statement as the classifier sees it: lower-cased tokens, a crude stem per token, and the clause and
 * sentence each token belongs to. Cue phrases are run through the same code, so a stem only has to be
 * consistent, never linguistically right ("removes", "removed" and "remove" all become "remov").
 *
 * <p>Clitics are split the Penn Treebank way ("couldn't" -> "could n't", "won't" -> "wo n't", "we'll" ->
 * "we 'll") so that one negator token and one modal token serve every contraction. One pass over the
 * characters; instances are created per call and not shared, so there is nothing to make thread-safe.
 */
final class CueTokens {
    /** Words a suffix rule would mangle into another cue ("willing" must not become the modal "will"). */
    private static final Set<String> KEEP = Set.of("willing", "during", "nothing", "something", "anything",
            "everything", "morning", "evening", "being", "thing", "things", "bring", "king", "string", "spring",
            "wing", "news", "ceasefire", "us", "yes", "this", "thus", "has", "was", "is", "its", "less",
            "unless", "always", "perhaps", "series", "species", "united", "red", "need", "needs", "goods");
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "gen", "lt", "col",
            "sen", "rep", "gov", "prof", "no", "vs", "jan", "feb", "aug", "sept", "oct", "nov", "dec");

    final String text;
    String[] surface = new String[32];
    String[] stem = new String[32];
    int[] clause = new int[32];
    int[] sentence = new int[32];
    int n;

    private CueTokens(String text) {
        this.text = text;
    }

    static CueTokens of(String raw) {
        CueTokens t = new CueTokens(raw == null ? "" : raw);
        t.scan();
        return t;
    }

    private void scan() {
        String s = text;
        int len = s.length();
        int clauseId = 0;
        int sentenceId = 0;
        StringBuilder word = new StringBuilder(16);
        int i = 0;
        while (i < len) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                // Capitals are lost by lower-casing, and "US" (the country) must not become "us" (the speaker).
                if (c == 'S' && word.length() == 1 && word.charAt(0) == 'u' && i > 0 && s.charAt(i - 1) == 'U'
                        && (i + 1 == len || !Character.isLetterOrDigit(s.charAt(i + 1)))) {
                    word.setLength(0);
                    word.append("u.s");
                    i++;
                    continue;
                }
                word.append(Character.toLowerCase(c));
                i++;
                continue;
            }
            boolean apostrophe = c == '\'' || c == '\u2019' || c == '\u2018';
            if (apostrophe && word.length() > 0 && i + 1 < len && Character.isLetter(s.charAt(i + 1))) {
                // Split a clitic off the word: n't, 'll, 're, 've, 'd, 's, 'm.
                int j = i + 1;
                while (j < len && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                String tail = s.substring(i + 1, j).toLowerCase(Locale.ROOT);
                if (tail.equals("t") && word.length() > 1 && word.charAt(word.length() - 1) == 'n') {
                    word.setLength(word.length() - 1);
                    flush(word, clauseId, sentenceId);
                    add("n't", clauseId, sentenceId);
                } else if (tail.equals("ll") || tail.equals("re") || tail.equals("ve") || tail.equals("d")
                        || tail.equals("s") || tail.equals("m")) {
                    flush(word, clauseId, sentenceId);
                    add("'" + tail, clauseId, sentenceId);
                } else {
                    word.append('\'').append(tail);
                }
                i = j;
                continue;
            }
            if (apostrophe && word.length() == 0 && i + 1 < len && Character.isLetter(s.charAt(i + 1))) {
                // A clitic written on its own, as in the lexicon ("'ll", "'d"); otherwise an opening quote mark.
                int j = i + 1;
                while (j < len && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                String tail = s.substring(i + 1, j).toLowerCase(Locale.ROOT);
                if (tail.equals("ll") || tail.equals("re") || tail.equals("ve") || tail.equals("d")
                        || tail.equals("s") || tail.equals("m")) {
                    add("'" + tail, clauseId, sentenceId);
                    i = j;
                    continue;
                }
            }
            if (c == '.' && word.length() > 0 && i + 1 < len && Character.isLetter(s.charAt(i + 1))) {
                word.append('.'); // U.S., U.N.: keep the abbreviation in one token
                i++;
                continue;
            }
            String prev = word.length() > 0 ? word.toString() : (n > 0 ? surface[n - 1] : "");
            flush(word, clauseId, sentenceId);
            switch (c) {
                case '.':
                    if (i + 2 < len && s.charAt(i + 1) == '.' && s.charAt(i + 2) == '.') {
                        i += 2; // "..." is an ellipsis, a sentence break
                        sentenceId++;
                        clauseId++;
                    } else if (!(prev.length() == 1 || prev.indexOf('.') >= 0 || ABBREVIATIONS.contains(prev))) {
                        sentenceId++;
                        clauseId++;
                    }
                    break;
                case '!': case '?': case '\u2026':
                    sentenceId++;
                    clauseId++;
                    break;
                case ',': case ';': case ':': case '(': case ')': case '\u2013': case '\u2014':
                    clauseId++;
                    break;
                case '-':
                    // A hyphen inside a word ("de-escalation") only splits the word; a spaced dash is a clause break.
                    if (!(prev.length() > 0 && i + 1 < len && Character.isLetterOrDigit(s.charAt(i + 1))
                            && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
                        clauseId++;
                    }
                    break;
                default:
                    if (c == '*') {
                        add("*", clauseId, sentenceId); // the wildcard of cue phrases; harmless in statements
                    }
                    break;
            }
            i++;
        }
        flush(word, clauseId, sentenceId);
    }

    private void flush(StringBuilder word, int clauseId, int sentenceId) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString();
        word.setLength(0);
        if (w.equals("cannot")) {
            add("can", clauseId, sentenceId);
            add("not", clauseId, sentenceId);
            return;
        }
        add(w, clauseId, sentenceId);
    }

    private void add(String w, int clauseId, int sentenceId) {
        if (n == surface.length) {
            int cap = n * 2;
            surface = Arrays.copyOf(surface, cap);
            stem = Arrays.copyOf(stem, cap);
            clause = Arrays.copyOf(clause, cap);
            sentence = Arrays.copyOf(sentence, cap);
        }
        surface[n] = w;
        stem[n] = stem(w);
        clause[n] = clauseId;
        sentence[n] = sentenceId;
        n++;
    }

    /** Surface text of tokens [from, to), joined by spaces, for evidence. */
    String span(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to; k++) {
            if (k > from && !surface[k].startsWith("'") && !surface[k].equals("n't")) {
                b.append(' ');
            }
            b.append(surface[k]);
        }
        return b.toString();
    }

    /**
     * A crude suffix stripper (ies, ing, ed, es, s, then a doubled consonant and a final e). Consistency is
     * all that matters: cue phrases and statements pass through the same function.
     */
    static String stem(String w) {
        int len = w.length();
        if (len <= 3 || KEEP.contains(w) || w.indexOf('\'') >= 0 || w.indexOf('.') >= 0
                || !Character.isLetter(w.charAt(len - 1))) {
            return w;
        }
        String s = w;
        boolean verbal = false;
        boolean stripped = true;
        if (s.endsWith("ies") && len > 4) {
            s = s.substring(0, len - 3) + "y";
        } else if (s.endsWith("ing") && len - 3 >= 3) {
            s = s.substring(0, len - 3);
            verbal = true;
        } else if (s.endsWith("ed") && len - 2 >= 3) {
            s = s.substring(0, len - 2);
            verbal = true;
        } else if (s.endsWith("es") && len - 2 >= 3 && !s.endsWith("ses") && !s.endsWith("ees")) {
            s = s.substring(0, len - 2);
        } else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) {
            s = s.substring(0, len - 1);
            stripped = false; // a plural keeps the base's final e: "pledges" goes the way of "pledge"
        } else {
            stripped = false;
        }
        int l = s.length();
        if (verbal && l >= 4 && s.charAt(l - 1) == s.charAt(l - 2) && "lsz".indexOf(s.charAt(l - 1)) < 0
                && "aeiou".indexOf(s.charAt(l - 1)) < 0) {
            s = s.substring(0, l - 1); // stopped -> stopp -> stop
        }
        l = s.length();
        // After -ed/-ing/-es the e is usually gone already ("agreed" -> "agre"); only "agreeing" -> "agree" keeps one.
        if (l > 3 && s.charAt(l - 1) == 'e' && (!stripped || s.charAt(l - 2) == 'e')) {
            s = s.substring(0, l - 1);
        }
        return s;
    }
}
