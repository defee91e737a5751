/**
 * Snapshots in MLflow: one run per snapshot (params, metrics, the files as artifacts), registered as a new
 * version of a registered model whose alias moves to it; restore from the version the alias points at.
 * Every call is plain REST ({@code java.net.http}) bounded by {@code index-service.mlflow.timeout-ms}, body
 * included: mlflow-client 2.17.2 builds its HTTP client with no timeouts (a hanging server would block a call
 * forever), shells out to Python for artifacts, has no registry calls, and retries a missing experiment's 404 as
 * if it were rate limiting.
 */
package io.movierecs.index.mlflow;
