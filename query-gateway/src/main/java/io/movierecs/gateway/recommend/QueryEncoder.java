package io.movierecs.gateway.recommend;

/** Free text to a unit vector comparable with the index's (the MiniLM encoder in production). */
public interface QueryEncoder {

    float[] embed(String text);
}
