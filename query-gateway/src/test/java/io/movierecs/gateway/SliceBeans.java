package io.movierecs.gateway;

import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.recommend.QueryEncoder;
import io.movierecs.gateway.recommend.Recommender;
import io.movierecs.gateway.rotation.ReplicaWatches;
import io.movierecs.gateway.rotation.Rotation;
import java.time.InstantSource;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The gateway's beans for {@code @WebMvcTest} slices, over a {@link StubIndex} and a toy encoder ("mafia"
 * texts point at The Godfather, everything else at The Matrix).
 */
@TestConfiguration
@EnableConfigurationProperties(GatewayProperties.class)
public class SliceBeans {

    @Bean
    StubIndex stubIndex() {
        return new StubIndex();
    }

    @Bean
    Rotation rotation() {
        return new Rotation(List.of("stub"), 60_000, InstantSource.system());
    }

    /** Not started: tests call {@link ReplicaWatches#pollOnce()}. */
    @Bean
    ReplicaWatches replicaWatches(Rotation rotation, StubIndex index) {
        return new ReplicaWatches(rotation, List.of(index), 500, 25);
    }

    @Bean
    AnswerCache answerCache(GatewayProperties properties, Rotation rotation) {
        return new AnswerCache(properties.cache(), rotation);
    }

    @Bean
    Recommender recommender(StubIndex index, AnswerCache cache, Rotation rotation) {
        QueryEncoder encoder = text -> text.contains("mafia") ? new float[] {1f, 0f, 0f} : new float[] {0f, 0f, 1f};
        return new Recommender(index, encoder, cache, rotation);
    }
}
