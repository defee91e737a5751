package io.movierecs.worker.topology;

import io.movierecs.worker.change.CatalogChange;

/** What the person processor passes on: a change for a movie, or a dead letter. */
record Routed(CatalogChange change, DeadLetter deadLetter) {

    static Routed change(CatalogChange change) {
        return new Routed(change, null);
    }

    static Routed dead(DeadLetter letter) {
        return new Routed(null, letter);
    }

    boolean isDeadLetter() {
        return deadLetter != null;
    }
}
