// Edge tests for the JNI-free core: bad input must throw (never crash), and ids must survive every path.
#include "movierecs/shim_index.h"
#include "movierecs/thread_config.h"

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <faiss/IndexFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/io.h>
#include <faiss/index_io.h>
#include <gtest/gtest.h>

using movierecs::idx_t;
using movierecs::Metric;
using movierecs::ShimIndex;

namespace {

constexpr int kDim = 8;

std::vector<float> random_vectors(int64_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    std::vector<float> values(static_cast<size_t>(n) * kDim);
    for (auto& v : values) {
        v = normal(rng);
    }
    return values;
}

std::vector<idx_t> ids_from(idx_t first, int64_t n) {
    std::vector<idx_t> ids(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; i++) {
        ids[static_cast<size_t>(i)] = first + i;
    }
    return ids;
}

/// The message of the exception body() throws, or "" when it throws nothing.
template <typename Body>
std::string error_of(Body body) {
    try {
        body();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

struct Hits {
    std::vector<float> scores;
    std::vector<idx_t> ids;
};

Hits search(const ShimIndex& index, const std::vector<float>& queries, int k, int nprobe) {
    int64_t nq = static_cast<int64_t>(queries.size()) / kDim;
    Hits hits{std::vector<float>(static_cast<size_t>(nq * k)), std::vector<idx_t>(static_cast<size_t>(nq * k))};
    index.search(queries.data(), nq, k, nprobe, hits.scores.data(), hits.ids.data());
    return hits;
}

std::unique_ptr<ShimIndex> trained_ivf(const char* factory, const std::vector<float>& data) {
    auto index = ShimIndex::create(factory, Metric::L2, kDim);
    index->train(data.data(), static_cast<int64_t>(data.size()) / kDim);
    return index;
}

}  // namespace

TEST(Create, RejectsBadArguments) {
    EXPECT_THROW(ShimIndex::create("Flat", Metric::L2, 0), std::invalid_argument);
    EXPECT_THROW(ShimIndex::create("Flat", Metric::L2, -3), std::invalid_argument);
    EXPECT_THROW(ShimIndex::create("", Metric::L2, kDim), std::invalid_argument);
    EXPECT_THROW(ShimIndex::create("Flat", static_cast<Metric>(7), kDim), std::invalid_argument);
}

TEST(Create, BadFactoryStringCarriesFaissMessage) {
    std::string message = error_of([] { ShimIndex::create("IVF16,Bogus", Metric::L2, kDim); });
    EXPECT_NE(message.find("could not parse"), std::string::npos) << message;
    EXPECT_THROW(ShimIndex::create("IVF16,Bogus", Metric::L2, kDim), faiss::FaissException);
}

TEST(Create, ReportsShape) {
    auto ivf = ShimIndex::create("IVF4,Flat", Metric::InnerProduct, kDim);
    EXPECT_EQ(ivf->dimension(), kDim);
    EXPECT_EQ(ivf->metric(), Metric::InnerProduct);
    EXPECT_EQ(ivf->nlist(), 4);
    EXPECT_FALSE(ivf->is_trained());
    auto flat = ShimIndex::create("Flat", Metric::L2, kDim);
    EXPECT_EQ(flat->nlist(), 0);
    EXPECT_TRUE(flat->is_trained());
    EXPECT_EQ(ivf->code_size(), 4 * kDim);
    EXPECT_EQ(ShimIndex::create("IVF4,SQfp16", Metric::InnerProduct, kDim)->code_size(), 2 * kDim);
    EXPECT_EQ(flat->code_size(), 0);
}

TEST(Ids, PlainFlatTakesIdsThroughIdMap) {
    for (const char* factory : {"Flat", "IDMap,Flat"}) {
        auto index = ShimIndex::create(factory, Metric::L2, kDim);
        auto data = random_vectors(50, 1);
        auto ids = ids_from(1000, 50);
        index->add_with_ids(data.data(), ids.data(), 50);
        Hits hits = search(*index, std::vector<float>(data.begin(), data.begin() + kDim), 1, 0);
        EXPECT_EQ(hits.ids[0], 1000) << factory;
        EXPECT_EQ(index->remove_ids(ids.data(), 10), 10) << factory;
        EXPECT_EQ(index->ntotal(), 40) << factory;
        hits = search(*index, std::vector<float>(data.begin(), data.begin() + kDim), 1, 0);
        EXPECT_NE(hits.ids[0], 1000) << factory;
    }
}

TEST(Ids, AddingAnExistingIdKeepsBothCopies) {
    auto index = ShimIndex::create("Flat", Metric::L2, kDim);
    auto data = random_vectors(2, 2);
    idx_t ids[] = {7, 7};
    index->add_with_ids(data.data(), ids, 2);
    EXPECT_EQ(index->ntotal(), 2);
    EXPECT_EQ(index->remove_ids(ids, 1), 2);
    EXPECT_EQ(index->ntotal(), 0);
}

TEST(Ivf, AddBeforeTrainCarriesFaissMessage) {
    auto index = ShimIndex::create("IVF4,Flat", Metric::L2, kDim);
    auto data = random_vectors(10, 3);
    auto ids = ids_from(0, 10);
    std::string message = error_of([&] { index->add_with_ids(data.data(), ids.data(), 10); });
    EXPECT_NE(message.find("is_trained"), std::string::npos) << message;
}

TEST(Ivf, TooFewTrainingPointsThrows) {
    auto index = ShimIndex::create("IVF16,Flat", Metric::L2, kDim);
    auto data = random_vectors(5, 4);
    EXPECT_THROW(index->train(data.data(), 5), faiss::FaissException);
    EXPECT_FALSE(index->is_trained());
}

TEST(Ivf, FullNprobeIsExactAndPerCall) {
    auto data = random_vectors(2000, 5);
    auto ids = ids_from(5000, 2000);
    auto queries = random_vectors(20, 6);
    auto flat = ShimIndex::create("Flat", Metric::L2, kDim);
    flat->add_with_ids(data.data(), ids.data(), 2000);
    Hits exact = search(*flat, queries, 10, 0);
    for (const char* factory : {"IVF16,Flat", "IDMap,IVF16,Flat"}) {
        auto ivf = trained_ivf(factory, data);
        ivf->add_with_ids(data.data(), ids.data(), 2000);
        EXPECT_EQ(search(*ivf, queries, 10, 16).ids, exact.ids) << factory;
        EXPECT_EQ(search(*ivf, queries, 10, 1000).ids, exact.ids) << factory << " (nprobe capped at nlist)";
        int differing = 0;
        Hits narrow = search(*ivf, queries, 10, 1);
        for (size_t i = 0; i < exact.ids.size(); i++) {
            differing += narrow.ids[i] != exact.ids[i];
        }
        EXPECT_GT(differing, 0) << factory << ": nprobe 1 should miss some neighbours";
    }
}

TEST(Ivf, RemoveIdsCountsWhatWent) {
    auto data = random_vectors(500, 7);
    auto ids = ids_from(0, 500);
    auto index = trained_ivf("IVF8,Flat", data);
    index->add_with_ids(data.data(), ids.data(), 500);
    idx_t gone[] = {1, 2, 3, 99999};
    EXPECT_EQ(index->remove_ids(gone, 4), 3);
    EXPECT_EQ(index->ntotal(), 497);
    EXPECT_EQ(index->remove_ids(nullptr, 0), 0);
}

TEST(Search, MissingNeighboursAreMinusOne) {
    auto index = ShimIndex::create("Flat", Metric::InnerProduct, kDim);
    auto data = random_vectors(3, 8);
    auto ids = ids_from(10, 3);
    index->add_with_ids(data.data(), ids.data(), 3);
    Hits hits = search(*index, std::vector<float>(data.begin(), data.begin() + kDim), 5, 0);
    EXPECT_NE(hits.ids[2], -1);
    EXPECT_EQ(hits.ids[3], -1);
    EXPECT_EQ(hits.ids[4], -1);
}

TEST(Search, RejectsBadArguments) {
    auto index = ShimIndex::create("Flat", Metric::L2, kDim);
    float query[kDim] = {};
    float scores[1];
    idx_t ids[1];
    EXPECT_THROW(index->search(query, 1, 0, 0, scores, ids), std::invalid_argument);
    EXPECT_THROW(index->search(nullptr, 1, 1, 0, scores, ids), std::invalid_argument);
    EXPECT_THROW(index->search(query, -1, 1, 0, scores, ids), std::invalid_argument);
    EXPECT_THROW(index->add_with_ids(nullptr, ids, 1), std::invalid_argument);
    EXPECT_THROW(index->add_with_ids(query, nullptr, 1), std::invalid_argument);
    EXPECT_THROW(index->train(nullptr, 1), std::invalid_argument);
    EXPECT_THROW(index->remove_ids(nullptr, 1), std::invalid_argument);
}

TEST(Unsupported, RemoveOnHnswCarriesFaissMessage) {
    auto index = ShimIndex::create("HNSW16", Metric::L2, kDim);
    auto data = random_vectors(20, 9);
    auto ids = ids_from(0, 20);
    index->add_with_ids(data.data(), ids.data(), 20);
    std::string message = error_of([&] { index->remove_ids(ids.data(), 1); });
    EXPECT_NE(message.find("not implemented"), std::string::npos) << message;
}

TEST(Serialize, RoundTripGivesIdenticalResults) {
    auto data = random_vectors(300, 10);
    auto ids = ids_from(100, 300);
    auto queries = random_vectors(5, 11);
    for (const char* factory : {"IVF4,Flat", "Flat"}) {
        auto index = trained_ivf(factory, data);
        index->add_with_ids(data.data(), ids.data(), 300);
        std::vector<uint8_t> bytes = index->serialize();
        auto copy = ShimIndex::deserialize(bytes.data(), bytes.size());
        EXPECT_EQ(copy->ntotal(), 300);
        EXPECT_EQ(copy->nlist(), index->nlist());
        Hits before = search(*index, queries, 7, 2);
        Hits after = search(*copy, queries, 7, 2);
        EXPECT_EQ(before.ids, after.ids) << factory;
        EXPECT_EQ(before.scores, after.scores) << factory;
    }
}

TEST(Serialize, EveryTruncationThrows) {
    auto data = random_vectors(40, 12);
    auto ids = ids_from(0, 40);
    auto index = trained_ivf("IVF4,Flat", data);
    index->add_with_ids(data.data(), ids.data(), 40);
    std::vector<uint8_t> bytes = index->serialize();
    for (size_t length = 1; length < bytes.size(); length++) {
        EXPECT_THROW(ShimIndex::deserialize(bytes.data(), length), std::exception) << "length " << length;
    }
}

TEST(Serialize, RejectsTrailingBytesGarbageAndEmpty) {
    auto index = ShimIndex::create("Flat", Metric::L2, kDim);
    std::vector<uint8_t> bytes = index->serialize();
    bytes.push_back(0);
    std::string message = error_of([&] { ShimIndex::deserialize(bytes.data(), bytes.size()); });
    EXPECT_NE(message.find("trailing"), std::string::npos) << message;
    std::vector<uint8_t> garbage = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'n', 'd', 'e', 'x'};
    EXPECT_THROW(ShimIndex::deserialize(garbage.data(), garbage.size()), faiss::FaissException);
    EXPECT_THROW(ShimIndex::deserialize(nullptr, 0), std::invalid_argument);
}

TEST(Serialize, RejectsIndexWithUnsupportedMetric) {
    faiss::IndexFlat l1(kDim, faiss::METRIC_L1);
    faiss::VectorIOWriter writer;
    faiss::write_index(&l1, &writer);
    std::string message = error_of([&] { ShimIndex::deserialize(writer.data.data(), writer.data.size()); });
    EXPECT_NE(message.find("only INNER_PRODUCT and L2"), std::string::npos) << message;
}

TEST(Threads, OneOpenMpThreadPerCallingThreadByDefault) {
    unsetenv("OMP_NUM_THREADS");
    movierecs::configure_threads_at_load();
    EXPECT_EQ(movierecs::omp_max_threads(), 1);
    int seen = 0;
    std::thread other([&] { seen = movierecs::omp_max_threads(); });
    other.join();
    EXPECT_EQ(seen, 1);
}
