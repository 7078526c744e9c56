package dev.newsstream.tagger.sentiment;

import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.SentimentAnalyzer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A faithful Java port of VADER ({@code vaderSentiment.SentimentIntensityAnalyzer.polarity_scores},
 * cjhutto/vaderSentiment 3.3.x): rule-based sentiment from a human-rated lexicon plus rules for
 * negation, boosters and dampeners, ALL-CAPS emphasis, "but", "least", a few idioms, emoji and
 * {@code !}/{@code ?} emphasis.
 *
 * <p><b>Contract.</b> {@link #score(String)} returns exactly what the Python reference's
 * {@code polarity_scores(text)} returns: {@code neg}, {@code neu}, {@code pos} rounded to 3 decimals
 * and {@code compound} rounded to 4, both with Python's {@code round()} (half-even on the exact binary
 * value). The reference's quirks are reproduced on purpose, because they are what the conformance gate
 * ({@code VaderConformanceTest}, 23,703 sentences) measures and what users of VADER numbers expect; see
 * {@code docs/sentiment.md} for the list. {@code null}, empty and whitespace-only text score
 * (0, 0, 0, 0), as the reference does for {@code ""}. The method never throws on any string (control
 * characters, lone surrogates, non-Latin scripts, megabytes of text).
 *
 * <p><b>Thread-safety.</b> Instances are immutable after construction and safe to share between
 * threads; {@link #load()} returns one per-JVM instance, so the lexicons are parsed once.
 */
public final class Vader implements SentimentAnalyzer {

    private static final String RESOURCE_DIR = "/dev/newsstream/tagger/sentiment/";
    static final String LEXICON_RESOURCE = RESOURCE_DIR + "vader_lexicon.txt";
    static final String EMOJI_RESOURCE = RESOURCE_DIR + "emoji_utf8_lexicon.txt";

    // Empirically derived constants of the reference (Hutto & Gilbert 2014).
    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final double NORMALIZE_ALPHA = 15;

    private static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = boosters();

    private static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
            "beating heart", 3.1, "broken heart", -2.9);

    /**
     * First words of the multi-word keys of {@link #SPECIAL_CASES} and {@link #BOOSTERS}: an n-gram is
     * only joined into a string (an allocation) when its first word could start a key.
     */
    private static final Set<String> NGRAM_STARTS = java.util.stream.Stream
            .concat(SPECIAL_CASES.keySet().stream(), BOOSTERS.keySet().stream())
            .filter(k -> k.indexOf(' ') > 0)
            .map(k -> k.substring(0, k.indexOf(' ')))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * Every word any rule looks up (lexicon, boosters, negations), so that each token costs one hash
     * lookup; absent words have no entry.
     */
    private final Map<String, WordInfo> words;
    private final Map<Integer, String> emojis;
    /** Smallest code point with an emoji description: text below it needs no emoji scan. */
    private final int minEmojiCodePoint;

    private Vader(Map<String, Double> lexicon, Map<Integer, String> emojis) {
        Map<String, WordInfo> w = new HashMap<>(lexicon.size() * 2);
        for (String key : java.util.stream.Stream.of(lexicon.keySet(), BOOSTERS.keySet(), NEGATE)
                .flatMap(Set::stream).toList()) {
            Double lex = lexicon.get(key);
            Double boost = BOOSTERS.get(key);
            w.put(key, new WordInfo(lex != null, lex == null ? 0 : lex, boost != null, boost == null ? 0 : boost,
                    NEGATE.contains(key) || key.contains("n't")));
        }
        this.words = Map.copyOf(w);
        this.emojis = emojis;
        this.minEmojiCodePoint = emojis.keySet().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
    }

    private static final class Holder {
        // Lazy holder: the lexicons are parsed on first use, once per JVM, without locking afterwards.
        static final Vader INSTANCE = fromClasspath();
    }

    /**
     * The per-JVM analyzer backed by the lexicons shipped in this module's resources.
     *
     * @throws IllegalStateException if a lexicon resource is missing or malformed (a packaging error)
     */
    public static Vader load() {
        return Holder.INSTANCE;
    }

    private static Vader fromClasspath() {
        return new Vader(parseLexicon(readResource(LEXICON_RESOURCE)), parseEmojis(readResource(EMOJI_RESOURCE)));
    }

    private static List<String> readResource(String name) {
        InputStream in = Vader.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("VADER resource " + name + " is not on the classpath;"
                    + " rebuild the newsstream-tagger jar (it ships the lexicons in src/main/resources)");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Cannot read VADER resource " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code token<TAB>mean<TAB>...} lines like the reference's {@code make_lex_dict}: blank lines
     * are skipped, a duplicated token keeps its last value, and keys are kept as written (lookups are
     * lower-cased, so mixed-case keys such as {@code :D} are never read, as in the reference).
     */
    static Map<String, Double> parseLexicon(List<String> lines) {
        Map<String, Double> lex = new HashMap<>(lines.size() * 2);
        for (int i = 0; i < lines.size(); i++) {
            String line = pyStrip(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length < 2) {
                    throw new NumberFormatException("expected token<TAB>mean, found no tab");
                }
                lex.put(f[0], Double.parseDouble(f[1]));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(LEXICON_RESOURCE + " line " + (i + 1) + ": " + e.getMessage()
                        + " in '" + line + "'; expected token<TAB>mean<TAB>sd<TAB>[ratings]", e);
            }
        }
        return Map.copyOf(lex);
    }

    /**
     * Parses {@code emoji<TAB>description} lines. The reference tests one code point at a time, so only
     * single-code-point keys can ever match; multi-code-point sequences are dropped here.
     */
    static Map<Integer, String> parseEmojis(List<String> lines) {
        Map<Integer, String> map = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = pyStrip(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 2) {
                throw new IllegalStateException(EMOJI_RESOURCE + " line " + (i + 1) + ": no tab in '" + line
                        + "'; expected emoji<TAB>description");
            }
            if (f[0].codePointCount(0, f[0].length()) == 1) {
                map.put(f[0].codePointAt(0), f[1]);
            }
        }
        return Map.copyOf(map);
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> m = new HashMap<>();
        for (String w : new String[] {"absolutely", "amazingly", "awfully", "completely", "considerable",
                "considerably", "decidedly", "deeply", "effing", "enormous", "enormously", "entirely",
                "especially", "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
                "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin", "fully", "fuckin",
                "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely", "incredible", "incredibly",
                "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite", "really",
                "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous",
                "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very"}) {
            m.put(w, B_INCR);
        }
        for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof",
                "kind-of", "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
                "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
            m.put(w, B_DECR);
        }
        return Map.copyOf(m);
    }

    /**
     * Scores {@code text} like the reference's {@code polarity_scores(text)}.
     *
     * @param text any string; {@code null} is treated as empty
     * @return neg/neu/pos rounded to 3 decimals and compound rounded to 4, as the reference returns them
     */
    @Override
    public Sentiment score(String text) {
        if (text == null || text.isEmpty()) {
            return new Sentiment(0.0, 0.0, 0.0, 0.0);
        }
        String replaced = replaceEmojis(text);
        double[] sentiments = wordValences(replaced);
        if (sentiments.length == 0) {
            return new Sentiment(0.0, 0.0, 0.0, 0.0);
        }
        return scoreValence(sentiments, punctuationEmphasis(replaced));
    }

    /**
     * The per-word valences of the reference after every rule including "but", one per whitespace token of
     * {@code text}, before punctuation emphasis, summing and normalising. For variants such as
     * {@link NewsVader} that re-weigh words but keep VADER's rules.
     */
    double[] wordValences(String text) {
        Tokens t = Tokens.of(text, this);
        double[] sentiments = new double[t.n];
        for (int i = 0; i < t.n; i++) {
            if (t.isBooster(i)) {
                continue; // boosters carry no valence of their own; they modify the next lexicon word
            }
            if (i < t.n - 1 && t.lower[i].equals("kind") && t.lower[i + 1].equals("of")) {
                continue;
            }
            sentiments[i] = valence(t, i);
        }
        butCheck(t, sentiments);
        return sentiments;
    }

    /**
     * The reference's emoji pass: each single-code-point emoji becomes its description, preceded by a
     * space unless the previous character was a plain space, and (a reference quirk) followed by nothing,
     * so "😁abc" becomes "beaming face with smiling eyesabc".
     */
    String replaceEmojis(String text) {
        int len = text.length();
        int i = 0;
        while (i < len) {
            int cp = text.codePointAt(i);
            if (cp >= minEmojiCodePoint && emojis.containsKey(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i == len) {
            return text; // the common case: no emoji, no copy
        }
        StringBuilder sb = new StringBuilder(len + 64);
        sb.append(text, 0, i);
        boolean prevSpace = i == 0 || text.charAt(i - 1) == ' ';
        while (i < len) {
            int cp = text.codePointAt(i);
            String description = cp >= minEmojiCodePoint ? emojis.get(cp) : null;
            if (description != null) {
                if (!prevSpace) {
                    sb.append(' ');
                }
                sb.append(description);
                prevSpace = false;
            } else {
                sb.appendCodePoint(cp);
                prevSpace = cp == ' ';
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** The reference's {@code sentiment_valence} for the word at {@code i}. */
    private static double valence(Tokens t, int i) {
        if (!t.inLex[i]) {
            return 0.0;
        }
        String[] w = t.lower;
        double v = t.lex[i];
        // "no" followed by a lexicon word is a negation, not the negative lexicon entry "no".
        if (w[i].equals("no") && i != t.n - 1 && t.inLex[i + 1]) {
            v = 0.0;
        }
        if ((i > 0 && w[i - 1].equals("no"))
                || (i > 1 && w[i - 2].equals("no"))
                || (i > 2 && w[i - 3].equals("no") && (w[i - 1].equals("or") || w[i - 1].equals("nor")))) {
            v = t.lex[i] * N_SCALAR;
        }
        // Reference quirk kept: a zero valence in caps (e.g. "NO" before a lexicon word) becomes -C_INCR.
        if (t.upper[i] && t.capDiff) {
            v = v > 0 ? v + C_INCR : v - C_INCR;
        }
        for (int start = 0; start < 3; start++) {
            int p = i - (start + 1);
            if (i > start && !t.inLex[p]) {
                double s = scalarIncDec(t, p, v);
                if (start == 1 && s != 0) {
                    s = s * 0.95;
                }
                if (start == 2 && s != 0) {
                    s = s * 0.9;
                }
                v = v + s;
                v = negationCheck(t, v, start, i);
                if (start == 2) {
                    v = specialIdiomsCheck(t, v, i);
                }
            }
        }
        return leastCheck(t, v, i);
    }

    private static double scalarIncDec(Tokens t, int p, double valence) {
        if (!t.isBooster(p)) {
            return 0.0;
        }
        double scalar = t.booster[p];
        if (valence < 0) {
            scalar *= -1;
        }
        if (t.upper[p] && t.capDiff) {
            scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
        }
        return scalar;
    }

    private static boolean isSoOrThis(String w) {
        return w.equals("so") || w.equals("this");
    }

    private static double negationCheck(Tokens t, double v, int start, int i) {
        String[] w = t.lower;
        if (start == 0) {
            if (t.negated[i - 1]) {
                v = v * N_SCALAR;
            }
        } else if (start == 1) {
            if (w[i - 2].equals("never") && isSoOrThis(w[i - 1])) {
                v = v * 1.25;
            } else if (w[i - 2].equals("without") && w[i - 1].equals("doubt")) {
                // "without doubt" is not a negation: keep v
            } else if (t.negated[i - 2]) {
                v = v * N_SCALAR;
            }
        } else {
            // Reference quirk kept: Python reads "A and B or C" as "(A and B) or C", so any "so"/"this"
            // right before the word boosts it, with or without "never".
            if ((w[i - 3].equals("never") && isSoOrThis(w[i - 2])) || isSoOrThis(w[i - 1])) {
                v = v * 1.25;
            } else if (w[i - 3].equals("without") && (w[i - 2].equals("doubt") || w[i - 1].equals("doubt"))) {
                // keep v
            } else if (t.negated[i - 3]) {
                v = v * N_SCALAR;
            }
        }
        return v;
    }

    /** Only called with {@code i >= 3}, as in the reference (from the third look-back step). */
    private static double specialIdiomsCheck(Tokens t, double v, int i) {
        String[] w = t.lower;
        String oneZero = ngram(w, i - 1, 2);
        String twoOneZero = ngram(w, i - 2, 3);
        String twoOne = ngram(w, i - 2, 2);
        String threeTwoOne = ngram(w, i - 3, 3);
        String threeTwo = ngram(w, i - 3, 2);
        for (String seq : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
            Double special = seq == null ? null : SPECIAL_CASES.get(seq);
            if (special != null) {
                v = special;
                break;
            }
        }
        if (t.n - 1 > i) {
            Double special = lookup(SPECIAL_CASES, ngram(w, i, 2));
            if (special != null) {
                v = special;
            }
        }
        if (t.n - 1 > i + 1) {
            Double special = lookup(SPECIAL_CASES, ngram(w, i, 3));
            if (special != null) {
                v = special;
            }
        }
        // Multi-word dampeners such as "kind of" preceding the word.
        for (String seq : new String[] {threeTwoOne, threeTwo, twoOne}) {
            Double boost = lookup(BOOSTERS, seq);
            if (boost != null) {
                v = v + boost;
            }
        }
        return v;
    }

    private static Double lookup(Map<String, Double> map, String key) {
        return key == null ? null : map.get(key);
    }

    /** The space-joined n-gram at {@code from}, or null when no multi-word key can start with its first word. */
    private static String ngram(String[] w, int from, int size) {
        if (!NGRAM_STARTS.contains(w[from])) {
            return null;
        }
        return size == 2 ? w[from] + ' ' + w[from + 1] : w[from] + ' ' + w[from + 1] + ' ' + w[from + 2];
    }

    private static double leastCheck(Tokens t, double v, int i) {
        String[] w = t.lower;
        if (i > 1 && !t.inLex[i - 1] && w[i - 1].equals("least")) {
            if (!w[i - 2].equals("at") && !w[i - 2].equals("very")) {
                v = v * N_SCALAR;
            }
        } else if (i > 0 && !t.inLex[i - 1] && w[i - 1].equals("least")) {
            v = v * N_SCALAR;
        }
        return v;
    }

    /**
     * The reference's {@code _but_check}, including its bug: it walks the list and, for each value, rescales
     * the <em>first</em> element equal to it ({@code list.index}), which may be another, already rescaled
     * word, or nothing when that element is the "but" itself. Zeros are skipped because rescaling a zero
     * changes nothing (the first zero found is rescaled to zero).
     */
    private static void butCheck(Tokens t, double[] s) {
        int bi = -1;
        for (int i = 0; i < t.n; i++) {
            if (t.lower[i].equals("but")) {
                bi = i;
                break;
            }
        }
        if (bi < 0) {
            return;
        }
        if (t.n > 64) {
            butRescaleLarge(s, bi);
        } else {
            butRescale(s, bi);
        }
    }

    /** The reference's rescaling loop as written: a scan for the first equal value per element. */
    static void butRescale(double[] s, int bi) {
        int n = s.length;
        for (int k = 0; k < n; k++) {
            double v = s[k];
            if (v == 0) {
                continue;
            }
            int si = 0;
            while (s[si] != v) {
                si++;
            }
            if (si < bi) {
                s[si] = v * 0.5;
            } else if (si > bi) {
                s[si] = v * 1.5;
            }
        }
    }

    /**
     * Same result as {@link #butRescale}, for long texts: "first index holding value v" is kept
     * per value in a min-heap, so a megabyte of text costs n log n rather than n squared.
     */
    static void butRescaleLarge(double[] s, int bi) {
        // Keys are non-zero, non-NaN doubles, for which Double.equals agrees with ==.
        Map<Double, PriorityQueue<Integer>> byValue = new HashMap<>();
        for (int q = 0; q < s.length; q++) {
            if (s[q] != 0) {
                byValue.computeIfAbsent(s[q], x -> new PriorityQueue<>()).add(q);
            }
        }
        for (int k = 0; k < s.length; k++) {
            double v = s[k];
            if (v == 0) {
                continue;
            }
            PriorityQueue<Integer> holders = byValue.get(v);
            int si = holders.peek();
            if (si == bi) {
                continue;
            }
            holders.poll();
            double nv = si < bi ? v * 0.5 : v * 1.5;
            s[si] = nv;
            byValue.computeIfAbsent(nv, x -> new PriorityQueue<>()).add(si);
        }
    }

    static Sentiment scoreValence(double[] sentiments, double punct) {
        double sum = 0;
        for (double s : sentiments) {
            sum += s;
        }
        if (sum > 0) {
            sum += punct;
        } else if (sum < 0) {
            sum -= punct;
        }
        double compound = normalize(sum);
        double posSum = 0.0;
        double negSum = 0.0;
        int neuCount = 0;
        for (double s : sentiments) {
            if (s > 0) {
                posSum += s + 1; // +1 compensates for neutral words being counted as 1
            }
            if (s < 0) {
                negSum += s - 1;
            }
            if (s == 0) {
                neuCount++;
            }
        }
        if (posSum > Math.abs(negSum)) {
            posSum += punct;
        } else if (posSum < Math.abs(negSum)) {
            negSum -= punct;
        }
        double total = posSum + Math.abs(negSum) + neuCount;
        double pos = Math.abs(posSum / total);
        double neg = Math.abs(negSum / total);
        double neu = Math.abs(neuCount / total);
        return new Sentiment(pyRound(neg, 3), pyRound(neu, 3), pyRound(pos, 3), pyRound(compound, 4));
    }

    static double punctuationEmphasis(String text) {
        int ep = 0;
        int qm = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c == '!') {
                ep++;
            } else if (c == '?') {
                qm++;
            }
        }
        double epAmp = Math.min(ep, 4) * 0.292;
        double qmAmp = 0;
        if (qm > 1) {
            qmAmp = qm <= 3 ? qm * 0.18 : 0.96;
        }
        return epAmp + qmAmp;
    }

    static double normalize(double score) {
        double norm = score / Math.sqrt(score * score + NORMALIZE_ALPHA);
        return norm < -1.0 ? -1.0 : Math.min(norm, 1.0);
    }

    private static final double[] POW10 = {1, 10, 100, 1000, 10000};

    /**
     * Python's {@code round(x, digits)}: round half to even on the exact binary value of {@code x}, then
     * the nearest double to the resulting decimal. The scaled product is exact enough unless it lies close
     * to a tie, where the exact (slow) decimal path decides.
     */
    static double pyRound(double x, int digits) {
        double scale = POW10[digits];
        double y = x * scale;
        double floor = Math.floor(y);
        double frac = y - floor;
        if (Math.abs(frac - 0.5) > 1e-6 && Math.abs(y) < 1e15) {
            double r = frac > 0.5 ? floor + 1 : floor;
            // Keep the sign of zero as Python does: round(-0.00001, 4) is -0.0.
            return r == 0 ? Math.copySign(0.0, x) : r / scale;
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double r = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    /**
     * Python's {@code str.strip()} with no argument: removes leading and trailing characters for which
     * {@code str.isspace()} is true.
     */
    static String pyStrip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isPySpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isPySpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /**
     * Python's {@code str.isspace()} for one character (all such characters are in the BMP): bidi classes
     * WS, B, S and category Zs. Note U+200B and U+FEFF are not whitespace to Python.
     */
    static boolean isPySpace(char c) {
        if (c <= ' ') {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        if (c < '\u0085') {
            return false;
        }
        return c == '\u0085' || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a')
                || c == '\u2028' || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    /** ASCII punctuation, Python's {@code string.punctuation}. */
    static boolean isPyPunct(int c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /**
     * Python's {@code str.isupper()}: at least one cased character and no lower- or title-case one.
     */
    static boolean pyIsUpper(String s) {
        boolean cased = false;
        for (int i = 0, len = s.length(); i < len; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128) {
                if (cp >= 'a' && cp <= 'z') {
                    return false;
                }
                if (cp >= 'A' && cp <= 'Z') {
                    cased = true;
                }
            } else if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
                return false;
            } else if (Character.isUpperCase(cp)) {
                cased = true;
            }
        }
        return cased;
    }

    /** Lower-cases like Python's {@code str.lower()}, without allocating for already-lower ASCII words. */
    static String pyLower(String s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    /** What the rules need to know about one lower-cased word. */
    private record WordInfo(boolean inLexicon, double valence, boolean isBooster, double boost, boolean negates) {
    }

    /**
     * The reference's {@code SentiText.words_and_emoticons}, with the per-word facts every rule needs
     * computed once: lower-cased form, lexicon valence, booster value, negation and ALL-CAPS flags.
     */
    private static final class Tokens {
        int n;
        String[] lower;
        boolean[] upper;
        boolean[] inLex;
        double[] lex;
        double[] booster;
        boolean[] isBoosterFlag;
        boolean[] negated;
        boolean capDiff;

        boolean isBooster(int i) {
            return isBoosterFlag[i];
        }

        static Tokens of(String text, Vader vader) {
            Tokens t = new Tokens();
            int len = text.length();
            int cap = 16;
            String[] lower = new String[cap];
            boolean[] upper = new boolean[cap];
            int n = 0;
            int upperCount = 0;
            int i = 0;
            while (i < len) {
                while (i < len && isPySpace(text.charAt(i))) {
                    i++;
                }
                if (i >= len) {
                    break;
                }
                int start = i;
                while (i < len && !isPySpace(text.charAt(i))) {
                    i++;
                }
                String word = stripPuncIfWord(text, start, i);
                if (n == cap) {
                    cap *= 2;
                    lower = java.util.Arrays.copyOf(lower, cap);
                    upper = java.util.Arrays.copyOf(upper, cap);
                }
                boolean up = pyIsUpper(word);
                upper[n] = up;
                if (up) {
                    upperCount++;
                }
                lower[n] = pyLower(word);
                n++;
            }
            t.n = n;
            t.lower = lower;
            t.upper = upper;
            int capDifferential = n - upperCount;
            t.capDiff = capDifferential > 0 && capDifferential < n;
            t.inLex = new boolean[n];
            t.lex = new double[n];
            t.booster = new double[n];
            t.isBoosterFlag = new boolean[n];
            t.negated = new boolean[n];
            for (int k = 0; k < n; k++) {
                String w = lower[k];
                WordInfo info = vader.words.get(w);
                if (info != null) {
                    t.inLex[k] = info.inLexicon();
                    t.lex[k] = info.valence();
                    t.isBoosterFlag[k] = info.isBooster();
                    t.booster[k] = info.boost();
                    t.negated[k] = info.negates();
                } else {
                    t.negated[k] = w.contains("n't");
                }
            }
            return t;
        }

        /**
         * {@code token.strip(string.punctuation)}, unless that leaves two code points or fewer, in which
         * case the token was probably an emoticon such as ":)" and is kept whole.
         */
        private static String stripPuncIfWord(String text, int start, int end) {
            int b = start;
            int e = end;
            while (b < e && isPyPunct(text.charAt(b))) {
                b++;
            }
            while (e > b && isPyPunct(text.charAt(e - 1))) {
                e--;
            }
            int strippedLen = e - b;
            if (strippedLen <= 2 || (strippedLen <= 4 && text.codePointCount(b, e) <= 2)) {
                return text.substring(start, end);
            }
            return text.substring(b, e);
        }
    }
}
