package dev.newsstream.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts each speaker's statements per side in {@link NewsTopology#SIDE_SPEAKER_STORE} (key
 * {@code side + '\u001f' + speaker}) and annotates every delta of the by-side stream with its speaker's count, so the
 * side's all-time row needs only its top speakers and a distinct count, not every speaker ever quoted (a side row that
 * kept them all grew with every new name and was read and written in full for each statement). Runs after the by-side
 * repartition, so a side's speakers are all in its task.
 */
final class SideSpeakerCounter implements FixedKeyProcessor<String, StatementDelta, SideDelta> {
    private FixedKeyProcessorContext<String, SideDelta> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(FixedKeyProcessorContext<String, SideDelta> context) {
        this.context = context;
        this.counts = context.getStateStore(NewsTopology.SIDE_SPEAKER_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, StatementDelta> record) {
        StatementDelta d = record.value();
        if (d == null) {
            context.forward(record.withValue(null)); // the aggregate skips it, as it skipped it before
            return;
        }
        if (d.speaker() == null) {
            context.forward(record.withValue(new SideDelta(d, 0, 0, null)));
            return;
        }
        String side = record.key();
        String key = side + SEPARATOR + d.speaker();
        Long before = counts.get(key);
        long was = before == null ? 0 : before;
        long now = was + d.weight();
        if (now <= 0) {
            counts.delete(key);
            now = 0;
        } else {
            counts.put(key, now);
        }
        int change = was <= 0 && now > 0 ? 1 : was > 0 && now == 0 ? -1 : 0;
        Map<String, Long> top = d.weight() < 0 ? topSpeakers(side) : null;
        context.forward(record.withValue(new SideDelta(d, now, change, top)));
    }

    /** The side's exact top speakers, recounted from the store (only after a withdrawal, which is rare). */
    private Map<String, Long> topSpeakers(String side) {
        String prefix = side + SEPARATOR;
        List<Map.Entry<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = counts.prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> all.add(Map.entry(kv.key.substring(prefix.length()), kv.value)));
        }
        return Stats.topSpeakers(all.stream());
    }

    private static final char SEPARATOR = '\u001f';
}
