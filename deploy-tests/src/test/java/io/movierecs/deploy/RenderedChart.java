package io.movierecs.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The chart rendered by {@code helm template} (helm-java, in-process, offline) and parsed into documents.
 *
 * @param yaml the rendered manifests as Helm printed them
 * @param docs every document
 */
record RenderedChart(String yaml, List<Map<String, Object>> docs) {

    static final String RELEASE = "movie-recs";
    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");

    /** Renders with the chart's defaults, then the values file (may be null), then the --set pairs. */
    static RenderedChart render(Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(RepoFiles.CHART).template().withName(RELEASE)
                .withNamespace("movie-recs").withKubeVersion("1.33.0");
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        String yaml = command.call();
        return new RenderedChart(yaml, Yaml.readAll(yaml));
    }

    static RenderedChart defaults() {
        return render(null, Map.of());
    }

    static RenderedChart aks() {
        return render(RepoFiles.AKS_VALUES, Map.of());
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return docs.stream().filter(doc -> kind.equals(doc.get("kind")));
    }

    /** The one object of that kind whose name is {@code <release>-<component>}. */
    Map<String, Object> get(String kind, String component) {
        String name = RELEASE + "-" + component;
        return ofKind(kind).filter(doc -> name.equals(Yaml.at(doc, "metadata.name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in:\n" + names()));
    }

    List<Map<String, Object>> workloads() {
        return docs.stream().filter(doc -> WORKLOAD_KINDS.contains(doc.get("kind"))).toList();
    }

    List<String> names() {
        return docs.stream().map(doc -> doc.get("kind") + "/" + Yaml.at(doc, "metadata.name")).toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return Objects.requireNonNull(Yaml.at(workload, "spec.template.spec"), "no pod spec");
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        Map<String, Object> pod = podSpec(workload);
        return Stream.concat(Yaml.list(pod.get("initContainers")).stream(),
                Yaml.list(pod.get("containers")).stream()).toList();
    }

    /** A container's env var value: a literal, or "secret:NAME/KEY" when it comes from a Secret. */
    static String env(Map<String, Object> container, String name) {
        return Yaml.list(container.get("env")).stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .map(e -> e.containsKey("value") ? String.valueOf(e.get("value"))
                        : "secret:" + Yaml.at(e, "valueFrom.secretKeyRef.name") + "/"
                                + Yaml.at(e, "valueFrom.secretKeyRef.key"))
                .orElse(null);
    }
}
