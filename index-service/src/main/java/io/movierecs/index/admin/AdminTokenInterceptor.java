package io.movierecs.index.admin;

import io.movierecs.index.IndexProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards {@code /admin/**}: without a configured token the endpoints do not exist (404); with one, a request
 * must carry it in the configured header (compared in constant time) or gets a 401.
 */
@Configuration
class AdminTokenInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final IndexProperties.Admin admin;

    AdminTokenInterceptor(IndexProperties properties) {
        this.admin = properties.admin();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!admin.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no admin endpoints: no admin token is set");
        }
        String given = request.getHeader(admin.header());
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                admin.token().getBytes(StandardCharsets.UTF_8))) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "missing or wrong " + admin.header());
        }
        return true;
    }
}
