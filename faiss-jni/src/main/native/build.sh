#!/usr/bin/env bash
# Builds and tests the Faiss JNI shim. Maven runs it (faiss-jni/pom.xml); it also runs by hand:
#
#   build.sh build   compile libmovierecs_faiss.so and, on x86_64, libmovierecs_faiss_avx2.so, and put them,
#                    with the runtime libraries they need and libraries.txt (their load order), into
#                    $OUTPUT_DIR/<os>-<arch>/
#   build.sh test    compile and run the C++ tests (tests/*.cpp, GoogleTest) against each variant
#
# Inputs (environment): JAVA_HOME (a JDK, for jni.h), JNI_HEADERS (javac -h output), BUILD_DIR (scratch),
# OUTPUT_DIR (the native/ folder inside target/classes). Defaults suit a run from faiss-jni/.
# FAISS_AVX2: auto (default) | on | off. Debian's libfaiss.a is SSE-only; the AVX2 variant links a rebuild of
# the same Faiss 1.7.3 source with -mavx2 -mfma (build-faiss-avx2.sh, cached in ~/.cache/movie-recs; the first
# build takes 2-7 minutes on 2 cores). NativeLibrary loads it when the CPU has AVX2, FMA, F16C and POPCNT.
# auto: when that build fails, warn loudly and ship the generic variant only; on: fail; off: skip it.
#
# Linkage: Faiss (libfaiss.a) and OpenBLAS (the pthread variant's libopenblas.a, which is PIC) are linked in
# statically, as are libstdc++ and libgcc. libgomp and libgfortran (+ libquadmath) cannot be: their static
# archives use local-exec TLS, which a shared object may not contain. They are copied next to the shim and
# loaded first by the Java side, so the jar runs on a machine that has none of them. What stays dynamic is
# glibc (libc, libm) and libgcc_s, which every Debian/Ubuntu system has.
set -euo pipefail

MODE="${1:-build}"
NATIVE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE_DIR="$(cd "$NATIVE_DIR/../../.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$MODULE_DIR/target/native}"
JNI_HEADERS="${JNI_HEADERS:-$BUILD_DIR/jni-headers}"
OUTPUT_DIR="${OUTPUT_DIR:-$MODULE_DIR/target/classes/native}"
CXX="${CXX:-g++}"
SHIM=libmovierecs_faiss.so
SHIM_AVX2=libmovierecs_faiss_avx2.so
FAISS_AVX2="${FAISS_AVX2:-auto}"
# what Faiss's own CMake gives its faiss_avx2 target (FAISS_OPT_LEVEL=avx2)
AVX2_FLAGS=(-mavx2 -mfma -mf16c -mpopcnt)

# Libraries every supported Linux has: never bundled.
SYSTEM_LIBS=" linux-vdso.so.1 libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 ld-linux-x86-64.so.2 libgcc_s.so.1 "

log() { echo "[faiss-jni native] $*"; }

fail() {
    echo "[faiss-jni native] ERROR: $*" >&2
    exit 1
}

# require_file FILE PACKAGE: stop with the install command when FILE is missing.
require_file() {
    [[ -e "$1" ]] || fail "missing $1 (Debian package $2). Install it with: apt-get install -y $2"
}

platform() {
    local os arch
    os="$(uname -s | tr '[:upper:]' '[:lower:]')"
    arch="$(uname -m)"
    case "$arch" in arm64) arch=aarch64 ;; esac
    echo "$os-$arch"
}

find_prerequisites() {
    command -v "$CXX" >/dev/null || fail "no C++ compiler '$CXX'. Install it with: apt-get install -y g++"
    MULTIARCH="$("$CXX" -print-multiarch)"
    LIBDIR="/usr/lib/$MULTIARCH"
    require_file /usr/include/faiss/index_factory.h libfaiss-dev
    require_file "$LIBDIR/libfaiss.a" libfaiss-dev
    OPENBLAS_A="$LIBDIR/openblas-pthread/libopenblas.a"
    require_file "$OPENBLAS_A" libopenblas-dev
    GFORTRAN_SO="$LIBDIR/libgfortran.so.5"  # OpenBLAS's LAPACK needs it; installed with libopenblas-dev
    require_file "$GFORTRAN_SO" libgfortran5
    [[ -n "${JAVA_HOME:-}" ]] || fail "JAVA_HOME is not set; point it at a JDK 17+"
    require_file "$JAVA_HOME/include/jni.h" openjdk-17-jdk-headless
}

CXXFLAGS=(-std=c++17 -O2 -g0 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -fopenmp -Wall -Wextra
          -Wno-unused-parameter -Werror)

compile() {  # compile SRC OBJ [extra flags]; skipped when OBJ is newer than SRC and every header
    local src="$1" obj="$2"
    shift 2
    if [[ -f "$obj" && -z "$(find "$src" "$NATIVE_DIR/include" "$JNI_HEADERS" -newer "$obj" -type f -print -quit 2>/dev/null)" ]]; then
        return
    fi
    log "compiling $(basename "$src")"
    "$CXX" "${CXXFLAGS[@]}" "$@" -I"$NATIVE_DIR/include" -c "$src" -o "$obj"
}

# Sets AVX2_PREFIX (the cached AVX2 Faiss: lib/libfaiss_avx2.a, include/) and returns 0, or returns 1 when
# the AVX2 variant is not built (FAISS_AVX2=off, not x86_64, or the Faiss build failed under auto).
find_avx2_faiss() {
    [[ "$FAISS_AVX2" == off ]] && return 1
    [[ "$(uname -m)" == x86_64 ]] || return 1
    [[ -n "${AVX2_PREFIX:-}" ]] && return 0
    if AVX2_PREFIX="$("$NATIVE_DIR/build-faiss-avx2.sh")"; then
        return 0
    fi
    AVX2_PREFIX=""
    [[ "$FAISS_AVX2" == on ]] && fail "the AVX2 build of Faiss failed (FAISS_AVX2=on); see the messages above"
    log "WARNING: the AVX2 build of Faiss failed (messages above): shipping the generic (SSE) variant only,"
    log "WARNING: whose searches are about 4x slower. Fix the cause, or set FAISS_AVX2=off to silence this."
    return 1
}

# variant_setup generic|avx2: OBJ_DIR, VARIANT_FLAGS (compile) and FAISS_A (link) of that variant
variant_setup() {
    if [[ "$1" == avx2 ]]; then
        OBJ_DIR="$BUILD_DIR/obj-avx2"
        VARIANT_FLAGS=("${AVX2_FLAGS[@]}" -I"$AVX2_PREFIX/include")
        FAISS_A="$AVX2_PREFIX/lib/libfaiss_avx2.a"
    else
        OBJ_DIR="$BUILD_DIR/obj"
        VARIANT_FLAGS=()
        FAISS_A="$LIBDIR/libfaiss.a"
    fi
    mkdir -p "$OBJ_DIR"
}

compile_core() {  # after variant_setup
    compile "$NATIVE_DIR/src/shim_index.cpp" "$OBJ_DIR/shim_index.o" "${VARIANT_FLAGS[@]}"
    compile "$NATIVE_DIR/src/thread_config.cpp" "$OBJ_DIR/thread_config.o" "${VARIANT_FLAGS[@]}"
}

# Static archives and runtime libraries, in link order (after variant_setup).
link_libs() {
    echo "$FAISS_A" "$OPENBLAS_A" "$GFORTRAN_SO" -fopenmp -lpthread -lm
}

# needed LIB: the DT_NEEDED sonames of LIB
needed() {
    readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# Writes BUNDLE_ORDER: the non-system libraries SO needs (transitively), dependencies first.
resolve_bundle() {
    local so="$1"
    declare -gA BUNDLE_PATH=() VISITED=()
    BUNDLE_ORDER=()
    local name path
    while read -r name path; do
        [[ "$SYSTEM_LIBS" == *" $name "* ]] && continue
        [[ -f "$path" ]] || fail "$so needs $name, which is not installed (ldd: $path)"
        BUNDLE_PATH[$name]="$path"
    done < <(ldd "$so" | awk '$2 == "=>" { print $1, $3 }')
    visit() {
        local lib="$1" dep
        [[ -n "${VISITED[$lib]:-}" ]] && return
        VISITED[$lib]=1
        for dep in $(needed "${BUNDLE_PATH[$lib]}"); do
            [[ -n "${BUNDLE_PATH[$dep]:-}" ]] && visit "$dep"
        done
        BUNDLE_ORDER+=("$lib")
    }
    for name in $(needed "$so"); do
        [[ -n "${BUNDLE_PATH[$name]:-}" ]] && visit "$name"
    done
    return 0
}

# link_shim generic|avx2 NAME: compiles the shim of that variant and links $BUILD_DIR/NAME
link_shim() {
    variant_setup "$1"
    compile_core
    compile "$NATIVE_DIR/src/jni_bridge.cpp" "$OBJ_DIR/jni_bridge.o" "${VARIANT_FLAGS[@]}" \
        -I"$JNI_HEADERS" -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux"
    log "linking $2"
    # -z defs: an unresolved symbol fails here, not as a JVM crash at the first call that needs it.
    # -z now: every symbol is bound when the JVM loads the library.
    # --exclude-libs ALL + version script: only the JNI entry points are exported.
    "$CXX" -shared -o "$BUILD_DIR/$2" "$OBJ_DIR"/{jni_bridge,shim_index,thread_config}.o \
        -Wl,--version-script="$NATIVE_DIR/src/exports.map" -Wl,--exclude-libs,ALL -Wl,-z,defs -Wl,-z,now \
        -Wl,--as-needed -Wl,-rpath,'$ORIGIN' -Wl,-soname,"$2" -static-libstdc++ -static-libgcc $(link_libs)
}

build() {
    local header="$JNI_HEADERS/io_movierecs_faiss_FaissNative.h"
    [[ -f "$header" ]] || fail "missing $header: compile the Java classes first (javac -h), e.g. ./mvnw -pl faiss-jni compile"
    local out="$OUTPUT_DIR/$(platform)" shims=("$SHIM")
    find_avx2_faiss && shims+=("$SHIM_AVX2")
    local stale="" shim
    for shim in "${shims[@]}"; do
        if [[ ! -f "$out/$shim" || -n "$(find "$NATIVE_DIR" "$header" -newer "$out/$shim" -type f -print -quit)" ]]; then
            stale=1
        fi
    done
    if [[ -z "$stale" && "$(grep -c '^libmovierecs_faiss' "$out/libraries.txt" 2>/dev/null)" == "${#shims[@]}" ]]; then
        log "$out: ${shims[*]} up to date"
        return
    fi
    link_shim generic "$SHIM"
    [[ ${#shims[@]} -gt 1 ]] && link_shim avx2 "$SHIM_AVX2"
    rm -rf "$out"
    mkdir -p "$out"
    for shim in "${shims[@]}"; do
        strip --strip-unneeded -o "$out/$shim" "$BUILD_DIR/$shim"
    done
    resolve_bundle "$out/$SHIM"
    if [[ ${#shims[@]} -gt 1 ]] && [[ "$(needed "$out/$SHIM" | sort)" != "$(needed "$out/$SHIM_AVX2" | sort)" ]]; then
        fail "$SHIM_AVX2 needs other libraries than $SHIM: $(needed "$out/$SHIM_AVX2" | tr '\n' ' ')"
    fi
    local lib
    for lib in "${BUNDLE_ORDER[@]}"; do
        cp -L "${BUNDLE_PATH[$lib]}" "$out/$lib"
    done
    {
        echo "# Load order for NativeLibrary: dependencies first, then the shim variants (it loads one of them:"
        echo "# the AVX2 one when the CPU has AVX2, FMA, F16C and POPCNT, else the generic one)."
        printf '%s\n' "${BUNDLE_ORDER[@]}" "${shims[@]}"
    } >"$out/libraries.txt"
    for shim in "${shims[@]}"; do
        log "built $out/$shim ($(du -h "$out/$shim" | cut -f1))"
    done
    log "bundled: ${BUNDLE_ORDER[*]:-none}"
    log "ldd $SHIM:"
    ldd "$out/$SHIM" | sed 's/^/[faiss-jni native]   /'
}

run_tests() {
    require_file /usr/include/gtest/gtest.h libgtest-dev
    require_file "$LIBDIR/libgtest.a" libgtest-dev
    run_variant_tests generic
    if find_avx2_faiss; then
        if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
            run_variant_tests avx2
        else
            log "this CPU has no AVX2/FMA: the native tests of the AVX2 variant cannot run here"
        fi
    fi
}

run_variant_tests() {
    variant_setup "$1"
    compile_core
    local dir="$BUILD_DIR/tests-$1"
    mkdir -p "$dir"
    local objs=() src obj
    for src in "$NATIVE_DIR"/tests/*.cpp; do
        obj="$dir/$(basename "${src%.cpp}").o"
        compile "$src" "$obj" "${VARIANT_FLAGS[@]}"
        objs+=("$obj")
    done
    log "linking native tests ($1)"
    "$CXX" -o "$dir/native_tests" "${objs[@]}" "$OBJ_DIR"/{shim_index,thread_config}.o \
        "$LIBDIR/libgtest_main.a" "$LIBDIR/libgtest.a" $(link_libs)
    log "running native tests ($1)"
    (cd "$dir" && ./native_tests --gtest_brief=1)
}

find_prerequisites
case "$MODE" in
    build) build ;;
    test) run_tests ;;
    *) fail "usage: build.sh build|test" ;;
esac
