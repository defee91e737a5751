package io.movierecs.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit on /api/**: per API key when keys are on (the key filter runs first), else per client address.
 * Over the limit: 429 problem with {@code Retry-After}.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBuckets buckets;

    RateLimitFilter(TokenBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Object key = request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        String client = key != null ? "key:" + key : "addr:" + request.getRemoteAddr();
        long wait = buckets.take(client, System.nanoTime());
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            Problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate limit exceeded; retry after " + wait + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
