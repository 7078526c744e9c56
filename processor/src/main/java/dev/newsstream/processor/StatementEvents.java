package dev.newsstream.processor;

import dev.newsstream.events.StatementEvent;
import dev.newsstream.tagger.Statement;

/** Maps the tagger's statements to the wire form; shared by the topology and the offline {@code tag} command. */
public final class StatementEvents {
    private StatementEvents() {
    }

    public static StatementEvent of(Statement s) {
        StatementEvent.SentimentScores sent = s.sentiment() == null ? null : new StatementEvent.SentimentScores(
                s.sentiment().neg(), s.sentiment().neu(), s.sentiment().pos(), s.sentiment().compound());
        return new StatementEvent(s.text(), s.start(), s.end(), s.direct(), s.speaker(), s.side(),
                s.stance() == null ? null : s.stance().label(), sent, s.evidence(), s.stanceProbabilities(),
                s.polarity() == null ? null : new StatementEvent.PolarityLabel(s.polarity().label(),
                        s.polarity().source(), s.polarity().probabilities()));
    }
}
