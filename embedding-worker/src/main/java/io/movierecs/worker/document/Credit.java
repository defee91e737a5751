package io.movierecs.worker.document;

/**
 * A person's part in a movie.
 *
 * @param personId the person
 * @param role {@code DIRECTOR} or {@code CAST}
 * @param billingOrder 1 for top billing
 * @param name the person's name, or null while the person's row has not been seen
 */
public record Credit(long personId, String role, int billingOrder, String name) {

    public boolean isDirector() {
        return "DIRECTOR".equals(role);
    }

    public boolean isCast() {
        return "CAST".equals(role);
    }
}
