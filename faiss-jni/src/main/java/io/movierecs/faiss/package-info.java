/**
 * Java binding for Faiss (Debian's 1.7.3, linked into our own JNI library): build, train, search, update
 * and (de)serialize one vector index.
 *
 * <p>{@link io.movierecs.faiss.FaissIndex} is the whole public surface. It owns one native index and frees
 * it in {@code close()}; searches run concurrently, writes are exclusive. Errors from Faiss arrive as
 * {@link io.movierecs.faiss.FaissException} carrying Faiss's own message; arguments of the wrong shape are
 * {@link java.lang.IllegalArgumentException}s raised in Java before any native call.
 *
 * <p>The native library ships inside this jar and is loaded by one class (NativeLibrary). It runs Faiss
 * single-threaded unless {@code OMP_NUM_THREADS} is set; launch services with
 * {@code OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1}.
 *
 * <p>This package is the binding only: the index-service defines its own index interface on top.
 */
package io.movierecs.faiss;
