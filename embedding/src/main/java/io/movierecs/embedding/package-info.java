/**
 * The all-MiniLM-L6-v2 sentence encoder as a library: text in, a 384-dimensional unit vector out.
 *
 * <p>{@link io.movierecs.embedding.MiniLmEncoder} is the entry point. It loads the ONNX model and the
 * Hugging Face tokenizer once, from the classpath (the langchain4j model jars), through DJL's ONNX
 * Runtime engine, and reproduces sentence-transformers: tokens truncated at 256, padding to the
 * longest text of a batch, mean pooling under the attention mask, L2 normalisation.
 *
 * <p>Nothing here touches the network: {@link io.movierecs.embedding.DjlOffline} switches DJL to
 * offline mode and opts out of its telemetry before the first DJL call. Used by embedding-worker
 * (catalog texts) and query-gateway (free-text queries).
 */
package io.movierecs.embedding;
