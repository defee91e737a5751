package io.movierecs.launcher.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for the workload. */
final class Rows {

    private Rows() {
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The first column of row {@code index} (0-based) of an ordered query. */
    static long longAt(Connection c, String orderedSql, long index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(orderedSql + " LIMIT 1 OFFSET ?")) {
            s.setLong(1, index);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no row " + index + " in " + orderedSql);
                }
                return rows.getLong(1);
            }
        }
    }

    static boolean exists(Connection c, long movie) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM movies WHERE movie_id = ?")) {
            s.setLong(1, movie);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }
}
