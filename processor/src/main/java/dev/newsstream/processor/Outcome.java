package dev.newsstream.processor;

import dev.newsstream.events.TaggedParagraphEvent;
import java.util.List;

/** What happened to one input record: tagged, or sent to the dead-letter topic. In-memory only, never serialised. */
sealed interface Outcome {

    /** A tagged paragraph and its statements' contributions to the tables (retractions first). */
    record Tagged(TaggedParagraphEvent event, List<StatementDelta> deltas) implements Outcome {
    }

    /** A record that cannot be processed; the original bytes go to the dead-letter topic untouched. */
    record Dead(byte[] key, byte[] value) implements Outcome {
    }
}
