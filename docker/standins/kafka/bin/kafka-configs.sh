#!/bin/bash
# Stand-in for Kafka's bin/kafka-configs.sh: the same class as in the binary distribution.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.ConfigCommand "$@"
