package dev.newsstream.tagger.attribution;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises page furniture that a scraped article carries (newsletter prompts, comment boxes, author bios,
 * share and follow prompts, copyright lines) so it yields no statements. Precompiled, linear, thread-safe.
 */
final class Boilerplate {
    private Boilerplate() {
    }

    private static final Pattern SHORT_FURNITURE = Pattern.compile(
            "(?i)^(subscribe|sign up|newsletter|leave a (reply|comment)|facebook comments|comments?|share( this)?|"
                    + "follow us|related|read more|you may also like|advertisement|\\* indicates required|"
                    + "click here|copyright|all rights reserved|photo|image|watch|listen|more from|recommended|"
                    + "trending|most read|sponsored)\\b.*");
    private static final Pattern ANYWHERE = Pattern.compile(
            "(?i)(your email address will not be published|indicates required|the views and opinions expressed|"
                    + "do not necessarily reflect|can be reached at|all rights reserved|sign up for|"
                    + "subscribe to (our|the)|click here to|follow (us|him|her) on|is a (former )?(research )?"
                    + "(intern|correspondent|reporter|journalist|writer|editor|contributor) (at|for|with)|"
                    + "cookies? (policy|settings)|privacy policy|terms of (use|service)|©)");

    static boolean isBoilerplate(String para) {
        String p = para.strip();
        int len = p.length();
        if (len > 600) {
            return false;
        }
        String head = len > 200 ? p.substring(0, 200) : p;
        if (len < 120 && SHORT_FURNITURE.matcher(head).matches()) {
            return true;
        }
        String lower = p.toLowerCase(Locale.ROOT);
        for (String anchor : ANCHORS) {
            if (lower.contains(anchor)) {
                return ANYWHERE.matcher(lower).find();
            }
        }
        return false;   // every ANYWHERE alternative contains one of the anchors: no regex scan needed
    }

    /** A literal that each alternative of {@link #ANYWHERE} contains (a cheap pre-check before the regex). */
    private static final String[] ANCHORS = {"your email address", "indicates required", "the views and opinions",
        "do not necessarily reflect", "can be reached at", "all rights reserved", "sign up for", "subscribe to ",
        "click here to", "follow ", "is a ", "cookie", "privacy policy", "terms of ", "©"};
}
