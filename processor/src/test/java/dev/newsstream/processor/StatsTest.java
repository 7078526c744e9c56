package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsstream.events.JsonSerde;
import dev.newsstream.events.TableRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatsTest {
    private static final JsonSerde<Stats> SERDE = new JsonSerde<>(Stats.class);
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static StatementDelta delta(double compound, int weight) {
        return new StatementDelta(1, "a", 0, "USA", "S", "t", "neutral", compound, T, weight);
    }

    private static TableRow row(Stats s) {
        return s.toRow("side", "USA", "USA", null, null, null, null);
    }

    /** Min and max of a full multiset, as version 1 kept it. */
    private static Double min(TreeMap<Integer, Long> all) {
        return all.isEmpty() ? null : all.firstKey() / 10_000.0;
    }

    private static Double max(TreeMap<Integer, Long> all) {
        return all.isEmpty() ? null : all.lastKey() / 10_000.0;
    }

    @Test
    void polarityCountsTheStatementsLabelAndFallsBackToVadersCutOffForDeltasWithoutOne() {
        Stats s = new Stats();
        // the trained classifier called a mildly positive-sounding statement negative: the label counts
        s.apply(new StatementDelta(2, "a", 0, "USA", "S", "t", "confrontational", 0.3, T, 1, "negative"), 1);
        s.apply(new StatementDelta(2, "a", 1, "USA", "S", "t", "cooperative", 0.0, T, 1, "positive"), 1);
        s.apply(delta(0.6, 1), 1); // a version 1 delta: VADER's cut-off, as when it was counted
        assertThat(row(s).polarity()).containsEntry("negative", 1L).containsEntry("positive", 2L)
                .containsEntry("neutral", 0L);
        assertThat(row(s).meanCompound()).isEqualTo(0.3); // the VADER mean is untouched by the labels
        // a withdrawal subtracts the same label
        s.apply(new StatementDelta(2, "a", 0, "USA", "S", null, "confrontational", 0.3, T, -1, "negative"), 2);
        assertThat(row(s).polarity()).containsEntry("negative", 0L).containsEntry("positive", 2L);
        assertThat(row(s).stance()).containsEntry("cooperative", 1L).containsEntry("confrontational", 0L);
    }

    @Test
    void minAndMaxStayExactThroughUpToSixteenWithdrawalsOfExtremes() {
        Random random = new Random(7);
        for (int run = 0; run < 50; run++) {
            Stats s = new Stats();
            TreeMap<Integer, Long> all = new TreeMap<>();
            List<Integer> present = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int v = random.nextInt(20_001) - 10_000;
                s.apply(delta(v / 10_000.0, 1), i);
                all.merge(v, 1L, Long::sum);
                present.add(v);
            }
            // withdraw the extremes first: the hardest case for kept extremes
            present.sort(null);
            for (int w = 0; w < Stats.EXTREMES; w++) {
                int v = w % 2 == 0 ? present.remove(0) : present.remove(present.size() - 1);
                s.apply(delta(v / 10_000.0, -1), 1000 + w);
                if (all.merge(v, -1L, Long::sum) == 0) {
                    all.remove(v);
                }
                s = SERDE.deserialize("t", SERDE.serialize("t", s)); // as the store does between statements
                assertThat(row(s).minCompound()).as("run %d withdrawal %d", run, w).isEqualTo(min(all));
                assertThat(row(s).maxCompound()).as("run %d withdrawal %d", run, w).isEqualTo(max(all));
            }
        }
    }

    @Test
    void afterMoreWithdrawalsMinAndMaxAreBoundsAndNeverMissing() {
        Random random = new Random(11);
        Stats s = new Stats();
        TreeMap<Integer, Long> all = new TreeMap<>();
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int v = random.nextInt(20_001) - 10_000;
            s.apply(delta(v / 10_000.0, 1), i);
            all.merge(v, 1L, Long::sum);
            present.add(v);
        }
        present.sort(null);
        while (present.size() > 1) {
            int v = present.remove(0);
            s.apply(delta(v / 10_000.0, -1), 0);
            if (all.merge(v, -1L, Long::sum) == 0) {
                all.remove(v);
            }
            assertThat(row(s).minCompound()).isNotNull().isLessThanOrEqualTo(min(all));
            assertThat(row(s).maxCompound()).isEqualTo(max(all));
        }
        int last = present.remove(0);
        s.apply(delta(last / 10_000.0, -1), 0);
        assertThat(row(s).minCompound()).isNull();
        assertThat(row(s).maxCompound()).isNull();
        s.apply(delta(0.25, 1), 0);
        assertThat(row(s).minCompound()).as("a row that had nothing left starts exact again").isEqualTo(0.25);
        assertThat(row(s).maxCompound()).isEqualTo(0.25);
    }

    @Test
    void theValueStaysSmallHoweverManyDistinctCompoundsARowHasSeen() {
        Stats s = new Stats();
        for (int v = -10_000; v <= 10_000; v++) {
            s.apply(delta(v / 10_000.0, 1), 0);
        }
        byte[] json = SERDE.serialize("t", s);
        assertThat(json.length).isLessThan(1_500);
        TableRow r = row(SERDE.deserialize("t", json));
        assertThat(r.statements()).isEqualTo(20_001);
        assertThat(r.minCompound()).isEqualTo(-1.0);
        assertThat(r.maxCompound()).isEqualTo(1.0);
        assertThat(r.meanCompound()).isEqualTo(0.0);
    }

    @Test
    void aVersionOneValueIsReadAndUpgraded() {
        String v1 = "{\"schemaVersion\":1,\"statements\":3,\"scored\":3,\"sumCompound\":0.1,\"compounds\":{\"-5000\":1,"
                + "\"1000\":1,\"5000\":1},\"polarity\":{\"negative\":1,\"positive\":2},\"stance\":{\"neutral\":3},"
                + "\"speakers\":{\"A\":2,\"B\":1},\"sides\":{\"USA\":3},\"latest\":{\"text\":\"x\",\"speaker\":\"A\","
                + "\"side\":\"USA\",\"stance\":\"neutral\",\"compound\":0.5,\"articleId\":\"a\",\"seq\":2,"
                + "\"publishedAt\":\"2026-01-01T00:00:00Z\"},\"updatedAtMs\":5}";
        Stats s = SERDE.deserialize("t", v1.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(row(s).minCompound()).isEqualTo(-0.5);
        assertThat(row(s).maxCompound()).isEqualTo(0.5);
        assertThat(row(s).speakers()).isEqualTo(2);
        s.apply(delta(-0.5, -1), 6);
        assertThat(row(s).minCompound()).isEqualTo(0.1);
        String written = new String(SERDE.serialize("t", s), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("\"schemaVersion\":2").doesNotContain("\"compounds\"");
    }
}
