package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeakerNamesTest {

    @Test
    void curlyAndStraightApostrophesAreOneName() {
        assertThat(SpeakerNames.normalise("Sweden\u2019s foreign ministry"))
                .isEqualTo(SpeakerNames.normalise("Sweden's foreign ministry"))
                .isEqualTo("Sweden's foreign ministry");
        assertThat(SpeakerNames.normalise("Egypt\u02BCs state media")).isEqualTo("Egypt's state media");
    }

    @Test
    void whitespaceAndInvisibleCharactersCollapse() {
        assertThat(SpeakerNames.normalise("  Olena\u00A0 Marchuk\u200B\n")).isEqualTo("Olena Marchuk");
    }

    @Test
    void quoteMarksAndPunctuationAroundTheNameGo() {
        assertThat(SpeakerNames.normalise("\u201CThe Kremlin,\u201D")).isEqualTo("The Kremlin");
        assertThat(SpeakerNames.normalise("\"Jonathan Pell\"")).isEqualTo("Jonathan Pell");
    }

    @Test
    void titlesInFrontOfANameTakeOneCase() {
        assertThat(SpeakerNames.normalise("the Kremlin")).isEqualTo(SpeakerNames.normalise("The Kremlin"));
        assertThat(SpeakerNames.normalise("foreign minister Sergey Lavrov")).isEqualTo("Foreign Minister Sergey Lavrov");
        assertThat(SpeakerNames.normalise("Foreign Minister Sergey Lavrov")).isEqualTo("Foreign Minister Sergey Lavrov");
        assertThat(SpeakerNames.normalise("a spokesman for the ministry")).isEqualTo("A spokesman for the ministry");
    }

    @Test
    void wordsAfterTheNameStartAreKept() {
        assertThat(SpeakerNames.normalise("Ursula von der Leyen")).isEqualTo("Ursula von der Leyen");
        assertThat(SpeakerNames.normalise("Ministry of Defence")).isEqualTo("Ministry of Defence");
        assertThat(SpeakerNames.normalise("Abdel Fattah al-Sisi")).isEqualTo("Abdel Fattah al-Sisi");
    }

    @Test
    void emptyIsNull() {
        assertThat(SpeakerNames.normalise(null)).isNull();
        assertThat(SpeakerNames.normalise(" \u201C\u201D ")).isNull();
    }
}
