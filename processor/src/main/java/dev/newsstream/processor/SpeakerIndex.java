package dev.newsstream.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the speaker table bounded and its top-N cheap, right after the speaker aggregate (same task, same
 * partition of speakers):
 * <ul>
 *   <li>{@link NewsTopology#SPEAKER_RANK_STORE}: one entry per speaker and scope ({@code *} and the speaker's
 *       dominant side), keyed {@code scope␟(Long.MAX_VALUE − statements, 19 digits)␟speaker}, so a range read of the
 *       first N keys of a scope is that scope's top N (most statements first, then by name), without a full scan;</li>
 *   <li>{@link NewsTopology#SPEAKER_INDEX_STORE}: per speaker ({@code s␟speaker}) where its rank and expiry entries
 *       are, and per day of last activity ({@code t<day start, 19 digits>␟speaker}) who became idle then;</li>
 *   <li>a stream-time punctuator drops speakers idle for longer than {@code speaker.idle.ttl} (event time, default
 *       90 days): their row, rank and index entries, and writes a tombstone to {@code news.speaker-sentiment}.</li>
 * </ul>
 * A speaker who speaks again after being dropped starts a new row.
 */
final class SpeakerIndex implements Processor<String, Stats, String, Stats> {
    static final char SEP = '\u001f';
    static final String ALL = "*";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private final Duration idleTtl;
    private ProcessorContext<String, Stats> context;
    private TimestampedKeyValueStore<String, Stats> speakers;
    private KeyValueStore<String, Long> rank;
    private KeyValueStore<String, String> index;

    SpeakerIndex(Duration idleTtl) {
        this.idleTtl = idleTtl;
    }

    @Override
    public void init(ProcessorContext<String, Stats> context) {
        this.context = context;
        this.speakers = context.getStateStore(NewsTopology.SPEAKER_STORE);
        this.rank = context.getStateStore(NewsTopology.SPEAKER_RANK_STORE);
        this.index = context.getStateStore(NewsTopology.SPEAKER_INDEX_STORE);
        Duration every = idleTtl.dividedBy(24);
        if (every.compareTo(Duration.ofHours(1)) > 0) {
            every = Duration.ofHours(1);
        }
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            every = Duration.ofSeconds(1);
        }
        context.schedule(every, PunctuationType.STREAM_TIME, this::expire);
    }

    /** Rank key of a speaker with {@code statements} in {@code scope}. */
    static String rankKey(String scope, long statements, String speaker) {
        return scope + SEP + pad(Long.MAX_VALUE - Math.max(0, statements)) + SEP + speaker;
    }

    private static String pad(long v) {
        String digits = Long.toString(Math.max(0, v));
        return "0".repeat(19 - digits.length()) + digits;
    }

    private static String dayKey(long eventMs, String speaker) {
        return "t" + pad(Math.floorDiv(Math.max(0, eventMs), DAY_MS) * DAY_MS) + SEP + speaker;
    }

    @Override
    public void process(Record<String, Stats> record) {
        String sp = record.key();
        Stats s = record.value();
        unindex(sp);
        if (s != null && s.statements() > 0) {
            String side = s.dominantSide();
            rank.put(rankKey(ALL, s.statements(), sp), s.statements());
            if (side != null) {
                rank.put(rankKey(side, s.statements(), sp), s.statements());
            }
            String day = dayKey(s.updatedAtMs, sp);
            index.put(day, "");
            index.put("s" + SEP + sp, (side == null ? "" : side) + SEP + s.statements() + SEP + day);
        }
        context.forward(record);
    }

    /** Removes the speaker's rank and expiry entries (as last indexed). */
    private void unindex(String sp) {
        String was = index.get("s" + SEP + sp);
        if (was == null) {
            return;
        }
        String[] parts = was.split(String.valueOf(SEP), 3);
        long count = Long.parseLong(parts[1]);
        rank.delete(rankKey(ALL, count, sp));
        if (!parts[0].isEmpty()) {
            rank.delete(rankKey(parts[0], count, sp));
        }
        index.delete(parts[2]);
        index.delete("s" + SEP + sp);
    }

    /** Drops speakers whose last statement is older than the idle TTL in stream (event) time. */
    private void expire(long streamTime) {
        long cutoff = streamTime - idleTtl.toMillis();
        if (cutoff <= 0) {
            return;
        }
        List<String> idle = new ArrayList<>();
        // every day bucket strictly before the cutoff's day: bare "t<day>" sorts before that day's keys
        try (KeyValueIterator<String, String> it = index.range("t", "t" + pad(Math.floorDiv(cutoff, DAY_MS) * DAY_MS))) {
            while (it.hasNext()) {
                String key = it.next().key;
                idle.add(key.substring(key.indexOf(SEP) + 1));
            }
        }
        for (String sp : idle) {
            ValueAndTimestamp<Stats> cur = speakers.get(sp);
            if (cur != null && cur.value() != null && cur.value().updatedAtMs >= cutoff) {
                continue; // re-indexed under a later day already
            }
            unindex(sp);
            speakers.delete(sp);
            context.forward(new Record<>(sp, null, streamTime));
        }
    }
}
