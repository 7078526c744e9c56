package dev.newsstream.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * How late (in publication time, behind the newest statement seen) a statement may arrive and still count in its
 * window, per window size ({@code window.grace.hourly}, {@code window.grace.daily}). A window's final row is
 * emitted once stream time passes its end plus its grace; a statement for a window that has already closed is not
 * dropped silently but counted per side and window size in the late-statement table ({@code /api/late}).
 *
 * <p>News is not published in order: wires correct, feeds lag, archives arrive in bulk. An hour of grace keeps an
 * hourly window open while its hour's stories trickle in; six hours keeps a day open into the next morning.
 * Longer grace means later final rows (the all-time tables are not affected).
 *
 * @param hourly grace of the hourly windows
 * @param daily  grace of the daily windows
 */
public record WindowGrace(Duration hourly, Duration daily) {
    public static final WindowGrace DEFAULT = new WindowGrace(Duration.ofHours(1), Duration.ofHours(6));

    public WindowGrace {
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(daily, "daily");
        if (hourly.isNegative() || daily.isNegative()) {
            throw new IllegalArgumentException("window grace must not be negative");
        }
    }

    /** The same grace for both sizes. */
    public static WindowGrace both(Duration grace) {
        return new WindowGrace(grace, grace);
    }
}
