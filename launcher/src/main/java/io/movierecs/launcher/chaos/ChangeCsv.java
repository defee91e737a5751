package io.movierecs.launcher.chaos;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Every change of a chaos run, one line each: time, kind, movie, committed, visible, lag, outcome. */
final class ChangeCsv {

    private ChangeCsv() {
    }

    static Path write(ChaosResult result, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("seq,time_s,kind,movie,committed,visible,lag_ms,outcome\n");
            for (Change change : result.changes()) {
                boolean committed = change.committedAtMs >= 0;
                boolean visible = change.outcome() == Change.Outcome.VISIBLE;
                out.write(change.seq + "," + (committed ? String.format("%.3f",
                        (change.committedAtMs - result.startMs()) / 1000.0) : "") + "," + change.kind.name()
                        .toLowerCase() + "," + change.movie + "," + (committed ? Instant.ofEpochMilli(
                        change.committedAtMs) : "") + "," + (visible ? Instant.ofEpochMilli(change.visibleAtMs())
                        : "") + "," + (visible ? change.lagMs() : "") + "," + change.outcome().name().toLowerCase()
                        + "\n");
            }
        }
        return file;
    }
}
