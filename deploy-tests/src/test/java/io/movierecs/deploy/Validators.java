package io.movierecs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The offline schema validators deploy-tests runs as child processes, from the venv that
 * {@code deploy-tests/src/test/python/setup-deploy-venv.sh} creates ({@code DEPLOY_VENV}, by default
 * {@code ~/.cache/movie-recs/deploy-venv}; {@code ./movie-recs test} creates it). Without it the tests fail
 * saying how to install it: they never skip.
 */
final class Validators {

    /** The Kubernetes version whose schemas the manifests are checked against (AKS supported versions). */
    static final String KUBERNETES_VERSION = "1.33.0";

    static final String INSTALL = "bash deploy-tests/src/test/python/setup-deploy-venv.sh";

    /** What a validator printed and how it ended. */
    record Result(int exitCode, String output) {
    }

    private Validators() {
    }

    /** kubernetes-validate --strict: unknown fields are errors, as with kubectl's server-side validation. */
    static Result kubernetes(Path manifests) {
        return run(tool("kubernetes-validate"), "--strict", "--no-warn", "-k", KUBERNETES_VERSION,
                manifests.toString());
    }

    /** check-jsonschema against the compose specification's schema it ships. */
    static Result compose(Path composeFile) {
        return run(tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", composeFile.toString());
    }

    private static String tool(String name) {
        String configured = System.getenv("DEPLOY_VENV");
        Path venv = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "movie-recs", "deploy-venv") : Path.of(configured);
        Path tool = venv.resolve("bin").resolve(name);
        if (!Files.isExecutable(tool)) {
            throw new IllegalStateException(tool + " is missing: create the validators' venv with `" + INSTALL
                    + "` (./movie-recs test does it), or point DEPLOY_VENV at one");
        }
        return tool.toString();
    }

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
