package dev.newsstream.tagger.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsstream.tagger.attribution.RuleAttributor;

/**
 * Writes the attributor's output for article files as the JSON Lines that /work/shared/eval/score.py reads,
 * so the real scorer can check the Java port. Usage: {@code WritePredictions OUT.jsonl ARTICLE.txt...}.
 */
public final class WritePredictions {
    private WritePredictions() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        RuleAttributor attributor = RuleAttributor.createDefault();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            for (Scorer.PredParagraph pp : Articles.run(attributor, Articles.stem(p), Articles.blocks(p))) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("articleId", pp.articleId());
                o.put("paragraph", pp.paragraph());
                o.put("text", pp.text());
                List<Map<String, Object>> st = new ArrayList<>();
                for (Scorer.Pred s : pp.statements()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("text", s.text());
                    m.put("start", s.start());
                    m.put("end", s.end());
                    m.put("direct", s.direct());
                    m.put("speaker", s.speaker());
                    m.put("side", s.side());
                    st.add(m);
                }
                o.put("statements", st);
                lines.add(json.writeValueAsString(o));
            }
        }
        Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
    }
}
