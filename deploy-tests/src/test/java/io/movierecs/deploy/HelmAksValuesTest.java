package io.movierecs.deploy;

import static io.movierecs.deploy.RenderedChart.containers;
import static io.movierecs.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What values-aks.yaml must produce: managed-disk snapshots, AKS ingress, secrets from existing Secrets. */
class HelmAksValuesTest {

    private static final RenderedChart AKS = RenderedChart.aks();

    @Test
    void snapshotsLiveOnAzureManagedDisksOnePerReplica() {
        Map<String, Object> index = AKS.get("StatefulSet", "index-service");
        Map<String, Object> claim = Yaml.list(Yaml.at(index, "spec.volumeClaimTemplates")).get(0);

        assertThat(Yaml.<String>at(claim, "spec.storageClassName")).isIn("managed-csi", "managed-csi-premium");
        assertThat(Yaml.<Object>at(claim, "spec.accessModes")).isEqualTo(java.util.List.of("ReadWriteOnce"));
        assertThat(Yaml.<String>at(claim, "spec.resources.requests.storage")).isEqualTo("20Gi");
        assertThat(Yaml.list(Yaml.at(containers(index).get(0), "volumeMounts")))
                .anySatisfy(m -> assertThat(m).containsEntry("name", Yaml.at(claim, "metadata.name"))
                        .containsEntry("mountPath", "/var/lib/index-service"));
        Map<String, Object> config = Yaml.map(AKS.get("ConfigMap", "index-service").get("data"));
        assertThat(config).containsEntry("INDEX_SERVICE_SNAPSHOT_DIR", "/var/lib/index-service/snapshots")
                .containsEntry("INDEX_SERVICE_SNAPSHOT_STORE", "mlflow").containsEntry("INDEX_SERVICE_INDEX_ENCODING", "fp16")
                .containsEntry("INDEX_SERVICE_MLFLOW_TRACKING_URI", "http://mlflow.mlops.svc.cluster.local:5000")
                .containsEntry("OMP_NUM_THREADS", "1").containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                .containsEntry("OPENBLAS_NUM_THREADS", "1");
    }

    @Test
    void ingressUsesTheApplicationRoutingAddOnWithTls() {
        Map<String, Object> ingress = AKS.get("Ingress", "query-gateway");

        assertThat(Yaml.<String>at(ingress, "spec.ingressClassName")).isEqualTo("webapprouting.kubernetes.azure.com");
        assertThat(Yaml.map(Yaml.at(ingress, "metadata.annotations")))
                .containsKey("kubernetes.azure.com/tls-cert-keyvault-uri");
        Map<String, Object> rule = Yaml.list(Yaml.at(ingress, "spec.rules")).get(0);
        assertThat(rule.get("host")).isEqualTo("movies.example.com");
        Map<String, Object> path = Yaml.list(Yaml.at(rule, "http.paths")).get(0);
        assertThat(Yaml.<String>at(path, "backend.service.name")).isEqualTo("movie-recs-query-gateway");
        assertThat(Yaml.list(Yaml.at(ingress, "spec.tls"))).hasSize(1);
        assertThat(RenderedChart.defaults().ofKind("Ingress")).isEmpty();
    }

    @Test
    void credentialsComeFromExistingSecretsAndTheChartWritesNone() {
        Map<String, Object> cdc = containers(AKS.get("Deployment", "catalog-cdc")).get(0);
        Map<String, Object> index = containers(AKS.get("StatefulSet", "index-service")).get(0);
        Map<String, Object> gateway = containers(AKS.get("Deployment", "query-gateway")).get(0);

        assertThat(env(cdc, "CATALOG_CDC_DATABASE_PASSWORD")).isEqualTo("secret:movie-recs-catalog-db/password");
        assertThat(env(index, "INDEX_SERVICE_ADMIN_TOKEN")).isEqualTo("secret:movie-recs-index-admin/admin-token");
        assertThat(env(gateway, "QUERY_GATEWAY_API_KEYS_KEYS")).isEqualTo("secret:movie-recs-gateway-keys/api-keys");
        assertThat(AKS.ofKind("Secret")).isEmpty();
        assertThat(Yaml.map(AKS.get("ConfigMap", "catalog-cdc").get("data")))
                .containsEntry("CATALOG_CDC_CONNECTOR", "sqlserver").containsEntry("CATALOG_CDC_DATABASE_PORT", "1433")
                .containsEntry("CATALOG_CDC_DATABASE_SCHEMA", "dbo").doesNotContainKey("CATALOG_CDC_DATABASE_PASSWORD");
    }

    @Test
    void withoutAnExistingSecretTheChartCreatesOne() {
        RenderedChart chart = RenderedChart.render(null, Map.of("catalogCdc.database.password", "s3cret",
                "indexService.adminToken", "admin-token-value", "queryGateway.apiKeys.enabled", "true",
                "queryGateway.apiKeys.keys[0]", "key-0123456789abcdef"));

        assertThat(Yaml.<String>at(chart.get("Secret", "catalog-cdc"), "data.password"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString("s3cret".getBytes()));
        assertThat(env(containers(chart.get("Deployment", "catalog-cdc")).get(0), "CATALOG_CDC_DATABASE_PASSWORD"))
                .isEqualTo("secret:movie-recs-catalog-cdc/password");
        assertThat(env(containers(chart.get("StatefulSet", "index-service")).get(0), "INDEX_SERVICE_ADMIN_TOKEN"))
                .isEqualTo("secret:movie-recs-index-service/admin-token");
        assertThat(env(containers(chart.get("Deployment", "query-gateway")).get(0), "QUERY_GATEWAY_API_KEYS_KEYS"))
                .isEqualTo("secret:movie-recs-query-gateway/api-keys");
        // no admin token at all: the variable is absent and index-service keeps /admin/** off
        assertThat(env(containers(RenderedChart.defaults().get("StatefulSet", "index-service")).get(0),
                "INDEX_SERVICE_ADMIN_TOKEN")).isNull();
    }

    @Test
    void catalogCdcCanBeLeftToKafkaConnect() {
        RenderedChart chart = RenderedChart.render(RepoFiles.AKS_VALUES, Map.of("catalogCdc.enabled", "false"));

        assertThat(chart.names()).noneMatch(name -> name.contains("catalog-cdc"));
        assertThat(chart.workloads()).hasSize(3);
    }
}
