package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void textFileIdIsTheStemLikeTheTagCommandPrints() {
        assertThat(ArticleIds.fromFile(Path.of("/data/000_c370471a962d8560.txt"))).isEqualTo("000_c370471a962d8560");
        assertThat(ArticleIds.fromFile(Path.of("a.b.txt"))).isEqualTo("a.b");
        assertThat(ArticleIds.fromFile(Path.of("README"))).isEqualTo("README");
    }

    @Test
    void urlIdsIgnoreTrivialDifferences() {
        String id = ArticleIds.fromUrl("https://news.example.com/world/story-1");

        assertThat(ArticleIds.fromUrl("HTTPS://News.Example.com:443/world/story-1/#comments")).isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://news.example.com/world/story-1?utm_source=rss&utm_medium=feed"))
                .isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://news.example.com/world/story-2")).isNotEqualTo(id);
        assertThat(ArticleIds.normaliseUrl("http://a.example/p?b=2&a=1&fbclid=x")).isEqualTo("http://a.example/p?a=1&b=2");
    }

    @Test
    void idsAreStableAcrossRunsAndMachines() {
        // pinned: changing the derivation re-keys every article already on the topic, so it must be deliberate
        assertThat(ArticleIds.fromUrl("https://news.example.com/world/story-1"))
                .isEqualTo("u-704f90e9fd6370d0");
        assertThat(ArticleIds.fromText("  Title\n\nBody.  ")).isEqualTo(ArticleIds.fromText("Title Body."));
    }
}
