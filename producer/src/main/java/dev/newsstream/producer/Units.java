package dev.newsstream.producer;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human units of the command line: durations, sizes, rates. Stateless and thread-safe. */
final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(ms|s|sec|m|min|h)");

    private Units() {
    }

    /** "500ms", "10s", "2m", "1h", a bare number of seconds, or ISO-8601 ("PT10S"). */
    static Duration duration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration; use e.g. 500ms, 10s, 2m, 1h");
            }
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; use e.g. 500ms, 10s, 2m, 1h");
        }
        double v = Double.parseDouble(m.group(1));
        return Duration.ofMillis((long) (v * unitMillis(m.group(2) == null ? "s" : m.group(2))));
    }

    /** "5MB", "512KB", "1000000" bytes (K/M/G are powers of 1024). */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size; use e.g. 5MB, 512KB or a byte count");
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "b" : m.group(2);
        long mult = switch (u.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return (long) (v * mult);
    }

    /** "1/s", "30/m", "0.5/s": the least interval between requests; "0", "none" or "off": no limit. */
    static Duration minInterval(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("0") || s.equals("none") || s.equals("off") || s.equals("unlimited")) {
            return Duration.ZERO;
        }
        Matcher m = RATE.matcher(s);
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a rate; use e.g. 1/s, 30/m, or none");
        }
        return Duration.ofMillis((long) Math.ceil(unitMillis(m.group(2)) / Double.parseDouble(m.group(1))));
    }

    private static double unitMillis(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s", "sec" -> 1000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
