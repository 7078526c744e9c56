package dev.newsstream.tagger.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fast word scanner for the rules: words, punctuation and possessive clitics with character offsets, and
 * each quotation collapsed into one placeholder word, so phrase rules never look inside quoted words.
 * Linear in the text length. Stateless.
 */
final class Words {
    private Words() {
    }

    /**
     * @param text    the token as written (a placeholder word's text is {@link #QUOTE})
     * @param start   offset in the paragraph
     * @param end     offset after it
     * @param quote   index into the paragraph's quotation list for a placeholder, else -1
     */
    record Word(String text, int start, int end, int quote) {
        boolean isQuote() {
            return quote >= 0;
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        boolean isCapitalized() {
            return quote < 0 && !text.isEmpty() && Character.isUpperCase(text.codePointAt(0));
        }

        boolean isPunct() {
            return quote < 0 && text.length() == 1 && !Character.isLetterOrDigit(text.charAt(0));
        }

        boolean is(String s) {
            return quote < 0 && text.equalsIgnoreCase(s);
        }

        boolean isPossessive() {
            return text.equals("'s") || text.equals("’s") || text.equals("'") || text.equals("’");
        }
    }

    static final String QUOTE = "\u0000Q";

    static List<Word> scan(String t, int limit, List<QuoteSpan> quotes) {
        List<Word> out = new ArrayList<>();
        int n = Math.min(limit, t.length());
        int qi = 0;
        int i = 0;
        while (i < n) {
            if (qi < quotes.size() && i >= quotes.get(qi).open()) {
                QuoteSpan q = quotes.get(qi);
                int end = Math.min(n, q.closed() ? q.close() + 1 : q.close());
                out.add(new Word(QUOTE, q.open(), end, qi));
                qi++;
                i = Math.max(end, i + 1);
                continue;
            }
            char c = t.charAt(i);
            if (QuoteScanner.isSpace(c)) {
                i++;
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = t.charAt(j);
                    if (Character.isLetterOrDigit(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
                        j++;
                    } else if ((d == '-' || d == '.' || d == '\'' || d == '’' || d == '‐')
                            && j + 1 < n && Character.isLetterOrDigit(t.charAt(j + 1))
                            && !(isApostrophe(d) && isPossessiveAt(t, j, n))) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                // keep the full stop of "U.S." and "Mr." with the word; a sentence's full stop stands alone
                if (j < n && t.charAt(j) == '.') {
                    String w = t.substring(i, j).toLowerCase(Locale.ROOT);
                    if (Lexicon.ABBREVIATIONS.contains(w) || w.length() == 1 && Character.isUpperCase(c)
                            || w.indexOf('.') > 0 || SpeakerResolver.usPartyTag(t.substring(i, j))) {
                        j++;
                    }
                }
                out.add(new Word(t.substring(i, j), i, j, -1));
                if (j < n && isApostrophe(t.charAt(j)) && isPossessiveAt(t, j, n)) {
                    int k = j + 1 < n && (t.charAt(j + 1) == 's' || t.charAt(j + 1) == 'S') ? j + 2 : j + 1;
                    out.add(new Word(t.substring(j, k), j, k, -1));
                    j = k;
                }
                i = j;
                continue;
            }
            out.add(new Word(String.valueOf(c), i, i + 1, -1));
            i++;
        }
        return out;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '’';
    }

    /** "Korea’s" (clitic s then a non-letter) or "leaders’ " (plural possessive). */
    private static boolean isPossessiveAt(String t, int j, int n) {
        if (j + 1 < n && (t.charAt(j + 1) == 's' || t.charAt(j + 1) == 'S')) {
            return j + 2 >= n || !Character.isLetterOrDigit(t.charAt(j + 2));
        }
        return j > 0 && (t.charAt(j - 1) == 's') && (j + 1 >= n || QuoteScanner.isSpace(t.charAt(j + 1)));
    }
}
