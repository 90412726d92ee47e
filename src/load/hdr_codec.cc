#include "load/hdr_codec.h"

#include <zlib.h>

#include <array>
#include <bit>
#include <cstring>
#include <ctime>

#include <fmt/format.h>

#include "base/check.h"

namespace gori::load {
namespace {

// The 0x10 in the low byte marks 64-bit-wide ZigZag LEB128 counts.
constexpr uint32_t kV2Cookie = 0x1c849303u | 0x10u;
constexpr uint32_t kV2CompressedCookie = 0x1c849304u | 0x10u;
constexpr std::size_t kHeaderBytes = 40;

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
uint32_t GetU32(std::string_view b, std::size_t at) {
  uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}
uint64_t GetU64(std::string_view b, std::size_t at) {
  uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}

// ZigZag, then LEB128 with 7 bits in each of the first 8 bytes and all 8 bits in a 9th.
void PutZigZag(std::string& out, int64_t value) {
  uint64_t v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  for (int i = 0; i < 8; ++i) {
    if (v < 0x80) {
      out.push_back(static_cast<char>(v));
      return;
    }
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

bool GetZigZag(std::string_view b, std::size_t& pos, int64_t& value) {
  uint64_t v = 0;
  int shift = 0;
  for (int i = 0;; ++i) {
    if (pos >= b.size()) return false;
    const auto byte = static_cast<uint8_t>(b[pos++]);
    if (i == 8) {
      v |= static_cast<uint64_t>(byte) << 56;
      break;
    }
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    shift += 7;
    if ((byte & 0x80) == 0) break;
  }
  value = static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  return true;
}

Result<HdrHistogram> DecodePlain(std::string_view b) {
  if (b.size() < kHeaderBytes) return Fail("encoded histogram is shorter than its header");
  const uint32_t payload = GetU32(b, 4);
  const auto normalizing_offset = static_cast<int32_t>(GetU32(b, 8));
  const auto digits = static_cast<int32_t>(GetU32(b, 12));
  const auto lowest = static_cast<int64_t>(GetU64(b, 16));
  const auto highest = static_cast<int64_t>(GetU64(b, 24));
  if (normalizing_offset != 0) return Fail("encoded histogram uses a normalizing index offset");
  if (payload > b.size() - kHeaderBytes) return Fail("encoded histogram payload is truncated");
  auto h = HdrHistogram::Create(lowest, highest, digits);
  if (!h) return Fail("encoded histogram header: " + h.error().message);
  const std::string_view body = b.substr(kHeaderBytes, payload);
  std::size_t pos = 0;
  std::size_t index = 0;
  while (pos < body.size()) {
    int64_t v = 0;
    if (!GetZigZag(body, pos, v)) return Fail("encoded histogram has a truncated count");
    if (v < 0) {
      const uint64_t zeros = static_cast<uint64_t>(-(v + 1)) + 1;
      if (zeros > h->CountsLength() - index) return Fail("encoded histogram counts overflow");
      index += zeros;
      continue;
    }
    if (index >= h->CountsLength()) return Fail("encoded histogram counts overflow");
    h->AddAtIndex(index++, v);
  }
  return h;
}

}  // namespace

std::string EncodeV2(const HdrHistogram& h) {
  std::string payload;
  const std::size_t limit = h.TotalCount() == 0 ? 0 : h.IndexOf(h.Max()) + 1;
  for (std::size_t i = 0; i < limit;) {
    const int64_t count = h.CountAtIndex(i++);
    if (count == 0) {
      int64_t zeros = 1;
      while (i < limit && h.CountAtIndex(i) == 0) {
        ++zeros;
        ++i;
      }
      PutZigZag(payload, zeros > 1 ? -zeros : 0);
    } else {
      PutZigZag(payload, count);
    }
  }
  std::string out;
  out.reserve(kHeaderBytes + payload.size());
  PutU32(out, kV2Cookie);
  PutU32(out, static_cast<uint32_t>(payload.size()));
  PutU32(out, 0);
  PutU32(out, static_cast<uint32_t>(h.significant_digits()));
  PutU64(out, static_cast<uint64_t>(h.lowest()));
  PutU64(out, static_cast<uint64_t>(h.highest()));
  PutU64(out, std::bit_cast<uint64_t>(1.0));
  out += payload;
  return out;
}

std::string EncodeCompressedV2(const HdrHistogram& h) {
  const std::string plain = EncodeV2(h);
  uLongf size = compressBound(static_cast<uLong>(plain.size()));
  std::string deflated(size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                           reinterpret_cast<const Bytef*>(plain.data()),
                           static_cast<uLong>(plain.size()), Z_DEFAULT_COMPRESSION);
  GORI_CHECK(rc == Z_OK);
  deflated.resize(size);
  std::string out;
  PutU32(out, kV2CompressedCookie);
  PutU32(out, static_cast<uint32_t>(deflated.size()));
  out += deflated;
  return out;
}

Result<HdrHistogram> DecodeV2(std::string_view bytes) {
  if (bytes.size() < 8) return Fail("encoded histogram is too short");
  const uint32_t cookie = GetU32(bytes, 0);
  if (cookie == kV2Cookie) return DecodePlain(bytes);
  if (cookie != kV2CompressedCookie) {
    return Fail(fmt::format("not an HdrHistogram V2 encoding (cookie 0x{:08x})", cookie));
  }
  const uint32_t length = GetU32(bytes, 4);
  if (length > bytes.size() - 8) return Fail("compressed histogram is truncated");
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Fail("cannot start inflating histogram");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + 8));
  zs.avail_in = length;
  std::string plain;
  std::array<char, 16384> chunk;
  // A 1 h / 3-digit histogram encodes to at most ~212 KiB; anything far larger is hostile.
  constexpr std::size_t kMaxPlain = 8u << 20;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = chunk.size();
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Fail("compressed histogram does not inflate");
    }
    plain.append(chunk.data(), chunk.size() - zs.avail_out);
    if (plain.size() > kMaxPlain) {
      inflateEnd(&zs);
      return Fail("compressed histogram inflates beyond 8 MiB");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Fail("compressed histogram is truncated");
    }
  }
  inflateEnd(&zs);
  if (plain.size() < 4 || GetU32(plain, 0) != kV2Cookie) {
    return Fail("compressed histogram does not hold a V2 encoding");
  }
  return DecodePlain(plain);
}

namespace {
constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(kBase64Alphabet[(v >> 6) & 63]);
    out.push_back(kBase64Alphabet[v & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out.push_back(kBase64Alphabet[(v >> 18) & 63]);
    out.push_back(kBase64Alphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kBase64Alphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return Fail("base64 text length is not a multiple of 4");
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    int pad = 0;
    if (last && text[i + 3] == '=') pad = text[i + 2] == '=' ? 2 : 1;
    uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int s = k >= 4 - static_cast<std::size_t>(pad) ? 0 : sextet(text[i + k]);
      if (s < 0) return Fail(fmt::format("invalid base64 character at offset {}", i + k));
      v = (v << 6) | static_cast<uint32_t>(s);
    }
    out.push_back(static_cast<char>(v >> 16));
    if (pad < 2) out.push_back(static_cast<char>(v >> 8));
    if (pad < 1) out.push_back(static_cast<char>(v));
  }
  return out;
}

std::string EncodeBase64Histogram(const HdrHistogram& h) {
  return Base64Encode(EncodeCompressedV2(h));
}

Result<HdrHistogram> DecodeBase64Histogram(std::string_view text) {
  auto bytes = Base64Decode(text);
  if (!bytes) return tl::unexpected(bytes.error());
  return DecodeV2(*bytes);
}

HlogWriter::HlogWriter(double start_epoch_s) {
  const auto secs = static_cast<std::time_t>(start_epoch_s);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a %b %d %H:%M:%S UTC %Y", &tm);
  text_ = "#[Histogram log format version 1.3]\n";
  text_ += fmt::format("#[StartTime: {:.3f} (seconds since epoch), {}]\n", start_epoch_s, date);
  text_ += fmt::format("#[BaseTime: {:.3f} (seconds since epoch)]\n", start_epoch_s);
  text_ += "#[gori load: values in microseconds, Interval_Max in milliseconds]\n";
  text_ +=
      "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
}

void HlogWriter::AddInterval(std::string_view tag, double start_offset_s, double length_s,
                             const HdrHistogram& h) {
  if (!tag.empty()) text_ += fmt::format("Tag={},", tag);
  text_ += fmt::format("{:.3f},{:.3f},{:.3f},{}\n", start_offset_s, length_s,
                       static_cast<double>(h.Max()) / 1000.0, EncodeBase64Histogram(h));
}

}  // namespace gori::load
