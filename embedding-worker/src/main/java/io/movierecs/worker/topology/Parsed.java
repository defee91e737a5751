package io.movierecs.worker.topology;

import io.movierecs.worker.change.CatalogChange;

/** A catalog record after parsing: a change, or the original value of a poison record. */
record Parsed(CatalogChange change, String poisonValue) {

    static Parsed ok(CatalogChange change) {
        return new Parsed(change, null);
    }

    static Parsed poison(String value) {
        return new Parsed(null, value);
    }

    boolean isPoison() {
        return change == null;
    }
}
