// The JNI-free core of the Faiss shim: one Faiss index with external ids.
//
// Everything here is plain C++ so that tests/shim_index_test.cpp can drive it with bad input without a JVM.
// Errors are exceptions: std::invalid_argument for arguments the caller should never have passed (the Java
// facade checks them first), faiss::FaissException from Faiss itself, std::runtime_error for bytes that do
// not form an index. The JNI layer (src/jni_bridge.cpp) translates them; nothing here knows about Java.
//
// Thread safety: const methods may run concurrently with each other; non-const methods must not overlap any
// other call. The Java facade enforces this with a read-write lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <faiss/Index.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>

namespace movierecs {

using idx_t = faiss::Index::idx_t;  // Faiss 1.7.3 spelling; int64_t

/// Same numbering as faiss::MetricType and as the Java enum's code.
enum class Metric : int { InnerProduct = 0, L2 = 1 };

class ShimIndex {
   public:
    /// Builds an index from a Faiss factory string ("IVF16,Flat", "Flat", "IDMap,Flat", "HNSW32"...).
    /// An index that cannot take external ids itself (Flat, HNSW, PQ...) is wrapped in an IndexIDMap, so that
    /// add_with_ids works on every index this returns. IVF indexes keep their native ids.
    static std::unique_ptr<ShimIndex> create(const std::string& factory, Metric metric, int dimension);

    /// Reads bytes written by serialize() (Faiss's own format, also readable by faiss.deserialize_index in
    /// Python). Truncated input or trailing bytes throw; Faiss does not checksum its format, so a bit flip
    /// in vector data goes unnoticed: callers that store snapshots should checksum them.
    static std::unique_ptr<ShimIndex> deserialize(const uint8_t* bytes, size_t length);

    ~ShimIndex();
    ShimIndex(const ShimIndex&) = delete;
    ShimIndex& operator=(const ShimIndex&) = delete;

    void train(const float* vectors, int64_t n);
    bool is_trained() const;
    void add_with_ids(const float* vectors, const idx_t* ids, int64_t n);
    /// Removes every vector carrying one of ids (an id added twice counts twice); returns how many went.
    int64_t remove_ids(const idx_t* ids, int64_t n);

    /// Writes nq*k scores and ids, best first. Missing neighbours have id -1. nprobe > 0 overrides the
    /// IVF's nprobe for this call only (so concurrent searches with different nprobe are safe); nprobe <= 0,
    /// or an index without IVF, uses the index's own setting.
    void search(const float* queries, int64_t nq, int k, int nprobe, float* scores, idx_t* ids) const;

    std::vector<uint8_t> serialize() const;

    int64_t ntotal() const;
    int dimension() const;
    Metric metric() const;
    /// Number of inverted lists, or 0 when the index has no IVF.
    int64_t nlist() const;
    /// Bytes of one vector in the inverted lists (4 x dimension for IVF..,Flat, 2 x for SQfp16), or 0 without IVF.
    int64_t code_size() const;

   private:
    explicit ShimIndex(std::unique_ptr<faiss::Index> index);

    std::unique_ptr<faiss::Index> index_;
    faiss::IndexIDMap* idmap_;  // index_ itself when it is an id map, else null; not owned separately
    faiss::IndexIVF* ivf_;      // the IVF inside index_, or null; not owned separately
};

}  // namespace movierecs
