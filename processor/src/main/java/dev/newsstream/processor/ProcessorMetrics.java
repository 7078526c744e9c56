package dev.newsstream.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The processor's own counters (Micrometer; exported on {@code /metrics} with the Kafka Streams metrics).
 * The accounting invariant the fault tests check: received = tagged + deadLettered + duplicates.
 * Thread-safe.
 */
public final class ProcessorMetrics {
    private final MeterRegistry registry;
    private final Counter received;
    private final Counter tagged;
    private final Counter statements;
    private final Counter duplicates;
    private final Counter corrected;
    private final Counter expired;
    private final Counter clamped;
    private final Counter threadsReplaced;
    private final Counter attributionFailures;
    private final java.util.concurrent.atomic.AtomicLong lastReceivedMs = new java.util.concurrent.atomic.AtomicLong();

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("newsstream.paragraphs.received").description("paragraph records read").register(registry);
        this.tagged = Counter.builder("newsstream.paragraphs.tagged").description("paragraphs tagged and written").register(registry);
        this.statements = Counter.builder("newsstream.statements").description("statements found").register(registry);
        this.duplicates = Counter.builder("newsstream.paragraphs.duplicates")
                .description("re-published paragraphs with unchanged text, counted once").register(registry);
        this.corrected = Counter.builder("newsstream.paragraphs.corrected")
                .description("re-published paragraphs with changed text, replacing their earlier contribution").register(registry);
        this.expired = Counter.builder("newsstream.articles.expired").description("article contexts dropped after the TTL").register(registry);
        this.clamped = Counter.builder("newsstream.paragraphs.published.at.clamped")
                .description("paragraphs whose publishedAt lay in the future and was clamped to the ingest time").register(registry);
        this.threadsReplaced = Counter.builder("newsstream.stream.threads.replaced")
                .description("stream threads that died and were replaced").register(registry);
        this.attributionFailures = Counter.builder("newsstream.attribution.failures")
                .description("paragraphs whose tagging threw (dead-lettered at stage process)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("newsstream.attribution.rule.failures", this,
                        m -> dev.newsstream.tagger.attribution.AttributionFailures.count())
                .description("attribution failures the attributor caught (logged; the paragraph got no statements)")
                .register(registry);
    }

    public static ProcessorMetrics noop() {
        return new ProcessorMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Re-published paragraphs skipped because their text was unchanged. */
    public long duplicates() {
        return (long) duplicates.count();
    }

    public long received() {
        return (long) received.count();
    }

    /** One line for a person: what this processor did since it started (printed by {@code process} when it stops). */
    public String describe() {
        double dead = registry.find("newsstream.paragraphs.dead.lettered").counters().stream()
                .mapToDouble(Counter::count).sum();
        long t = (long) tagged.count();
        long st = (long) statements.count();
        long d = (long) dead;
        return received() + " paragraph" + (received() == 1 ? "" : "s") + " received: " + t + " tagged with "
                + st + " statement" + (st == 1 ? "" : "s") + ", " + d + " dead-lettered, " + duplicates()
                + " unchanged re-publication" + (duplicates() == 1 ? "" : "s") + " skipped, " + (long) corrected.count()
                + " corrected; " + (long) expired.count() + " article context" + (expired.count() == 1 ? "" : "s")
                + " expired";
    }

    void countReceived() {
        received.increment();
        lastReceivedMs.set(System.currentTimeMillis());
    }

    /** Wall-clock time the last input record was read, 0 before the first (for the health check). */
    public long lastReceivedMs() {
        return lastReceivedMs.get();
    }

    void clamped() {
        clamped.increment();
    }

    public long clampedCount() {
        return (long) clamped.count();
    }

    void threadReplaced() {
        threadsReplaced.increment();
    }

    public long threadsReplaced() {
        return (long) threadsReplaced.count();
    }

    void attributionFailure() {
        attributionFailures.increment();
    }

    public long deadLetteredCount(String stage) {
        Counter c = registry.find("newsstream.paragraphs.dead.lettered").tag("stage", stage).counter();
        return c == null ? 0 : (long) c.count();
    }

    void tagged(int statementCount) {
        tagged.increment();
        statements.increment(statementCount);
    }

    void duplicate() {
        duplicates.increment();
    }

    void corrected() {
        corrected.increment();
    }

    void expired(int n) {
        expired.increment(n);
    }

    void deadLettered(String stage) {
        registry.counter("newsstream.paragraphs.dead.lettered", "stage", stage).increment();
    }
}
