#include "movierecs/shim_index.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include <faiss/IVFlib.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>

namespace movierecs {
namespace {

void require(bool condition, const char* message) {
    if (!condition) {
        throw std::invalid_argument(message);
    }
}

void require_data(const void* data, int64_t n, const char* what) {
    require(n >= 0, "count must not be negative");
    if (n > 0 && data == nullptr) {
        throw std::invalid_argument(std::string(what) + " must not be null");
    }
}

/// An IOReader over caller-owned bytes (Faiss's VectorIOReader would need a copy first).
struct SpanReader : faiss::IOReader {
    SpanReader(const uint8_t* bytes, size_t length) : bytes_(bytes), length_(length) {}

    size_t operator()(void* ptr, size_t size, size_t nitems) override {
        if (size == 0 || nitems == 0) {
            return 0;
        }
        size_t available = (length_ - position_) / size;
        size_t count = std::min(nitems, available);
        std::memcpy(ptr, bytes_ + position_, count * size);
        position_ += count * size;
        return count;
    }

    size_t remaining() const {
        return length_ - position_;
    }

   private:
    const uint8_t* bytes_;
    size_t length_;
    size_t position_ = 0;
};

/// True when the index takes external ids itself: an id map, or anything with an IVF inside (IVF keeps the
/// ids in its inverted lists; IndexPreTransform forwards add_with_ids and remove_ids to it).
bool takes_ids(faiss::Index* index) {
    return dynamic_cast<faiss::IndexIDMap*>(index) != nullptr || faiss::ivflib::try_extract_index_ivf(index) != nullptr;
}

std::unique_ptr<faiss::Index> with_id_support(std::unique_ptr<faiss::Index> index) {
    if (takes_ids(index.get()) || index->ntotal > 0) {
        return index;  // an index that already holds vectors keeps its own (positional) ids
    }
    auto idmap = std::make_unique<faiss::IndexIDMap>(index.get());
    index.release();  // now owned by idmap
    idmap->own_fields = true;
    return idmap;
}

}  // namespace

ShimIndex::ShimIndex(std::unique_ptr<faiss::Index> index)
        : index_(std::move(index)),
          idmap_(dynamic_cast<faiss::IndexIDMap*>(index_.get())),
          ivf_(faiss::ivflib::try_extract_index_ivf(index_.get())) {
    if (index_->metric_type != faiss::METRIC_INNER_PRODUCT && index_->metric_type != faiss::METRIC_L2) {
        throw std::runtime_error("index uses Faiss metric type " + std::to_string(index_->metric_type) +
                                 "; only INNER_PRODUCT and L2 are supported");
    }
}

ShimIndex::~ShimIndex() = default;

std::unique_ptr<ShimIndex> ShimIndex::create(const std::string& factory, Metric metric, int dimension) {
    require(dimension > 0, "dimension must be positive");
    require(!factory.empty(), "factory string must not be empty");
    require(metric == Metric::InnerProduct || metric == Metric::L2, "unknown metric");
    auto faiss_metric = metric == Metric::L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
    std::unique_ptr<faiss::Index> index(faiss::index_factory(dimension, factory.c_str(), faiss_metric));
    return std::unique_ptr<ShimIndex>(new ShimIndex(with_id_support(std::move(index))));
}

std::unique_ptr<ShimIndex> ShimIndex::deserialize(const uint8_t* bytes, size_t length) {
    require(bytes != nullptr && length > 0, "serialized index must not be empty");
    SpanReader reader(bytes, length);
    std::unique_ptr<faiss::Index> index(faiss::read_index(&reader));
    if (reader.remaining() != 0) {
        throw std::runtime_error("serialized index has " + std::to_string(reader.remaining()) +
                                 " trailing bytes after the index: not bytes written by serialize()");
    }
    return std::unique_ptr<ShimIndex>(new ShimIndex(with_id_support(std::move(index))));
}

void ShimIndex::train(const float* vectors, int64_t n) {
    require_data(vectors, n, "vectors");
    index_->train(n, vectors);
}

bool ShimIndex::is_trained() const {
    return index_->is_trained;
}

void ShimIndex::add_with_ids(const float* vectors, const idx_t* ids, int64_t n) {
    require_data(vectors, n, "vectors");
    require_data(ids, n, "ids");
    index_->add_with_ids(n, vectors, ids);
}

int64_t ShimIndex::remove_ids(const idx_t* ids, int64_t n) {
    require_data(ids, n, "ids");
    if (n == 0) {
        return 0;
    }
    faiss::IDSelectorBatch selector(n, ids);
    return static_cast<int64_t>(index_->remove_ids(selector));
}

void ShimIndex::search(const float* queries, int64_t nq, int k, int nprobe, float* scores, idx_t* ids) const {
    require_data(queries, nq, "queries");
    require(k > 0, "k must be positive");
    require_data(scores, nq, "scores");
    require_data(ids, nq, "ids");
    if (nq == 0) {
        return;
    }
    if (nprobe <= 0 || ivf_ == nullptr) {
        index_->search(nq, queries, k, scores, ids);
        return;
    }
    faiss::SearchParametersIVF params;
    params.nprobe = static_cast<size_t>(nprobe);
    if (idmap_ == nullptr) {
        index_->search(nq, queries, k, scores, ids, &params);
        return;
    }
    // Faiss 1.7.3's IndexIDMap::search rejects search parameters, so do its work here: search the wrapped
    // index with them and translate positions into ids.
    idmap_->index->search(nq, queries, k, scores, ids, &params);
    const auto& id_map = idmap_->id_map;
    for (int64_t i = 0; i < nq * k; i++) {
        ids[i] = ids[i] < 0 ? ids[i] : id_map[static_cast<size_t>(ids[i])];
    }
}

std::vector<uint8_t> ShimIndex::serialize() const {
    faiss::VectorIOWriter writer;
    faiss::write_index(index_.get(), &writer);
    return std::move(writer.data);
}

int64_t ShimIndex::ntotal() const {
    return index_->ntotal;
}

int ShimIndex::dimension() const {
    return index_->d;
}

Metric ShimIndex::metric() const {
    return index_->metric_type == faiss::METRIC_L2 ? Metric::L2 : Metric::InnerProduct;
}

int64_t ShimIndex::nlist() const {
    return ivf_ == nullptr ? 0 : static_cast<int64_t>(ivf_->nlist);
}

int64_t ShimIndex::code_size() const {
    return ivf_ == nullptr ? 0 : static_cast<int64_t>(ivf_->code_size);
}

}  // namespace movierecs
