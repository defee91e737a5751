package io.movierecs.events;

import java.util.Comparator;

/**
 * A change's position in the catalog's log, as text that orders correctly: PostgreSQL LSNs as 16 hex digits
 * ({@link #ofPostgresLsn}), SQL Server change LSNs as Debezium writes them ({@code 00000027:00000758:0003},
 * fixed width). Compare with {@link #compare}: shorter sorts first, then character by character.
 */
public final class SourceVersion {

    /** Orders source versions; null sorts first. */
    public static final Comparator<String> ORDER = Comparator.nullsFirst(
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));

    private SourceVersion() {
    }

    /** A PostgreSQL LSN (Debezium's {@code source.lsn}, a number) as a source version. */
    public static String ofPostgresLsn(long lsn) {
        if (lsn < 0) {
            throw new IllegalArgumentException("an LSN is not negative: " + lsn);
        }
        return String.format("%016x", lsn);
    }

    public static int compare(String a, String b) {
        return ORDER.compare(a, b);
    }

    /** The newer of two versions. */
    public static String max(String a, String b) {
        return compare(a, b) >= 0 ? a : b;
    }
}
