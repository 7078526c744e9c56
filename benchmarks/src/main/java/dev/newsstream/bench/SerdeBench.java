package dev.newsstream.bench;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.ParagraphEvent;
import dev.newsstream.events.StatementEvent;
import dev.newsstream.events.TaggedParagraphEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JSON serde on the two hot values: a paragraph read by the processor and a tagged paragraph written by it
 * (records per second, one thread). Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*'
 * org.openjdk.jmh.Main SerdeBench -f 1 -wi 3 -i 5 -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBench {
    private final JsonSerde<ParagraphEvent> paragraphSerde = new JsonSerde<>(ParagraphEvent.class, ParagraphEvent.SCHEMA_VERSION);
    private final JsonSerde<TaggedParagraphEvent> taggedSerde = JsonSerde.of(TaggedParagraphEvent.class);
    private byte[] paragraphBytes;
    private TaggedParagraphEvent tagged;

    @Setup
    public void setUp() {
        String text = "\"We offered a realistic proposal in this meeting,\" North Korean Foreign Minister Ri Yong Ho told "
                + "reporters after midnight. \"If the US removes partial sanctions, we will permanently dismantle the "
                + "nuclear facilities in the Yongbyon area.\" The White House said no agreement had been reached.";
        Instant t = Instant.parse("2019-02-28T10:00:00Z");
        ParagraphEvent p = new ParagraphEvent(ParagraphEvent.SCHEMA_VERSION, "03-hanoi", 2, 6, 4, text,
                "Talks collapse in Hanoi", "https://example.org/hanoi", "example.org", t, t, false, null);
        paragraphBytes = paragraphSerde.serialize("t", p);
        StatementEvent s = new StatementEvent("We offered a realistic proposal in this meeting,", 1, 50, true, "Ri Yong Ho",
                "PRK", "cooperative", new StatementEvent.SentimentScores(0.0, 0.8, 0.2, 0.4019),
                Map.of("rule", "direct-quote-before-cue", "cue", "told", "speakerMention", "Foreign Minister Ri Yong Ho",
                        "speakerResolution", "name", "sideSource", "registry", "stanceRule", "cue-score"));
        tagged = new TaggedParagraphEvent(TaggedParagraphEvent.SCHEMA_VERSION, "03-hanoi", 2, 6, 4, text, p.title(),
                p.url(), p.source(), t, t, t, List.of(s, s));
    }

    @Benchmark
    public ParagraphEvent readParagraph() {
        return paragraphSerde.deserialize("t", paragraphBytes);
    }

    @Benchmark
    public byte[] writeTaggedParagraph() {
        return taggedSerde.serialize("t", tagged);
    }
}
