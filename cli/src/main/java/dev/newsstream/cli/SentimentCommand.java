package dev.newsstream.cli;

import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.sentiment.Vader;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code newsstream sentiment}: VADER scores for each line of standard input.
 *
 * <p>Reads UTF-8 lines from stdin (line ends {@code \n}, {@code \r\n} or {@code \r} removed; malformed
 * bytes become U+FFFD) and writes one line per input line, in order:
 * {@code neg<TAB>neu<TAB>pos<TAB>compound}, each number printed as Python prints the float
 * ({@code 0.0}, {@code 0.508}, {@code -0.4588}), so the output can be diffed against
 * {@code polarity_scores} run in Python. Output is buffered and flushed whenever no more input is
 * immediately available, so piping a file is fast and an interactive session still sees each answer.
 *
 * <p>Exit code 0, or 1 with a message on stderr if stdin or stdout fails. Not thread-safe (one run per
 * instance, as picocli uses it).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = {"Scores each line of standard input with VADER (a faithful port of the Python "
                + "vaderSentiment 3.3 polarity_scores) and prints neg<TAB>neu<TAB>pos<TAB>compound per line.",
            "Example: printf 'The book was good.\\n' | newsstream sentiment"})
public final class SentimentCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Vader vader = Vader.load();
        // System.in/out are read at call time so that callers (and tests) can redirect them.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder row = new StringBuilder(64);
        long lineNo = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                Sentiment s = vader.score(line);
                row.setLength(0);
                appendPyRepr(row, s.neg());
                row.append('\t');
                appendPyRepr(row, s.neu());
                row.append('\t');
                appendPyRepr(row, s.pos());
                row.append('\t');
                appendPyRepr(row, s.compound());
                row.append('\n');
                out.append(row);
                if (!in.ready()) {
                    out.flush();
                }
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            System.err.println("sentiment: I/O error after input line " + lineNo + ": " + e.getMessage()
                    + " (is stdin readable and stdout still open?)");
            return 1;
        }
    }

    private static final double[] POW10 = {1, 10, 100, 1000, 10000};

    /** Python's {@code repr(float)}: the shortest decimal that reads back as the same double. */
    static String pyRepr(double v) {
        StringBuilder sb = new StringBuilder(24);
        appendPyRepr(sb, v);
        return sb.toString();
    }

    static void appendPyRepr(StringBuilder sb, double v) {
        if (Double.isNaN(v)) {
            sb.append("nan");
            return;
        }
        if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "inf" : "-inf");
            return;
        }
        if (v == 0) {
            sb.append(Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0");
            return;
        }
        // Fast path for the values VADER returns (at most 4 decimals, |v| <= 1): the decimal n / 10^k with
        // the fewest digits whose nearest double is v is exactly what Python prints.
        if (Math.abs(v) < 1e9) {
            for (int k = 0; k < POW10.length; k++) {
                long n = Math.round(v * POW10[k]);
                if (n / POW10[k] == v) {
                    appendFixed(sb, n, k);
                    return;
                }
            }
        }
        appendGeneralRepr(sb, v);
    }

    private static void appendFixed(StringBuilder sb, long n, int decimals) {
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        String digits = Long.toString(n);
        if (decimals == 0) {
            sb.append(digits).append(".0");
            return;
        }
        if (digits.length() <= decimals) {
            sb.append("0.");
            for (int i = digits.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            int point = digits.length() - decimals;
            sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
    }

    /**
     * Any other finite double: shortest round-tripping digits (Java 17's {@code Double.toString} is not
     * always shortest), laid out with Python's rule: fixed notation when the decimal exponent is in
     * [-4, 16), otherwise {@code d.ddde-05}.
     */
    private static void appendGeneralRepr(StringBuilder sb, double v) {
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == v) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decpt = digits.length() - shortest.scale(); // value = 0.digits * 10^decpt
        if (v < 0) {
            sb.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.");
                for (int i = decpt; i < 0; i++) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (decpt >= digits.length()) {
                sb.append(digits);
                for (int i = digits.length(); i < decpt; i++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            int exp = decpt - 1;
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                sb.append('0');
            }
            sb.append(absExp);
        }
    }
}
