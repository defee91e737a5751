/**
 * catalog-cdc: the Debezium embedded engine reading the catalog's change log (PostgreSQL logical decoding or SQL
 * Server CDC) and publishing each change to its Kafka topic, committing source offsets only after Kafka
 * acknowledged the records.
 */
package io.movierecs.cdc;
