package dev.newsstream.tagger.stance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cue lexicon: phrases with a class and a weight, compiled into a token trie for longest-match lookup.
 * Read from a tab-separated file (format in {@code docs/stance.md}); a later file's phrase replaces an earlier
 * file's, and weight 0 removes it, which is how a user file is merged over the bundled one.
 * Immutable once built and safe to share between threads.
 */
final class CueLexicon {
    /** What a cue phrase does. Only the first three score directly; the rest shape how scoring is done. */
    enum CueClass {
        COOPERATIVE, CONFRONTATIONAL, NEUTRAL,
        /** A yielding act (lift sanctions, withdraw troops): cooperative when offered, weakly so when reported. */
        CONCESSION,
        /** A hostile act (attack, strike): confrontational only when threatened, i.e. under a modal or condition. */
        HOSTILE,
        NEGATOR, MODAL, DEMAND, CONDITION, CONTRAST, SELF, OTHER, ACTOR,
        /** Consumes its tokens and scores nothing ("asked if" is not a conditional). */
        IGNORE;

        static CueClass parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** One lexicon entry; {@code side} is set for ACTOR entries only. */
    record Cue(String phrase, CueClass cls, String side, double weight, String notes) { }

    static final String FORMAT = "phrase<TAB>class<TAB>weight[<TAB>notes], class one of cooperative, "
            + "confrontational, neutral, concession, hostile, negator, modal, demand, condition, contrast, self, "
            + "other, ignore, actor:<SIDE>; weight a number >= 0 (0 removes the phrase)";

    static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        Node wildcard;
        Cue cue;
    }

    private final Node root = new Node();
    private final int size;

    private CueLexicon(Map<String, Cue> cues) {
        for (Cue c : cues.values()) {
            insert(c);
        }
        this.size = cues.size();
    }

    int size() {
        return size;
    }

    Node root() {
        return root;
    }

    private void insert(Cue c) {
        CueTokens t = CueTokens.of(c.phrase());
        Node node = root;
        for (int i = 0; i < t.n; i++) {
            String s = t.stem[i];
            if (s.equals("*")) {
                if (node.wildcard == null) {
                    node.wildcard = new Node();
                }
                node = node.wildcard;
            } else {
                node = node.next.computeIfAbsent(s, k -> new Node());
            }
        }
        node.cue = c;
    }

    /** Parses cue files in order, later ones overriding earlier ones phrase by phrase. */
    static final class Builder {
        private final Map<String, Cue> cues = new LinkedHashMap<>();

        Builder read(BufferedReader in, String source) {
            int lineNo = 0;
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    parseLine(line, source, lineNo);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stance cue file " + source + " at line " + lineNo, e);
            }
            return this;
        }

        private void parseLine(String line, String source, int lineNo) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw bad(source, lineNo, "expected at least 3 tab-separated fields, got " + f.length, line);
            }
            String phrase = f[0].strip().toLowerCase(Locale.ROOT);
            CueTokens toks = CueTokens.of(phrase);
            if (toks.n == 0 || toks.stem[0].equals("*") || toks.stem[toks.n - 1].equals("*")) {
                throw bad(source, lineNo, "the phrase must contain a word and may not start or end with *", line);
            }
            String clsText = f[1].strip().toLowerCase(Locale.ROOT);
            String side = null;
            CueClass cls;
            try {
                if (clsText.startsWith("actor:")) {
                    side = clsText.substring("actor:".length()).strip().toUpperCase(Locale.ROOT);
                    if (side.isEmpty()) {
                        throw new IllegalArgumentException("empty side");
                    }
                    cls = CueClass.ACTOR;
                } else {
                    cls = CueClass.parse(clsText);
                    if (cls == CueClass.ACTOR) {
                        throw new IllegalArgumentException("actor needs a side");
                    }
                }
            } catch (IllegalArgumentException e) {
                throw bad(source, lineNo, "unknown class '" + f[1].strip() + "'", line);
            }
            double weight;
            try {
                weight = Double.parseDouble(f[2].strip());
            } catch (NumberFormatException e) {
                throw bad(source, lineNo, "weight '" + f[2].strip() + "' is not a number", line);
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw bad(source, lineNo, "weight must be a finite number >= 0", line);
            }
            String key = String.join(" ", java.util.Arrays.asList(toks.stem).subList(0, toks.n));
            if (weight == 0) {
                cues.remove(key);
            } else {
                cues.put(key, new Cue(phrase, cls, side, weight, f.length > 3 ? f[3].strip() : ""));
            }
        }

        private static IllegalArgumentException bad(String source, int lineNo, String what, String line) {
            return new IllegalArgumentException("stance cue file " + source + " line " + lineNo + ": " + what
                    + "; expected " + FORMAT + "; the line was: " + line);
        }

        CueLexicon build() {
            return new CueLexicon(Collections.unmodifiableMap(new LinkedHashMap<>(cues)));
        }
    }

    /** A matched cue covering tokens [start, end). */
    record Hit(int start, int end, Cue cue) { }

    /** Greedy left-to-right longest match, never across a clause break; linear in tokens times phrase length. */
    List<Hit> match(CueTokens t) {
        List<Hit> hits = new ArrayList<>();
        int[] best = new int[1];
        Cue[] bestCue = new Cue[1];
        int i = 0;
        while (i < t.n) {
            best[0] = -1;
            bestCue[0] = null;
            Node first = root.next.get(t.stem[i]);
            if (first != null) {
                walk(first, t, i + 1, t.clause[i], best, bestCue);
            }
            if (bestCue[0] != null) {
                hits.add(new Hit(i, best[0], bestCue[0]));
                i = best[0];
            } else {
                i++;
            }
        }
        return hits;
    }

    private static void walk(Node node, CueTokens t, int j, int clause, int[] best, Cue[] bestCue) {
        if (node.cue != null && j > best[0]) {
            best[0] = j;
            bestCue[0] = node.cue;
        }
        if (j < t.n && t.clause[j] == clause) {
            Node nx = node.next.get(t.stem[j]);
            if (nx != null) {
                walk(nx, t, j + 1, clause, best, bestCue);
            }
        }
        if (node.wildcard != null) {
            // "*" stands for zero to three tokens of the same clause ("remove * sanctions" ~ "removes partial sanctions").
            for (int k = j; k <= j + 3 && k < t.n && t.clause[k] == clause; k++) {
                Node nx = node.wildcard.next.get(t.stem[k]);
                if (nx != null) {
                    walk(nx, t, k + 1, clause, best, bestCue);
                }
            }
        }
    }
}
