/**
 * {@code ./movie-recs chaos}: the embedded pipeline on a fresh directory, a seeded mix of catalog changes through
 * JDBC ({@link io.movierecs.launcher.chaos.Workload}) while a schedule kills, stops, freezes and restarts its parts
 * ({@link io.movierecs.launcher.chaos.FaultSchedule}), then, once the pipeline is quiet, a check of every movie
 * against the catalog ({@link io.movierecs.launcher.chaos.Checker}) and a report with a timeline
 * ({@link io.movierecs.launcher.chaos.ChaosReport}, {@link io.movierecs.launcher.chaos.Timeline}).
 */
package io.movierecs.launcher.chaos;
