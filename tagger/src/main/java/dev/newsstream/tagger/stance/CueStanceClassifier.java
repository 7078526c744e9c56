package dev.newsstream.tagger.stance;

import dev.newsstream.tagger.Stance;
import dev.newsstream.tagger.StanceClassifier;
import dev.newsstream.tagger.StanceResult;
import dev.newsstream.tagger.stance.CueLexicon.CueClass;
import dev.newsstream.tagger.stance.CueLexicon.Hit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stance from cue phrases: a weighted vote of cooperative and confrontational cues found in the statement,
 * adjusted by negation, modality, conditionals, demands aimed at the other side and "but" clauses.
 *
 * <p><b>Contract.</b> {@link #classify} takes the statement's own text and the speaker's side code (an
 * {@code actor:<SIDE>} cue naming the speaker's own side counts as "self", any other side as "the other side";
 * {@code UNKNOWN} or null makes every named side "other"). It returns a {@link StanceResult} whose {@code rule}
 * names what decided ({@code cue-score}, {@code negated-cooperative}, {@code negated-confrontational},
 * {@code demand-modal}, {@code refusal}, {@code offer}, {@code threat}, {@code conditional-offer},
 * {@code conditional-threat}, {@code procedural-neutral}, {@code balanced-neutral}, {@code no-cue-neutral})
 * and whose {@code cues} list the phrases that counted, as {@code "phrase:rule"}. It never throws: null or
 * empty text is {@code no-cue-neutral}, and an unexpected failure is reported as rule {@code error}.
 * Time is linear in the statement length. Sentiment is deliberately not used: a sad offer is still an offer.
 *
 * <p><b>Thread-safety.</b> Immutable; one instance is shared by all threads. {@link #loadDefault()} parses
 * the bundled lexicon once per JVM.
 */
public final class CueStanceClassifier implements StanceClassifier {
    static final String DEFAULT_RESOURCE = "/dev/newsstream/tagger/stance/cues.tsv";

    /** Tokens before a cue that a negator, modal or demand may stand in ("will permanently and completely dismantle"). */
    private static final int NEGATION_WINDOW = 4;
    private static final int MODAL_WINDOW = 4;
    private static final int SUBJECT_WINDOW = 3;
    /** The smallest lead one stance needs over the other; below it the statement is balanced, hence neutral. */
    private static final double MIN_MARGIN = 0.5;
    private static final double CONDITIONAL_WEIGHT = 2.0;
    private static final double DEMAND_WEIGHT = 1.5;
    /** "Sanctions must be lifted": a demand with no named target is weaker evidence than "they must". */
    private static final double PASSIVE_DEMAND_WEIGHT = 1.0;
    private static final double REFUSAL_WEIGHT = 1.0;
    /** Negating a confrontational cue ("not a threat") reassures, but less strongly than an outright offer. */
    private static final double NEGATED_CONFRONTATIONAL_FACTOR = 0.5;
    /** A concession merely reported ("halting drills") leans cooperative; offered ("we will halt") it counts fully. */
    private static final double BARE_CONCESSION_FACTOR = 0.5;

    private final CueLexicon lexicon;

    private CueStanceClassifier(CueLexicon lexicon) {
        this.lexicon = lexicon;
    }

    private static final class Holder {
        static final CueStanceClassifier DEFAULT = new CueStanceClassifier(defaults().build());
    }

    /** The classifier with the bundled cue lexicon; parsed once per JVM and shared. */
    public static CueStanceClassifier loadDefault() {
        return Holder.DEFAULT;
    }

    /**
     * The bundled lexicon with {@code userCueFile} merged over it: a phrase in the user file replaces the
     * bundled entry for the same phrase, weight 0 removes it, new phrases are added.
     *
     * @throws IllegalArgumentException naming the file, line and expected format when a line is malformed
     * @throws UncheckedIOException when the file cannot be read
     */
    public static CueStanceClassifier load(Path userCueFile) {
        CueLexicon.Builder b = defaults();
        try (BufferedReader in = Files.newBufferedReader(userCueFile, StandardCharsets.UTF_8)) {
            b.read(in, userCueFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stance cue file " + userCueFile
                    + " (expected UTF-8 text, one cue per line: " + CueLexicon.FORMAT + ")", e);
        }
        return new CueStanceClassifier(b.build());
    }

    private static CueLexicon.Builder defaults() {
        InputStream in = CueStanceClassifier.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("bundled stance cue lexicon " + DEFAULT_RESOURCE
                    + " is missing from the classpath; the tagger jar is incomplete");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new CueLexicon.Builder().read(r, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Number of phrases in the effective lexicon (bundled plus user). */
    public int cueCount() {
        return lexicon.size();
    }

    @Override
    public StanceResult classify(String statement, String speakerSide) {
        if (statement == null || statement.isBlank()) {
            return new StanceResult(Stance.NEUTRAL, "no-cue-neutral", List.of());
        }
        try {
            return decide(CueTokens.of(statement), speakerSide);
        } catch (RuntimeException e) {
            // The tagger runs inside a stream processor: one odd statement must not stop the stream.
            return new StanceResult(Stance.NEUTRAL, "error", List.of(e.getClass().getSimpleName()));
        }
    }

    /** One scored piece of evidence. */
    private record Vote(int pos, Stance stance, double weight, String rule, String cue) { }

    private StanceResult decide(CueTokens t, String speakerSide) {
        String side = speakerSide == null ? "" : speakerSide.trim().toUpperCase(Locale.ROOT);
        List<Hit> hits = lexicon.match(t);
        int n = t.n;
        // Per-token role of the hit that covers it (null when uncovered).
        CueClass[] role = new CueClass[n];
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            CueClass c = hit.cue().cls();
            if (c == CueClass.ACTOR) {
                c = !side.isEmpty() && !side.equals("UNKNOWN") && side.equals(hit.cue().side())
                        ? CueClass.SELF : CueClass.OTHER;
            }
            for (int k = hit.start(); k < hit.end(); k++) {
                role[k] = c;
            }
        }
        double[] contrast = contrastFactors(t, role);

        List<Vote> votes = new ArrayList<>();
        boolean[] consumedByDemand = new boolean[hits.size()];
        // Demands aimed at the other side: "they have to do more", "Russia must withdraw".
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            if (hit.cue().cls() != CueClass.DEMAND) {
                continue;
            }
            int subject = find(role, t, hit.start() - 1, hit.start() - SUBJECT_WINDOW, CueClass.OTHER, CueClass.SELF);
            if (negatedBefore(t, role, hit.start())) {
                continue;
            }
            if (subject >= 0 && role[subject] == CueClass.OTHER) {
                votes.add(new Vote(subject, Stance.CONFRONTATIONAL,
                        DEMAND_WEIGHT * hit.cue().weight() * cf(contrast, hit.start()), "demand-modal",
                        t.span(subject, hit.end())));
            } else if (subject < 0 && hit.end() < n && t.stem[hit.end()].equals("be")) {
                votes.add(new Vote(hit.start(), Stance.CONFRONTATIONAL,
                        PASSIVE_DEMAND_WEIGHT * hit.cue().weight() * cf(contrast, hit.start()), "demand-modal",
                        t.span(hit.start(), hit.end() + 1)));
            } else {
                continue;
            }
            // What follows a demand is the demanded act, not an offer: "they must show goodwill".
            for (int g = h + 1; g < hits.size(); g++) {
                Hit next = hits.get(g);
                if (next.start() - hit.end() > MODAL_WINDOW || t.clause[next.start()] != t.clause[hit.start()]) {
                    break;
                }
                consumedByDemand[g] = true;
            }
        }

        // Conditionals: split the sentence into condition and consequence; the condition's cues only shape it.
        // Sentence and clause ends are precomputed so that many "if"s in one long sentence stay linear.
        boolean anyCondition = false;
        for (Hit hit : hits) {
            anyCondition |= hit.cue().cls() == CueClass.CONDITION;
        }
        int[] sentenceStart = anyCondition ? new int[n] : null;
        int[] sentenceEnd = anyCondition ? new int[n] : null;
        int[] clauseEnd = anyCondition ? new int[n] : null;
        for (int k = 0; anyCondition && k < n; k++) {
            sentenceStart[k] = k > 0 && t.sentence[k - 1] == t.sentence[k] ? sentenceStart[k - 1] : k;
        }
        for (int k = n - 1; anyCondition && k >= 0; k--) {
            boolean sameSentence = k + 1 < n && t.sentence[k + 1] == t.sentence[k];
            sentenceEnd[k] = sameSentence ? sentenceEnd[k + 1] : k + 1;
            clauseEnd[k] = k + 1 < n && t.clause[k + 1] == t.clause[k] ? clauseEnd[k + 1] : k + 1;
        }
        boolean[] inAntecedent = new boolean[n];
        List<int[]> conditionals = new ArrayList<>(0); // {condStart, antStart, antEnd, consStart, consEnd, unless}
        for (Hit hit : hits) {
            if (hit.cue().cls() != CueClass.CONDITION) {
                continue;
            }
            int p = hit.start();
            int sb = sentenceStart[p];
            int se = sentenceEnd[p];
            int ce = Math.max(hit.end(), clauseEnd[p]);
            boolean leading = true;
            for (int k = sb; k < p; k++) {
                if (role[k] != CueClass.CONTRAST && role[k] != CueClass.IGNORE) {
                    leading = false;
                    break;
                }
            }
            int unless = hit.cue().phrase().startsWith("unless") ? 1 : 0;
            if (leading) {
                conditionals.add(new int[] {p, hit.end(), ce, ce, se, unless});
            } else {
                conditionals.add(new int[] {p, hit.end(), ce, sb, p, unless});
            }
            for (int k = p; k < ce && !inAntecedent[k]; k++) {
                inAntecedent[k] = true;
            }
        }

        // Ordinary cues, with negation and modality.
        List<Vote> antecedentVotes = new ArrayList<>();
        // Tokens up to which cooperative cues are the object of a refusal ("would not agree to a ceasefire").
        int refusedUntil = -1;
        for (int h = 0; h < hits.size(); h++) {
            Hit hit = hits.get(h);
            CueClass c = hit.cue().cls();
            int p = hit.start();
            double w = hit.cue().weight();
            if (c == CueClass.NEUTRAL) {
                if (!inAntecedent[p]) {
                    votes.add(new Vote(p, Stance.NEUTRAL, w * cf(contrast, p), "procedural-neutral",
                            t.span(p, hit.end())));
                }
                continue;
            }
            if (c != CueClass.COOPERATIVE && c != CueClass.CONFRONTATIONAL && c != CueClass.CONCESSION
                    && c != CueClass.HOSTILE) {
                continue;
            }
            if (consumedByDemand[h] && c != CueClass.CONFRONTATIONAL) {
                continue;
            }
            if (p < refusedUntil && !inAntecedent[p] && c != CueClass.CONFRONTATIONAL && c != CueClass.HOSTILE) {
                continue;
            }
            String cue = t.span(p, hit.end());
            boolean negated = negatedBefore(t, role, p);
            boolean governed = find(role, t, p - 1, p - MODAL_WINDOW, CueClass.MODAL, null) >= 0;
            Stance base = (c == CueClass.COOPERATIVE || c == CueClass.CONCESSION) ? Stance.COOPERATIVE
                    : Stance.CONFRONTATIONAL;
            if (inAntecedent[p]) {
                // In a condition the act itself matters, offered or not: "if they attack", "if they lift sanctions".
                Stance s = negated ? flip(base) : base;
                antecedentVotes.add(new Vote(p, s, w, "condition", cue));
                continue;
            }
            String rule = "cue-score";
            if (c == CueClass.CONCESSION) {
                if (governed) {
                    rule = "offer";
                } else {
                    w *= BARE_CONCESSION_FACTOR;
                }
            } else if (c == CueClass.HOSTILE) {
                if (!governed) {
                    continue; // a hostile act reported as fact is not a stance ("the strike killed three")
                }
                rule = "threat";
            }
            Stance s = base;
            if (negated) {
                if (base == Stance.COOPERATIVE) {
                    s = Stance.CONFRONTATIONAL;
                    rule = "negated-cooperative";
                    refusedUntil = hit.end();
                    while (refusedUntil < n && refusedUntil < hit.end() + MODAL_WINDOW
                            && t.clause[refusedUntil] == t.clause[p]) {
                        refusedUntil++;
                    }
                } else {
                    s = Stance.COOPERATIVE;
                    w *= NEGATED_CONFRONTATIONAL_FACTOR;
                    rule = "negated-confrontational";
                }
            }
            votes.add(new Vote(p, s, w * cf(contrast, p), rule, cue));
        }

        // Refusals with no cue in scope: "we couldn't do that", "we won't give up the sanctions".
        for (int k = 0; k + 1 < n; k++) {
            if (role[k] != CueClass.MODAL || role[k + 1] != CueClass.NEGATOR || inAntecedent[k]) {
                continue;
            }
            boolean cueInScope = false;
            for (int j = k + 2; j < n && j <= k + 1 + NEGATION_WINDOW && t.clause[j] == t.clause[k]; j++) {
                CueClass r = role[j];
                if (r == CueClass.COOPERATIVE || r == CueClass.CONFRONTATIONAL || r == CueClass.CONCESSION
                        || r == CueClass.HOSTILE) {
                    cueInScope = true;
                    break;
                }
            }
            if (!cueInScope) {
                int end = Math.min(n, k + 4);
                while (end > k + 2 && t.clause[end - 1] != t.clause[k]) {
                    end--;
                }
                votes.add(new Vote(k, Stance.CONFRONTATIONAL, REFUSAL_WEIGHT * cf(contrast, k), "refusal", t.span(k, end)));
            }
        }

        // Prefix sums of votes by token position answer "how much in [a, b)" in constant time per conditional.
        double[][] ante = conditionals.isEmpty() ? null : prefixSums(antecedentVotes, n);
        double[][] cons = conditionals.isEmpty() ? null : prefixSums(votes, n);
        int[] modalsBefore = conditionals.isEmpty() ? null : new int[n + 1];
        for (int k = 0; modalsBefore != null && k < n; k++) {
            modalsBefore[k + 1] = modalsBefore[k] + (role[k] == CueClass.MODAL ? 1 : 0);
        }
        for (int[] cond : conditionals) {
            // Without a commitment in the consequence ("we will", "ready to") the condition alone is no offer or
            // threat: "plans to be used if no agreement is reached" is procedure.
            boolean committed = modalsBefore[cond[4]] - modalsBefore[cond[3]] > 0;
            double antCoop = ante[0][cond[2]] - ante[0][cond[1]];
            double antConf = ante[1][cond[2]] - ante[1][cond[1]];
            double consCoop = cons[0][cond[4]] - cons[0][cond[3]];
            double consConf = cons[1][cond[4]] - cons[1][cond[3]];
            Stance shape;
            if (consConf > consCoop) {
                shape = Stance.CONFRONTATIONAL;
            } else if (consCoop > consConf) {
                shape = cond[5] == 1 ? Stance.CONFRONTATIONAL : Stance.COOPERATIVE;
            } else if (committed && antConf > antCoop) {
                shape = Stance.CONFRONTATIONAL;
            } else if (committed && antCoop > antConf) {
                // "Unless they lift sanctions, ..." is an ultimatum; "if they lift sanctions, ..." an offer.
                shape = cond[5] == 1 ? Stance.CONFRONTATIONAL : Stance.COOPERATIVE;
            } else {
                continue;
            }
            String rule = shape == Stance.COOPERATIVE ? "conditional-offer" : "conditional-threat";
            votes.add(new Vote(cond[0], shape, CONDITIONAL_WEIGHT * cf(contrast, cond[0]), rule,
                    t.span(cond[0], cond[2])));
        }
        return verdict(votes);
    }

    private static StanceResult verdict(List<Vote> votes) {
        double coop = 0;
        double conf = 0;
        double neutral = 0;
        for (Vote v : votes) {
            switch (v.stance()) {
                case COOPERATIVE -> coop += v.weight();
                case CONFRONTATIONAL -> conf += v.weight();
                default -> neutral += v.weight();
            }
        }
        votes.sort((a, b) -> Integer.compare(a.pos(), b.pos()));
        if (coop == 0 && conf == 0) {
            return new StanceResult(Stance.NEUTRAL, neutral > 0 ? "procedural-neutral" : "no-cue-neutral",
                    cues(votes, Stance.NEUTRAL));
        }
        Stance winner = coop > conf ? Stance.COOPERATIVE : Stance.CONFRONTATIONAL;
        double top = Math.max(coop, conf);
        if (top - Math.min(coop, conf) < MIN_MARGIN) {
            return new StanceResult(Stance.NEUTRAL, "balanced-neutral", cues(votes, null));
        }
        if (neutral >= top) {
            return new StanceResult(Stance.NEUTRAL, "procedural-neutral", cues(votes, null));
        }
        Vote strongest = null;
        for (Vote v : votes) {
            if (v.stance() == winner && (strongest == null || v.weight() > strongest.weight())) {
                strongest = v;
            }
        }
        return new StanceResult(winner, strongest.rule(), cues(votes, null));
    }

    private static List<String> cues(List<Vote> votes, Stance only) {
        List<String> out = new ArrayList<>(votes.size());
        for (Vote v : votes) {
            if (only == null || v.stance() == only) {
                out.add(v.cue() + ":" + v.rule());
            }
        }
        return out;
    }

    /** [0] cooperative and [1] confrontational weight of the votes before each token position. */
    private static double[][] prefixSums(List<Vote> votes, int n) {
        double[][] sums = new double[2][n + 1];
        for (Vote v : votes) {
            if (v.stance() != Stance.NEUTRAL) {
                sums[v.stance() == Stance.COOPERATIVE ? 0 : 1][v.pos() + 1] += v.weight();
            }
        }
        for (int k = 1; k <= n; k++) {
            sums[0][k] += sums[0][k - 1];
            sums[1][k] += sums[1][k - 1];
        }
        return sums;
    }

    private static Stance flip(Stance s) {
        return s == Stance.COOPERATIVE ? Stance.CONFRONTATIONAL : Stance.COOPERATIVE;
    }

    /**
     * A negator among the few tokens before {@code p}, in the same clause, that is not part of a longer cue and
     * has not already been spent on a nearer cue ("will not allow China to flood": only "allow" is negated).
     */
    private static boolean negatedBefore(CueTokens t, CueClass[] role, int p) {
        for (int k = p - 1; k >= 0 && k >= p - NEGATION_WINDOW && t.clause[k] == t.clause[p]; k--) {
            if (role[k] == CueClass.NEGATOR) {
                return true;
            }
            CueClass r = role[k];
            if (r == CueClass.CONTRAST || r == CueClass.CONDITION || r == CueClass.COOPERATIVE
                    || r == CueClass.CONFRONTATIONAL || r == CueClass.CONCESSION || r == CueClass.HOSTILE) {
                return false;
            }
        }
        return false;
    }

    /** Nearest token at or before {@code from}, not before {@code to}, in the same clause, with role a or b. */
    private static int find(CueClass[] role, CueTokens t, int from, int to, CueClass a, CueClass b) {
        if (from < 0) {
            return -1;
        }
        int clause = t.clause[from + 1 < t.n ? from + 1 : from];
        for (int k = from; k >= 0 && k >= to && t.clause[k] == clause; k--) {
            if (role[k] == a || (b != null && role[k] == b)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Per-token weights from "but"/"however" (as in VADER): in a sentence with a contrast word, what comes before
     * it counts half and what comes after counts one and a half ("no agreement was reached, but we look forward").
     * Null when no sentence has one, which is most statements; read through {@link #cf}.
     */
    private static double cf(double[] contrast, int k) {
        return contrast == null ? 1.0 : contrast[k];
    }

    private static double[] contrastFactors(CueTokens t, CueClass[] role) {
        double[] f = null;
        int start = 0;
        while (start < t.n) {
            int end = start;
            int last = -1;
            while (end < t.n && t.sentence[end] == t.sentence[start]) {
                if (role[end] == CueClass.CONTRAST && (end == start || role[end - 1] != CueClass.CONTRAST)) {
                    last = end;
                }
                end++;
            }
            if (last >= 0) {
                if (f == null) {
                    f = new double[t.n];
                    java.util.Arrays.fill(f, 1.0);
                }
                for (int k = start; k < end; k++) {
                    f[k] = k < last ? 0.5 : 1.5;
                }
            }
            start = end;
        }
        return f;
    }
}
