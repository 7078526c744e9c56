package dev.newsstream.tagger.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleTextTest {

    @Test
    void blocksAreSeparatedByBlankLinesAndIndexedFromTheTitle() {
        var blocks = ArticleText.blocks("Title\n\nFirst paragraph.\n\n\n\nSecond paragraph.\n");

        assertThat(blocks).extracting(ArticleText.Block::index).containsExactly(0, 1, 2);
        assertThat(blocks).extracting(ArticleText.Block::text)
                .containsExactly("Title", "First paragraph.", "Second paragraph.");
    }

    @Test
    void whitespaceOnlyLinesAreBlankAndCrlfAndCrAreNormalised() {
        var texts = ArticleText.blockTexts("Title\r\n \t \r\nOne.\r\u00A0\rTwo.\r\n\u200B\r\nThree.");

        assertThat(texts).containsExactly("Title", "One.", "Two.", "Three.");
    }

    @Test
    void linesOfOneBlockAreTrimmedAndJoinedWithOneSpace() {
        var texts = ArticleText.blockTexts("  Title  \n\n  \"We will not\n   back down,\" she said.  \n");

        assertThat(texts).containsExactly("Title", "\"We will not back down,\" she said.");
    }

    @Test
    void nullAndBlankTextHaveNoBlocks() {
        assertThat(ArticleText.blocks(null)).isEmpty();
        assertThat(ArticleText.blocks(" \n\n \r\n")).isEmpty();
    }
}
