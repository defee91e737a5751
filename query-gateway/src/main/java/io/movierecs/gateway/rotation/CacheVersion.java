package io.movierecs.gateway.rotation;

/**
 * What cached answers are keyed by.
 *
 * @param key compared for equality: {@code p:<position>}, or {@code g:<replica>@<generation>...} when a replica
 *        in rotation does not report its position
 * @param position the highest applied position in rotation, or -1 for a generation key
 */
public record CacheVersion(String key, long position) {

    /** Whether this is a position key (answers from replicas behind it are not cached). */
    public boolean positional() {
        return position >= 0;
    }
}
