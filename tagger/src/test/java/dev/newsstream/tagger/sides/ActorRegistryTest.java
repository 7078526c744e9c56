package dev.newsstream.tagger.sides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActorRegistryTest {
    static final ActorRegistry DEFAULT = ActorRegistry.loadDefault();

    @Test
    void worldKnowledge() {
        assertThat(DEFAULT.place("Pyongyang")).contains("PRK");
        assertThat(DEFAULT.placeKind("Pyongyang")).isEqualTo("capital");
        assertThat(DEFAULT.place("Kyiv")).contains("UKR");
        assertThat(DEFAULT.place("North Korea")).contains("PRK");
        assertThat(DEFAULT.demonym("North Korean")).contains("PRK");
        assertThat(DEFAULT.demonym("American")).contains("USA");
        // every ISO country from the JDK, even ones the table leaves out
        assertThat(DEFAULT.place("Uruguay")).contains("URY");
        assertThat(DEFAULT.place("Fiji")).contains("FJI");
    }

    @Test
    void peopleAndInstitutionsByAnyAlias() {
        assertThat(DEFAULT.actor("Kim Jong-un")).get().extracting(Actor::name).isEqualTo("Kim Jong Un");
        assertThat(DEFAULT.actor("Trump")).get().extracting(Actor::side).isEqualTo("USA");
        assertThat(DEFAULT.actor("the White House")).get().extracting(Actor::name).isEqualTo("The White House");
        assertThat(DEFAULT.actor("Kremlin")).get().extracting(Actor::side).isEqualTo("RUS");
        assertThat(DEFAULT.actor("Erdoğan")).get().extracting(Actor::side).isEqualTo("TUR");
        assertThat(DEFAULT.leaders("USA")).isNotEmpty();
    }

    @Test
    void userFileMergesOnTop(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("actors.json");
        Files.writeString(f, """
                {"sides": [{"code": "ARM", "name": "Armenia",
                  "people": [{"name": "Nikol Pashinyan", "aliases": ["Pashinyan"], "role": "Prime Minister",
                              "gender": "m", "leader": true}],
                  "institutions": [{"name": "Armenian foreign ministry"}]}]}
                """);
        ActorRegistry merged = DEFAULT.merge(ActorRegistry.load(f));
        assertThat(merged.actor("Pashinyan")).get().extracting(Actor::side).isEqualTo("ARM");
        assertThat(merged.leaders("ARM")).extracting(Actor::name).containsExactly("Nikol Pashinyan");
        assertThat(merged.place("Yerevan")).contains("ARM");
        assertThat(merged.actor("Trump")).isPresent();
    }

    @Test
    void errorsNameFileLineFieldAndFormat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"sides\": [\n {\"code\": \"usa\", \"name\": \"x\"}\n]}");
        assertThatThrownBy(() -> ActorRegistry.load(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2").hasMessageContaining("code")
                .hasMessageContaining("expected");
        Files.writeString(f, "{\"sides\": [{\"code\": \"USA\", \"people\": [{\"aliases\": []}]}]}");
        assertThatThrownBy(() -> ActorRegistry.load(f)).hasMessageContaining("name").hasMessageContaining("people");
        Files.writeString(f, "{\"sides\": [{\"code\": \"USA\", \"peeple\": []}]}");
        assertThatThrownBy(() -> ActorRegistry.load(f)).hasMessageContaining("peeple");
        Files.writeString(f, "{\"sides\": [");
        assertThatThrownBy(() -> ActorRegistry.load(f)).hasMessageContaining("line 1");
    }
}
