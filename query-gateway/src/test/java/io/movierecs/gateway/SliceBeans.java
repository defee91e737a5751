package io.movierecs.gateway;

import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.cache.GenerationWatch;
import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.recommend.QueryEncoder;
import io.movierecs.gateway.recommend.Recommender;
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
    AnswerCache answerCache(GatewayProperties properties) {
        return new AnswerCache(properties.cache());
    }

    @Bean
    GenerationWatch generationWatch(StubIndex index, AnswerCache cache) {
        return new GenerationWatch(index, cache, 500);
    }

    @Bean
    Recommender recommender(StubIndex index, AnswerCache cache, GenerationWatch watch) {
        QueryEncoder encoder = text -> text.contains("mafia") ? new float[] {1f, 0f, 0f} : new float[] {0f, 0f, 1f};
        return new Recommender(index, encoder, cache, watch);
    }
}
