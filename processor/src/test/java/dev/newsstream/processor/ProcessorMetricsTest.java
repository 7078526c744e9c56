package dev.newsstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {

    @Test
    void describesWhatTheProcessorDidInOneLine() {
        ProcessorMetrics m = ProcessorMetrics.noop();
        for (int i = 0; i < 3; i++) {
            m.countReceived();
        }
        m.tagged(1);
        m.tagged(0);
        m.deadLettered("parse");

        assertThat(m.describe()).isEqualTo("3 paragraphs received: 2 tagged with 1 statement, 1 dead-lettered, "
                + "0 unchanged re-publications skipped, 0 corrected; 0 article contexts expired");
    }
}
