package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles, read statically (no Docker engine here): multi-stage, pinned bases, non-root numeric user,
 * a health check, and a build of the right module.
 */
class DockerfilesTest {

    static final List<String> SERVICES = List.of(RepoFiles.SERVICES);

    /** name:tag where the tag names an exact release (it has a digit and is not a moving "latest"), or a digest. */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+(:[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*)?(@sha256:[0-9a-f]{64})?");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void buildsInOneStageAndRunsInAnother(String service) {
        Dockerfile file = Dockerfile.read(dockerfile(service));

        assertThat(file.stages()).hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage build = file.stages().get(0);
        assertThat(String.join("\n", build.arguments("RUN")))
                .contains("./mvnw").contains("-pl " + service + " -am package -DskipTests");
        assertThat(file.runtime().arguments("COPY"))
                .anyMatch(copy -> copy.startsWith("--from=" + build.name() + " ") && copy.contains("/app.jar"));
        assertThat(file.runtime().image()).as("the runtime is a JRE, not a JDK or a build image").contains("-jre-");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void pinsEveryBaseImage(String service) {
        for (Dockerfile.Stage stage : Dockerfile.read(dockerfile(service)).stages()) {
            assertThat(stage.image()).as(service + " FROM").doesNotContain(":latest").doesNotContain("$").contains(":");
            assertThat(PINNED.matcher(stage.image()).matches()).as(service + " FROM " + stage.image()).isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsAsANumericNonRootUserWithAHealthCheck(String service) {
        Dockerfile.Stage runtime = Dockerfile.read(dockerfile(service)).runtime();

        List<String> users = runtime.arguments("USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("numeric UID, so Kubernetes can check runAsNonRoot").matches("[0-9]+");
        assertThat(Integer.parseInt(user)).isPositive();
        assertThat(runtime.arguments("HEALTHCHECK")).singleElement().asString()
                .contains("healthcheck").contains(port(service));
        assertThat(runtime.arguments("EXPOSE")).containsExactly(port(service));
        assertThat(runtime.arguments("ENTRYPOINT")).singleElement().asString().contains("java", "-jar");
    }

    @Test
    void indexServiceBuildsTheFaissShimAndRunsWithOneOpenMpThread() {
        Dockerfile file = Dockerfile.read(dockerfile("index-service"));

        assertThat(String.join("\n", file.stages().get(0).arguments("RUN")))
                .contains("g++").contains("libfaiss-dev").contains("libopenblas-dev");
        assertThat(String.join("\n", file.runtime().arguments("ENV")))
                .contains("OMP_NUM_THREADS=1").contains("OMP_WAIT_POLICY=PASSIVE").contains("OPENBLAS_NUM_THREADS=1")
                .contains("-Djava.io.tmpdir=/tmp");
    }

    @Test
    void healthCheckScriptAndIgnoreFileAreThere() throws IOException {
        Path script = RepoFiles.DOCKER.resolve("healthcheck.sh");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).contains("/actuator/health/readiness").contains("\"status\":\"UP\"");
        List<String> ignored = Files.readAllLines(RepoFiles.ROOT.resolve(".dockerignore"));
        assertThat(ignored).contains(".git", "**/target", ".env");
    }

    static Path dockerfile(String service) {
        return RepoFiles.DOCKER.resolve(service).resolve("Dockerfile");
    }

    static String port(String service) {
        return switch (service) {
            case "query-gateway" -> "8080";
            case "catalog-cdc" -> "8081";
            case "embedding-worker" -> "8082";
            case "index-service" -> "8083";
            default -> throw new IllegalArgumentException(service);
        };
    }
}
