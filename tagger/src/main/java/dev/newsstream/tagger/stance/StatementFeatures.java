package dev.newsstream.tagger.stance;

import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.StanceResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features the trained stance and polarity classifiers see for one statement. Every feature is a name
 * and a value (1 for an indicator); see docs/stance.md for the list. Names are stable: they are the keys of
 * the committed weights, so changing one means retraining ({@link #VERSION} is recorded in the weights and
 * checked on load).
 *
 * <ul>
 *   <li>{@code w:STEM} words of the statement (the cue lexicon's tokens and crude stems), {@code b:S1_S2}
 *       bigrams, {@code neg_w:STEM} words within three tokens after a negator;</li>
 *   <li>{@code first:STEM} the statement's first word (the verb, when the verb carries the meaning:
 *       "accused", "denied"), {@code pre:STEM} up to three words just before the statement in its
 *       sentence (the reporting verb and its particles: "warned that", "urged"), {@code post:STEM} up to three
 *       words after it ("he warned");</li>
 *   <li>{@code lex:LABEL}, {@code lexrule:RULE}, {@code cue:PHRASE}, {@code cuerule:RULE} the lexicon
 *       classifier's verdict and the cues that fired;</li>
 *   <li>{@code vader:compound}, {@code vader:pos}, {@code vader:neg} (real values) and {@code vbin:...}
 *       bins of VADER's scores;</li>
 *   <li>{@code has:negation|modal|demand|condition|question|we|they}, {@code direct}, {@code len:BIN}.</li>
 * </ul>
 */
public final class StatementFeatures {
    /** Bump when a feature's name or meaning changes; the weights carry it and loading checks it. */
    public static final int VERSION = 1;

    private static final Set<String> NEGATORS = Set.of("not", "n't", "no", "never", "nor", "neither", "nothing",
            "none", "without");
    private static final Set<String> MODALS = Set.of("will", "'ll", "wo", "would", "'d", "shall", "can", "ca",
            "could", "may", "might");
    private static final Set<String> DEMANDS = Set.of("must", "should", "need", "ought", "demand", "urg");
    private static final Set<String> CONDITIONS = Set.of("if", "unless", "until", "provid");
    private static final Set<String> FIRST_PERSON = Set.of("we", "our", "us", "i", "my", "ourselv");
    private static final Set<String> THIRD_PERSON = Set.of("they", "their", "them", "you", "your");
    private static final int PRE_WORDS = 3;
    private static final int POST_WORDS = 3;

    private StatementFeatures() {
    }

    /** Feature names with their values, in extraction order (a name occurs once; later values add up). */
    public static Map<String, Double> extract(String statement, boolean direct, String paragraph, int start,
                                              Sentiment vader, StanceResult lexicon) {
        Map<String, Double> f = new LinkedHashMap<>();
        CueTokens t = CueTokens.of(statement);
        int negUntil = -1;
        for (int i = 0; i < t.n; i++) {
            String s = t.stem[i];
            put(f, "w:" + s);
            if (i + 1 < t.n && t.clause[i + 1] == t.clause[i]) {
                put(f, "b:" + s + "_" + t.stem[i + 1]);
            }
            if (i <= negUntil && !NEGATORS.contains(s)) {
                put(f, "neg_w:" + s);
            }
            if (NEGATORS.contains(s)) {
                negUntil = i + 3;
                put(f, "has:negation");
            }
            if (MODALS.contains(s)) {
                put(f, "has:modal");
            }
            if (DEMANDS.contains(s) || (s.equals("have") || s.equals("has")) && i + 1 < t.n
                    && t.stem[i + 1].equals("to")) {
                put(f, "has:demand");
            }
            if (CONDITIONS.contains(s)) {
                put(f, "has:condition");
            }
            if (FIRST_PERSON.contains(s)) {
                put(f, "has:we");
            }
            if (THIRD_PERSON.contains(s)) {
                put(f, "has:they");
            }
        }
        if (t.n > 0) {
            put(f, "first:" + t.stem[0]);
        }
        if (statement != null && statement.indexOf('?') >= 0) {
            put(f, "has:question");
        }
        if (direct) {
            put(f, "direct");
        }
        put(f, "len:" + (t.n <= 3 ? "1-3" : t.n <= 8 ? "4-8" : t.n <= 20 ? "9-20" : "21+"));
        if (paragraph != null && start > 0 && start <= paragraph.length()) {
            List<String> before = lastWords(paragraph.substring(Math.max(0, start - 80), start));
            int from = Math.max(0, before.size() - PRE_WORDS);
            for (int i = from; i < before.size(); i++) {
                put(f, "pre:" + before.get(i));
            }
            int end = Math.min(paragraph.length(), start + (statement == null ? 0 : statement.length()));
            List<String> after = firstWords(paragraph.substring(end, Math.min(paragraph.length(), end + 60)));
            for (int i = 0; i < after.size() && i < POST_WORDS; i++) {
                put(f, "post:" + after.get(i));
            }
        }
        if (lexicon != null) {
            put(f, "lex:" + lexicon.stance().label());
            put(f, "lexrule:" + lexicon.rule());
            for (String cue : lexicon.cues()) {
                int colon = cue.lastIndexOf(':');
                put(f, "cue:" + (colon > 0 ? cue.substring(0, colon) : cue));
                if (colon > 0) {
                    put(f, "cuerule:" + cue.substring(colon + 1));
                }
            }
        }
        if (vader != null) {
            f.put("vader:compound", vader.compound());
            f.put("vader:pos", vader.pos());
            f.put("vader:neg", vader.neg());
            double c = vader.compound();
            put(f, "vbin:" + (c <= -0.5 ? "--" : c <= -0.05 ? "-" : c < 0.05 ? "0" : c < 0.5 ? "+" : "++"));
            if (vader.neg() > 0 && vader.pos() > 0) {
                put(f, "vbin:mixed");
            }
        }
        return f;
    }

    /** The words (stems) of the sentence part just before a statement, stopping at a sentence end. */
    private static List<String> lastWords(String before) {
        int cut = Math.max(Math.max(before.lastIndexOf(". "), before.lastIndexOf("? ")), before.lastIndexOf("! "));
        String s = cut >= 0 ? before.substring(cut + 2) : before;
        CueTokens t = CueTokens.of(s);
        List<String> out = new ArrayList<>(t.n);
        for (int i = 0; i < t.n; i++) {
            out.add(t.stem[i]);
        }
        return out;
    }

    /** The words (stems) just after a statement, up to the end of its sentence. */
    private static List<String> firstWords(String after) {
        CueTokens t = CueTokens.of(after);
        List<String> out = new ArrayList<>(t.n);
        for (int i = 0; i < t.n && t.sentence[i] == t.sentence[0]; i++) {
            out.add(t.stem[i]);
        }
        return out;
    }

    private static void put(Map<String, Double> f, String name) {
        f.merge(name, 1.0, (a, b) -> 1.0);
    }
}
