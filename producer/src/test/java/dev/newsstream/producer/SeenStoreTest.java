package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenStoreTest {

    @TempDir
    Path dir;

    @Test
    void keysAndSketchesSurviveARestart() throws IOException {
        Path file = dir.resolve("nested/seen.json");
        SeenStore store = SeenStore.load(file);
        long[] sketch = ContentFingerprint.sketch("one two three four five six seven eight nine ten");
        store.remember(List.of("guid:1", "link:https://x.example/1"), "u-1", sketch);
        store.save();

        SeenStore again = SeenStore.load(file);

        assertThat(again.contains("guid:1")).isTrue();
        assertThat(again.contains("link:https://x.example/1")).isTrue();
        assertThat(again.contains("guid:2")).isFalse();
        assertThat(again.similarTo(sketch, ContentFingerprint.SAME_STORY)).isEqualTo("u-1");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary files left behind").hasSize(1);
        }
    }

    @Test
    void aCorruptFileIsNamedWithWhatToDo() throws IOException {
        Path file = Files.writeString(dir.resolve("seen.json"), "not json");

        assertThatThrownBy(() -> SeenStore.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("delete it");
    }

    @Test
    void theOldestKeysAreForgottenBeyondTheCap() {
        SeenStore store = SeenStore.inMemory();
        for (int i = 0; i <= SeenStore.MAX_KEYS; i++) {
            store.remember(List.of("k" + i), "id", null);
        }

        assertThat(store.keyCount()).isEqualTo(SeenStore.MAX_KEYS);
        assertThat(store.contains("k0")).isFalse();
        assertThat(store.contains("k" + SeenStore.MAX_KEYS)).isTrue();
    }
}
