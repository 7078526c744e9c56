package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputTest {

    @TempDir
    Path dir;

    @Test
    void resolvesStdinUrlsFilesAndDirectoriesSorted() throws Exception {
        Files.writeString(dir.resolve("b.html"), "<p>x</p>");
        Files.writeString(dir.resolve("a.txt"), "x");
        Files.writeString(dir.resolve("notes.md"), "x");
        Path single = Files.writeString(dir.resolve("single.jsonl"), "{}");

        List<Input> inputs = Input.resolve(List.of("-", "https://example.org/a", dir.toString()));

        assertThat(inputs).extracting(Input::kind).containsExactly(Input.Kind.STDIN, Input.Kind.URL,
                Input.Kind.FILE, Input.Kind.FILE, Input.Kind.FILE);
        assertThat(inputs.subList(2, 5)).extracting(i -> i.path().getFileName().toString())
                .containsExactly("a.txt", "b.html", "single.jsonl");
        assertThat(Input.resolve(List.of(single.toString()))).hasSize(1);
    }

    @Test
    void aDirectoryOfArticlesWithSidecarTimesIsAnArchivePublishedOldestFirst() throws Exception {
        Path archive = Files.createDirectory(dir.resolve("archive"));
        Files.writeString(archive.resolve("a.txt"), "A\n\nx.");
        Files.writeString(archive.resolve("a.meta.json"), "{\"publishedAt\":\"2026-03-16T10:00:00Z\"}");
        Files.writeString(archive.resolve("b.txt"), "B\n\nx.");
        Files.writeString(archive.resolve("b.meta.json"), "{\"publishedAt\":\"2026-03-14T10:00:00Z\"}");
        Files.writeString(archive.resolve("b.labels.jsonl"), "{\"quote\":\"x\"}");

        assertThat(Input.resolve(List.of(archive.toString()))).extracting(i -> i.path().getFileName().toString())
                .containsExactly("b.txt", "a.txt");

        Files.writeString(archive.resolve("c.txt"), "C\n\nno sidecar.");
        assertThat(Input.resolve(List.of(archive.toString()))).as("not every file has a time: name order")
                .extracting(i -> i.path().getFileName().toString()).containsExactly("a.txt", "b.txt", "c.txt");
    }

    @Test
    void missingInputsAndEmptyDirectoriesAreNamed() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThatThrownBy(() -> Input.resolve(List.of(dir.resolve("gone.txt").toString())))
                .isInstanceOf(Input.InputException.class).hasMessageContaining("gone.txt");
        assertThatThrownBy(() -> Input.resolve(List.of(empty.toString())))
                .hasMessageContaining("empty").hasMessageContaining("*.txt");
    }

    @Test
    void detectsFormatByExtensionThenContent() {
        byte[] none = new byte[0];
        assertThat(Input.detect("a.jsonl", none)).isEqualTo(Format.JSONL);
        assertThat(Input.detect("a.htm", none)).isEqualTo(Format.HTML);
        assertThat(Input.detect("a.rss", none)).isEqualTo(Format.FEED);
        assertThat(Input.detect("a.txt", "<p>".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.TEXT);
        assertThat(Input.detect("a", "  {\"id\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.JSONL);
        assertThat(Input.detect("a", "<?xml version=\"1.0\"?><rss>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Format.FEED);
        assertThat(Input.detect("a", "<!doctype html><html>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Format.HTML);
        assertThat(Input.detect("a", "Title\n\nBody.".getBytes(StandardCharsets.UTF_8))).isEqualTo(Format.TEXT);
    }
}
