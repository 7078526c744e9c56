package dev.newsstream.producer;

import java.io.PrintStream;

/**
 * Progress over a known number of inputs on stderr: a redrawn text bar on a console, a line every tenth
 * otherwise (logs and CI do not render carriage returns). Silent for a handful of inputs. Not thread-safe.
 */
final class Progress {

    private static final int MIN_TOTAL = 4;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean console;
    private final int total;
    private int done;
    private boolean drawn;

    Progress(PrintStream err, boolean console, int total) {
        this.err = err;
        this.console = console;
        this.total = total;
    }

    static Progress none() {
        return new Progress(null, false, 0);
    }

    void advance(String label) {
        done++;
        if (err == null || total < MIN_TOTAL) {
            return;
        }
        if (console) {
            int filled = (int) ((long) WIDTH * done / total);
            String name = label.length() > 40 ? "..." + label.substring(label.length() - 37) : label;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " "
                    + String.format("%-40s", name));
            err.flush();
            drawn = true;
        } else if (done == total || done % Math.max(1, total / 10) == 0) {
            err.println("progress: " + done + "/" + total + " inputs");
        }
    }

    /** Ends the bar's line so the next message starts on its own line. */
    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }
}
