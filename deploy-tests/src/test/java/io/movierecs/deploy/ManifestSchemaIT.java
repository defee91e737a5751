package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered manifests against the Kubernetes OpenAPI schemas (kubernetes-validate, strict: an unknown or
 * misspelt field is an error), with the default values, the AKS values and every optional object turned on.
 */
class ManifestSchemaIT {

    @TempDir
    Path dir;

    @Test
    void defaultManifestsAreValidKubernetes() throws IOException {
        assertValid("default.yaml", RenderedChart.defaults());
    }

    @Test
    void aksManifestsAreValidKubernetes() throws IOException {
        assertValid("aks.yaml", RenderedChart.aks());
    }

    @Test
    void everyOptionalObjectIsValidKubernetes() throws IOException {
        RenderedChart everything = RenderedChart.render(null, Map.of("networkPolicy.enabled", "true",
                "networkPolicy.metricsNamespaceSelector.team", "monitoring", "ingress.enabled", "true",
                "ingress.tls.enabled", "true", "ingress.tls.secretName", "tls", "ingress.host", "movies.example.com",
                "catalogCdc.database.password", "pw", "indexService.adminToken", "token",
                "queryGateway.apiKeys.enabled", "true", "queryGateway.apiKeys.keys[0]", "key-0123456789abcdef"));
        assertThat(everything.names()).anyMatch(n -> n.startsWith("Ingress/")).anyMatch(n -> n.startsWith("Secret/"))
                .anyMatch(n -> n.startsWith("NetworkPolicy/"));

        assertValid("everything.yaml", everything);
    }

    @Test
    void theValidatorRejectsAMisspeltField() throws IOException {
        String broken = RenderedChart.defaults().yaml().replace("readOnlyRootFilesystem:", "readOnlyRootFileSystem:");
        Path file = Files.writeString(dir.resolve("broken.yaml"), broken);

        Validators.Result result = Validators.kubernetes(file);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("readOnlyRootFileSystem");
    }

    private void assertValid(String name, RenderedChart chart) throws IOException {
        Path file = Files.writeString(dir.resolve(name), chart.yaml());

        Validators.Result result = Validators.kubernetes(file);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("ERROR");
        // one "passed" line per object: nothing was left unchecked for want of a schema
        assertThat(result.output().lines().filter(line -> line.contains("passed"))).hasSize(chart.docs().size());
    }
}
