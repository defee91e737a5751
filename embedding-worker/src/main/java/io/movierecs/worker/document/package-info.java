/** The document embedded for a movie: what goes in, the one text template, and its hash. */
package io.movierecs.worker.document;
