package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm lint --strict} on the chart with its defaults and with the AKS values. helm-java's lint takes no
 * values file, so the AKS case lints a copy of the chart whose values.yaml is the defaults merged with
 * values-aks.yaml, which is what {@code helm lint -f values-aks.yaml} checks.
 */
class HelmLintTest {

    @Test
    void defaultValuesLintStrictlyClean() {
        LintResult result = new Helm(RepoFiles.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void aksValuesLintStrictlyClean(@TempDir Path dir) throws IOException {
        Path chart = copyWithValues(dir, Yaml.merge(Yaml.read(RepoFiles.CHART.resolve("values.yaml")),
                Yaml.read(RepoFiles.AKS_VALUES)));

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict -f values-aks.yaml: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintFailsWhenTheValuesBreakTheSchema(@TempDir Path dir) throws IOException {
        Map<String, Object> values = Yaml.merge(Yaml.read(RepoFiles.CHART.resolve("values.yaml")),
                Map.of("queryGateway", Map.of("replicas", -1)));
        Path chart = copyWithValues(dir, values);

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicas");
    }

    /** A copy of the chart in {@code dir} with the given values.yaml. */
    static Path copyWithValues(Path dir, Map<String, Object> values) throws IOException {
        Path chart = dir.resolve("movie-recs");
        try (Stream<Path> files = Files.walk(RepoFiles.CHART)) {
            for (Path source : files.toList()) {
                Path target = chart.resolve(RepoFiles.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Files.writeString(chart.resolve("values.yaml"), Yaml.dump(values));
        return chart;
    }
}
