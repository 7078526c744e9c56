package dev.newsstream.tagger;

import java.util.Locale;

/** A speaker's stance toward the other side of a negotiation or conflict. */
public enum Stance {
    COOPERATIVE, CONFRONTATIONAL, NEUTRAL;

    /** The lower-case wire form: {@code cooperative}, {@code confrontational}, {@code neutral}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stance fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}
