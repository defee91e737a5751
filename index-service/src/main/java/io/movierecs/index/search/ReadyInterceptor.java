package io.movierecs.index.search;

import io.movierecs.index.ingest.IngestService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * No answers before restore and catch-up are complete (a deleted movie could be served until its tombstone
 * replays): every {@code /internal/v1} endpoint except {@code /internal/v1/index} answers 503 problem+json with
 * {@code Retry-After} until then.
 */
@Configuration
class ReadyInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final int RETRY_AFTER_SECONDS = 2;

    private final IngestService ingest;

    ReadyInterceptor(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/internal/v1/**").excludePathPatterns("/internal/v1/index");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!ingest.progress().caughtUp()) {
            throw new NotReadyException(ingest.phase().name());
        }
        return true;
    }

    /** Not ready yet; answered as a 503 with Retry-After. */
    static final class NotReadyException extends RuntimeException {
        NotReadyException(String phase) {
            super("index-service is not ready (" + phase + "): restore and catch-up are not complete; retry later");
        }
    }
}
