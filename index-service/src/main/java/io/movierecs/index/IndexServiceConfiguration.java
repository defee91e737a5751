package io.movierecs.index;

import io.movierecs.index.ingest.IngestService;
import io.movierecs.index.live.IvfBuilder;
import io.movierecs.index.live.LiveIndex;
import io.movierecs.index.live.Retrainer;
import io.movierecs.index.metrics.IndexMetrics;
import io.movierecs.index.mlflow.MlflowSnapshotStore;
import io.movierecs.index.search.SearchService;
import io.movierecs.index.snapshot.SnapshotFolder;
import io.movierecs.index.snapshot.SnapshotRestorer;
import io.movierecs.index.snapshot.SnapshotStore;
import io.movierecs.index.snapshot.Snapshotter;
import io.movierecs.index.vectors.FaissVectorIndexFactory;
import io.movierecs.index.vectors.VectorIndexFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the features together; each is a plain class, testable without Spring. */
@Configuration(proxyBeanMethods = false)
class IndexServiceConfiguration {

    @Bean
    VectorIndexFactory vectorIndexFactory(IndexProperties properties) {
        return new FaissVectorIndexFactory(properties.index().encoding());
    }

    @Bean(destroyMethod = "close")
    LiveIndex liveIndex(VectorIndexFactory factory, IndexProperties properties) {
        return new LiveIndex(factory, properties.dimension());
    }

    @Bean
    Retrainer retrainer(LiveIndex live, VectorIndexFactory factory, IndexProperties properties) {
        IvfBuilder builder = new IvfBuilder(factory, properties.index(), properties.dimension());
        return new Retrainer(live, builder, properties.index(), info -> { });
    }

    @Bean
    SnapshotFolder snapshotFolder(IndexProperties properties) {
        return new SnapshotFolder(properties.snapshot().dir());
    }

    @Bean
    SnapshotStore snapshotStore(IndexProperties properties) {
        return switch (properties.snapshot().store()) {
            case LOCAL -> SnapshotStore.LOCAL;
            case MLFLOW -> new MlflowSnapshotStore(properties.mlflow());
        };
    }

    @Bean
    Snapshotter snapshotter(LiveIndex live, SnapshotFolder folder, SnapshotStore store, IndexProperties properties,
            IndexMetrics metrics) {
        return new Snapshotter(live, folder, store, properties, metrics);
    }

    @Bean
    SnapshotRestorer snapshotRestorer(SnapshotFolder folder, SnapshotStore store, VectorIndexFactory factory,
            IndexProperties properties) {
        return new SnapshotRestorer(folder, store, factory, properties.dimension());
    }

    @Bean
    SearchService searchService(LiveIndex live, IndexProperties properties) {
        return new SearchService(live, properties.search());
    }

    @Bean
    IngestService ingestService(IndexProperties properties, LiveIndex live, Snapshotter snapshotter,
            SnapshotRestorer restorer, Retrainer retrainer, IndexMetrics metrics) {
        return new IngestService(properties, live, snapshotter, restorer, retrainer, metrics);
    }
}
