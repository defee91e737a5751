/**
 * The vector index behind an interface: {@link io.movierecs.index.vectors.VectorIndex} and
 * {@link io.movierecs.index.vectors.VectorIndexFactory}, so the index logic is testable without native code,
 * and their Faiss implementation over {@code io.movierecs.faiss.FaissIndex} (inner product on normalised
 * vectors: exact "IDMap,Flat" while small, trained "IVF&lt;nlist&gt;,SQfp16" after).
 */
package io.movierecs.index.vectors;
