package dev.newsstream.tagger.stance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads hand-labelled statements for training and evaluation. A source is a label file or a directory:
 * <ul>
 *   <li>{@code labels.jsonl} or {@code NAME.labels.jsonl}, one statement a line in the seed label format
 *       ({@code article}, {@code paragraph}, {@code quote}, {@code direct}, {@code speaker}, {@code side},
 *       {@code stance}, {@code polarity}); the article text is {@code articles/ARTICLE.txt} or
 *       {@code ARTICLE.txt} next to the label file, paragraphs = blocks separated by blank lines;</li>
 *   <li>a {@code .jsonl} file without {@code article} fields ({@code text}, {@code side}, {@code stance}, as
 *       in the stance fixtures): each line is its own "article", with no paragraph context;</li>
 *   <li>a directory: every {@code labels.jsonl} and {@code *.labels.jsonl} under it, in sorted order.</li>
 * </ul>
 * A label whose quote cannot be found in its paragraph keeps the quote with no context (start -1).
 */
public final class LabelledStatements {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled statement; {@code stance} or {@code polarity} may be null (not labelled). */
    public record Labelled(String source, String article, int paragraphIndex, String paragraph, int start,
                           String quote, boolean direct, String side, String stance, String polarity) {
    }

    private LabelledStatements() {
    }

    public static List<Labelled> load(List<Path> sources) {
        List<Labelled> out = new ArrayList<>();
        for (Path p : sources) {
            for (Path f : labelFiles(p)) {
                out.addAll(loadFile(f));
            }
        }
        return out;
    }

    static List<Path> labelFiles(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("no such label file or directory: " + p);
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        return n.equals("labels.jsonl") || n.endsWith(".labels.jsonl");
                    })
                    .sorted(Comparator.comparing(Path::toString)).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no labels.jsonl or *.labels.jsonl under " + p);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Labelled> loadFile(Path f) {
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        Map<String, List<String>> articles = new ConcurrentHashMap<>();
        List<Labelled> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException(f + " line " + lineNo + ": not JSON: " + e.getMessage());
            }
            String stance = text(n, "stance");
            String polarity = text(n, "polarity");
            String side = n.hasNonNull("side") ? n.get("side").asText() : "UNKNOWN";
            if (!n.hasNonNull("article")) {
                String quote = text(n, "text");
                if (quote == null) {
                    throw new IllegalArgumentException(f + " line " + lineNo + ": neither article nor text");
                }
                out.add(new Labelled(f.toString(), f.getFileName() + "#" + lineNo, -1, null, -1, quote,
                        n.path("direct").asBoolean(false), side, stance, polarity));
                continue;
            }
            String article = n.get("article").asText();
            int para = n.path("paragraph").asInt(-1);
            String quote = text(n, "quote");
            if (quote == null) {
                throw new IllegalArgumentException(f + " line " + lineNo + ": no quote");
            }
            List<String> blocks = articles.computeIfAbsent(article, a -> blocks(f, a));
            String paragraph = para >= 0 && para < blocks.size() ? blocks.get(para) : null;
            int start = paragraph == null ? -1 : paragraph.indexOf(quote);
            if (start < 0) {
                paragraph = null;
            }
            out.add(new Labelled(f.toString(), article, para, paragraph, start, quote,
                    n.path("direct").asBoolean(false), side, stance, polarity));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static List<String> blocks(Path labelFile, String article) {
        Path dir = labelFile.toAbsolutePath().getParent();
        for (Path candidate : List.of(dir.resolve("articles").resolve(article + ".txt"), dir.resolve(article + ".txt"))) {
            if (Files.isRegularFile(candidate)) {
                try {
                    String text = Files.readString(candidate, StandardCharsets.UTF_8).replace("\r\n", "\n");
                    List<String> out = new ArrayList<>();
                    for (String b : text.split("\n[ \t]*\n")) {
                        if (!b.isBlank()) {
                            out.add(b.strip());
                        }
                    }
                    return out;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + candidate, e);
                }
            }
        }
        return List.of();
    }

    /**
     * SHA-256 (hex) of the training data as the trainer sees it: every statement's article, paragraph index,
     * offset, quote, direct flag, side, stance, polarity and paragraph text, in a canonical order. Independent
     * of file names and of the order the sources were given in.
     */
    public static String sha256(List<Labelled> data) {
        List<String> rows = new ArrayList<>(data.size());
        for (Labelled l : data) {
            rows.add(String.join("\u001f", l.article(), Integer.toString(l.paragraphIndex()),
                    Integer.toString(l.start()), l.quote(), Boolean.toString(l.direct()), l.side(),
                    String.valueOf(l.stance()), String.valueOf(l.polarity()), String.valueOf(l.paragraph())));
        }
        rows.sort(Comparator.naturalOrder());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String r : rows) {
                md.update(r.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
