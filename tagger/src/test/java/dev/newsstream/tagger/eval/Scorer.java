package dev.newsstream.tagger.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A faithful Java port of /work/shared/eval/score.py's matching and the statement, speaker and side scores
 * (stance and polarity are left to their owners). A gold statement is matched to the not-yet-used predicted
 * statement of the same article whose span, located by text search in squashed paragraph text, overlaps it
 * most, if that overlap is at least half of the shorter span. Stateless; reusable by any module's tests.
 */
public final class Scorer {
    private Scorer() {
    }

    /** One gold row of a {@code *.labels.jsonl} file. */
    public record Gold(String article, int paragraph, String quote, boolean direct, String speaker, String side,
                       String stance, String polarity) {
    }

    /** One predicted statement. */
    public record Pred(String text, int start, int end, boolean direct, String speaker, String side) {
    }

    /** One tagged paragraph (block) of an article with its predicted statements. */
    public record PredParagraph(String articleId, int paragraph, String text, List<Pred> statements) {
    }

    /** A gold row with the prediction it matched, or null. */
    public record Match(Gold gold, Pred pred) {
    }

    public record Scores(int gold, int predicted, int matched, double precision, double recall, double f1,
                         double speakerAcc, double sideAcc, double sideOverGold, List<Match> matches,
                         List<Pred> unmatchedPredictions) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gold: %d%npredicted: %d%nmatched: %d%nstatement_precision: %.3f%n"
                            + "statement_recall: %.3f%nstatement_f1: %.3f%nspeaker_acc_on_matched: %.3f%n"
                            + "side_acc_on_matched: %.3f%nside_correct_over_gold: %.3f", gold, predicted, matched,
                    precision, recall, f1, speakerAcc, sideAcc, sideOverGold);
        }
    }

    private static final Map<String, String> SIDE_ALIASES = new HashMap<>();

    static {
        String[][] a = {{"US", "USA"}, {"USA", "USA"}, {"DPRK", "PRK"}, {"PRK", "PRK"}, {"NK", "PRK"},
            {"ROK", "KOR"}, {"KOR", "KOR"}, {"CHN", "CHN"}, {"RUS", "RUS"}, {"UKR", "UKR"}, {"EU", "EU"},
            {"GBR", "GBR"}, {"UK", "GBR"}, {"IRN", "IRN"}, {"ISR", "ISR"}, {"PSE", "PSE"}, {"OTHER", "OTHER"}};
        for (String[] p : a) {
            SIDE_ALIASES.put(p[0], p[1]);
        }
    }

    private static final Pattern WS = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9 ]+");
    private static final Set<String> NAME_STOP = Set.of("the", "president", "mr", "ms", "u", "s", "us");

    static String normSide(String s) {
        if (s == null) {
            return null;
        }
        String u = s.toUpperCase(Locale.ROOT).strip();
        if (u.isEmpty()) {
            return null;
        }
        return SIDE_ALIASES.getOrDefault(u, u);
    }

    static List<String> normName(String s) {
        String l = (s == null ? "" : s).toLowerCase(Locale.ROOT);
        l = NON_ALNUM.matcher(l.replace("-", " ")).replaceAll(" ");
        List<String> out = new ArrayList<>();
        for (String t : l.split(" ")) {
            if (!t.isEmpty() && !NAME_STOP.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    public static boolean sameSpeaker(String gold, String pred) {
        if (gold != null) {
            String g = strip(gold, " ,");
            if (g.contains(",") && sameSpeaker(g.split(",", -1)[0], pred)) {
                return true;
            }
        }
        List<String> g = normName(gold);
        List<String> p = normName(pred);
        if (g.isEmpty() || p.isEmpty()) {
            return false;
        }
        if (g.equals(p)) {
            return true;
        }
        Set<String> gs = new HashSet<>(g);
        Set<String> ps = new HashSet<>(p);
        if (ps.containsAll(gs)) {
            return true;
        }
        return gs.containsAll(ps) && (p.contains(g.get(g.size() - 1)) || p.contains(g.get(0)));
    }

    static String squash(String t) {
        String s = t.replace('\u201c', '"').replace('\u201d', '"').replace('\u2018', '\'').replace('\u2019', '\'');
        return WS.matcher(s).replaceAll(" ").strip();
    }

    private static String strip(String s, String chars) {
        int a = 0;
        int b = s.length();
        while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }

    /** Python's locate(): a span in squashed coordinates, or null. */
    static int[] locate(String hay, String needle) {
        String h = squash(hay);
        String n = strip(squash(needle), " \"'");
        int i = h.indexOf(n);
        if (i < 0 && n.length() > 40) {
            i = h.indexOf(n.substring(0, 40));
            if (i >= 0) {
                return new int[] {i, i + n.length()};
            }
        }
        return i >= 0 ? new int[] {i, i + n.length()} : null;
    }

    private record PSpan(int paragraph, String ptext, int s, int e, Pred pred) {
    }

    public static Scores score(List<Gold> labels, List<PredParagraph> preds) {
        Map<String, List<PSpan>> pspans = new LinkedHashMap<>();
        Set<String> articles = new HashSet<>();
        for (PredParagraph p : preds) {
            articles.add(p.articleId());
            for (Pred u : p.statements()) {
                String txt = u.text() == null ? "" : u.text();
                int[] loc = txt.isEmpty() ? null : locate(p.text(), txt);
                if (loc != null) {
                    pspans.computeIfAbsent(p.articleId(), k -> new ArrayList<>())
                            .add(new PSpan(p.paragraph(), squash(p.text()), loc[0], loc[1], u));
                }
            }
        }
        List<Match> matched = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Gold g : labels) {
            List<PSpan> spans = pspans.getOrDefault(g.article(), List.of());
            int best = -1;
            double bestOv = 0.0;
            for (int k = 0; k < spans.size(); k++) {
                PSpan ps = spans.get(k);
                int[] gl = locate(ps.ptext(), g.quote());
                if (gl == null) {
                    continue;
                }
                int ov = Math.max(0, Math.min(ps.e(), gl[1]) - Math.max(ps.s(), gl[0]));
                int shorter = Math.max(1, Math.min(ps.e() - ps.s(), gl[1] - gl[0]));
                double r = (double) ov / shorter;
                if (r >= 0.5 && r > bestOv && !used.contains(g.article() + "#" + k)) {
                    best = k;
                    bestOv = r;
                }
            }
            if (best >= 0) {
                used.add(g.article() + "#" + best);
                matched.add(new Match(g, spans.get(best).pred()));
            } else {
                matched.add(new Match(g, null));
            }
        }
        int nGold = labels.size();
        int nPred = pspans.values().stream().mapToInt(List::size).sum();
        int nHit = (int) matched.stream().filter(m -> m.pred() != null).count();
        double p = nPred == 0 ? 0 : (double) nHit / nPred;
        double r = nGold == 0 ? 0 : (double) nHit / nGold;
        int spk = 0;
        int sideHits = 0;
        int sideRows = 0;
        for (Match m : matched) {
            if (m.pred() == null) {
                continue;
            }
            if (sameSpeaker(m.gold().speaker(), m.pred().speaker())) {
                spk++;
            }
            if (m.gold().side() != null) {
                sideRows++;
                if (java.util.Objects.equals(normSide(m.gold().side()), normSide(m.pred().side()))) {
                    sideHits++;
                }
            }
        }
        long nSideGold = labels.stream().filter(g -> g.side() != null).count();
        Set<Pred> hitPreds = new HashSet<>();
        matched.stream().filter(m -> m.pred() != null).forEach(m -> hitPreds.add(m.pred()));
        List<Pred> unmatched = new ArrayList<>();
        pspans.values().forEach(l -> l.forEach(ps -> {
            if (!hitPreds.contains(ps.pred())) {
                unmatched.add(ps.pred());
            }
        }));
        return new Scores(nGold, nPred, nHit, round(p), round(r), round(p + r == 0 ? 0 : 2 * p * r / (p + r)),
                nHit == 0 ? 0 : round((double) spk / nHit), sideRows == 0 ? 0 : round((double) sideHits / sideRows),
                nSideGold == 0 ? 0 : round((double) sideHits / nSideGold), matched, unmatched);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
