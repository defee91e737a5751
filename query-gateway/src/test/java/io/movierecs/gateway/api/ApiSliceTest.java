package io.movierecs.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.movierecs.gateway.SliceBeans;
import io.movierecs.gateway.StubIndex;
import io.movierecs.gateway.rotation.ReplicaWatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/** The controller, the error handling and the filters over a stubbed index (our own interface). */
@WebMvcTest(controllers = MoviesController.class)
@Import(SliceBeans.class)
class ApiSliceTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    StubIndex index;
    @Autowired
    ReplicaWatches watches;

    @BeforeEach
    void indexUp() {
        index.down = false;
        watches.pollOnce();
    }

    private static ResultMatcher problem(int status) {
        return result -> {
            status().is(status).match(result);
            content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
            jsonPath("$.status").value(status).match(result);
        };
    }

    @Test
    void similarCarriesReasonsAndLeavesTheMovieOut() throws Exception {
        mvc.perform(get("/api/v1/movies/858/similar?k=2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.movie.id").value(858))
                .andExpect(jsonPath("$.results[0].id").value(1221))
                .andExpect(jsonPath("$.results[0].reason").value("Also directed by Francis Ford Coppola"))
                .andExpect(jsonPath("$.results[1].id").value(6))
                .andExpect(jsonPath("$.results[1].reason").value("Also starring Al Pacino"));
    }

    @Test
    void titlesResolveExactlyOrToTheBestMatch() throws Exception {
        mvc.perform(get("/api/v1/similar?title=the godfather")).andExpect(jsonPath("$.movie.id").value(858));
        mvc.perform(get("/api/v1/similar?title=Godfather: Part II, The")).andExpect(jsonPath("$.movie.id").value(1221));
        mvc.perform(get("/api/v1/similar?title=The Matrx")).andExpect(jsonPath("$.movie.id").value(2571));
        mvc.perform(get("/api/v1/similar?title=Nothing Like It")).andExpect(problem(404));
    }

    @Test
    void recommendationsLeaveOutLikedAndDisliked() throws Exception {
        mvc.perform(post("/api/v1/recommendations").contentType(MediaType.APPLICATION_JSON)
                .content("{\"liked\":[858],\"disliked\":[1],\"k\":5}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].id").value(1221))
                .andExpect(jsonPath("$.results[0].reason").value("Directed by Francis Ford Coppola, like Godfather, The"))
                .andExpect(jsonPath("$.results[?(@.id == 858)]").isEmpty())
                .andExpect(jsonPath("$.results[?(@.id == 1)]").isEmpty());
    }

    @Test
    void badInputIsA400Problem() throws Exception {
        mvc.perform(get("/api/v1/movies/858/similar?k=0")).andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("k must be between 1 and 100, was 0"));
        mvc.perform(get("/api/v1/movies/858/similar?k=101")).andExpect(problem(400));
        mvc.perform(get("/api/v1/movies/858/similar?k=x")).andExpect(problem(400));
        mvc.perform(get("/api/v1/movies/858/similar?yearFrom=1999&yearTo=1990")).andExpect(problem(400));
        mvc.perform(get("/api/v1/movies/nope")).andExpect(problem(400));
        mvc.perform(get("/api/v1/search?q=")).andExpect(problem(400));
        mvc.perform(get("/api/v1/search?q=" + "y".repeat(501))).andExpect(problem(400));
        mvc.perform(post("/api/v1/recommendations").contentType(MediaType.APPLICATION_JSON).content("{\"liked\":"))
                .andExpect(problem(400));
        mvc.perform(post("/api/v1/recommendations").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(problem(400));
        mvc.perform(get("/api/v1/movies/4242")).andExpect(problem(404));
    }

    @Test
    void noIndexIsA503WithRetryAfter() throws Exception {
        index.down = true;
        watches.pollOnce();
        mvc.perform(get("/api/v1/movies/858/similar?k=3&genre=Crime")).andExpect(problem(503))
                .andExpect(header().string("Retry-After", "2"));
    }

    @Test
    void answersAreCachedUntilTheGenerationChanges() throws Exception {
        mvc.perform(get("/api/v1/search?q=mafia story")).andExpect(jsonPath("$.results[0].id").value(858));
        int calls = index.calls.get();
        mvc.perform(get("/api/v1/search?q=mafia story")).andExpect(jsonPath("$.results[0].id").value(858));
        assertThat(index.calls.get()).as("served from the cache").isEqualTo(calls);

        index.generation++;
        watches.pollOnce();
        int afterRefresh = index.calls.get();
        mvc.perform(get("/api/v1/search?q=mafia story")).andExpect(status().isOk());
        assertThat(index.calls.get()).as("a new generation asks the index again").isGreaterThan(afterRefresh);
    }

    @Test
    void requestIdIsEchoedOrMade() throws Exception {
        mvc.perform(get("/api/v1/status").header("X-Request-Id", "abc-123"))
                .andExpect(header().string("X-Request-Id", "abc-123"))
                .andExpect(jsonPath("$.indexReachable").value(true));
        mvc.perform(get("/api/v1/status").header("X-Request-Id", "bad id with spaces"))
                .andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.hasLength(36)));
    }
}
