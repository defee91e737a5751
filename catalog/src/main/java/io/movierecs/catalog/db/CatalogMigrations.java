package io.movierecs.catalog.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a catalog database's schema up to date with Flyway. */
public final class CatalogMigrations {

    private CatalogMigrations() {
    }

    /** Applies the pending migrations of the database's dialect; returns how many ran. */
    public static int migrate(CatalogDatabase database) {
        MigrateResult result = Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations(database.dialect().migrations())
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
