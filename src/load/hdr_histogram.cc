#include "load/hdr_histogram.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace gori::load {

Result<HdrHistogram> HdrHistogram::Create(int64_t lowest, int64_t highest, int significant_digits) {
  if (lowest < 1) return Fail("histogram lowest value must be at least 1");
  if (highest < 2 * lowest) {
    return Fail("histogram highest value must be at least twice the lowest value");
  }
  if (significant_digits < 1 || significant_digits > 5) {
    return Fail("histogram significant digits must be between 1 and 5");
  }
  return HdrHistogram(lowest, highest, significant_digits);
}

HdrHistogram::HdrHistogram() : HdrHistogram(kDefaultLowest, kDefaultHighest, kDefaultDigits) {}

HdrHistogram::HdrHistogram(int64_t lowest, int64_t highest, int digits)
    : lowest_(lowest), highest_(highest), digits_(digits) {
  int64_t single_unit_resolution = 2;
  for (int i = 0; i < digits; ++i) single_unit_resolution *= 10;
  // Sub-buckets: the smallest power of two that holds 2 * 10^digits distinct values.
  const int sub_bucket_count_magnitude = std::max(
      1, static_cast<int>(std::ceil(std::log2(static_cast<double>(single_unit_resolution)))));
  sub_bucket_half_count_magnitude_ = sub_bucket_count_magnitude - 1;
  unit_magnitude_ = 63 - std::countl_zero(static_cast<uint64_t>(lowest));
  sub_bucket_count_ = int64_t{1} << sub_bucket_count_magnitude;
  sub_bucket_half_count_ = sub_bucket_count_ / 2;
  sub_bucket_mask_ = static_cast<uint64_t>(sub_bucket_count_ - 1) << unit_magnitude_;
  leading_zero_count_base_ = 64 - unit_magnitude_ - sub_bucket_count_magnitude;

  int64_t smallest_untrackable = sub_bucket_count_ << unit_magnitude_;
  int buckets = 1;
  while (smallest_untrackable <= highest) {
    if (smallest_untrackable > INT64_MAX / 2) {
      ++buckets;
      break;
    }
    smallest_untrackable <<= 1;
    ++buckets;
  }
  bucket_count_ = buckets;
  counts_.assign(static_cast<std::size_t>((bucket_count_ + 1) * sub_bucket_half_count_), 0);
}

int64_t HdrHistogram::ValueAtIndex(std::size_t i) const {
  int64_t bucket = (static_cast<int64_t>(i) >> sub_bucket_half_count_magnitude_) - 1;
  int64_t sub_bucket =
      (static_cast<int64_t>(i) & (sub_bucket_half_count_ - 1)) + sub_bucket_half_count_;
  if (bucket < 0) {
    sub_bucket -= sub_bucket_half_count_;
    bucket = 0;
  }
  return sub_bucket << (bucket + unit_magnitude_);
}

int64_t HdrHistogram::LowestEquivalent(int64_t value) const {
  return ValueAtIndex(CountsIndex(std::clamp<int64_t>(value, 0, highest_)));
}

int64_t HdrHistogram::HighestEquivalent(int64_t value) const {
  const std::size_t i = CountsIndex(std::clamp<int64_t>(value, 0, highest_));
  const int64_t low = ValueAtIndex(i);
  // The bucket's width is the unit of its half: 2^(bucket + unit_magnitude).
  const auto v = static_cast<uint64_t>(low);
  const int bucket = leading_zero_count_base_ - std::countl_zero(v | sub_bucket_mask_);
  return low + (int64_t{1} << (bucket + unit_magnitude_)) - 1;
}

int64_t HdrHistogram::ValueAtPercentile(double percentile) const {
  if (total_ == 0) return 0;
  if (percentile <= 0) return min_;
  if (percentile >= 100) return max_;
  // Nearest rank; the epsilon keeps 99.9 % of 1000 at rank 999 despite binary rounding.
  auto rank =
      static_cast<int64_t>(std::ceil(percentile / 100.0 * static_cast<double>(total_) - 1e-9));
  rank = std::clamp<int64_t>(rank, 1, total_);
  int64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(HighestEquivalent(ValueAtIndex(i)), max_);
  }
  return max_;
}

Status HdrHistogram::Add(const HdrHistogram& other) {
  if (!SameLayout(other)) return Fail("cannot merge histograms with different layouts");
  if (other.total_ == 0) return {};
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
  clamped_ += other.clamped_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  return {};
}

void HdrHistogram::Reset() {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = 0;
  clamped_ = 0;
  sum_ = 0;
  min_ = INT64_MAX;
  max_ = 0;
}

bool HdrHistogram::AddAtIndex(std::size_t i, int64_t count) {
  if (i >= counts_.size() || count < 0) return false;
  if (count == 0) return true;
  const int64_t low = ValueAtIndex(i);
  const int64_t high = HighestEquivalent(low);
  counts_[i] += count;
  total_ += count;
  sum_ += (static_cast<double>(low) + static_cast<double>(high - low) / 2.0) *
          static_cast<double>(count);
  min_ = std::min(min_, low);
  max_ = std::max(max_, std::min(high, highest_));
  return true;
}

}  // namespace gori::load
