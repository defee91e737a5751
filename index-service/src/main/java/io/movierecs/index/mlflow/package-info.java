/**
 * Snapshots in MLflow: one run per snapshot (params, metrics, the files as artifacts), registered as a new
 * version of a registered model whose alias moves to it; restore from the version the alias points at.
 * Run calls (create, params, metrics, tags, terminate) go through mlflow-client; artifacts, the model registry
 * and the experiment look-up through plain REST, since the Java client shells out to Python for artifacts, has
 * no registry calls, and retries a missing experiment's 404 as if it were rate limiting.
 */
package io.movierecs.index.mlflow;
