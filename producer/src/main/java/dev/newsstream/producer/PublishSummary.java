package dev.newsstream.producer;

import java.util.List;
import java.util.Map;

/**
 * What a produce run did.
 *
 * @param articles            articles published (with at least one event)
 * @param paragraphs          paragraph events published in all (what a consumer should wait for)
 * @param skippedBoilerplate  blocks classified as boilerplate or headings and not published
 * @param duplicates          articles or feed items skipped as already seen or copies
 * @param empty               articles read but with nothing to publish (no body text found)
 * @param errors              inputs or items that failed (reported and skipped)
 * @param paragraphsByArticle published events per article id, in publishing order
 * @param errorMessages       one line per error: where, what, what to do
 *
 * <p>Immutable and thread-safe. In a feed poll loop, {@code duplicates} counts every pass's already-seen items.
 */
public record PublishSummary(int articles, int paragraphs, int skippedBoilerplate, int duplicates, int empty,
                             int errors, Map<String, Integer> paragraphsByArticle, List<String> errorMessages) {

    public PublishSummary {
        paragraphsByArticle = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paragraphsByArticle));
        errorMessages = List.copyOf(errorMessages);
    }

    /** This run's counts plus another's (the demo publishes article by article). */
    public PublishSummary plus(PublishSummary o) {
        java.util.Map<String, Integer> by = new java.util.LinkedHashMap<>(paragraphsByArticle);
        o.paragraphsByArticle.forEach((k, v) -> by.merge(k, v, Integer::sum));
        List<String> msgs = new java.util.ArrayList<>(errorMessages);
        msgs.addAll(o.errorMessages);
        return new PublishSummary(articles + o.articles, paragraphs + o.paragraphs,
                skippedBoilerplate + o.skippedBoilerplate, duplicates + o.duplicates, empty + o.empty,
                errors + o.errors, by, msgs);
    }

    /** One line for humans. */
    public String describe() {
        return "published " + articles + " article" + (articles == 1 ? "" : "s") + ", " + paragraphs + " paragraph"
                + (paragraphs == 1 ? "" : "s") + "; skipped " + skippedBoilerplate + " boilerplate block"
                + (skippedBoilerplate == 1 ? "" : "s") + ", " + duplicates + " duplicate"
                + (duplicates == 1 ? "" : "s") + ", " + empty + " without body text; " + errors + " error"
                + (errors == 1 ? "" : "s");
    }
}
