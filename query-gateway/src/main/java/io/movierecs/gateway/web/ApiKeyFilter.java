package io.movierecs.gateway.web;

import io.movierecs.gateway.config.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code query-gateway.api-keys.enabled}, /api/** needs one of the configured keys in the key header
 * (default {@code X-API-Key}); else a 401 problem. Keys are compared in constant time. Registered for /api/*
 * only: the web page, health and metrics stay open (the page's calls are same-origin and keyless, so turn
 * keys on where the page is not served to the public, or front it with its own key).
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String KEY_ATTRIBUTE = ApiKeyFilter.class.getName() + ".key";

    private final String header;
    private final List<byte[]> keys;

    ApiKeyFilter(GatewayProperties.ApiKeys config) {
        this.header = config.header();
        this.keys = config.keys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String given = request.getHeader(header);
        if (given == null || !known(given.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + header + "\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED,
                    given == null ? "an API key is required in the " + header + " header" : "unknown API key");
            return;
        }
        request.setAttribute(KEY_ATTRIBUTE, given);
        chain.doFilter(request, response);
    }

    private boolean known(byte[] given) {
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }
}
