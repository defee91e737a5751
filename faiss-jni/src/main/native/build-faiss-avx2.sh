#!/usr/bin/env bash
# Builds Debian's Faiss 1.7.3 (the very source and patches of libfaiss-dev) once more with AVX2, into a cache:
#
#   build-faiss-avx2.sh    prints the folder holding lib/libfaiss_avx2.a and include/faiss/ on stdout
#
# Debian's libfaiss.a is compiled for baseline x86-64 (SSE2): its distance kernels and the IVF scan run
# about 4x faster with AVX2+FMA. Faiss's own CMake builds that variant (FAISS_OPT_LEVEL=avx2, target
# faiss_avx2: -mavx2 -mfma -mf16c -mpopcnt); only the core library is built (no GPU, Python, C API, tests).
#
# Source: `apt-get source faiss=$FAISS_DEBIAN_VERSION` through a private apt configuration (its own deb-src
# list, package lists and cache under the cache folder), so the system's apt setup is neither needed nor
# changed and no root is needed. Needs: network access to a Debian mirror ($DEBIAN_MIRROR), dpkg-dev
# (dpkg-source), cmake, g++ and libopenblas-dev.
#
# Cache: $MOVIE_RECS_CACHE (default ~/.cache/movie-recs)/faiss-<version>-avx2/, keyed by the Debian version
# and this script's build recipe; a finished build is marked by a stamp file, so an interrupted build is
# redone, and a finished one costs nothing. Progress goes to stderr and the build log to build.log there.
set -euo pipefail

FAISS_DEBIAN_VERSION="${FAISS_DEBIAN_VERSION:-1.7.3-2}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DEBIAN_SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE_ROOT="${MOVIE_RECS_CACHE:-$HOME/.cache/movie-recs}"
RECIPE=1  # bump when the cmake options below change: the cache key includes it
PREFIX="$CACHE_ROOT/faiss-$FAISS_DEBIAN_VERSION-avx2-r$RECIPE"
JOBS="${FAISS_BUILD_JOBS:-$(nproc)}"

log() { echo "[faiss-jni avx2] $*" >&2; }
fail() {
    echo "[faiss-jni avx2] ERROR: $*" >&2
    exit 1
}

if [[ -f "$PREFIX/done" && -f "$PREFIX/lib/libfaiss_avx2.a" ]]; then
    echo "$PREFIX"
    exit 0
fi

for tool in cmake dpkg-source apt-get "${CXX:-g++}"; do
    command -v "$tool" >/dev/null || fail "'$tool' is missing. Install it with: apt-get install -y cmake dpkg-dev g++"
done

WORK="$PREFIX.work"
rm -rf "$WORK" "$PREFIX"
mkdir -p "$WORK/apt/sources.list.d" "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/dl"
cat >"$WORK/apt/sources.list.d/faiss-src.sources" <<EOF
Types: deb-src
URIs: $DEBIAN_MIRROR
Suites: $DEBIAN_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
APT_OPTS=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$WORK/apt/sources.list.d"
          -o "Dir::State::Lists=$WORK/apt/lists" -o "Dir::Cache=$WORK/apt/cache" -o "Debug::NoLocking=1"
          -o "APT::Sandbox::User=$(id -un)")
BUILD_LOG="$WORK/build.log"
started=$(date +%s)

log "fetching the Debian source of faiss $FAISS_DEBIAN_VERSION from $DEBIAN_MIRROR ($DEBIAN_SUITE)"
apt-get "${APT_OPTS[@]}" -qq update >"$BUILD_LOG" 2>&1 \
    || fail "apt-get update of the deb-src list failed (see $BUILD_LOG); is $DEBIAN_MIRROR reachable? Set DEBIAN_MIRROR to a mirror, or build without AVX2: FAISS_AVX2=off"
(cd "$WORK/dl" && apt-get "${APT_OPTS[@]}" -qq source --download-only "faiss=$FAISS_DEBIAN_VERSION") >>"$BUILD_LOG" 2>&1 \
    || fail "apt-get source faiss=$FAISS_DEBIAN_VERSION failed (see $BUILD_LOG); build without AVX2: FAISS_AVX2=off"
dpkg-source -x "$WORK/dl/faiss_$FAISS_DEBIAN_VERSION.dsc" "$WORK/src" >>"$BUILD_LOG" 2>&1 \
    || fail "dpkg-source could not unpack the faiss source (see $BUILD_LOG)"

log "configuring (FAISS_OPT_LEVEL=avx2, core library only); building with $JOBS jobs, a few minutes"
cmake -S "$WORK/src" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release -DFAISS_OPT_LEVEL=avx2 \
    -DFAISS_ENABLE_GPU=OFF -DFAISS_ENABLE_PYTHON=OFF -DFAISS_ENABLE_C_API=OFF -DBUILD_TESTING=OFF \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBLA_VENDOR=OpenBLAS \
    -DCMAKE_CXX_COMPILER="${CXX:-g++}" >>"$BUILD_LOG" 2>&1 \
    || fail "cmake configure failed (see $BUILD_LOG)"
cmake --build "$WORK/build" --target faiss_avx2 -j "$JOBS" >>"$BUILD_LOG" 2>&1 \
    || fail "compiling faiss_avx2 failed (see $BUILD_LOG)"

mkdir -p "$WORK/out/lib" "$WORK/out/include"
cp "$WORK/build/faiss/libfaiss_avx2.a" "$WORK/out/lib/"
(cd "$WORK/src" && find faiss -name '*.h' -not -path 'faiss/gpu/*' -not -path 'faiss/python/*' \
    -exec cp --parents {} "$WORK/out/include/" \;)
cp "$BUILD_LOG" "$WORK/out/build.log"
echo "faiss $FAISS_DEBIAN_VERSION avx2 built in $(($(date +%s) - started)) s with $JOBS jobs on $(nproc) cores" \
    >"$WORK/out/done"
mv "$WORK/out" "$PREFIX"
rm -rf "$WORK"
log "$(cat "$PREFIX/done") -> $PREFIX"
echo "$PREFIX"
