package dev.newsstream.tagger.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits an article's plain text into blocks, the unit every paragraph index in NewsStream refers to.
 *
 * <p>Contract (it must match the seed labels' {@code paragraph} field, so the offline {@code tag} command, the
 * producer and the labels all count the same way):
 * <ul>
 *   <li>CRLF and lone CR are normalised to LF first;</li>
 *   <li>a line holding only whitespace (including no-break and zero-width spaces and a BOM, which copy-pasted
 *       web text is full of) is blank; one or more blank lines separate blocks;</li>
 *   <li>each line of a block is trimmed and the lines of one block are joined by a single space, because in
 *       plain text a line break inside a paragraph is hard wrapping, not meaning (a quotation wrapped over two
 *       lines must still be one quotation); the block text is therefore trimmed and free of line breaks;</li>
 *   <li>empty blocks do not exist, so indices are 0-based among non-empty blocks; block 0 is the title.</li>
 * </ul>
 * Offsets that other components report are offsets into these block texts, not into the raw file.
 *
 * <p>Stateless and thread-safe.
 */
public final class ArticleText {

    private ArticleText() {
    }

    /** One block and its 0-based index among the article's non-empty blocks (0 is the title). */
    public record Block(int index, String text) {
        public Block {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The non-empty blocks of {@code text}, in order; an empty list for null or blank text. */
    public static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder current = new StringBuilder();
        for (String line : normalised.split("\n", -1)) {
            String trimmed = trim(line);
            if (trimmed.isEmpty()) {
                flush(current, out);
            } else {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(trimmed);
            }
        }
        flush(current, out);
        return out;
    }

    /** Just the block texts, in order (index = list position). */
    public static List<String> blockTexts(String text) {
        return blocks(text).stream().map(Block::text).toList();
    }

    private static String trim(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    private static void flush(StringBuilder current, List<Block> out) {
        if (current.length() > 0) {
            out.add(new Block(out.size(), current.toString()));
            current.setLength(0);
        }
    }
}
