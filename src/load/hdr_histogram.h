// src/load/hdr_histogram.h
//
// gori's HDR histogram: counts of integer values (gori load records microseconds) over a fixed
// range with a fixed number of significant digits, so every recorded value is kept within
// 10^-digits relative error and memory never grows with the number of samples. The layout is the
// one of HdrHistogram (buckets of 2^k sub-buckets, each bucket doubling the unit), which is what
// makes lossless merging and the HdrHistogram V2 encoding (hdr_codec.h) possible.
//
// Record() is O(1): one count-leading-zeros, two shifts, one add; it never allocates and never
// fails (values above the highest trackable value are clamped to it and counted as clamped).
// Thread-compatible: one histogram per writer; merge copies with Add().
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "base/result.h"

namespace gori::load {

class HdrHistogram {
 public:
  static constexpr int64_t kDefaultLowest = 1;               // 1 µs
  static constexpr int64_t kDefaultHighest = 3'600'000'000;  // 1 h in µs
  static constexpr int kDefaultDigits = 3;

  // lowest >= 1, highest >= 2 * lowest, 1 <= digits <= 5; else an error naming the bad bound.
  static Result<HdrHistogram> Create(int64_t lowest, int64_t highest, int significant_digits);

  // 1 µs .. 1 h, 3 significant digits.
  HdrHistogram();

  void Record(int64_t value) { RecordN(value, 1); }
  void RecordN(int64_t value, int64_t count) {
    if (value < 0) value = 0;
    if (value > highest_) {
      value = highest_;
      clamped_ += count;
    }
    counts_[CountsIndex(value)] += count;
    total_ += count;
    sum_ += static_cast<double>(value) * static_cast<double>(count);
    if (value < min_) min_ = value;
    if (value > max_) max_ = value;
  }

  int64_t TotalCount() const { return total_; }
  int64_t ClampedCount() const { return clamped_; }
  // Exact recorded extremes (0 when empty).
  int64_t Min() const { return total_ == 0 ? 0 : min_; }
  int64_t Max() const { return total_ == 0 ? 0 : max_; }
  double Mean() const { return total_ == 0 ? 0.0 : sum_ / static_cast<double>(total_); }

  // Nearest-rank percentile (0 < p <= 100): the value below or at which p % of the recorded
  // values lie, reported as the highest value equivalent to its bucket (never above Max()).
  // p <= 0 gives Min(). 0 when empty.
  int64_t ValueAtPercentile(double percentile) const;

  // Element-wise add. Fails when the layouts (lowest, highest, digits) differ.
  Status Add(const HdrHistogram& other);
  void Reset();
  bool SameLayout(const HdrHistogram& other) const {
    return lowest_ == other.lowest_ && highest_ == other.highest_ && digits_ == other.digits_;
  }

  // Values in the same bucket as `value` are indistinguishable; these give that bucket's range.
  int64_t LowestEquivalent(int64_t value) const;
  int64_t HighestEquivalent(int64_t value) const;

  int64_t lowest() const { return lowest_; }
  int64_t highest() const { return highest_; }
  int significant_digits() const { return digits_; }

  // Raw access for the codec: counts_[i] counts the values equivalent to ValueAtIndex(i).
  std::size_t CountsLength() const { return counts_.size(); }
  int64_t CountAtIndex(std::size_t i) const { return counts_[i]; }
  int64_t ValueAtIndex(std::size_t i) const;
  std::size_t IndexOf(int64_t value) const { return CountsIndex(value); }
  // Adds `count` at raw index `i` (decoding); keeps totals, min, max and mean consistent using
  // the bucket's range. Returns false when i is out of range or count is negative.
  bool AddAtIndex(std::size_t i, int64_t count);

 private:
  HdrHistogram(int64_t lowest, int64_t highest, int digits);

  std::size_t CountsIndex(int64_t value) const {
    const auto v = static_cast<uint64_t>(value);
    const int bucket = leading_zero_count_base_ - std::countl_zero(v | sub_bucket_mask_);
    const auto sub_bucket = static_cast<int64_t>(v >> (bucket + unit_magnitude_));
    return static_cast<std::size_t>(
        (static_cast<int64_t>(bucket + 1) << sub_bucket_half_count_magnitude_) +
        (sub_bucket - sub_bucket_half_count_));
  }

  int64_t lowest_;
  int64_t highest_;
  int digits_;
  int unit_magnitude_ = 0;
  int sub_bucket_half_count_magnitude_ = 0;
  int64_t sub_bucket_half_count_ = 0;
  int64_t sub_bucket_count_ = 0;
  uint64_t sub_bucket_mask_ = 0;
  int leading_zero_count_base_ = 0;
  int bucket_count_ = 0;

  std::vector<int64_t> counts_;
  int64_t total_ = 0;
  int64_t clamped_ = 0;
  double sum_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = 0;
};

}  // namespace gori::load
