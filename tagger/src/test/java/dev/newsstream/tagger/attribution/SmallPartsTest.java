package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsstream.tagger.ArticleContext;
import dev.newsstream.tagger.Attribution;
import dev.newsstream.tagger.AttributionResult;
import dev.newsstream.tagger.sides.ActorRegistry;
import dev.newsstream.tagger.sides.RegistryFile;

/**
 * The parts added for issue 18, each on our own example sentences: headline forms, described speakers (never a
 * borrowed name), the communication-verb lexicon, canonical body names, unframed quotations, "the latter",
 * and titles resolved on the article's date.
 */
class SmallPartsTest {
    static final RuleAttributor A = RuleAttributor.createDefault();
    static final ActorRegistry REGISTRY = ActorRegistry.loadDefault();

    static List<Attribution> article(String date, String... blocks) {
        ArticleContext ctx = ArticleContext.start(blocks[0], date);
        AttributionResult r = null;
        for (String b : blocks) {
            r = A.attribute(ctx, b);
            ctx = r.context();
        }
        return r.statements();
    }

    static List<Attribution> headline(String title) {
        return A.attribute(ArticleContext.start(title), title).statements();
    }

    @Test
    void headlineForms() {
        assertThat(headline("Chile Rules Out New Talks on Border Dispute"))
                .extracting(Attribution::speaker, Attribution::side, Attribution::text)
                .containsExactly(tuple("Chile", "CHL", "Rules Out New Talks on Border Dispute"));
        assertThat(headline("Peru to Protest Fishing Ban"))
                .extracting(Attribution::speaker, Attribution::text).containsExactly(tuple("Peru", "Protest Fishing Ban"));
        assertThat(headline("Talks will go on next week – Putin"))
                .extracting(Attribution::speaker, Attribution::text)
                .containsExactly(tuple("Vladimir Putin", "Talks will go on next week"));
        assertThat(headline("Kerry, Lavrov: Geneva Meeting Could Revive Talks"))
                .extracting(Attribution::speaker).containsExactly("John Kerry", "Sergei Lavrov");
        assertThat(headline("Storm Closes Ports Across the Region")).isEmpty();
    }

    @Test
    void describedSpeakersNeverBorrowTheLastName() {
        List<Attribution> s = article(null, "t", "President Donald Trump met the board on Monday.",
                "\"We are reviewing the situation,\" the company said.");
        assertThat(s).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("company");
            assertThat(a.side()).isEqualTo("UNKNOWN");
            assertThat(a.evidence()).containsEntry("speakerResolution", "described");
        });
        assertThat(article(null, "t", "Donald Trump spoke first.", "\"The talks failed,\" a spokesman for the bank said."))
                .singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("spokesman for the bank"));
        assertThat(article(null, "t", "Jane Miller spoke first.", "\"We will not give up,\" Miller's son told a radio show."))
                .singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Miller's son"));
    }

    @Test
    void communicationVerbsByLemma() {
        assertThat(Lexicon.lemmaCount()).isGreaterThanOrEqualTo(150);
        assertThat(Lexicon.cue("mused").base()).isEqualTo("muse");
        assertThat(Lexicon.cue("slammed").base()).isEqualTo("slam");
        assertThat(Lexicon.WEAK).contains("add", "note");
        assertThat(Lexicon.MEANING).contains("deny", "accuse", "blame");
        assertThat(article(null, "t", "Donald Trump mused that a deal could still come."))
                .extracting(Attribution::speaker, Attribution::text)
                .containsExactly(tuple("Donald Trump", "mused that a deal could still come"));
        assertThat(article(null, "t", "Donald Trump blamed Beijing for the delay."))
                .extracting(Attribution::text).containsExactly("blamed Beijing for the delay");
        assertThat(article(null, "t", "Jane Miller called the vote \"a turning point.\""))
                .extracting(Attribution::speaker).containsExactly("Jane Miller");
        // a weak verb reports only in the trailing form or with "that"
        assertThat(article(null, "t", "Jane Miller added a footnote to the report.")).isEmpty();
        assertThat(article(null, "t", "Talks will resume next week, Jane Miller added."))
                .extracting(Attribution::text).containsExactly("Talks will resume next week");
    }

    @Test
    void aBodyNamedByItsLeaderIsItsState() {
        assertThat(SpeakerNames.canonical(REGISTRY, "Trump administration")).isEqualTo("United States");
        assertThat(SpeakerNames.canonical(REGISTRY, "Chile's foreign ministry")).isEqualTo("Chile's foreign ministry");
        assertThat(SpeakerNames.canonical(REGISTRY, "Japan's Coast Guard")).isEqualTo("Japan's Coast Guard");
        assertThat(SpeakerNames.canonical(REGISTRY, "Jane Miller")).isEqualTo("Jane Miller");
    }

    @Test
    void aQuotationWithNoTagTakesTheParagraphsSpeaker() {
        List<Attribution> s = article(null, "t", "Jane Miller, the Chilean trade minister, arrived on Monday.",
                "Miller gave her assurance that the deal would hold. \"We will implement every line of this agreement.\"");
        assertThat(s).extracting(Attribution::speaker).containsOnly("Jane Miller");
        assertThat(s).anySatisfy(a -> assertThat(a.direct()).isTrue());
        // a scare quote is not speech
        assertThat(article(null, "t", "The so-called \"peace plan\" was never published.")).isEmpty();
    }

    @Test
    void communicationNounsWithTheirContent() {
        assertThat(article(null, "t", "Chile repeated its warning that the border would close on Friday."))
                .extracting(Attribution::speaker, Attribution::text)
                .containsExactly(tuple("Chile", "warning that the border would close on Friday"));
        assertThat(article(null, "t", "Peru's demand that the ships leave was rejected."))
                .extracting(Attribution::speaker).contains("Peru");
        // "calls for" here is the verb: the document's words, its speaker the phrase (never a borrowed name)
        assertThat(article(null, "t", "Jane Miller spoke.", "The agreement calls for a ceasefire within a day."))
                .extracting(Attribution::speaker, Attribution::text)
                .containsExactly(tuple("agreement", "calls for a ceasefire within a day"));
    }

    @Test
    void aBareQuotationAfterAPersonIsIntroducedIsTheirs() {
        List<Attribution> s = article(null, "t", "Chile's foreign ministry said the talks would resume.",
                "Meanwhile, Peruvian envoy Ana Torres met officials in Lima on Thursday.",
                "\"We talked about the fishing rights and the border for a long time.\"");
        assertThat(s).singleElement().satisfies(a -> assertThat(a.speaker()).isEqualTo("Ana Torres"));
    }

    @Test
    void usLegislatorsByTitleOrPartyTag() {
        assertThat(article(null, "t", "\"This is a reckless bill,\" Rep. Maria Lopez told reporters."))
                .singleElement().satisfies(a -> assertThat(a.side()).isEqualTo("USA"));
        assertThat(article(null, "t", "Paul Garner, D-Ore., said the vote would be close."))
                .singleElement().satisfies(a -> assertThat(a.side()).isEqualTo("USA"));
    }

    @Test
    void aTranscriptTurnIsItsSpeakersOwnWords() {
        assertThat(article(null, "t", "PRESIDENT PUTIN: (Via interpretation) We are ready to continue the talks."))
                .singleElement().satisfies(a -> {
                    assertThat(a.speaker()).isEqualTo("Vladimir Putin");
                    assertThat(a.direct()).isTrue();
                    assertThat(a.text()).isEqualTo("We are ready to continue the talks");
                });
        assertThat(article(null, "t", "NOTE: the figures were revised on Monday.")).isEmpty();
    }

    @Test
    void theLatterAndTheFormer() {
        assertThat(article(null, "t", "Jane Miller and Paul Roth met in Oslo, while the latter said the talks were over."))
                .extracting(Attribution::speaker).containsExactly("Paul Roth");
    }

    @Test
    void aBareTitleIsTheHolderOnTheArticlesDate() {
        String s = "The British prime minister said the talks would go on.";
        assertThat(article("2020-03-01", "t", s)).extracting(Attribution::speaker).containsExactly("Boris Johnson");
        assertThat(article("2023-03-01", "t", s)).extracting(Attribution::speaker).containsExactly("Rishi Sunak");
        // no date: the title stays what the text says, never the registry's first entry
        assertThat(article(null, "t", s)).singleElement().satisfies(a -> {
            assertThat(a.speaker()).isEqualTo("British prime minister");
            assertThat(a.side()).isEqualTo("GBR");
        });
        assertThat(REGISTRY.holder("USA", "president", "2022-06-01").name()).isEqualTo("Joe Biden");
        assertThat(REGISTRY.holder("USA", "president", "2019-06-01").name()).isEqualTo("Donald Trump");
        assertThat(REGISTRY.holder("USA", "president", null)).isNull();
        assertThatThrownBy(() -> new RegistryFile.Term("May 2020", null))
                .hasMessageContaining("ISO date");
    }
}
