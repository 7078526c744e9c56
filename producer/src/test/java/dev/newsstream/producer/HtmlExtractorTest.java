package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {

    private static final Instant FALLBACK = Instant.parse("2020-01-01T00:00:00Z");

    private static Article extract(String resource, String pageUrl) throws IOException {
        try (InputStream in = HtmlExtractorTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return HtmlExtractor.extract(HtmlExtractor.parse(in.readAllBytes(), "text/html", pageUrl), pageUrl,
                    resource, "fallback-id", FALLBACK);
        }
    }

    @Test
    void cleanArticleGivesBodyHeadingAndMetadata() throws IOException {
        Article a = extract("clean-article.html", "https://news.example.com/x");

        assertThat(a.title()).isEqualTo("Envoys agree to meet again");
        assertThat(a.url()).isEqualTo("https://news.example.com/world/2026/03/envoys-agree?utm_source=rss");
        assertThat(a.id()).isEqualTo(ArticleIds.fromUrl("https://news.example.com/world/2026/03/envoys-agree"));
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-04T08:30:00Z"));
        assertThat(a.paragraphs()).containsExactly(
                "Negotiators from the two countries agreed on Wednesday to meet again next month, after two days of"
                        + " talks in Geneva that both sides described as frank.",
                "\"We will not back down,\" the northern envoy said.",
                "The southern delegation said sanctions would stay in place until verifiable steps were taken, a"
                        + " position it has held since the talks began last year.",
                "\"There is a path to an agreement, but it is a narrow one,\" the mediator told reporters after the"
                        + " session.",
                "The next round is expected to take place in Vienna.");
        assertThat(a.headings()).extracting(Article.Block::text).containsExactly("Sanctions");
        assertThat(a.body()).extracting(Article.Block::index).containsExactly(1, 2, 4, 5, 6);
        assertThat(String.join(" ", a.paragraphs())).doesNotContain("Photo", "Share", "©", "By Ana");
    }

    @Test
    void divSoupKeepsOnlyTheStoryText() throws IOException {
        Article a = extract("div-soup.html", null);

        assertThat(a.title()).isEqualTo("Minister rejects proposal");
        assertThat(a.url()).isEqualTo("https://daily.example.org/story/12345");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-02-10T14:00:00Z"));
        assertThat(a.paragraphs()).hasSize(4);
        assertThat(a.paragraphs().get(0)).startsWith("The foreign minister on Tuesday rejected");
        assertThat(a.paragraphs().get(2)).isEqualTo("\"We remain open to dialogue,\" the minister said, adding that a"
                + " counter-proposal would be sent within weeks.");
        assertThat(a.paragraphs().get(3)).startsWith("Analysts said");
        assertThat(String.join(" ", a.paragraphs())).doesNotContain("Sign up", "Great article", "Trending",
                "Border talks collapse", "Share this", "Advertisement", "Home");
        assertThat(a.skipped()).extracting(Article.Block::reason).contains("caption");
    }

    @Test
    void brokenHtmlStillYieldsItsParagraphs() throws IOException {
        Article a = extract("broken.html", null);

        assertThat(a.title()).isEqualTo("Talks resume after pause");
        assertThat(a.id()).isEqualTo("fallback-id");
        assertThat(a.publishedAt()).isEqualTo(FALLBACK);
        assertThat(a.paragraphs()).hasSize(3);
        assertThat(a.paragraphs().get(0)).startsWith("Delegations returned");
        assertThat(a.paragraphs().get(2)).startsWith("Observers noted");
    }

    @Test
    void aPageOfLinksHasNoBody() throws IOException {
        Article a = extract("link-farm.html", null);

        assertThat(a.title()).isEqualTo("Latest headlines");
        assertThat(a.id()).isEqualTo(ArticleIds.fromUrl("https://links.example.net/latest"));
        assertThat(a.body()).isEmpty();
        assertThat(a.skipped()).extracting(Article.Block::reason).containsOnly("links");
    }

    @Test
    void textInBareDivsWithBreaksFallsBackToLineStructure() {
        Article a = HtmlExtractor.extract("<html><body><h1>T</h1><div>First sentence of the story, which is"
                + " long enough.<br><br>Second sentence of the story, also long enough.</div></body></html>",
                null, "mem", "mem", FALLBACK);

        assertThat(a.paragraphs()).containsExactly("First sentence of the story, which is long enough.",
                "Second sentence of the story, also long enough.");
    }
}
