package dev.newsstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Working directories the commands create under {@code ~/.newsstream} and remove when they finish. */
final class Dirs {
    private Dirs() {
    }

    /** Deletes a directory tree; a failure is reported on stderr, never thrown (it runs on the way out). */
    static void deleteQuietly(Path dir, String command) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("newsstream " + command + ": could not delete " + dir + ": " + e.getMessage());
        }
    }
}
