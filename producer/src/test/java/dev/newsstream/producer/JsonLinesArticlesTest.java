package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesArticlesTest {

    private final List<Article> articles = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final IngestListener listener = new IngestListener() {
        @Override
        public void article(Article article) {
            articles.add(article);
        }

        @Override
        public void error(String where, String message) {
            errors.add(where + ": " + message);
        }
    };

    private void read(String lines) throws IOException {
        JsonLinesArticles.read(new BufferedReader(new StringReader(lines)), "in.jsonl",
                Instant.parse("2001-01-01T00:00:00Z"), listener);
    }

    @Test
    void readsTextAndParagraphsForms() throws IOException {
        read("""
                {"id":"a1","title":"Talks","url":"https://x.example/a1","publishedAt":"2019-02-28T08:00:00Z","text":"First paragraph of it.\\n\\nSecond paragraph of it."}

                {"title":"Other","paragraphs":["One body paragraph.","Hanoi Summit","Another body paragraph."],"url":"https://x.example/b"}
                {"text":"Title in text\\n\\nBody in text."}
                """);

        assertThat(errors).isEmpty();
        assertThat(articles).hasSize(3);
        Article a = articles.get(0);
        assertThat(a.id()).isEqualTo("a1");
        assertThat(a.title()).isEqualTo("Talks");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2019-02-28T08:00:00Z"));
        assertThat(a.body()).extracting(Article.Block::index).containsExactly(1, 2);
        Article b = articles.get(1);
        assertThat(b.id()).isEqualTo(ArticleIds.fromUrl("https://x.example/b"));
        assertThat(b.paragraphs()).containsExactly("One body paragraph.", "Another body paragraph.");
        assertThat(b.headings()).extracting(Article.Block::text).containsExactly("Hanoi Summit");
        assertThat(b.publishedAt()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
        Article c = articles.get(2);
        assertThat(c.title()).isEqualTo("Title in text");
        assertThat(c.id()).startsWith("t-");
        assertThat(c.source()).isEqualTo("in.jsonl");
    }

    @Test
    void badLinesAreReportedWithTheirLineNumberAndReadingGoesOn() throws IOException {
        read("""
                {"id":"ok1","text":"T\\n\\nBody one."}
                not json
                {"id":"nobody","title":"x"}
                {"id":"badtime","publishedAt":"yesterday","text":"T\\n\\nB."}
                {"id":"ok2","text":"T\\n\\nBody two."}
                """);

        assertThat(articles).extracting(Article::id).containsExactly("ok1", "ok2");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).startsWith("in.jsonl:2: ");
        assertThat(errors.get(1)).startsWith("in.jsonl:3: ").contains("\"text\"", "\"paragraphs\"");
        assertThat(errors.get(2)).startsWith("in.jsonl:4: ").contains("yesterday", "ISO-8601");
    }
}
