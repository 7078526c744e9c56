package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextArticlesTest {

    @TempDir
    Path dir;

    @Test
    void seedArticlePublishesItsFiveBodyParagraphsWithTheirBlockIndices() throws IOException {
        Path seed = Path.of(System.getProperty("newsstream.shared.dir", "../shared"), "seed",
                "000_c370471a962d8560.txt");
        assumeTrue(Files.isReadable(seed), "seed article not found at " + seed.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the shared directory to run this test");

        Article a = TextArticles.read(seed, null);

        assertThat(a.id()).isEqualTo("000_c370471a962d8560");
        assertThat(a.title()).startsWith("Here’s all what you need to know");
        assertThat(a.body()).extracting(Article.Block::index).containsExactly(2, 3, 5, 6, 7);
        assertThat(a.headings()).extracting(Article.Block::index).containsExactly(4);
        assertThat(a.skipped()).hasSize(11);
        assertThat(String.join("\n", a.paragraphs())).doesNotContain("Subscribe", "indicates required",
                "views and opinions", "Facebook Comments", "Utkal", "You may also like", "Leave a Reply",
                "Your email address", "/Imag:");
        assertThat(a.publishedAt()).isEqualTo(Files.getLastModifiedTime(seed).toInstant());
    }

    @Test
    void publishedAtIsTheFileTimeUnlessGiven() throws IOException {
        Path f = Files.writeString(dir.resolve("story.txt"), "Title\n\nA paragraph that is a sentence.\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2025-05-05T05:05:05Z")));

        assertThat(TextArticles.read(f, null).publishedAt()).isEqualTo(Instant.parse("2025-05-05T05:05:05Z"));
        assertThat(TextArticles.read(f, Instant.parse("2019-02-28T00:00:00Z")).publishedAt())
                .isEqualTo(Instant.parse("2019-02-28T00:00:00Z"));
        assertThat(TextArticles.read(f, null).source()).isEqualTo("story.txt");
    }

    @Test
    void aSidecarGivesThePublicationTimeAndUrl() throws IOException {
        Path f = Files.writeString(dir.resolve("story.txt"), "Title\n\nA paragraph that is a sentence.\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2025-05-05T05:05:05Z")));
        Files.writeString(dir.resolve("story.meta.json"),
                "{\"publishedAt\": \"2026-03-14T09:20:00+01:00\", \"url\": \"https://example.org/story\"}");

        Article a = TextArticles.read(f, null);

        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-03-14T08:20:00Z"));
        assertThat(a.url()).isEqualTo("https://example.org/story");
        assertThat(TextArticles.read(f, Instant.EPOCH).publishedAt()).as("an explicit time wins").isEqualTo(Instant.EPOCH);
    }

    @Test
    void aBadSidecarIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("story.txt"), "Title\n\nA paragraph.\n");
        Files.writeString(dir.resolve("story.meta.json"), "{\"publishedAt\": \"last Tuesday\"}");

        assertThatThrownBy(() -> TextArticles.read(f, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("story.meta.json").hasMessageContaining("last Tuesday");
    }

    @Test
    void stdinIdIsDerivedFromTheText() throws IOException {
        byte[] text = "Title\n\nOne paragraph here.\n".getBytes(StandardCharsets.UTF_8);

        Article first = TextArticles.read(new ByteArrayInputStream(text), "-", null);
        Article again = TextArticles.read(new ByteArrayInputStream(text), "-", null);

        assertThat(first.id()).startsWith("t-").isEqualTo(again.id());
        assertThat(first.paragraphs()).containsExactly("One paragraph here.");
    }

    @Test
    void nonUtf8FilesAreExplained() throws IOException {
        Path f = Files.write(dir.resolve("latin1.txt"), new byte[] {'T', '\n', '\n', (byte) 0xE9, 't', 'e', '.'});

        assertThatThrownBy(() -> TextArticles.read(f, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("latin1.txt").hasMessageContaining("UTF-8");
    }
}
