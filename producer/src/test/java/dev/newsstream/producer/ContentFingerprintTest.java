package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentFingerprintTest {

    private static final String STORY = "Negotiators from the two countries agreed on Wednesday to meet again next"
            + " month, after two days of talks in Geneva that both sides described as frank. The southern delegation"
            + " said sanctions would stay in place until verifiable steps were taken, a position it has held since"
            + " the talks began last year. The next round is expected to take place in Vienna, officials said.";

    @Test
    void aWireCopyWithADifferentDatelineIsTheSameStory() {
        String copy = "GENEVA (Wire) - " + STORY.toUpperCase(java.util.Locale.ROOT).replace(",", "");

        assertThat(ContentFingerprint.similarity(ContentFingerprint.sketch(STORY), ContentFingerprint.sketch(copy)))
                .isGreaterThanOrEqualTo(ContentFingerprint.SAME_STORY);
    }

    @Test
    void aDifferentStoryIsNot() {
        String other = "The foreign minister on Tuesday rejected the proposal put forward by the neighbouring"
                + " government, calling it a step backwards for the region. Officials said the plan would have"
                + " required the withdrawal of troops from the border area within six months.";

        assertThat(ContentFingerprint.similarity(ContentFingerprint.sketch(STORY), ContentFingerprint.sketch(other)))
                .isLessThan(0.2);
        assertThat(ContentFingerprint.similarity(ContentFingerprint.sketch(""), ContentFingerprint.sketch(STORY)))
                .isZero();
    }
}
