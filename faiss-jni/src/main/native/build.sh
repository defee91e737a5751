#!/usr/bin/env bash
# Builds and tests the Faiss JNI shim. Maven runs it (faiss-jni/pom.xml); it also runs by hand:
#
#   build.sh build   compile libmovierecs_faiss.so and put it, with the runtime libraries it needs and
#                    libraries.txt (their load order), into $OUTPUT_DIR/<os>-<arch>/
#   build.sh test    compile and run the C++ tests (tests/*.cpp, GoogleTest)
#
# Inputs (environment): JAVA_HOME (a JDK, for jni.h), JNI_HEADERS (javac -h output), BUILD_DIR (scratch),
# OUTPUT_DIR (the native/ folder inside target/classes). Defaults suit a run from faiss-jni/.
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

compile_core() {
    mkdir -p "$BUILD_DIR/obj"
    compile "$NATIVE_DIR/src/shim_index.cpp" "$BUILD_DIR/obj/shim_index.o"
    compile "$NATIVE_DIR/src/thread_config.cpp" "$BUILD_DIR/obj/thread_config.o"
}

# Static archives and runtime libraries, in link order.
link_libs() {
    echo "$LIBDIR/libfaiss.a" "$OPENBLAS_A" "$GFORTRAN_SO" -fopenmp -lpthread -lm
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

build() {
    local header="$JNI_HEADERS/io_movierecs_faiss_FaissNative.h"
    [[ -f "$header" ]] || fail "missing $header: compile the Java classes first (javac -h), e.g. ./mvnw -pl faiss-jni compile"
    local out="$OUTPUT_DIR/$(platform)"
    if [[ -f "$out/$SHIM" && -z "$(find "$NATIVE_DIR" "$header" -newer "$out/$SHIM" -type f -print -quit)" ]]; then
        log "$out/$SHIM is up to date"
        return
    fi
    compile_core
    compile "$NATIVE_DIR/src/jni_bridge.cpp" "$BUILD_DIR/obj/jni_bridge.o" \
        -I"$JNI_HEADERS" -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux"
    log "linking $SHIM"
    # -z defs: an unresolved symbol fails here, not as a JVM crash at the first call that needs it.
    # -z now: every symbol is bound when the JVM loads the library.
    # --exclude-libs ALL + version script: only the JNI entry points are exported.
    "$CXX" -shared -o "$BUILD_DIR/$SHIM" "$BUILD_DIR"/obj/{jni_bridge,shim_index,thread_config}.o \
        -Wl,--version-script="$NATIVE_DIR/src/exports.map" -Wl,--exclude-libs,ALL -Wl,-z,defs -Wl,-z,now \
        -Wl,--as-needed -Wl,-rpath,'$ORIGIN' -Wl,-soname,"$SHIM" -static-libstdc++ -static-libgcc $(link_libs)
    rm -rf "$out"
    mkdir -p "$out"
    strip --strip-unneeded -o "$out/$SHIM" "$BUILD_DIR/$SHIM"
    resolve_bundle "$out/$SHIM"
    local lib
    for lib in "${BUNDLE_ORDER[@]}"; do
        cp -L "${BUNDLE_PATH[$lib]}" "$out/$lib"
    done
    {
        echo "# Load order for NativeLibrary: dependencies first, the shim last."
        printf '%s\n' "${BUNDLE_ORDER[@]}" "$SHIM"
    } >"$out/libraries.txt"
    log "built $out/$SHIM ($(du -h "$out/$SHIM" | cut -f1)); bundled: ${BUNDLE_ORDER[*]:-none}"
    log "ldd $SHIM:"
    ldd "$out/$SHIM" | sed 's/^/[faiss-jni native]   /'
}

run_tests() {
    require_file /usr/include/gtest/gtest.h libgtest-dev
    require_file "$LIBDIR/libgtest.a" libgtest-dev
    compile_core
    mkdir -p "$BUILD_DIR/tests"
    local objs=() src obj
    for src in "$NATIVE_DIR"/tests/*.cpp; do
        obj="$BUILD_DIR/tests/$(basename "${src%.cpp}").o"
        compile "$src" "$obj"
        objs+=("$obj")
    done
    log "linking native tests"
    "$CXX" -o "$BUILD_DIR/tests/native_tests" "${objs[@]}" "$BUILD_DIR"/obj/{shim_index,thread_config}.o \
        "$LIBDIR/libgtest_main.a" "$LIBDIR/libgtest.a" $(link_libs)
    log "running native tests"
    (cd "$BUILD_DIR/tests" && ./native_tests --gtest_brief=1)
}

find_prerequisites
case "$MODE" in
    build) build ;;
    test) run_tests ;;
    *) fail "usage: build.sh build|test" ;;
esac
