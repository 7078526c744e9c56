package dev.newsstream.tagger.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;
import dev.newsstream.tagger.Attributor;

/** Test helpers: read an article and its labels, and run an attributor over it block by block. */
public final class Articles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Articles() {
    }

    /** The non-empty blocks separated by blank lines (block 0 is the title), as the labels index them. */
    public static List<String> blocks(Path txt) {
        try {
            String all = Files.readString(txt, StandardCharsets.UTF_8).replace("\r\n", "\n");
            List<String> out = new ArrayList<>();
            for (String b : all.split("\\n[ \\t]*\\n")) {
                if (!b.strip().isEmpty()) {
                    out.add(b.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Scorer.Gold> labels(Path jsonl) {
        try {
            List<Scorer.Gold> out = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                out.add(new Scorer.Gold(n.get("article").asText(), n.get("paragraph").asInt(), n.get("quote").asText(),
                        n.get("direct").asBoolean(), n.get("speaker").asText(),
                        n.hasNonNull("side") ? n.get("side").asText() : null,
                        n.hasNonNull("stance") ? n.get("stance").asText() : null,
                        n.hasNonNull("polarity") ? n.get("polarity").asText() : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the attributor over every block in order, the title into {@link ArticleContext#start}. */
    public static List<Scorer.PredParagraph> run(Attributor attributor, String articleId, List<String> blocks) {
        return run(attributor, articleId, blocks, null);
    }

    /** {@link #run(Attributor, String, List)} for an article published on {@code date} (ISO date, or null). */
    public static List<Scorer.PredParagraph> run(Attributor attributor, String articleId, List<String> blocks,
                                                 String date) {
        List<Scorer.PredParagraph> out = new ArrayList<>();
        ArticleContext ctx = ArticleContext.start(blocks.isEmpty() ? "" : blocks.get(0), date);
        for (int i = 0; i < blocks.size(); i++) {
            AttributionResult r = attributor.attribute(ctx, blocks.get(i));
            ctx = r.context();
            List<Scorer.Pred> preds = new ArrayList<>();
            for (Attribution a : r.statements()) {
                preds.add(new Scorer.Pred(a.text(), a.start(), a.end(), a.direct(), a.speaker(), a.side()));
            }
            out.add(new Scorer.PredParagraph(articleId, i, blocks.get(i), preds));
        }
        return out;
    }

    public static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.substring(0, f.lastIndexOf('.'));
    }
}
