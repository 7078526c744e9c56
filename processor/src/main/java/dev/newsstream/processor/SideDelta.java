package dev.newsstream.processor;

import java.util.Map;

/**
 * A statement's contribution to its side's all-time row, with what {@link SideSpeakerCounter} knows of its speaker
 * for that side, so the row can keep its distinct-speaker count and top speakers without a count for every speaker
 * it has ever seen. In memory only (between two processors of one task), never serialised.
 *
 * @param delta         the contribution
 * @param speakerCount  the speaker's statements for this side after it (0 without a speaker)
 * @param speakerChange +1 if the speaker is new to the side, -1 if their last statement for it was withdrawn, else 0
 * @param topSpeakers   after a withdrawal, the side's exact top speakers (recounted); null otherwise
 */
public record SideDelta(StatementDelta delta, long speakerCount, int speakerChange, Map<String, Long> topSpeakers) {
}
