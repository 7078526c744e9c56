package dev.newsstream.tagger.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.newsstream.tagger.Sentiment;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Behaviour of the individual VADER rules. The exact values in {@link #matchesTheReferenceDemo} are the
 * ones the reference's README prints for its demo sentences (those whose lexicon entries have not changed
 * since); the other tests compare sentences that differ in one rule, so they hold whatever the lexicon.
 */
class VaderTest {

    private final Vader vader = Vader.load();

    private Sentiment s(String text) {
        return vader.score(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            VADER is smart, handsome, and funny.                      | 0.0   | 0.254 | 0.746 | 0.8316
            VADER is smart, handsome, and funny!                      | 0.0   | 0.248 | 0.752 | 0.8439
            VADER is very smart, handsome, and funny.                 | 0.0   | 0.299 | 0.701 | 0.8545
            VADER is VERY SMART, handsome, and FUNNY.                 | 0.0   | 0.246 | 0.754 | 0.9227
            VADER is VERY SMART, handsome, and FUNNY!!!               | 0.0   | 0.233 | 0.767 | 0.9342
            VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!  | 0.0   | 0.294 | 0.706 | 0.9469
            VADER is not smart, handsome, nor funny.                  | 0.646 | 0.354 | 0.0   | -0.7424
            The book was good.                                        | 0.0   | 0.508 | 0.492 | 0.4404
            The book was only kind of good.                           | 0.0   | 0.697 | 0.303 | 0.3832
            Today SUX!                                                | 0.779 | 0.221 | 0.0   | -0.5461
            Not bad at all                                            | 0.0   | 0.513 | 0.487 | 0.431
            """)
    void matchesTheReferenceDemo(String text, double neg, double neu, double pos, double compound) {
        assertThat(s(text)).isEqualTo(new Sentiment(neg, neu, pos, compound));
    }

    @Test
    void negationFlipsAndDampensTheFollowingWord() {
        assertThat(s("The food is good").compound()).isPositive();
        assertThat(s("The food is not good").compound()).isNegative();
        assertThat(s("The food isn't good").compound()).isEqualTo(s("The food is not good").compound());
        // Negation reaches past a booster: "not very good" is negative.
        assertThat(s("The food is not very good").compound()).isNegative();
    }

    @Test
    void negatedNegativeIsPositiveAndKeepsTheOtherWordsNeutral() {
        // horrible (-2.5) negated by "isn't" two words back: -2.5 * -0.74 = 1.85; six neutral words;
        // pos = 2.85 / 8.85, compound = 1.85 / sqrt(1.85^2 + 15).
        assertThat(s("At least it isn't a horrible book.")).isEqualTo(new Sentiment(0.0, 0.678, 0.322, 0.431));
    }

    @Test
    void butShiftsWeightToTheClauseAfterIt() {
        double plain = s("The plot was good, the acting was bad").compound();
        double withBut = s("The plot was good, but the acting was bad").compound();
        assertThat(withBut).isLessThan(plain).isNegative();
    }

    @Test
    void allCapsEmphasisesOnlyWhenOtherWordsAreNotInCaps() {
        assertThat(s("The food is GOOD").compound()).isGreaterThan(s("The food is good").compound());
        // Everything in caps is no emphasis at all.
        assertThat(s("THE FOOD IS GOOD").compound()).isEqualTo(s("the food is good").compound());
    }

    @Test
    void boostersAndDampenersScaleTheNextWord() {
        double good = s("The food is good").compound();
        assertThat(s("The food is extremely good").compound()).isGreaterThan(good);
        assertThat(s("The food is slightly good").compound()).isLessThan(good);
        assertThat(s("The food is kind of good").compound()).isLessThan(good);
    }

    @Test
    void idiomsOverrideTheirWords() {
        assertThat(s("Sentiment analysis is the shit!").compound()).isPositive();
        assertThat(s("Sentiment analysis is shit!").compound()).isNegative();
        assertThat(s("On the other hand, VADER is quite bad ass").compound()).isPositive();
    }

    @Test
    void leastNegatesUnlessAtLeast() {
        assertThat(s("This is the least compelling film").compound()).isNegative();
        assertThat(s("This is at least compelling").compound()).isPositive();
    }

    @Test
    void emojiAreScoredThroughTheirDescriptions() {
        String grin = "\uD83D\uDE01"; // U+1F601, "beaming face with smiling eyes"
        assertThat(s(grin)).isEqualTo(s("beaming face with smiling eyes")).extracting(Sentiment::compound)
                .satisfies(c -> assertThat(c).isPositive());
        assertThat(s("I am " + grin)).isEqualTo(s("I am beaming face with smiling eyes"));
        // Reference quirk: no space is added after a description, so it fuses with the next word.
        assertThat(s(grin + "today")).isEqualTo(s("beaming face with smiling eyestoday"));
    }

    @Test
    void exclamationAndQuestionMarksAmplify() {
        assertThat(s("The food is good!").compound()).isGreaterThan(s("The food is good").compound());
        assertThat(s("The food is good!!!!").compound()).isEqualTo(s("The food is good!!!!!!!!").compound());
        assertThat(s("The food is good??").compound()).isGreaterThan(s("The food is good?").compound());
        assertThat(s("The food is good?").compound()).isEqualTo(s("The food is good").compound());
    }

    @Test
    void emoticonsSurvivePunctuationStripping() {
        assertThat(s(":)").compound()).isPositive();
        assertThat(s(":(").compound()).isNegative();
    }

    @Test
    void emptyNullAndWordlessTextScoreZero() {
        Sentiment zero = new Sentiment(0.0, 0.0, 0.0, 0.0);
        assertThat(s("")).isEqualTo(zero);
        assertThat(s(null)).isEqualTo(zero);
        assertThat(s(" \t\n\u3000 ")).isEqualTo(zero);
        assertThat(s("the table")).isEqualTo(new Sentiment(0.0, 1.0, 0.0, 0.0));
    }

    @Test
    void neverThrowsOnHostileInput() {
        String huge = "good but bad and not great ".repeat(50_000);
        List<String> inputs = List.of("\u0000\u0001\u001f", "\uD800 lone surrogate \uDC00", "Привет, отлично!",
                "素晴らしい映画でした", "مرحبا بالعالم", "!!!???", "no", "NO GOOD", "but", "least", "kind of",
                "\u0130STANBUL is great", huge);
        for (String in : inputs) {
            assertThatCode(() -> vader.score(in)).as("input starting %.20s", in).doesNotThrowAnyException();
        }
        Sentiment h = vader.score(huge);
        assertThat(h.compound()).isBetween(-1.0, 1.0);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> "sentence " + i + " is really not so bad, but sad :(")
                .toList();
        List<Sentiment> expected = texts.stream().map(vader::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Sentiment>>> futures = IntStream.range(0, 4)
                    .mapToObj(k -> pool.submit(() -> texts.stream().map(Vader.load()::score).toList()))
                    .toList();
            for (Future<List<Sentiment>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertThat(Vader.load()).isSameAs(vader);
    }

    @Test
    void butRescalingOfLongTextsEqualsTheReferenceScan() {
        // Few distinct values so that "first element equal to v" often hits an earlier, other word.
        double[] palette = {0, 0, 0, 1.9, -1.9, 0.95, 2.85, -2.5, 1.425};
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = palette[random.nextInt(palette.length)];
            }
            int bi = random.nextInt(n);
            a[bi] = random.nextBoolean() ? 0 : a[bi];
            double[] b = a.clone();
            Vader.butRescale(a, bi);
            Vader.butRescaleLarge(b, bi);
            assertThat(b).as("round %d, n=%d, but at %d", round, n, bi).containsExactly(a);
        }
    }

    @Test
    void butRescalesTheFirstEqualValueLikeTheReference() {
        // Halving the first word makes it equal to the word after "but"; the reference's list.index()
        // then finds the first word again, halves it a second time and never boosts the last one.
        double[] s = {1.9, 0, 0.95};
        Vader.butRescale(s, 1);
        assertThat(s).containsExactly(0.475, 0, 0.95);
    }

    @ParameterizedTest(name = "round({0}, {1}) = {2}")
    @CsvSource({
        "0.0625, 3, 0.062", // exact binary tie: half to even
        "0.1875, 3, 0.188",
        "0.0005, 3, 0.001", // 0.0005 is slightly above the tie in binary
        "2.675, 2, 2.67", // 2.675 is slightly below the tie in binary
        "0.43125, 4, 0.4313",
        "-0.00004, 4, -0.0",
        "0.99999, 3, 1.0"})
    void roundsLikePython(double x, int digits, double expected) {
        assertThat(Vader.pyRound(x, digits)).isEqualTo(expected);
        assertThat(Math.copySign(1.0, Vader.pyRound(x, digits))).isEqualTo(Math.copySign(1.0, expected));
    }

    @Test
    void lexiconParsingKeepsTheLastDuplicateAndNamesTheBadLine() {
        assertThat(Vader.parseLexicon(List.of("lol\t1.0\t0.5\t[1]", "", "lol\t1.8\t0.6\t[2]")))
                .containsEntry("lol", 1.8).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Vader.parseLexicon(List.of("good\t1.9", "bad\tminus")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2").hasMessageContaining("bad\tminus");
        // The shipped lexicon: 7,520 lines, 7,506 distinct tokens, duplicates resolved to the last value.
        assertThat(s("lol")).isEqualTo(new Sentiment(0.0, 0.0, 1.0, 0.4215));
    }

    @Test
    void pythonStringPrimitives() {
        assertThat(Vader.pyStrip("\u00a0\u2003 x \u3000")).isEqualTo("x");
        assertThat(Vader.pyStrip("\u200bx")).isEqualTo("\u200bx"); // zero-width space is not whitespace to Python
        assertThat(Vader.pyIsUpper("OK!")).isTrue();
        assertThat(Vader.pyIsUpper(":)")).isFalse();
        assertThat(Vader.pyIsUpper("ÉTÉ")).isTrue();
        assertThat(Vader.pyIsUpper("Ok")).isFalse();
    }
}
