package dev.newsstream.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsstream.tagger.attribution.RuleAttributor;

class ArticleContextTest {

    @Test
    void roundTripsThroughPlainJackson() throws Exception {
        ArticleContext ctx = ArticleContext.start("Kim and Trump meet in Hanoi");
        RuleAttributor a = RuleAttributor.createDefault();
        ctx = a.attribute(ctx, "Kim and Trump meet in Hanoi").context();
        ctx = a.attribute(ctx, "North Korean leader Kim Jong Un said, “We are ready.” “And we will wait.").context();
        ObjectMapper json = new ObjectMapper();
        String s = json.writeValueAsString(ctx);
        ArticleContext back = json.readValue(s, ArticleContext.class);
        assertThat(back).isEqualTo(ctx);
        assertThat(back.openQuoteSpeaker()).isEqualTo("Kim Jong Un");
        assertThat(back.mentions()).isNotEmpty();
    }

    @Test
    void mentionsAreCapped() {
        List<ArticleContext.Mention> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(new ArticleContext.Mention("Person " + i, "Person " + i, null, null, null, null, false, i));
        }
        ArticleContext ctx = new ArticleContext("t", many, null, null, 3);
        assertThat(ctx.mentions()).hasSize(ArticleContext.MAX_MENTIONS);
        assertThat(ctx.mentions().get(ctx.mentions().size() - 1).name()).isEqualTo("Person 499");
    }
}
