// Thread settings for OpenMP (Faiss) and OpenBLAS inside the JVM.
//
// On a 2-core service, Faiss's default of one OpenMP thread per core makes searches from several request
// threads oversubscribe the cores, and idle OpenMP workers spin: p99 suffers. So unless the operator chose
// otherwise through the environment, the shim runs everything single-threaded:
//  - OMP_NUM_THREADS unset: every thread that enters the shim gets omp_set_num_threads(1). (The setting is
//    per thread in libgomp, and the environment was already read when libgomp loaded, so it is applied on
//    each thread's first call rather than once.)
//  - OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS and OMP_NUM_THREADS all unset: openblas_set_num_threads(1).
// Recommended launch environment: OMP_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1.
#pragma once

namespace movierecs {

/// Reads the environment once; called from JNI_OnLoad (and by the C++ tests).
void configure_threads_at_load();

/// Applies the OpenMP default to the calling thread on its first call; cheap afterwards.
void apply_thread_config();

/// omp_get_max_threads() as seen by the calling thread after apply_thread_config().
int omp_max_threads();

}  // namespace movierecs
