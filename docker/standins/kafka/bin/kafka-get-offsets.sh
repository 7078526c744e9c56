#!/bin/bash
# Stand-in for Kafka's bin/kafka-get-offsets.sh: the same class as in the binary distribution.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.GetOffsetShell "$@"
