package dev.newsstream.tagger.attribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds quotations in straight ("), curly (“ ”), guillemet (« ») and single (‘ ’ and ') quote marks in one
 * linear pass. Single marks count only where they open before a word and close after one, so apostrophes
 * ("couldn’t", "Trump-Kim’s") are left alone; single quotes nested inside double ones are part of the
 * outer quotation. Unbalanced input never throws: a quotation still open at the end is returned with
 * {@code closed == false} (it continues into the next paragraph); one that runs past {@link #MAX_QUOTE}
 * characters is dropped. Stateless and thread-safe.
 */
public final class QuoteScanner {
    /** Longest quotation considered, in characters: bounds work and stops one stray mark swallowing a page. */
    public static final int MAX_QUOTE = 6000;
    private static final int MAX_SINGLE = 400;

    private QuoteScanner() {
    }

    public static List<QuoteSpan> scan(String text, int limit) {
        List<QuoteSpan> out = new ArrayList<>();
        int n = Math.min(limit, text.length());
        int dOpen = -1;      // open double quote
        int sOpen = -1;      // open single quote (outside double ones)
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (dOpen >= 0) {
                if (i - dOpen > MAX_QUOTE) {
                    dOpen = -1;  // a stray mark: forget it and read on as narration
                } else if (c == '”' || c == '»' || c == '"') {
                    add(out, text, dOpen, i, true);
                    dOpen = -1;
                    continue;
                } else if (c == '“' || c == '«' || c == '„') {
                    dOpen = i;   // an opening mark inside an open quotation: the earlier one was never closed
                    continue;
                } else {
                    continue;
                }
            }
            if (c == '“' || c == '«' || c == '„' || c == '"') {
                if (c == '"' && sOpen < 0 && !opensAt(text, i, n) && closesAt(text, i, n)) {
                    continue; // a straight mark that can only close (inches, typos): ignore
                }
                dOpen = i;
                sOpen = -1;
            } else if (sOpen >= 0) {
                if (i - sOpen > MAX_SINGLE) {
                    sOpen = -1;
                } else if ((c == '’' || c == '\'') && closesAt(text, i, n) && i > sOpen + 1) {
                    add(out, text, sOpen, i, true);
                    sOpen = -1;
                }
            } else if ((c == '‘' || c == '\'') && opensAt(text, i, n)) {
                sOpen = i;
            }
        }
        if (dOpen >= 0 && n - dOpen <= MAX_QUOTE) {
            add(out, text, dOpen, n, false);
        }
        return out;
    }

    private static boolean opensAt(String t, int i, int n) {
        boolean before = i == 0 || Character.isWhitespace(t.charAt(i - 1)) || "([—–-:".indexOf(t.charAt(i - 1)) >= 0;
        return before && i + 1 < n && (Character.isLetterOrDigit(t.charAt(i + 1)) || t.charAt(i + 1) == '…'
                || t.charAt(i + 1) == '[' || t.charAt(i + 1) == '.');
    }

    private static boolean closesAt(String t, int i, int n) {
        if (i == 0 || Character.isWhitespace(t.charAt(i - 1))) {
            return false;
        }
        return i + 1 >= n || !Character.isLetterOrDigit(t.charAt(i + 1));
    }

    private static void add(List<QuoteSpan> out, String text, int open, int close, boolean closed) {
        int s = open + 1;
        int e = close;
        while (s < e && isSpace(text.charAt(s))) {
            s++;
        }
        while (e > s && isSpace(text.charAt(e - 1))) {
            e--;
        }
        for (int k = s; k < e; k++) {
            if (Character.isLetterOrDigit(text.charAt(k))) {
                out.add(new QuoteSpan(open, close, s, e, closed));
                return;
            }
        }
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
    }
}
