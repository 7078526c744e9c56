package dev.newsstream.tagger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an article's earlier paragraphs established (its title, the people and institutions mentioned with
 * their roles and sides, the latest speaker, an open quotation continuing into the next paragraph).
 * Immutable, and a plain Jackson-serialisable value: the processor keeps it in a state store keyed by article.
 * Bounded: at most {@link #MAX_MENTIONS} mentions are kept (the least recently mentioned are dropped), so a
 * stored context stays a few kilobytes however long the article.
 *
 * @param title            the article's headline, or an empty string
 * @param mentions         the article's mentions so far, least recently mentioned first (see {@link Mention})
 * @param openQuoteSpeaker canonical name of the speaker of a quotation left open at the end of the previous
 *                         paragraph (or introduced by "X said:" at its end), or null
 * @param lastSpeaker      canonical name of the latest statement's speaker, or null
 * @param paragraphs       how many blocks (title included) the article has had so far: the index of the next
 * @param sides            how often each side was named so far (country names, capitals, demonyms, at most
 *                         {@link #MAX_SIDES} sides); absent in states stored before it existed (read as empty)
 * @param publishedAt      the article's publication date (ISO yyyy-MM-dd) or null: a bare title ("the British
 *                         prime minister") resolves to the registry's holder on that date, never without one
 */
public record ArticleContext(String title, List<Mention> mentions, String openQuoteSpeaker, String lastSpeaker,
                             int paragraphs, Map<String, Integer> sides, String publishedAt) {

    public static final int MAX_MENTIONS = 48;
    public static final int MAX_SIDES = 16;

    public ArticleContext {
        title = title == null ? "" : title;
        mentions = mentions == null ? List.of() : List.copyOf(mentions.size() <= MAX_MENTIONS ? mentions
                : mentions.subList(mentions.size() - MAX_MENTIONS, mentions.size()));
        paragraphs = Math.max(0, paragraphs);
        sides = sides == null ? Map.of() : Map.copyOf(sides);
        publishedAt = publishedAt == null || publishedAt.length() < 10 ? null : publishedAt.substring(0, 10);
    }

    public ArticleContext(String title, List<Mention> mentions, String openQuoteSpeaker, String lastSpeaker,
                          int paragraphs) {
        this(title, mentions, openQuoteSpeaker, lastSpeaker, paragraphs, Map.of(), null);
    }

    public static ArticleContext start(String title) {
        return new ArticleContext(title, List.of(), null, null, 0, Map.of(), null);
    }

    /** An article's start, published on {@code publishedAt} (an ISO date or instant; null when unknown). */
    public static ArticleContext start(String title, String publishedAt) {
        return new ArticleContext(title, List.of(), null, null, 0, Map.of(), publishedAt);
    }

    /**
     * The side the article names most so far, when it leads the next one (by at least one mention) and was
     * named at least three times (a civil conflict, a country's internal talks); null otherwise.
     */
    public String dominantSide() {
        String best = null;
        int first = 0;
        int second = 0;
        for (Map.Entry<String, Integer> e : sides.entrySet()) {
            int c = e.getValue();
            if (c > first || c == first && best != null && e.getKey().compareTo(best) < 0) {
                second = Math.max(second, first);
                first = c;
                best = e.getKey();
            } else if (c > second) {
                second = c;
            }
        }
        return best != null && first >= 3 && first - second >= 1 ? best : null;
    }

    /** {@code counts} added to this context's side counts, keeping the {@link #MAX_SIDES} most named. */
    public static Map<String, Integer> addSides(Map<String, Integer> base, Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return base;
        }
        Map<String, Integer> out = new LinkedHashMap<>(base);
        counts.forEach((k, v) -> out.merge(k, v, Integer::sum));
        if (out.size() > MAX_SIDES) {
            List<Map.Entry<String, Integer>> es = new ArrayList<>(out.entrySet());
            es.sort((a, b) -> b.getValue() - a.getValue() != 0 ? b.getValue() - a.getValue()
                    : a.getKey().compareTo(b.getKey()));
            out.clear();
            for (Map.Entry<String, Integer> e : es.subList(0, MAX_SIDES)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The mention with this canonical name, or null. */
    public Mention mention(String name) {
        if (name == null) {
            return null;
        }
        for (int i = mentions.size() - 1; i >= 0; i--) {
            if (mentions.get(i).name().equals(name)) {
                return mentions.get(i);
            }
        }
        return null;
    }

    /** This context with {@code m} as the most recent mention (replacing an older one of the same name). */
    public ArticleContext withMention(Mention m) {
        List<Mention> out = new ArrayList<>(mentions.size() + 1);
        for (Mention old : mentions) {
            if (!old.name().equals(m.name())) {
                out.add(old);
            }
        }
        out.add(m);
        return new ArticleContext(title, out, openQuoteSpeaker, lastSpeaker, paragraphs, sides, publishedAt);
    }

    /**
     * A person or institution mentioned in the article.
     *
     * @param name        canonical name ("Donald Trump", "The White House")
     * @param surface     the text as written at its fullest mention
     * @param role        title or role ("President", "Foreign Minister"), or null
     * @param side        side code or null
     * @param sideSource  how the side was known (registry, demonym, title, ...), or null
     * @param gender      "m", "f" or null when unknown (for pronoun resolution)
     * @param institution true for organisations speaking (ministries, agencies, capitals)
     * @param paragraph   index of the paragraph of the latest mention
     */
    public record Mention(String name, String surface, String role, String side, String sideSource,
                          String gender, boolean institution, int paragraph) {
    }
}
