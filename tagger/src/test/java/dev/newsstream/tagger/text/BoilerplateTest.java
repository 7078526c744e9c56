package dev.newsstream.tagger.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateTest {

    private final Boilerplate boilerplate = Boilerplate.defaults();

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Sign up for our daily briefing and get the news delivered to your inbox          | newsletter
            Subscribe to our Asia Weekly newsletter                                          | newsletter
            Get the Morning Digest newsletter                                                | newsletter
            * Indicates required field                                                       | required-fields
            Opinions expressed here are the author's own and do not necessarily reflect the policy of this site. | disclaimer
            Share this article                                                               | social
            Share on Facebook                                                                | social
            Tweet · Email · Print · WhatsApp                                                 | social
            Disqus Comments                                                                  | social
            Leave a comment                                                                  | comments
            12 Comments                                                                      | comments
            Comments are closed.                                                             | comments
            Your email address will not be published.                                        | comments
            You might also like                                                              | related
            Read more: Talks stall over sanctions relief                                     | related
            Most popular                                                                     | related
            Advertisement                                                                    | advert
            © 2026 Example Media Group. All rights reserved.                                 | copyright
            Jane Doe is a senior correspondent for the Daily Planet covering Asia.          | author-bio
            Follow her on Twitter @janedoe                                                   | author-bio
            Delegates arrive for the talks in Geneva. Photo: Martin Example                  | caption
            Soldiers patrol the border (Photo by J. Smith/Getty Images)                     | caption
            The two leaders are pictured at the signing ceremony in Doha                     | caption
            A protester holds a sign outside parliament. REUTERS/Ann Example                 | caption
            By Maria Example                                                                 | byline
            Read the full report at https://example.org/report                               | link
            Press enquiries: press@example.org                                               | link
            Talks in Geneva                                                                  | heading
            The Road Ahead                                                                   | heading
            Home World Politics Business Technology Science Health Sport Culture Opinion Video | list
            """)
    void flagsFurnitureWithTheRightReason(String block, String reason) {
        var verdict = boilerplate.classify(block);

        assertThat(verdict.boilerplate()).as("boilerplate? %s", block).isTrue();
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"We will not back down,\" she said.",
            "\"No,\" he said.",
            "Talks resumed on Tuesday.",
            "Related talks between the two delegations resumed in Geneva on Monday.",
            "Is this the end of the road for the deal?",
            "The minister said the country would subscribe to the treaty once parliament approved it, a step that "
                    + "critics say could take years.",
            "GENEVA (Reuters) - Negotiators from both sides met for a third day on Wednesday, with diplomats "
                    + "saying a framework deal was within reach but that the hardest issues were still open.",
            "“It is a good day for peace,” the envoy told reporters outside the hotel.",
            "Both sides agreed to meet again next month.",
            "He added: “We are ready.”",
            "The paintings, which are displayed in the national museum, were returned in 2019 after talks, the "
                    + "ministry said.",
            "Asked whether the sanctions would stay, she said: “Yes, until we see verifiable steps.”",
            "The move was seen as a concession to Pyongyang.",
            "Like us, they want peace on the peninsula.",
            "Officials expect to get the latest updates from the delegation next week.",
            "Smith, who is the author of a book on the North, said the talks had failed.",
            "Copyright disputes were also on the agenda.",
            "Analysts studied satellite images: they showed new construction at the site.",
            "The statement does not necessarily reflect the views of the whole government, a spokesman said on"
                    + " Monday.",
            "A photo by a local journalist showed the two leaders shaking hands.",
            "A veteran diplomat, he knows that how a flag is displayed matters to both delegations."})
    void keepsBodyParagraphsIncludingShortQuoteParagraphs(String block) {
        assertThat(boilerplate.classify(block)).isEqualTo(Boilerplate.Verdict.BODY);
    }

    @Test
    void aNameBeforeItsBioIsAnAuthorNameAndTrailingWidgetTitlesAreFurniture() {
        var verdicts = boilerplate.classifyAll(List.of(
                "Body paragraph one, which talks about the summit.",
                "Next Steps",
                "Body paragraph two, which follows the heading.",
                "Jane Doe",
                "Jane Doe is a reporter at the Daily Planet. She can be reached at jane@example.org",
                "Popular Posts"));

        assertThat(verdicts).extracting(Boilerplate.Verdict::reason)
                .containsExactly(null, Boilerplate.HEADING, null, Boilerplate.AUTHOR_NAME, "author-bio",
                        Boilerplate.FURNITURE);
    }

    @Test
    void customPhraseListsAreReadAndBadLinesAreExplained() throws IOException {
        var custom = Boilerplate.withPhrases(new ByteArrayInputStream(
                "# comment\npaywall: ^this story is for subscribers\n".getBytes(StandardCharsets.UTF_8)), "test");

        assertThat(custom.classify("This story is for subscribers only.").reason()).isEqualTo("paywall");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Boilerplate.withPhrases(
                        new ByteArrayInputStream("no colon here".getBytes(StandardCharsets.UTF_8)), "my.txt"))
                .hasMessageContaining("my.txt line 1").hasMessageContaining("reason: regex");
    }

    @Test
    void seedArticleYieldsExactlyItsFiveBodyParagraphs() throws IOException {
        Path seed = Path.of(System.getProperty("newsstream.shared.dir", "../shared"), "seed",
                "000_c370471a962d8560.txt");
        assumeTrue(Files.isReadable(seed), "seed article not found at " + seed.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the shared directory to run this test");

        List<String> blocks = ArticleText.blockTexts(Files.readString(seed));
        assertThat(blocks).hasSize(17);
        List<Boilerplate.Verdict> verdicts = boilerplate.classifyAll(blocks.subList(1, blocks.size()));

        List<Integer> body = new ArrayList<>();
        List<Integer> headings = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            if (!verdicts.get(i).boilerplate()) {
                body.add(i + 1);
            } else if (verdicts.get(i).heading()) {
                headings.add(i + 1);
            }
        }
        assertThat(body).containsExactly(2, 3, 5, 6, 7);
        assertThat(headings).containsExactly(4);
        assertThat(blocks.get(4)).isEqualTo("Hanoi Summit");
        assertThat(verdicts.get(0).reason()).isEqualTo("caption");
        assertThat(verdicts.subList(7, 16)).extracting(Boilerplate.Verdict::reason).containsExactly(
                "newsletter", "required-fields", "disclaimer", "social", Boilerplate.AUTHOR_NAME, "author-bio",
                "related", "comments", "comments");
    }

    @Test
    void editorialProseIsAlmostNeverFlagged() throws IOException {
        // 5,190 human-written NYT editorial sentences (VADER's corpus): prose the classifier has never seen, so a
        // generic rule that starts eating body text shows up here, not only on our own examples
        Path corpus = Path.of(System.getProperty("newsstream.shared.dir", "../shared"), "sentiment-conformance",
                "nyt_editorials.reference.tsv");
        assumeTrue(Files.isReadable(corpus), "VADER corpus not found at " + corpus.toAbsolutePath()
                + "; set -Dnewsstream.shared.dir to the shared directory to run this test");

        List<String> lines = Files.readAllLines(corpus);
        int total = 0;
        List<String> flagged = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String sentence = line.split("\t")[1];
            total++;
            Boilerplate.Verdict v = boilerplate.classify(sentence);
            if (v.boilerplate()) {
                flagged.add(v.reason() + ": " + sentence);
            }
        }

        assertThat(total).isGreaterThan(5000);
        // the few allowed are verbless fragments without a full stop, which is what a heading looks like
        assertThat(flagged).allSatisfy(f -> assertThat(f).satisfiesAnyOf(
                x -> assertThat(x).startsWith("heading"), x -> assertThat(x).startsWith("fragment")));
        assertThat(flagged.size()).as("flagged: %s", flagged).isLessThanOrEqualTo(total / 200);
    }
}
