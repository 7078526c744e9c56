package dev.newsstream.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the test run's shared Kafka broker: shorthand for
 * {@code @ExtendWith(KafkaBrokerExtension.class)}. Declare a {@link KafkaBroker} parameter (constructor,
 * {@code @BeforeAll}, {@code @BeforeEach} or test method) to receive it.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafka {
}
