package dev.newsstream.kafka;

import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an in-process broker's fatal-error path from terminating the JVM while any {@link EmbeddedKafkaBroker} is
 * open.
 *
 * <p>Why: on a fatal fault (seen here when a listener port is taken between choosing it and binding it) Kafka's
 * {@code ProcessTerminatingFaultHandler} calls {@code Exit.halt(1)}. In a test fork that is "The forked VM terminated
 * without saying goodbye" with no hint of the cause; in the demo, a silent death. While a broker is open, exit and
 * halt requests made through Kafka's {@code Exit} throw {@link EmbeddedKafkaException} instead, so the failure
 * reaches the caller of {@code start()} (or the broker thread's log) and the broker can be closed. The procedures are
 * JVM-global, so they are installed for the first open broker and reset when the last one closes.
 *
 * <p>{@code Exit} is a Kafka internal (package {@code internals}); it is what Kafka's own in-process test harnesses
 * use. If a Kafka upgrade moves it, this class stops compiling, which is the signal to follow it.
 *
 * <p>Thread-safe (static synchronized).
 */
final class KafkaExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExitGuard.class);
    private static int holders;

    private KafkaExitGuard() {
    }

    static synchronized void acquire() {
        if (holders++ == 0) {
            Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
            Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
        }
    }

    static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static void refuse(String action, int status, String message) {
        String text = "An embedded Kafka broker hit a fatal error and asked to " + action + " the JVM (status " + status
                + (message == null ? "" : ", " + message) + "); refused, so the caller sees it. The broker is no longer"
                + " usable: close it and look at the ERROR log lines just before this one for the cause.";
        LOG.error(text);
        throw new EmbeddedKafkaException(text);
    }
}
