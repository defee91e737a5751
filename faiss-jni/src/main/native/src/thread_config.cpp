#include "movierecs/thread_config.h"

#include <cstdlib>

#include <omp.h>

extern "C" void openblas_set_num_threads(int num_threads);  // from the statically linked OpenBLAS

namespace movierecs {
namespace {

int g_omp_threads = 0;  // 0: the environment chose, leave OpenMP alone
thread_local bool t_applied = false;

bool env_set(const char* name) {
    return std::getenv(name) != nullptr;
}

}  // namespace

void configure_threads_at_load() {
    if (!env_set("OMP_NUM_THREADS")) {
        g_omp_threads = 1;
    }
    if (!env_set("OPENBLAS_NUM_THREADS") && !env_set("GOTO_NUM_THREADS") && !env_set("OMP_NUM_THREADS")) {
        openblas_set_num_threads(1);
    }
    apply_thread_config();
}

void apply_thread_config() {
    if (g_omp_threads > 0 && !t_applied) {
        omp_set_num_threads(g_omp_threads);
        t_applied = true;
    }
}

int omp_max_threads() {
    apply_thread_config();
    return omp_get_max_threads();
}

}  // namespace movierecs
