package dev.newsstream.tagger.sentiment;

import dev.newsstream.tagger.Sentiment;
import dev.newsstream.tagger.SentimentAnalyzer;

/**
 * A news-tuned variant of VADER: same lexicons and word rules as {@link Vader}, re-weighted for newspaper
 * prose. It is <em>not</em> VADER and its numbers do not match the Python reference; use {@link Vader}
 * wherever VADER scores are promised.
 *
 * <p>Three changes, each a single constant chosen on the odd-numbered NYT editorials of the VADER paper
 * corpus and checked on the even-numbered ones (see {@code docs/sentiment.md} and
 * {@code NewsVaderTest}):
 * <ul>
 *   <li>negative word valences weigh {@value #NEGATIVE_WEIGHT} times as much as positive ones: in the
 *       human ratings of editorials a negative word moves a sentence further than a positive word of the
 *       same VADER rating;</li>
 *   <li>normalisation uses alpha = {@value #ALPHA} instead of 15, keeping the weighted sums on the same
 *       scale;</li>
 *   <li>compound is shifted by {@value #PRIOR} (then clipped to [-1, 1]): readers rate only about 5 % of
 *       editorial sentences neutral and lean negative on sentences without sentiment words, which VADER
 *       scores 0.</li>
 * </ul>
 * neg/neu/pos are VADER's proportions over the re-weighted valences. All four numbers are rounded like
 * VADER's. Immutable and thread-safe; never throws; {@code null} or wordless text scores (0, 0, 0, 0)
 * without the prior, as there is nothing to rate.
 */
public final class NewsVader implements SentimentAnalyzer {

    static final double NEGATIVE_WEIGHT = 1.7;
    static final double ALPHA = 20.0;
    static final double PRIOR = -0.1;

    private static final NewsVader INSTANCE = new NewsVader(Vader.load());

    private final Vader vader;

    private NewsVader(Vader vader) {
        this.vader = vader;
    }

    /** The per-JVM instance; shares the lexicons loaded by {@link Vader#load()}. */
    public static NewsVader load() {
        return INSTANCE;
    }

    @Override
    public Sentiment score(String text) {
        if (text == null || text.isEmpty()) {
            return new Sentiment(0.0, 0.0, 0.0, 0.0);
        }
        String replaced = vader.replaceEmojis(text);
        double[] valences = vader.wordValences(replaced);
        if (valences.length == 0) {
            return new Sentiment(0.0, 0.0, 0.0, 0.0);
        }
        for (int i = 0; i < valences.length; i++) {
            if (valences[i] < 0) {
                valences[i] *= NEGATIVE_WEIGHT;
            }
        }
        double punct = Vader.punctuationEmphasis(replaced);
        Sentiment proportions = Vader.scoreValence(valences, punct);
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        if (sum > 0) {
            sum += punct;
        } else if (sum < 0) {
            sum -= punct;
        }
        double compound = sum / Math.sqrt(sum * sum + ALPHA) + PRIOR;
        compound = Math.max(-1.0, Math.min(1.0, compound));
        return new Sentiment(proportions.neg(), proportions.neu(), proportions.pos(), Vader.pyRound(compound, 4));
    }
}
