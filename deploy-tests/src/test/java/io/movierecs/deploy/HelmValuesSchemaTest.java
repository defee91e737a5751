package io.movierecs.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json and the chart's own checks turn bad values away with a message naming them. */
class HelmValuesSchemaTest {

    @Test
    void rejectsNegativeReplicas() {
        assertRejected(Map.of("queryGateway.replicas", "-1"), "replicas");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertRejected(Map.of("indexService.snapshotsEverySecond", "60"), "snapshotsEverySecond");
    }

    @Test
    void rejectsAValueOutsideItsEnum() {
        assertRejected(Map.of("embeddingWorker.model", "fp16"), "model");
        assertRejected(Map.of("catalogCdc.connector", "oracle"), "connector");
        assertRejected(Map.of("indexService.encoding", "int8"), "encoding");
    }

    @Test
    void rejectsASecondDebeziumEngine() {
        assertRejected(Map.of("catalogCdc.replicas", "2"), "replicas");
    }

    @Test
    void rejectsAWrongType() {
        assertRejected(Map.of("kafka.partitions", "many"), "partitions");
    }

    @Test
    void mlflowSnapshotsNeedATrackingUri() {
        assertRejected(Map.of("indexService.snapshotStore", "mlflow"), "mlflow.trackingUri");
    }

    @Test
    void theGatewayMustEmbedWithTheWorkersModel() {
        assertRejected(Map.of("queryGateway.model", "int8"), "must equal embeddingWorker.model");
    }

    @Test
    void apiKeysOnNeedKeys() {
        assertRejected(Map.of("queryGateway.apiKeys.enabled", "true"), "queryGateway.apiKeys.keys");
    }

    private static void assertRejected(Map<String, Object> sets, String expected) {
        assertThatThrownBy(() -> RenderedChart.render(null, sets)).as("helm template --set %s", sets)
                .hasMessageContaining(expected);
    }
}
