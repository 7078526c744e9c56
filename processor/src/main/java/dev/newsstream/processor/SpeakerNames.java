package dev.newsstream.processor;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form of a speaker's name that keys the speaker table (and a side row's top speakers), so that surface variants
 * of one name are one row: "Sweden’s foreign ministry" and "Sweden's foreign ministry", "the Kremlin" and
 * "The Kremlin", "foreign minister Sergey Lavrov" and "Foreign Minister  Sergey Lavrov". A pure function, no
 * knowledge of particular names:
 * <ol>
 *   <li>Unicode compatibility forms folded (NFKC: no-break spaces, ligatures), control and zero-width characters
 *       removed, whitespace runs collapsed to one space, the ends trimmed.</li>
 *   <li>Curly, prime and modifier apostrophes become {@code '}; curly and low double quotes become {@code "}; quote
 *       marks and stray punctuation around the whole name are removed.</li>
 *   <li>Case of titles: lower-case words before the first capitalised word (a title or article in front of a name:
 *       "foreign minister Lavrov", "the Kremlin") are capitalised; a name with no capitalised word ("a spokesman")
 *       only gets its first letter capitalised. Words after the first capital are left alone ("Ministry of
 *       Defence", "al-Sisi", "van der Leyen").</li>
 * </ol>
 * Returns null for null or a name that is empty after cleaning. Thread-safe.
 */
public final class SpeakerNames {
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t\\n\\r]]");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]");
    private static final Pattern DOUBLE_QUOTES = Pattern.compile("[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]");
    private static final Pattern EDGES = Pattern.compile("^[\\s\"'.,;:!?\\-–—]+|[\\s\"',;:!?\\-–—]+$");

    private SpeakerNames() {
    }

    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC);
        s = INVISIBLE.matcher(s).replaceAll("");
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = DOUBLE_QUOTES.matcher(s).replaceAll("\"");
        s = SPACE.matcher(s).replaceAll(" ").strip();
        s = EDGES.matcher(s).replaceAll("");
        if (s.isEmpty()) {
            return null;
        }
        String[] words = s.split(" ");
        int firstCapital = -1;
        for (int i = 0; i < words.length; i++) {
            if (Character.isUpperCase(words[i].codePointAt(0))) {
                firstCapital = i;
                break;
            }
        }
        int titled = firstCapital < 0 ? 1 : firstCapital;
        for (int i = 0; i < titled; i++) {
            words[i] = capitalise(words[i]);
        }
        return String.join(" ", words);
    }

    private static String capitalise(String w) {
        int first = w.codePointAt(0);
        if (!Character.isLowerCase(first)) {
            return w;
        }
        int n = Character.charCount(first);
        return new String(Character.toChars(first)).toUpperCase(Locale.ROOT) + w.substring(n);
    }
}
