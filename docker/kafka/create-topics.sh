#!/usr/bin/env bash
# One-shot topic creation for the compose broker, which does not auto-create topics. Names, partitions and
# configs follow the code's defaults: catalog-cdc TopicCreator (change topics), embedding-worker WorkerTopics
# (movie-vectors, the .dlq topics), index-service (movie-vectors.dlq), DebeziumSettings (offsets, schema
# history). Idempotent (--if-not-exists).
#
# Environment: BOOTSTRAP (broker), TOPIC_PREFIX (catalog), CATALOG_SCHEMA (dbo), PARTITIONS (6),
# REPLICATION_FACTOR (1), KAFKA_BIN (/opt/kafka/bin: where kafka-topics.sh is).
set -euo pipefail
bootstrap="${BOOTSTRAP:-kafka:9092}"
prefix="${TOPIC_PREFIX:-catalog}"
schema="${CATALOG_SCHEMA:-dbo}"
partitions="${PARTITIONS:-6}"
rf="${REPLICATION_FACTOR:-1}"
topics="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"

create() { # name partitions config...
  local name=$1 count=$2; shift 2
  local configs=()
  for c in "$@"; do configs+=(--config "$c"); done
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$count" --replication-factor "$rf" "${configs[@]}"
}

for table in movies people movie_people; do
  # compacted: key = primary key; tombstones kept a day for late consumers
  create "$prefix.$schema.$table" "$partitions" cleanup.policy=compact delete.retention.ms=86400000 \
    min.compaction.lag.ms=3600000
  create "$prefix.$schema.$table.dlq" 1 retention.ms=1209600000
done
# the durable state of the index: compacted, tombstones kept a week
create movie-vectors "$partitions" cleanup.policy=compact delete.retention.ms=604800000
create movie-vectors.dlq 1 retention.ms=1209600000
# catalog-cdc: Debezium source offsets (compacted, one partition) and SQL Server schema history (kept forever)
create catalog-cdc.offsets 1 cleanup.policy=compact
create catalog-cdc.schema-history 1 cleanup.policy=delete retention.ms=-1 retention.bytes=-1
"$topics" --bootstrap-server "$bootstrap" --list
