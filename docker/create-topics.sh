#!/bin/sh
# Run once by the compose `topics` service (in the apache/kafka image) before the processor starts: creates
# NewsStream's topics exactly as the processor would (NewsProcessor.createTopics), so partition counts are
# chosen in one visible place and producers never auto-create a topic with the broker's defaults.
#
#   NEWSSTREAM_BOOTSTRAP_SERVERS         (default kafka:9092)
#   NEWSSTREAM_TOPIC_PARTITIONS          partitions of every topic (default 3); the most processor instances
#                                        that get work. Only applies to topics that do not exist yet.
#   NEWSSTREAM_TOPIC_REPLICATION_FACTOR  (default 1: the compose stack has one broker)
#   NEWSSTREAM_TOPIC_PARAGRAPHS ... NEWSSTREAM_TOPIC_DEADLETTERS  topic names, as for the processor
set -eu

bootstrap="${NEWSSTREAM_BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${NEWSSTREAM_TOPIC_PARTITIONS:-3}"
replication="${NEWSSTREAM_TOPIC_REPLICATION_FACTOR:-1}"
topics_sh=/opt/kafka/bin/kafka-topics.sh

create() { # topic [extra kafka-topics.sh arguments]
  topic="$1"
  shift
  "$topics_sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor "$replication" "$@"
}

# The input keeps the producer's timestamps (publication time drives the hourly/daily windows); the outputs
# use log-append time so that an old publication date cannot make retention delete a fresh row.
create "${NEWSSTREAM_TOPIC_PARAGRAPHS:-news.paragraphs}"
for topic in \
  "${NEWSSTREAM_TOPIC_TAGGED:-news.tagged-paragraphs}" \
  "${NEWSSTREAM_TOPIC_SIDE:-news.side-sentiment}" \
  "${NEWSSTREAM_TOPIC_SPEAKER:-news.speaker-sentiment}" \
  "${NEWSSTREAM_TOPIC_HOURLY:-news.side-sentiment-hourly}" \
  "${NEWSSTREAM_TOPIC_DAILY:-news.side-sentiment-daily}" \
  "${NEWSSTREAM_TOPIC_DEADLETTERS:-news.dead-letters}"; do
  create "$topic" --config message.timestamp.type=LogAppendTime
done

"$topics_sh" --bootstrap-server "$bootstrap" --describe --topic 'news\..*' | grep -v 'Partition: ' || true
echo "topics: ready (partitions=$partitions, replication factor=$replication)"
