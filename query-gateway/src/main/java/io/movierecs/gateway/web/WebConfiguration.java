package io.movierecs.gateway.web;

import io.movierecs.gateway.config.GatewayProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The filters in order (request id, API key, rate limit; the last two on /api/* only) and CORS for /api/**
 * from {@code query-gateway.cors.allowed-origins} (none by default: same origin only).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final GatewayProperties properties;

    WebConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!properties.cors().allowedOrigins().isEmpty()) {
            registry.addMapping("/api/**").allowedOrigins(properties.cors().allowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "POST", "OPTIONS").allowedHeaders("*")
                    .exposedHeaders("X-Request-Id", "Retry-After").maxAge(3600);
        }
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter() {
        FilterRegistrationBean<ApiKeyFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyFilter(properties.apiKeys()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(properties.apiKeys().enabled());
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter() {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(new TokenBuckets(limit.requestsPerSecond(), limit.burst())));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setEnabled(limit.requestsPerSecond() > 0);
        return registration;
    }
}
