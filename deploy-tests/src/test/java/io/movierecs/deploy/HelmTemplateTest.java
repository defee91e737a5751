package io.movierecs.deploy;

import static io.movierecs.deploy.RenderedChart.containers;
import static io.movierecs.deploy.RenderedChart.env;
import static io.movierecs.deploy.RenderedChart.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm template} with the default and the AKS values: what every workload must have. */
class HelmTemplateTest {

    private static final RenderedChart DEFAULTS = RenderedChart.defaults();
    private static final RenderedChart AKS = RenderedChart.aks();

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("default values", DEFAULTS), Arguments.of("values-aks.yaml", AKS));
    }

    @Test
    void rendersOneWorkloadPerService() {
        for (RenderedChart chart : List.of(DEFAULTS, AKS)) {
            assertThat(chart.workloads()).extracting(w -> w.get("kind") + "/" + Yaml.at(w, "metadata.name"))
                    .containsExactlyInAnyOrder("Deployment/movie-recs-catalog-cdc",
                            "Deployment/movie-recs-embedding-worker", "StatefulSet/movie-recs-index-service",
                            "Deployment/movie-recs-query-gateway");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyPodRunsHardened(String name, RenderedChart chart) {
        for (Map<String, Object> workload : chart.workloads()) {
            Map<String, Object> pod = podSpec(workload);
            assertThat(Yaml.<Boolean>at(pod, "securityContext.runAsNonRoot")).isTrue();
            assertThat(Yaml.<Integer>at(pod, "securityContext.runAsUser")).isPositive();
            assertThat(Yaml.<String>at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
            for (Map<String, Object> container : containers(workload)) {
                Map<String, Object> security = Yaml.map(container.get("securityContext"));
                assertThat(security).as(container.get("name") + " securityContext")
                        .containsEntry("runAsNonRoot", true).containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("allowPrivilegeEscalation", false).containsEntry("privileged", false);
                assertThat(Yaml.<List<String>>at(security, "capabilities.drop")).containsExactly("ALL");
                assertThat(Yaml.<String>at(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyContainerHasProbesResourcesAndAWritableTmp(String name, RenderedChart chart) {
        for (Map<String, Object> workload : chart.workloads()) {
            for (Map<String, Object> container : containers(workload)) {
                String which = String.valueOf(container.get("name"));
                assertThat(Yaml.<String>at(container, "startupProbe.httpGet.path")).as(which)
                        .isEqualTo("/actuator/health/liveness");
                assertThat(Yaml.<String>at(container, "livenessProbe.httpGet.path")).as(which)
                        .isEqualTo("/actuator/health/liveness");
                assertThat(Yaml.<String>at(container, "readinessProbe.httpGet.path")).as(which)
                        .isEqualTo("/actuator/health/readiness");
                assertThat(Yaml.map(Yaml.at(container, "resources.requests"))).as(which).containsKeys("cpu", "memory");
                assertThat(Yaml.map(Yaml.at(container, "resources.limits"))).as(which).containsKeys("cpu", "memory");
                assertThat(Yaml.list(container.get("volumeMounts"))).as(which)
                        .anySatisfy(m -> assertThat(m).containsEntry("name", "tmp").containsEntry("mountPath", "/tmp"));
                assertThat(env(container, "JAVA_TOOL_OPTIONS")).as(which).contains("-Djava.io.tmpdir=/tmp");
            }
            assertThat(Yaml.list(podSpec(workload).get("volumes")))
                    .anySatisfy(v -> assertThat(v).containsEntry("name", "tmp").containsKey("emptyDir"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void podsRollWhenTheirConfigChanges(String name, RenderedChart chart) {
        for (Map<String, Object> workload : chart.workloads()) {
            assertThat(Yaml.<String>at(workload, "spec.template.metadata.annotations.checksum/config"))
                    .as(String.valueOf(Yaml.<Object>at(workload, "metadata.name"))).matches("[0-9a-f]{64}");
        }
        RenderedChart changed = RenderedChart.render(null, Map.of("kafka.bootstrapServers", "other:9092"));
        assertThat(checksum(changed, "Deployment", "embedding-worker"))
                .isNotEqualTo(checksum(DEFAULTS, "Deployment", "embedding-worker"));
        assertThat(checksum(changed, "StatefulSet", "index-service"))
                .isNotEqualTo(checksum(DEFAULTS, "StatefulSet", "index-service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void autoscalesTheWorkerAndTheGatewayOnly(String name, RenderedChart chart) {
        assertThat(chart.ofKind("HorizontalPodAutoscaler").map(h -> Yaml.<String>at(h, "spec.scaleTargetRef.name")))
                .containsExactlyInAnyOrder("movie-recs-embedding-worker", "movie-recs-query-gateway");
        chart.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
            assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(Yaml.<String>at(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat(Yaml.<Integer>at(hpa, "spec.minReplicas"))
                    .isLessThanOrEqualTo(Yaml.<Integer>at(hpa, "spec.maxReplicas"));
        });
        // a Deployment under an HPA leaves replicas to it (else every helm upgrade resets the scale)
        assertThat(Yaml.<Object>at(chart.get("Deployment", "embedding-worker"), "spec.replicas")).isNull();
        assertThat(Yaml.<Object>at(chart.get("Deployment", "query-gateway"), "spec.replicas")).isNull();
    }

    @Test
    void autoscalingOffSetsFixedReplicas() {
        RenderedChart chart = RenderedChart.render(null, Map.of("embeddingWorker.autoscaling.enabled", "false",
                "embeddingWorker.replicas", "3"));
        assertThat(chart.ofKind("HorizontalPodAutoscaler").map(h -> Yaml.<String>at(h, "metadata.name")))
                .containsExactly("movie-recs-query-gateway");
        assertThat(Yaml.<Integer>at(chart.get("Deployment", "embedding-worker"), "spec.replicas")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void disruptionBudgetsSelectTheirOwnPods(String name, RenderedChart chart) {
        assertThat(chart.ofKind("PodDisruptionBudget").map(p -> Yaml.<String>at(p, "metadata.name")))
                .containsExactlyInAnyOrder("movie-recs-embedding-worker", "movie-recs-index-service",
                        "movie-recs-query-gateway");
        chart.ofKind("PodDisruptionBudget").forEach(pdb -> {
            Map<String, Object> selector = Yaml.map(Yaml.at(pdb, "spec.selector.matchLabels"));
            Map<String, Object> workload = chart.workloads().stream()
                    .filter(w -> Yaml.map(Yaml.at(w, "spec.template.metadata.labels")).entrySet()
                            .containsAll(selector.entrySet())).findFirst().orElseThrow();
            assertThat(Yaml.<String>at(workload, "metadata.name")).isEqualTo(Yaml.at(pdb, "metadata.name"));
        });
    }

    @Test
    void theGatewayWatchesEveryIndexServiceReplicaByItsPodName() {
        RenderedChart chart = RenderedChart.render(null, Map.of("indexService.replicas", "2",
                "health.stallGraceMs", "45000"));
        Map<String, Object> gateway = Yaml.map(chart.get("ConfigMap", "query-gateway").get("data"));
        assertThat(gateway.get("QUERY_GATEWAY_INDEX_SERVICE_URLS")).isEqualTo(
                "http://movie-recs-index-service-0.movie-recs-index-service-headless:8083,"
                        + "http://movie-recs-index-service-1.movie-recs-index-service-headless:8083");
        for (String component : List.of("catalog-cdc", "embedding-worker", "index-service", "query-gateway")) {
            Map<String, Object> data = Yaml.map(chart.get("ConfigMap", component).get("data"));
            String prefix = component.toUpperCase().replace('-', '_');
            assertThat(data.get(prefix + "_HEALTH_STALL_GRACE_MS")).as(component).isEqualTo("45000");
        }
    }

    private static String checksum(RenderedChart chart, String kind, String component) {
        return Yaml.at(chart.get(kind, component), "spec.template.metadata.annotations.checksum/config");
    }
}
