package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;

/** Hostile input never throws, always finishes (no timing assertions: these must simply complete). */
class RobustnessTest {
    static final RuleAttributor ATTRIBUTOR = RuleAttributor.createDefault();

    static AttributionResult run(String text) {
        AttributionResult r = ATTRIBUTOR.attribute(ArticleContext.start("Title"), text);
        for (Attribution a : r.statements()) {
            assertThat(a.text()).isEqualTo(text.substring(a.start(), a.end()));
        }
        return r;
    }

    @Test
    void nullEmptyAndWhitespace() {
        assertThat(ATTRIBUTOR.attribute(ArticleContext.start("t"), null).statements()).isEmpty();
        assertThat(run("").statements()).isEmpty();
        assertThat(run(" \n\t \u00a0 ").statements()).isEmpty();
        assertThat(ATTRIBUTOR.attribute(null, "Kim said the talks failed.").context()).isNotNull();
    }

    @Test
    void unbalancedQuoteMarks() {
        run("“We are ready,” he said. “But not");
        run("\"\"\" said Trump \" \" ” “ ‘ ’ ' '");
        run("Kim said, “ and then nothing closed the quotation at all");
        run("”Backwards quotes,“ Trump said.");
    }

    @Test
    void oneMegabyteParagraph() {
        String sentence = "Trump said “we will see what happens” and Kim said that the talks were productive. ";
        String big = sentence.repeat(1_000_000 / sentence.length() + 1);
        AttributionResult r = run(big);
        assertThat(r.statements()).isNotEmpty();
        assertThat(r.statements().get(r.statements().size() - 1).end()).isLessThanOrEqualTo(RuleAttributor.MAX_CHARS);
    }

    @Test
    void oneMegabyteWithoutSentenceEnds() {
        run("word ".repeat(200_000));
        run("Kim ".repeat(200_000));
        run("said ".repeat(200_000));
    }

    @Test
    void controlCharactersAndNonLatinScripts() {
        run("Trump\u0000 said\u0007 “we\u001b are\u0008 ready.”\r\n");
        run("Путин заявил: «Мы готовы к переговорам», сообщил Песков.");
        run("习近平说：“我们愿意对话。”");
        run("قال الرئيس “نحن مستعدون” للصحفيين.");
        run("\uD83D\uDE00 “😀 emoji quote 😀,” he said.");
        run("\uD800 lone surrogate “quote” \uDC00 said Kim");
    }

    @Test
    void hundredsOfNestedQuoteMarks() {
        run("“".repeat(500) + "deep" + "”".repeat(500) + " Kim said.");
        run("‘“".repeat(300) + "x" + "”’".repeat(300));
        run("\"".repeat(1001) + " Trump said");
        run("'".repeat(2000));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            b.append("“a ").append(i).append(",” Kim said, ");
        }
        AttributionResult r = run(b.toString());
        assertThat(r.statements()).hasSizeGreaterThan(0);
    }

    @Test
    void contextStaysBounded() {
        ArticleContext ctx = ArticleContext.start("t");
        for (int i = 0; i < 300; i++) {
            ctx = ATTRIBUTOR.attribute(ctx, "Minister Person" + (char) ('A' + i % 26) + " Name" + i
                    + " said that the talks would continue.").context();
        }
        assertThat(ctx.mentions()).hasSizeLessThanOrEqualTo(ArticleContext.MAX_MENTIONS);
        assertThat(ctx.paragraphs()).isEqualTo(300);
    }

    @Test
    void boilerplateYieldsNothing() {
        for (String p : List.of("Subscribe to the International Relations Updates by The Kootneeti",
                "Leave a Reply", "Your email address will not be published. Required fields are marked *",
                "Facebook Comments", "Sign up for our newsletter",
                "Utkal Tripathy is a Former Research Intern at The Kootneeti. He can be reached at",
                "Copyright 2025. All rights reserved.")) {
            assertThat(run(p).statements()).as(p).isEmpty();
        }
    }
}
