package dev.newsstream.tagger.attribution;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.sides.ActorRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SideFallbackTest {
    private static final ActorRegistry REGISTRY = ActorRegistry.loadDefault();

    private static Attribution unknown(String speaker) {
        return new Attribution("said the road was closed", 0, 24, false, speaker, "UNKNOWN",
                Map.of("sideSource", "none"));
    }

    @Test
    void aDominantSideOnlyWhenOneSideLeads() {
        assertThat(ctx(Map.of("SSD", 6, "ETH", 2)).dominantSide()).isEqualTo("SSD");
        // a lead of one mention is enough (a speaker left UNKNOWN is wrong more often than the leading side)
        assertThat(ctx(Map.of("KHM", 4, "THA", 3)).dominantSide()).isEqualTo("KHM");
        assertThat(ctx(Map.of("KHM", 4, "THA", 4)).dominantSide()).isNull();
        assertThat(ctx(Map.of("PER", 2)).dominantSide()).isNull();
        assertThat(ctx(Map.of()).dominantSide()).isNull();
    }

    @Test
    void sideCountsStayBounded() {
        Map<String, Integer> m = Map.of();
        for (int i = 0; i < 40; i++) {
            m = ArticleContext.addSides(m, Map.of("S" + i, i + 1));
        }
        assertThat(m).hasSize(ArticleContext.MAX_SIDES).containsKey("S39").doesNotContainKey("S0");
    }

    @Test
    void unknownSideTakesTheDominantOneWithEvidence() {
        Attribution a = SideFallback.apply(unknown("Maria Quispe"), "PER");
        assertThat(a.side()).isEqualTo("PER");
        assertThat(a.evidence()).containsEntry("sideSource", "article-dominant");
        Attribution known = new Attribution("x y", 0, 3, false, "Chile", "CHL", Map.of());
        assertThat(SideFallback.apply(known, "PER")).isSameAs(known);
        assertThat(SideFallback.apply(unknown("Maria Quispe"), null).side()).isEqualTo("UNKNOWN");
    }

    @Test
    void aPhraseNamingAKnownPrincipalSpeaksForTheirSide() {
        assertThat(SideFallback.principal(unknown("Putin's envoy"), REGISTRY).side()).isEqualTo("RUS");
        assertThat(SideFallback.principal(unknown("a farmers' union"), REGISTRY).side()).isEqualTo("UNKNOWN");
    }

    private static ArticleContext ctx(Map<String, Integer> sides) {
        return new ArticleContext("t", List.of(), null, null, 1, sides, null);
    }
}
