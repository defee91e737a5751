/**
 * index-service: consumes {@code movie-vectors} from every partition into an in-memory Faiss index with the
 * movies' metadata, snapshots it (local folder or MLflow) and answers similarity searches over HTTP.
 * Subpackages by feature: {@code store} (metadata and versions), {@code vectors} (the index interface and its
 * Faiss implementation), {@code live} (applying changes, retraining and swapping), {@code search},
 * {@code ingest} (Kafka), {@code snapshot}, {@code mlflow}, {@code admin}, {@code metrics}.
 */
package io.movierecs.index;
