package dev.newsstream.tagger.attribution;

/**
 * A quotation found in a paragraph.
 *
 * @param open         offset of the opening mark
 * @param close        offset of the closing mark, or the paragraph's analysed length when left open
 * @param contentStart first character of the quoted words (whitespace trimmed)
 * @param contentEnd   after the last character of the quoted words (whitespace trimmed)
 * @param closed       false when the paragraph ended inside the quotation
 */
public record QuoteSpan(int open, int close, int contentStart, int contentEnd, boolean closed) {
}
