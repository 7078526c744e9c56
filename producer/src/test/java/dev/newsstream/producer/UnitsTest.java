package dev.newsstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void parsesDurationsSizesAndRates() {
        assertThat(Units.duration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Units.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.duration("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Units.duration("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Units.bytes("5MB")).isEqualTo(5L * 1024 * 1024);
        assertThat(Units.bytes("512kb")).isEqualTo(512L * 1024);
        assertThat(Units.bytes("1000")).isEqualTo(1000L);
        assertThat(Units.minInterval("1/s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Units.minInterval("30/m")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Units.minInterval("none")).isEqualTo(Duration.ZERO);
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> Units.duration("soon")).hasMessageContaining("soon").hasMessageContaining("10s");
        assertThatThrownBy(() -> Units.bytes("big")).hasMessageContaining("5MB");
        assertThatThrownBy(() -> Units.minInterval("fast")).hasMessageContaining("1/s");
    }
}
