package io.movierecs.gateway.web;

import io.movierecs.gateway.api.BadRequestException;
import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.index.IndexRejectedException;
import io.movierecs.gateway.index.IndexUnavailableException;
import io.movierecs.gateway.index.MovieNotFoundException;
import io.movierecs.embedding.EmbeddingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as {@code application/problem+json} (RFC 9457): Spring's own (unreadable JSON, a parameter of
 * the wrong type, an unknown path, a wrong method) through {@link ResponseEntityExceptionHandler}, ours here:
 * 400 bad input, 404 unknown movie, 503 with {@code Retry-After} when no index replica answered. Anything
 * else is a 500 whose detail says nothing internal (and is logged with the request id).
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final String retryAfter;

    ProblemHandler(GatewayProperties properties) {
        this.retryAfter = Integer.toString(properties.indexService().retryAfterSeconds());
    }

    @ExceptionHandler({BadRequestException.class, IndexRejectedException.class})
    ResponseEntity<ProblemDetail> badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(MovieNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(MovieNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), new HttpHeaders());
    }

    @ExceptionHandler(IndexUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(IndexUnavailableException e) {
        log.warn("503: {}", e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the movie index is not answering; try again shortly",
                headers);
    }

    @ExceptionHandler(EmbeddingException.class)
    ResponseEntity<ProblemDetail> notEmbeddable(EmbeddingException e) {
        log.warn("text could not be embedded: {}", e.toString());
        return problem(HttpStatus.BAD_REQUEST, "the text could not be embedded", new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; the request id is in X-Request-Id",
                new HttpHeaders());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
