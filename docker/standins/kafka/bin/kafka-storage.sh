#!/bin/bash
# Stand-in for Kafka's bin/kafka-storage.sh: the same class as in the binary distribution.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
