package dev.newsstream.tagger.eval;

import java.nio.file.Path;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;
import dev.newsstream.tagger.attribution.RuleAttributor;

/** Prints every statement with its evidence, block by block, for looking at what the rules did. */
public final class ShowAttributions {
    private ShowAttributions() {
    }

    public static void main(String[] args) {
        RuleAttributor a = RuleAttributor.createDefault();
        for (String f : args) {
            var blocks = Articles.blocks(Path.of(f));
            ArticleContext ctx = ArticleContext.start(blocks.get(0));
            for (int i = 0; i < blocks.size(); i++) {
                AttributionResult r = a.attribute(ctx, blocks.get(i));
                ctx = r.context();
                for (Attribution s : r.statements()) {
                    System.out.println(i + " " + (s.direct() ? "D " : "R ") + s.speaker() + "/" + s.side() + " | "
                            + s.text() + " | " + s.evidence());
                }
            }
        }
    }
}
