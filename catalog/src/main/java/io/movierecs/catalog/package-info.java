/** The catalog database that editors change and catalog-cdc streams: schema, embedded server, importer. */
package io.movierecs.catalog;
