/** JMH benchmarks. Each area (sentiment, stance, tagger, serde) has its own class in this package. */
package dev.newsstream.bench;
