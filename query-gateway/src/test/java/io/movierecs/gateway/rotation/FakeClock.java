package io.movierecs.gateway.rotation;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand. */
public final class FakeClock implements InstantSource {

    private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    public void advance(long ms) {
        millis.addAndGet(ms);
    }
}
