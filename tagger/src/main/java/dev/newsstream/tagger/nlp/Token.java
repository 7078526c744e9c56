package dev.newsstream.tagger.nlp;

/**
 * One token with its character offsets in the analysed text, its part-of-speech tag and lemma.
 *
 * @param text  the token as written: {@code text.substring(start, end)} of the analysed text
 * @param start offset of the first character (inclusive)
 * @param end   offset after the last character (exclusive)
 * @param pos   the tag from the bundled Universal Dependencies model ({@code PROPN}, {@code VERB}, ...)
 * @param lemma the dictionary form, lower case; the token itself in lower case when the lemmatizer has none
 */
public record Token(String text, int start, int end, String pos, String lemma) {

    /** True for proper nouns in either tag set (UD {@code PROPN} or Penn {@code NNP}/{@code NNPS}). */
    public boolean isProperNoun() {
        return "PROPN".equals(pos) || "NNP".equals(pos) || "NNPS".equals(pos);
    }

    public boolean isVerb() {
        return "VERB".equals(pos) || pos.startsWith("VB");
    }
}
