package io.movierecs.gateway.config;

import io.movierecs.gateway.cache.AnswerCache;
import io.movierecs.gateway.cache.GenerationWatch;
import io.movierecs.gateway.index.HttpIndexClient;
import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.recommend.MiniLmQueryEncoder;
import io.movierecs.gateway.recommend.QueryEncoder;
import io.movierecs.gateway.recommend.Recommender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The gateway's beans; the index client and the encoder can be replaced (slice tests stub them). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GatewayConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IndexClient indexClient(GatewayProperties properties) {
        return new HttpIndexClient(properties.indexService());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(QueryEncoder.class)
    MiniLmQueryEncoder queryEncoder(GatewayProperties properties) {
        return new MiniLmQueryEncoder(properties.model());
    }

    @Bean
    AnswerCache answerCache(GatewayProperties properties) {
        return new AnswerCache(properties.cache());
    }

    @Bean
    GenerationWatch generationWatch(IndexClient index, AnswerCache cache, GatewayProperties properties) {
        return new GenerationWatch(index, cache, properties.cache().maxAgeMs() / 2);
    }

    @Bean
    Recommender recommender(IndexClient index, QueryEncoder encoder, AnswerCache cache, GenerationWatch watch) {
        return new Recommender(index, encoder, cache, watch);
    }
}
