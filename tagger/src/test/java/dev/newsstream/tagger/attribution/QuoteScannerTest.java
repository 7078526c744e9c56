package dev.newsstream.tagger.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class QuoteScannerTest {
    static List<String> quotes(String t) {
        return QuoteScanner.scan(t, t.length()).stream().map(q -> t.substring(q.contentStart(), q.contentEnd())).toList();
    }

    @Test
    void straightCurlyAndSingleMarks() {
        assertThat(quotes("He said \"we are ready\" and “they are not” or ‘maybe’ or 'perhaps' today."))
                .containsExactly("we are ready", "they are not", "maybe", "perhaps");
    }

    @Test
    void apostrophesAreNotQuotes() {
        assertThat(quotes("Trump-Kim’s summit couldn’t succeed, the leaders’ aides said.")).isEmpty();
    }

    @Test
    void unclosedQuoteRunsToTheEnd() {
        String t = "“We will wait. We have waited before.";
        List<QuoteSpan> q = QuoteScanner.scan(t, t.length());
        assertThat(q).singleElement().satisfies(s -> assertThat(s.closed()).isFalse());
    }

    @Test
    void singleQuotesInsideDoubleBelongToTheOuterQuotation() {
        assertThat(quotes("“He called it ‘a disaster’ yesterday,” she said.")).containsExactly(
                "He called it ‘a disaster’ yesterday,");
    }
}
