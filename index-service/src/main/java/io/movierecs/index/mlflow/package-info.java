/**
 * Snapshots in MLflow: one run per snapshot (params, metrics, the files as artifacts), registered as a new
 * version of a registered model whose alias moves to it; restore from the version the alias points at.
 * Tracking calls go through mlflow-client; artifacts and the model registry through plain REST, since the
 * Java client shells out to Python for artifacts and has no registry calls.
 */
package io.movierecs.index.mlflow;
