package dev.newsstream.cli;

import dev.newsstream.events.TableRow;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** Renders side rows as a fixed-width terminal table. Stateless. */
final class TableFormatter {
    private TableFormatter() {
    }

    static String format(Collection<TableRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %10s %8s %8s %7s %7s %7s %5s %5s %5s  %s%n", "SIDE", "STATEMENTS",
                "SPEAKERS", "MEAN", "COOP", "CONFR", "NEUTR", "POS", "NEG", "NEU", "TOP SPEAKERS"));
        rows.stream().sorted(Comparator.comparingLong(TableRow::statements).reversed().thenComparing(TableRow::key))
                .forEach(r -> b.append(String.format(Locale.ROOT, "%-8s %10d %8d %8s %7d %7d %7d %5d %5d %5d  %s%n",
                        r.key(), r.statements(), r.speakers(),
                        r.meanCompound() == null ? "-" : String.format(Locale.ROOT, "%+.3f", r.meanCompound()),
                        count(r.stance(), "cooperative"), count(r.stance(), "confrontational"),
                        count(r.stance(), "neutral"), count(r.polarity(), "positive"),
                        count(r.polarity(), "negative"), count(r.polarity(), "neutral"),
                        r.topSpeakers() == null ? "" : abbreviate(String.join(", ", r.topSpeakers().keySet()), 60))));
        return b.toString();
    }

    /** Window rows (side, window start in UTC, statements, mean, stance counts), in the order given. */
    static String formatWindows(Collection<TableRow> rows) {
        if (rows.isEmpty()) {
            return "(none yet)\n";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %-17s %10s %8s %7s %7s %7s%n", "SIDE", "WINDOW (UTC)", "STATEMENTS",
                "MEAN", "COOP", "CONFR", "NEUTR"));
        for (TableRow r : rows) {
            String start = r.windowStart() == null ? "-"
                    : r.windowStart().toString().replace('T', ' ').replaceFirst(":00Z$", "");
            b.append(String.format(Locale.ROOT, "%-8s %-17s %10d %8s %7d %7d %7d%n", r.key(), start, r.statements(),
                    r.meanCompound() == null ? "-" : String.format(Locale.ROOT, "%+.3f", r.meanCompound()),
                    count(r.stance(), "cooperative"), count(r.stance(), "confrontational"),
                    count(r.stance(), "neutral")));
        }
        return b.toString();
    }

    private static long count(java.util.Map<String, Long> m, String k) {
        return m == null ? 0 : m.getOrDefault(k, 0L);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
