package dev.newsstream.bench;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.processor.SideDelta;
import dev.newsstream.processor.StatementDelta;
import dev.newsstream.processor.Stats;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one statement costs a long-lived table row: the aggregate stores read and write the row's {@link Stats} for
 * every statement, so its size must not grow with the row's history. Rows after 100,000 statements by
 * {@code speakers} distinct speakers with random compounds: a side's all-time row (top speakers and a distinct count,
 * {@link Stats#apply(SideDelta, long)}) and a row that keeps every speaker (the windowed rows, bounded by their
 * window). Run: {@code java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' org.openjdk.jmh.Main StatsBench
 * -f 1 -wi 3 -i 5 -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StatsBench {
    @Param({"10", "1000", "10000"})
    int speakers;

    private final JsonSerde<Stats> serde = new JsonSerde<>(Stats.class);
    private byte[] sideRow;
    private byte[] everySpeakerRow;

    @Setup
    public void build() {
        Random random = new Random(1);
        Stats side = new Stats();
        Stats every = new Stats();
        Map<String, Long> counts = new HashMap<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            // Zipf-like: a few speakers say most
            String speaker = "Speaker " + (int) Math.floor(Math.pow(random.nextDouble(), 3) * speakers);
            StatementDelta d = new StatementDelta(1, "article-" + i / 8, i % 8, "USA", speaker,
                    "a statement of about this length, as quoted in the news", "neutral",
                    Math.round((random.nextDouble() * 2 - 1) * 10_000) / 10_000.0, t.plusSeconds(i), 1);
            long before = counts.getOrDefault(speaker, 0L);
            counts.put(speaker, before + 1);
            side.apply(new SideDelta(d, before + 1, before == 0 ? 1 : 0, null), i);
            every.apply(d, i);
        }
        sideRow = serde.serialize("t", side);
        everySpeakerRow = serde.serialize("t", every);
        System.out.printf("%n%d speakers: side row %,d bytes, row with every speaker %,d bytes%n", speakers,
                sideRow.length, everySpeakerRow.length);
    }

    @Benchmark
    public byte[] sideRowReadWrite() {
        return serde.serialize("t", serde.deserialize("t", sideRow));
    }

    @Benchmark
    public byte[] everySpeakerRowReadWrite() {
        return serde.serialize("t", serde.deserialize("t", everySpeakerRow));
    }
}
