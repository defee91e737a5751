package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml against the compose specification's JSON schema (check-jsonschema, offline). There is no
 * Docker engine or compose plugin here, so {@code docker compose config} cannot run; the schema is what it
 * checks first, and {@link ComposeFileTest} checks the rest.
 */
class ComposeSchemaIT {

    @Test
    void composeFileFollowsTheComposeSpecification() {
        Validators.Result result = Validators.compose(RepoFiles.COMPOSE);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("ok");
    }

    @Test
    void theSchemaRejectsAMisspeltKey(@TempDir Path dir) throws IOException {
        String broken = Files.readString(RepoFiles.COMPOSE).replace("    healthcheck:", "    healthckeck:");
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), broken);

        Validators.Result result = Validators.compose(file);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("healthckeck");
    }
}
