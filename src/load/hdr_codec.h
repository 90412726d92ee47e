// src/load/hdr_codec.h
//
// HdrHistogram's portable formats, so gori's histograms open in existing HdrHistogram tooling
// and distributed runs can ship histograms instead of percentiles:
//   - V2 encoding: a 40-byte big-endian header (cookie, payload length, normalizing offset,
//     significant digits, lowest, highest, conversion ratio) followed by the counts as ZigZag
//     LEB128 varints (at most 9 bytes each) where a run of N > 1 zero counts is written as -N;
//   - the compressed form: cookie, length, then the V2 bytes DEFLATE-compressed (zlib stream);
//   - Base64 of the compressed form, as it appears in `.hlog` interval logs (HlogWriter).
// Decoding checks every length and bound and fails with a message on malformed input.
// Pure functions; HlogWriter is thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "load/hdr_histogram.h"

namespace gori::load {

std::string EncodeV2(const HdrHistogram& h);
std::string EncodeCompressedV2(const HdrHistogram& h);
// Accepts both the plain and the compressed V2 forms.
Result<HdrHistogram> DecodeV2(std::string_view bytes);

std::string Base64Encode(std::string_view bytes);
Result<std::string> Base64Decode(std::string_view text);

// Base64 of the compressed V2 form: what `.hlog` lines and gori's JSON carry.
std::string EncodeBase64Histogram(const HdrHistogram& h);
Result<HdrHistogram> DecodeBase64Histogram(std::string_view text);

// Writes the HdrHistogram interval log format (version 1.3): a header, then one line per
// interval: "[Tag=NAME,]start_s,length_s,max,base64". Values are microseconds; Interval_Max is
// written in milliseconds (max_value_unit_ratio 1000), as HdrHistogram tools expect a ratio.
class HlogWriter {
 public:
  // `start_epoch_s`: wall-clock start of the run (seconds since the epoch).
  explicit HlogWriter(double start_epoch_s);
  void AddInterval(std::string_view tag, double start_offset_s, double length_s,
                   const HdrHistogram& h);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace gori::load
