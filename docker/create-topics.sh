#!/bin/sh
# Run once by the compose `topics` service (in the apache/kafka image) before the processor starts: creates
# NewsStream's topics from the ONE topic definition the processor uses too (topics.conf, bind-mounted from
# events/src/main/resources/dev/newsstream/events/topics.conf: names, max.message.bytes, cleanup policy,
# timestamp type), so partition counts are chosen in one visible place and producers never auto-create a topic
# with the broker's defaults. TopicDefinitionsConsistencyTest runs this script against a recording stand-in for
# kafka-topics.sh and fails when it would create anything NewsProcessor.createTopics would not.
#
#   NEWSSTREAM_BOOTSTRAP_SERVERS         (default kafka:9092)
#   NEWSSTREAM_TOPIC_PARTITIONS          partitions of every topic (default 3); the most processor instances
#                                        that get work. Only applies to topics that do not exist yet.
#   NEWSSTREAM_TOPIC_REPLICATION_FACTOR  (default 1: the compose stack has one broker)
#   NEWSSTREAM_TOPIC_PARAGRAPHS ... NEWSSTREAM_TOPIC_DEADLETTERS  topic names, as for the processor
#   NEWSSTREAM_TOPICS_FILE               the definition file (default /opt/newsstream/topics.conf)
#   KAFKA_TOPICS_SH                      the kafka-topics.sh to call (default /opt/kafka/bin/kafka-topics.sh)
set -eu

bootstrap="${NEWSSTREAM_BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${NEWSSTREAM_TOPIC_PARTITIONS:-3}"
replication="${NEWSSTREAM_TOPIC_REPLICATION_FACTOR:-1}"
definitions="${NEWSSTREAM_TOPICS_FILE:-/opt/newsstream/topics.conf}"
topics_sh="${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}"

if [ ! -r "$definitions" ]; then
  echo "topics: FAILED: cannot read the topic definitions $definitions" >&2
  exit 2
fi

created=0
# Each line: setting, default name, comma-separated configs. The setting topic.side is renamed by
# NEWSSTREAM_TOPIC_SIDE, as SettingsLoader does.
while read -r setting name configs rest; do
  case "$setting" in "" | "#"*) continue ;; esac
  if [ -z "$configs" ] || [ -n "$rest" ]; then
    echo "topics: FAILED: bad line in $definitions: $setting $name $configs $rest" >&2
    exit 2
  fi
  case "$setting" in
    topic.*[!a-z.]* | *[!a-z.]*) echo "topics: FAILED: bad setting '$setting' in $definitions" >&2; exit 2 ;;
  esac
  var="NEWSSTREAM_$(echo "$setting" | tr 'a-z.' 'A-Z_')"
  eval "override=\${$var:-}"
  [ -n "$override" ] && name="$override"
  set -- --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$replication"
  old_ifs="$IFS"
  IFS=,
  for config in $configs; do
    set -- "$@" --config "$config"
  done
  IFS="$old_ifs"
  "$topics_sh" "$@" </dev/null
  created=$((created + 1))
done <"$definitions"

if [ "$created" -eq 0 ]; then
  echo "topics: FAILED: no topic defined in $definitions" >&2
  exit 2
fi
"$topics_sh" --bootstrap-server "$bootstrap" --describe --topic 'news\..*' | grep -v 'Partition: ' || true
echo "topics: ready ($created topics, partitions=$partitions, replication factor=$replication)"
