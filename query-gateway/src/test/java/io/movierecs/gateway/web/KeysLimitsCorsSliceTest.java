package io.movierecs.gateway.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.movierecs.gateway.SliceBeans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** API keys on, a tight rate limit and one CORS origin. */
@WebMvcTest(properties = {"query-gateway.api-keys.enabled=true", "query-gateway.api-keys.keys=key-one,key-two",
        "query-gateway.rate-limit.requests-per-second=0.01", "query-gateway.rate-limit.burst=2",
        "query-gateway.cors.allowed-origins=https://movies.example"})
@Import(SliceBeans.class)
class KeysLimitsCorsSliceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aKeyIsNeededAndEachKeyHasItsOwnLimit() throws Exception {
        mvc.perform(get("/api/v1/status")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/status").header("X-API-Key", "wrong")).andExpect(status().isUnauthorized());

        mvc.perform(get("/api/v1/status").header("X-API-Key", "key-one")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/status").header("X-API-Key", "key-one")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/status").header("X-API-Key", "key-one")).andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/status").header("X-API-Key", "key-two")).andExpect(status().isOk());
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() throws Exception {
        mvc.perform(options("/api/v1/titles").header("Origin", "https://movies.example")
                .header("Access-Control-Request-Method", "GET"))
                .andExpect(header().string("Access-Control-Allow-Origin", "https://movies.example"));
        mvc.perform(options("/api/v1/titles").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden());
    }
}
