/**
 * Loading catalogs into the database: the built-in sample catalog and MovieLens directories. Imports are
 * idempotent (a row is written only when a value differs, so a second run emits no change events), batched,
 * and report malformed rows with file and line while loading the rest.
 */
package io.movierecs.catalog.importer;
