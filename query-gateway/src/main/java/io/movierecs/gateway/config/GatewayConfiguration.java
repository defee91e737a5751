package io.movierecs.gateway.config;

import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.health.WatchesHealthIndicator;
import io.movierecs.gateway.health.ProgressHealthIndicator;
import io.movierecs.gateway.health.RotationMetrics;
import io.movierecs.gateway.index.HttpIndexClient;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.recommend.MiniLmQueryEncoder;
import io.movierecs.gateway.recommend.QueryEncoder;
import io.movierecs.gateway.recommend.Recommender;
import io.movierecs.gateway.rotation.ReplicaWatches;
import io.movierecs.gateway.rotation.Rotation;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's beans; the index client and the encoder can be replaced (slice tests stub them). */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Rotation rotation(GatewayProperties properties) {
        return new Rotation(properties.indexService().urls(), properties.cache().maxAgeMs(), InstantSource.system());
    }

    @Bean
    @ConditionalOnMissingBean
    IndexClient indexClient(GatewayProperties properties, Rotation rotation) {
        return new HttpIndexClient(properties.indexService(), rotation);
    }

    /** One watch per replica, each with a client of that replica alone. */
    @Bean(initMethod = "start", destroyMethod = "close")
    ReplicaWatches replicaWatches(GatewayProperties properties, Rotation rotation) {
        List<IndexClient> clients = IntStream.range(0, properties.indexService().urls().size())
                .mapToObj(i -> (IndexClient) HttpIndexClient.single(properties.indexService(), i)).toList();
        return new ReplicaWatches(rotation, clients, properties.cache().maxAgeMs() / 2,
                properties.cache().generationRefreshMs());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(QueryEncoder.class)
    MiniLmQueryEncoder queryEncoder(GatewayProperties properties) {
        return new MiniLmQueryEncoder(properties.model());
    }

    @Bean
    AnswerCache answerCache(GatewayProperties properties, Rotation rotation) {
        return new AnswerCache(properties.cache(), rotation);
    }

    @Bean
    Recommender recommender(IndexClient index, QueryEncoder encoder, AnswerCache cache, Rotation rotation) {
        return new Recommender(index, encoder, cache, rotation);
    }

    @Bean
    ProgressHealthIndicator progressHealthIndicator(Rotation rotation, GatewayProperties properties) {
        return new ProgressHealthIndicator(rotation, properties.health().stallGraceMs());
    }

    @Bean
    WatchesHealthIndicator indexWatchesHealthIndicator(ReplicaWatches watches) {
        return new WatchesHealthIndicator(watches);
    }

    @Bean
    RotationMetrics rotationMetrics(Rotation rotation, ProgressHealthIndicator progress) {
        return new RotationMetrics(rotation, progress);
    }
}
