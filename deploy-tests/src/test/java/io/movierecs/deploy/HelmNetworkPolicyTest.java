package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NetworkPolicies: off by default; on, the gateway takes the ingress controller and index-service the gateway. */
class HelmNetworkPolicyTest {

    private static final Map<String, Object> ON = Map.of("networkPolicy.enabled", "true");

    @Test
    void noPoliciesByDefault() {
        assertThat(RenderedChart.defaults().ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void indexServiceAcceptsTheGatewayOnly() {
        RenderedChart chart = RenderedChart.render(null, ON);
        Map<String, Object> policy = chart.get("NetworkPolicy", "index-service");
        List<Map<String, Object>> rules = Yaml.list(Yaml.at(policy, "spec.ingress"));

        assertThat(Yaml.<List<String>>at(policy, "spec.policyTypes")).containsExactly("Ingress");
        assertThat(rules).hasSize(1);
        Map<String, Object> peer = Yaml.list(rules.get(0).get("from")).get(0);
        Map<String, Object> gatewayPodLabels = Yaml.map(Yaml.at(chart.get("Deployment", "query-gateway"),
                "spec.template.metadata.labels"));
        assertThat(gatewayPodLabels.entrySet())
                .containsAll(Yaml.map(Yaml.at(peer, "podSelector.matchLabels")).entrySet());
        assertThat(Yaml.map(Yaml.at(peer, "podSelector.matchLabels"))).containsEntry("app.kubernetes.io/component",
                "query-gateway");
        assertThat(Yaml.list(rules.get(0).get("ports"))).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("port", 8083));
    }

    @Test
    void gatewayAcceptsTheIngressControllerNamespace() {
        RenderedChart chart = RenderedChart.render(RepoFiles.AKS_VALUES, Map.of());
        Map<String, Object> policy = chart.get("NetworkPolicy", "query-gateway");
        Map<String, Object> first = Yaml.list(Yaml.at(policy, "spec.ingress")).get(0);

        assertThat(Yaml.map(Yaml.at(Yaml.list(first.get("from")).get(0), "namespaceSelector.matchLabels")))
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "app-routing-system"));
        assertThat(Yaml.list(first.get("ports"))).singleElement()
                .satisfies(port -> assertThat(port).containsEntry("port", 8080));
    }

    @Test
    void servicesNobodyCallsAcceptNothingButTheScrapers() {
        RenderedChart closed = RenderedChart.render(null, ON);
        for (String component : List.of("catalog-cdc", "embedding-worker")) {
            assertThat(Yaml.list(Yaml.at(closed.get("NetworkPolicy", component), "spec.ingress"))).as(component)
                    .isEmpty();
        }
        RenderedChart scraped = RenderedChart.render(null, Map.of("networkPolicy.enabled", "true",
                "networkPolicy.metricsNamespaceSelector.team", "monitoring"));
        List<Map<String, Object>> rules = Yaml.list(Yaml.at(scraped.get("NetworkPolicy", "embedding-worker"),
                "spec.ingress"));
        assertThat(rules).singleElement().satisfies(rule -> assertThat(Yaml.map(Yaml.at(
                Yaml.list(rule.get("from")).get(0), "namespaceSelector.matchLabels"))).containsEntry("team", "monitoring"));
    }
}
