/** The command line behind {@code ./movie-recs import}. */
package io.movierecs.catalog.cli;
