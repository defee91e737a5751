/** Connecting to the catalog (PostgreSQL or SQL Server), migrating its schema, and the embedded PostgreSQL. */
package io.movierecs.catalog.db;
