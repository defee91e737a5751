package io.movierecs.index.admin;

import io.movierecs.index.IndexProperties;
import io.movierecs.index.ingest.IngestService;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.snapshot.Snapshotter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /internal/v1/index} (state, for the gateway) and the admin endpoints under {@code /admin/v1}
 * (token-protected by {@link AdminTokenInterceptor}): state, force a snapshot, force a retrain.
 */
@RestController
class AdminController {

    private static final long SNAPSHOT_TIMEOUT_SECONDS = 300;
    private static final long RETRAIN_TIMEOUT_SECONDS = 1800;
    private static final long MAX_WAIT_MS = 10_000;

    private final IngestService ingest;
    private final LiveIndex live;
    private final Snapshotter snapshotter;
    private final Retrainer retrainer;
    private final int minimumToTrain;

    AdminController(IngestService ingest, LiveIndex live, Snapshotter snapshotter, Retrainer retrainer,
            IndexProperties properties) {
        this.ingest = ingest;
        this.live = live;
        this.snapshotter = snapshotter;
        this.retrainer = retrainer;
        this.minimumToTrain = Math.max(2, properties.index().minPointsPerList());
    }

    @GetMapping({"/internal/v1/index", "/admin/v1/index"})
    IndexState state() {
        return IndexState.of(ingest, live, snapshotter);
    }

    /**
     * The state once the generation differs from {@code afterGeneration}: at once if it already does, else at the
     * next change, or after {@code waitMs} with the same generation (a long poll: the gateway hears of every
     * change at once, and asks about twice a second while nothing changes).
     */
    @GetMapping(value = "/internal/v1/index", params = "afterGeneration")
    CompletableFuture<IndexState> stateAfter(@RequestParam long afterGeneration,
            @RequestParam(defaultValue = "500") long waitMs) {
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "waitMs must be between 0 and " + MAX_WAIT_MS
                    + ", was " + waitMs);
        }
        CompletableFuture<Void> change = live.generationSignal().next(waitMs);
        if (live.generation() != afterGeneration) {
            change.complete(null);
        }
        return change.thenApply(ignored -> state());
    }

    /** Snapshots at the next batch boundary and answers once it is written (and published). */
    @PostMapping("/admin/v1/snapshot")
    IndexState snapshot() {
        if (ingest.phase() == IngestService.Phase.STOPPED || ingest.phase() == IngestService.Phase.FAILED) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "ingest is " + ingest.phase());
        }
        await(snapshotter.request(), SNAPSHOT_TIMEOUT_SECONDS, "snapshot");
        return state();
    }

    /** Trains a new IVF index now; 202 at once, or 200 when done with {@code wait=true}. */
    @PostMapping("/admin/v1/retrain")
    ResponseEntity<IndexState> retrain(@RequestParam(defaultValue = "false") boolean wait) {
        if (live.store().size() < minimumToTrain) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "too few vectors to train: "
                    + live.store().size() + " (at least " + minimumToTrain + ")");
        }
        CompletableFuture<?> training = retrainer.start("requested by an admin");
        if (!wait) {
            return ResponseEntity.accepted().body(state());
        }
        await(training, RETRAIN_TIMEOUT_SECONDS, "retrain");
        return ResponseEntity.ok(state());
    }

    private static void await(CompletableFuture<?> future, long seconds, String what) {
        try {
            future.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            HttpStatus status = cause instanceof IllegalStateException && cause.getMessage() != null
                    && cause.getMessage().startsWith("too few") ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE;
            throw new ResponseStatusException(status, what + " failed: " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, what + " still running after "
                    + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        }
    }
}
