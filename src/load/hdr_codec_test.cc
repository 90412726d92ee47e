#include "load/hdr_codec.h"

#include <random>

#include <gtest/gtest.h>

namespace gori::load {
namespace {

void ExpectSameCounts(const HdrHistogram& a, const HdrHistogram& b) {
  ASSERT_TRUE(a.SameLayout(b));
  for (std::size_t i = 0; i < a.CountsLength(); ++i) {
    ASSERT_EQ(a.CountAtIndex(i), b.CountAtIndex(i)) << "index " << i;
  }
  EXPECT_EQ(a.TotalCount(), b.TotalCount());
}

TEST(HdrCodec, EncodesTheV2HeaderBigEndian) {
  HdrHistogram h;
  h.Record(1);
  h.Record(1);
  h.Record(3);
  const std::string b = EncodeV2(h);
  ASSERT_GE(b.size(), 40u);
  EXPECT_EQ(std::string(b.substr(0, 4)), std::string("\x1c\x84\x93\x13", 4));
  // Counts up to index 3: 0, 2, 0, 1 -> zigzag 0, 4, 0, 2 (single zeros are not runs).
  EXPECT_EQ(std::string(b.substr(4, 4)), std::string("\0\0\0\x04", 4));
  EXPECT_EQ(std::string(b.substr(12, 4)), std::string("\0\0\0\x03", 4));
  EXPECT_EQ(std::string(b.substr(40)), std::string("\x00\x04\x00\x02", 4));
  // Conversion ratio 1.0 as an IEEE double.
  EXPECT_EQ(std::string(b.substr(32, 8)), std::string("\x3f\xf0\0\0\0\0\0\0", 8));
}

TEST(HdrCodec, ZeroRunsAreNegativeAndLargeCountsUseManyBytes) {
  HdrHistogram h;
  h.RecordN(100, 300);
  const std::string b = EncodeV2(h);
  // 100 zeros -> -100 -> zigzag 199 -> LEB128 c7 01; 300 -> 600 -> d8 04.
  EXPECT_EQ(std::string(b.substr(40)), std::string("\xc7\x01\xd8\x04", 4));
}

TEST(HdrCodec, RoundTripsPlainCompressedAndBase64) {
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> dist(9.0, 2.5);
  HdrHistogram h;
  for (int i = 0; i < 50'000; ++i) h.Record(static_cast<int64_t>(dist(rng)));
  h.RecordN(12345, int64_t{1} << 40);  // a count that needs the 9-byte varint form

  auto plain = DecodeV2(EncodeV2(h));
  ASSERT_TRUE(plain.has_value()) << plain.error().message;
  ExpectSameCounts(h, *plain);

  auto compressed = DecodeV2(EncodeCompressedV2(h));
  ASSERT_TRUE(compressed.has_value()) << compressed.error().message;
  ExpectSameCounts(h, *compressed);

  const std::string text = EncodeBase64Histogram(h);
  EXPECT_EQ(text.substr(0, 5), "HISTF");  // every compressed V2 histogram starts so
  auto decoded = DecodeBase64Histogram(text);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  ExpectSameCounts(h, *decoded);
  EXPECT_EQ(decoded->ValueAtPercentile(99), h.ValueAtPercentile(99));
}

TEST(HdrCodec, RoundTripsEmptyAndNonDefaultLayouts) {
  HdrHistogram empty;
  auto e = DecodeV2(EncodeCompressedV2(empty));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->TotalCount(), 0);

  auto custom = HdrHistogram::Create(1000, 60'000'000, 2);
  ASSERT_TRUE(custom.has_value());
  custom->Record(5'000);
  custom->Record(59'000'000);
  auto c = DecodeV2(EncodeCompressedV2(*custom));
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->lowest(), 1000);
  EXPECT_EQ(c->significant_digits(), 2);
  ExpectSameCounts(*custom, *c);
}

TEST(HdrCodec, RejectsMalformedInput) {
  EXPECT_EQ(DecodeV2("abc").error().message, "encoded histogram is too short");
  EXPECT_EQ(DecodeV2(std::string("\x01\x02\x03\x04\0\0\0\0", 8)).error().message,
            "not an HdrHistogram V2 encoding (cookie 0x01020304)");
  HdrHistogram h;
  h.Record(5);
  std::string b = EncodeV2(h);
  EXPECT_EQ(DecodeV2(b.substr(0, 20)).error().message,
            "encoded histogram is shorter than its header");
  EXPECT_EQ(DecodeV2(b.substr(0, b.size() - 1)).error().message,
            "encoded histogram payload is truncated");
  std::string overflow = b.substr(0, 40);
  overflow[7] = 3;
  overflow += std::string("\xbf\x9a\x0c", 3);  // a run of 100000 zeros: more than the counts
  EXPECT_EQ(DecodeV2(overflow).error().message, "encoded histogram counts overflow");
  std::string c = EncodeCompressedV2(h);
  c[10] ^= 0x55;
  EXPECT_FALSE(DecodeV2(c).has_value());
  EXPECT_EQ(Base64Decode("abc").error().message, "base64 text length is not a multiple of 4");
  EXPECT_EQ(Base64Decode("ab!d").error().message, "invalid base64 character at offset 2");
}

TEST(HdrCodec, Base64MatchesKnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*Base64Decode("Zm9vYg=="), "foob");
  EXPECT_EQ(*Base64Decode("Zm9vYmE="), "fooba");
}

TEST(HdrCodec, HlogHasHeaderAndOneLinePerInterval) {
  HlogWriter w(1700000000.0);
  HdrHistogram h;
  h.Record(1500);
  w.AddInterval("", 0.0, 1.0, h);
  w.AddInterval("step.pay", 1.0, 1.0, h);
  const std::string& t = w.text();
  EXPECT_EQ(t.rfind("#[Histogram log format version 1.3]\n", 0), 0u);
  EXPECT_NE(t.find("#[StartTime: 1700000000.000 (seconds since epoch), Tue Nov 14 22:13:20 UTC "
                   "2023]\n"),
            std::string::npos);
  EXPECT_NE(t.find("#[BaseTime: 1700000000.000 (seconds since epoch)]\n"), std::string::npos);
  const std::string line = "0.000,1.000,1.500," + EncodeBase64Histogram(h) + "\n";
  EXPECT_NE(t.find("\n" + line), std::string::npos);
  EXPECT_NE(t.find("\nTag=step.pay,1.000,1.000,1.500,"), std::string::npos);
}

}  // namespace
}  // namespace gori::load
