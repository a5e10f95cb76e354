#!/bin/bash
# Minimal stand-in for apache/kafka's bin/kafka-run-class.sh: runs a class on the image's jars.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -cp "/opt/kafka/libs/*" \
  -Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties "$@"
