package dev.newsstream.producer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One thing to read: stdin ("-"), a file, or an http(s) URL. {@link #resolve} expands directories and checks that
 * every file exists and is readable before anything is published, so a typo fails the run at once.
 *
 * @param kind     what it is
 * @param location "-", the file path, or the URL
 *
 * <p>Immutable and thread-safe.
 */
public record Input(Kind kind, String location) {

    public enum Kind { STDIN, FILE, URL }

    /** File extensions a directory contributes, and what they mean for {@link Format#AUTO}. */
    /** Hand-label files (the seed label format) that sit beside articles; a directory never contributes them. */
    public static final String LABELS_SUFFIX = ".labels.jsonl";

    static final List<String> DIRECTORY_EXTENSIONS = List.of(".txt", ".jsonl", ".ndjson", ".html", ".htm");

    public Path path() {
        return Path.of(location);
    }

    /** Thrown for an input that does not exist or cannot be read; the message names it. */
    public static final class InputException extends Exception {
        private static final long serialVersionUID = 1L;

        public InputException(String message) {
            super(message);
        }
    }

    /**
     * Resolves command-line inputs: "-" is stdin, http(s):// is a URL, a directory becomes its *.txt, *.jsonl,
     * *.ndjson, *.html and *.htm files sorted by name, anything else must be a readable file.
     */
    public static List<Input> resolve(List<String> args) throws InputException {
        List<Input> out = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(new Input(Kind.STDIN, "-"));
            } else if (arg.matches("(?i)https?://.+")) {
                out.add(new Input(Kind.URL, arg));
            } else {
                Path p = Path.of(arg);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        // NAME.labels.jsonl beside an article holds its hand labels (samples/, the seed), not articles
                        List<Path> found = files.filter(Files::isRegularFile)
                                .filter(f -> !f.getFileName().toString().endsWith(LABELS_SUFFIX))
                                .filter(f -> DIRECTORY_EXTENSIONS.stream().anyMatch(ext ->
                                        f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
                                .sorted().toList();
                        if (found.isEmpty()) {
                            throw new InputException("directory " + p + " has no *.txt, *.jsonl, *.ndjson, *.html"
                                    + " or *.htm files to produce");
                        }
                        for (Path f : inPublicationOrder(found)) {
                            out.add(checkedFile(f));
                        }
                    } catch (IOException e) {
                        throw new InputException("cannot list directory " + p + ": " + e.getMessage());
                    }
                } else {
                    out.add(checkedFile(p));
                }
            }
        }
        return out;
    }

    /**
     * A directory whose files all carry their publication time in a {@link Sidecar} is an archive: published oldest
     * first (ties by name), so its statements land in their hourly and daily windows instead of arriving after the
     * windows of newer articles closed. Otherwise the name order stands.
     */
    static List<Path> inPublicationOrder(List<Path> byName) throws InputException {
        java.util.Map<Path, java.time.Instant> when = new java.util.HashMap<>();
        for (Path f : byName) {
            java.time.Instant t;
            try {
                t = Sidecar.of(f).publishedAt();
            } catch (IOException e) {
                throw new InputException(e.getMessage());
            }
            if (t == null) {
                return byName;
            }
            when.put(f, t);
        }
        List<Path> sorted = new ArrayList<>(byName);
        sorted.sort(java.util.Comparator.comparing((Path f) -> when.get(f)).thenComparing(Path::toString));
        return sorted;
    }

    private static Input checkedFile(Path p) throws InputException {
        if (!Files.exists(p)) {
            throw new InputException("input file " + p + " does not exist (give a file, a directory, an http(s)"
                    + " URL or - for stdin)");
        }
        if (!Files.isReadable(p) || !Files.isRegularFile(p)) {
            throw new InputException("input file " + p + " is not a readable regular file; check its permissions");
        }
        return new Input(Kind.FILE, p.toString());
    }

    /** The format of a file under {@link Format#AUTO}: by extension, else by its first non-blank character. */
    static Format detect(String name, byte[] head) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        if (n.endsWith(".html") || n.endsWith(".htm") || n.endsWith(".xhtml")) {
            return Format.HTML;
        }
        if (n.endsWith(".rss") || n.endsWith(".atom") || n.endsWith(".xml")) {
            return Format.FEED;
        }
        if (n.endsWith(".txt") || n.endsWith(".text")) {
            return Format.TEXT;
        }
        String start = new String(head, 0, Math.min(head.length, 1024), java.nio.charset.StandardCharsets.UTF_8)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("{")) {
            return Format.JSONL;
        }
        if (start.startsWith("<")) {
            return start.contains("<rss") || start.contains("<feed") || start.contains("<rdf") ? Format.FEED
                    : Format.HTML;
        }
        return Format.TEXT;
    }
}
