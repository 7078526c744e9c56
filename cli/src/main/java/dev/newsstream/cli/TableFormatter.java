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

    private static long count(java.util.Map<String, Long> m, String k) {
        return m == null ? 0 : m.getOrDefault(k, 0L);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
