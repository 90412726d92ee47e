#include "http/parser.h"

#include <array>
#include <cstring>

namespace gori::http {
namespace {

constexpr std::array<bool, 256> MakeTokenTable() {
  std::array<bool, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kToken = MakeTokenTable();

// field-vchar, SP and HTAB (RFC 9110 5.5): everything but controls and DEL.
constexpr std::array<bool, 256> MakeFieldValueTable() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c <= 0xFF; ++c) t[c] = c != 0x7F;
  t['\t'] = true;
  return t;
}
constexpr std::array<bool, 256> kFieldValue = MakeFieldValueTable();

bool IsToken(char c) { return kToken[static_cast<unsigned char>(c)]; }
bool IsOws(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && IsOws(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsOws(s.back())) s.remove_suffix(1);
  return s;
}

// Calls `fn(element)` for each comma-separated element with surrounding OWS trimmed (empty
// elements included: callers decide whether they are allowed).
template <typename Fn>
bool ForEachListElement(std::string_view value, Fn&& fn) {
  while (true) {
    std::size_t comma = value.find(',');
    if (!fn(TrimOws(value.substr(0, comma)))) return false;
    if (comma == std::string_view::npos) return true;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

bool IsJsonContentType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return media.empty() || EqualsIgnoreCase(media, "application/json");
}

std::string_view FindHeader(std::span<const Header> headers, std::string_view name) {
  for (const Header& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

std::string_view Request::Path() const { return target.substr(0, target.find('?')); }

namespace internal {

MessageParser::MessageParser(bool is_request, const Limits& limits)
    : is_request_(is_request), limits_(limits) {}

void MessageParser::Reset(bool response_to_head) {
  state_ = State::kStartLine;
  body_kind_ = BodyKind::kNone;
  response_to_head_ = response_to_head;
  error_ = {};
  pos_ = body_start_ = body_end_ = remaining_ = trailer_bytes_ = consumed_ = 0;
  a_off_ = a_len_ = b_off_ = b_len_ = c_off_ = c_len_ = 0;
  minor_version_ = 1;
  status_ = 0;
  has_content_length_ = false;
  content_length_ = 0;
  has_transfer_encoding_ = false;
  chunked_last_ = false;
  chunked_count_ = 0;
  unknown_coding_ = false;
  host_count_ = 0;
  connection_close_ = false;
  connection_keep_alive_ = false;
  expect_continue_ = false;
  fields_.clear();
  headers_.clear();
  request_ = {};
  response_ = {};
}

ParseStatus MessageParser::Fail(int status, const char* message, std::size_t offset) {
  state_ = State::kError;
  error_ = ParseError{status, message, offset};
  return ParseStatus::kError;
}

ParseStatus MessageParser::Parse(std::span<char> buffer) {
  char* d = buffer.data();
  const std::size_t n = buffer.size();
  while (true) {
    switch (state_) {
      case State::kDone:
        return ParseStatus::kComplete;
      case State::kError:
        return ParseStatus::kError;

      case State::kStartLine:
      case State::kHeaders:
      case State::kTrailers: {
        const bool in_trailers = state_ == State::kTrailers;
        const char* lf =
            pos_ < n ? static_cast<const char*>(std::memchr(d + pos_, '\n', n - pos_)) : nullptr;
        if (lf == nullptr) {
          std::size_t section = in_trailers ? trailer_bytes_ + (n - pos_) : n;
          if (section > limits_.max_header_bytes) {
            return Fail(431, "header section too large", pos_);
          }
          return ParseStatus::kIncomplete;
        }
        const std::size_t lf_at = static_cast<std::size_t>(lf - d);
        const std::size_t line_bytes = lf_at + 1 - pos_;
        if ((in_trailers ? trailer_bytes_ + line_bytes : lf_at + 1) > limits_.max_header_bytes) {
          return Fail(431, "header section too large", pos_);
        }
        if (lf_at == pos_ || d[lf_at - 1] != '\r') return Fail(400, "bare LF in header", lf_at);
        const std::size_t begin = pos_;
        const std::size_t len = lf_at - 1 - pos_;
        pos_ = lf_at + 1;
        if (state_ == State::kStartLine) {
          if (len == 0 && is_request_) continue;  // RFC 9112 2.2: ignore leading empty lines
          if (!ParseStartLine(d, begin, len)) return ParseStatus::kError;
          state_ = State::kHeaders;
        } else if (state_ == State::kHeaders) {
          if (len == 0) {
            if (!EndOfHeaders(begin)) return ParseStatus::kError;
            if (state_ == State::kDone) return Complete(buffer);
          } else if (!ParseFieldLine(d, begin, len, false)) {
            return ParseStatus::kError;
          }
        } else {
          trailer_bytes_ += line_bytes;
          if (len == 0) return Complete(buffer);
          if (!ParseFieldLine(d, begin, len, true)) return ParseStatus::kError;
        }
        break;
      }

      case State::kFixedBody:
        if (n - pos_ < remaining_) return ParseStatus::kIncomplete;
        pos_ += remaining_;
        remaining_ = 0;
        return Complete(buffer);

      case State::kChunkSize: {
        std::size_t window = std::min(n - pos_, limits_.max_chunk_line_bytes + 1);
        const char* lf =
            window > 0 ? static_cast<const char*>(std::memchr(d + pos_, '\n', window)) : nullptr;
        if (lf == nullptr) {
          if (window > limits_.max_chunk_line_bytes) {
            return Fail(400, "chunk size line too long", pos_);
          }
          return ParseStatus::kIncomplete;
        }
        const std::size_t lf_at = static_cast<std::size_t>(lf - d);
        if (lf_at == pos_ || d[lf_at - 1] != '\r') return Fail(400, "bare LF in chunk", lf_at);
        const std::size_t begin = pos_;
        pos_ = lf_at + 1;
        if (!ParseChunkSizeLine(d, begin, lf_at - 1 - begin)) return ParseStatus::kError;
        break;
      }

      case State::kChunkData: {
        std::size_t take = std::min(n - pos_, remaining_);
        if (take > 0 && body_end_ != pos_) std::memmove(d + body_end_, d + pos_, take);
        body_end_ += take;
        pos_ += take;
        remaining_ -= take;
        if (remaining_ > 0) return ParseStatus::kIncomplete;
        state_ = State::kChunkDataEnd;
        break;
      }

      case State::kChunkDataEnd:
        if (n - pos_ >= 1 && d[pos_] != '\r')
          return Fail(400, "chunk data not followed by CRLF", pos_);
        if (n - pos_ < 2) return ParseStatus::kIncomplete;
        if (d[pos_ + 1] != '\n') return Fail(400, "chunk data not followed by CRLF", pos_ + 1);
        pos_ += 2;
        state_ = State::kChunkSize;
        break;

      case State::kUntilClose:
        if (n - body_start_ > limits_.max_body_bytes) {
          return Fail(413, "body too large", body_start_ + limits_.max_body_bytes);
        }
        return ParseStatus::kIncomplete;
    }
  }
}

ParseStatus MessageParser::Finish(std::span<char> buffer) {
  ParseStatus s = Parse(buffer);
  if (s != ParseStatus::kIncomplete) return s;
  if (state_ == State::kUntilClose) {
    pos_ = buffer.size();
    return Complete(buffer);
  }
  return Fail(400, "connection closed before the message was complete", buffer.size());
}

bool MessageParser::ParseStartLine(const char* d, std::size_t begin, std::size_t len) {
  return is_request_ ? ParseRequestLine(d, begin, len) : ParseStatusLine(d, begin, len);
}

bool MessageParser::ParseRequestLine(const char* d, std::size_t begin, std::size_t len) {
  std::string_view line(d + begin, len);
  std::size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 == 0) {
    Fail(400, "malformed request line", begin);
    return false;
  }
  for (std::size_t i = 0; i < sp1; ++i) {
    if (!IsToken(line[i])) {
      Fail(400, "invalid character in method", begin + i);
      return false;
    }
  }
  std::size_t t = sp1 + 1;
  std::size_t sp2 = t;
  while (sp2 < len && line[sp2] != ' ') {
    unsigned char c = static_cast<unsigned char>(line[sp2]);
    if (c <= 0x20 || c >= 0x7F) {
      Fail(400, "invalid character in request target", begin + sp2);
      return false;
    }
    ++sp2;
  }
  if (sp2 == t || sp2 == len) {
    Fail(400, "malformed request line", begin + sp2);
    return false;
  }
  std::string_view version = line.substr(sp2 + 1);
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || !IsDigit(version[5]) ||
      version[6] != '.' || !IsDigit(version[7])) {
    Fail(400, "malformed HTTP version", begin + sp2 + 1);
    return false;
  }
  if (version[5] != '1') {
    Fail(505, "HTTP version not supported", begin + sp2 + 1);
    return false;
  }
  minor_version_ = version[7] == '0' ? 0 : 1;
  a_off_ = static_cast<uint32_t>(begin);
  a_len_ = static_cast<uint32_t>(sp1);
  b_off_ = static_cast<uint32_t>(begin + t);
  b_len_ = static_cast<uint32_t>(sp2 - t);
  return true;
}

bool MessageParser::ParseStatusLine(const char* d, std::size_t begin, std::size_t len) {
  std::string_view line(d + begin, len);
  if (len < 12 || line.substr(0, 5) != "HTTP/" || !IsDigit(line[5]) || line[6] != '.' ||
      !IsDigit(line[7]) || line[8] != ' ' || !IsDigit(line[9]) || !IsDigit(line[10]) ||
      !IsDigit(line[11]) || (len > 12 && line[12] != ' ')) {
    Fail(400, "malformed status line", begin);
    return false;
  }
  if (line[5] != '1') {
    Fail(505, "HTTP version not supported", begin + 5);
    return false;
  }
  minor_version_ = line[7] == '0' ? 0 : 1;
  status_ = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  if (status_ < 100) {
    Fail(400, "malformed status code", begin + 9);
    return false;
  }
  std::size_t reason = len > 12 ? 13 : 12;
  for (std::size_t i = reason; i < len; ++i) {
    if (!kFieldValue[static_cast<unsigned char>(line[i])]) {
      Fail(400, "invalid character in reason phrase", begin + i);
      return false;
    }
  }
  c_off_ = static_cast<uint32_t>(begin + reason);
  c_len_ = static_cast<uint32_t>(len - reason);
  return true;
}

bool MessageParser::ParseFieldLine(const char* d, std::size_t begin, std::size_t len,
                                   bool trailer) {
  const char* line = d + begin;
  if (IsOws(line[0])) {
    Fail(400,
         fields_.empty() && !trailer ? "whitespace before the first header field"
                                     : "obsolete line folding is not allowed",
         begin);
    return false;
  }
  std::size_t colon = 0;
  while (colon < len && line[colon] != ':') {
    if (!IsToken(line[colon])) {
      Fail(400,
           IsOws(line[colon]) ? "whitespace before colon in header field"
                              : "invalid character in header name",
           begin + colon);
      return false;
    }
    ++colon;
  }
  if (colon == len) {
    Fail(400, "header field without colon", begin);
    return false;
  }
  if (colon == 0) {
    Fail(400, "empty header name", begin);
    return false;
  }
  std::size_t v = colon + 1;
  std::size_t end = len;
  while (v < end && IsOws(line[v])) ++v;
  while (end > v && IsOws(line[end - 1])) --end;
  for (std::size_t i = v; i < end; ++i) {
    if (!kFieldValue[static_cast<unsigned char>(line[i])]) {
      Fail(400, "invalid character in header value", begin + i);
      return false;
    }
  }
  if (trailer) return true;  // trailer fields are checked, not used
  if (fields_.size() >= limits_.max_headers) {
    Fail(431, "too many header fields", begin);
    return false;
  }
  fields_.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(colon),
                     static_cast<uint32_t>(begin + v), static_cast<uint32_t>(end - v)});
  return InterpretField(std::string_view(line, colon), std::string_view(line + v, end - v), begin);
}

bool MessageParser::InterpretField(std::string_view name, std::string_view value,
                                   std::size_t offset) {
  switch (name.size()) {
    case 4:
      if (is_request_ && EqualsIgnoreCase(name, "host")) ++host_count_;
      return true;
    case 6:
      if (is_request_ && EqualsIgnoreCase(name, "expect") &&
          EqualsIgnoreCase(value, "100-continue")) {
        expect_continue_ = true;
      }
      return true;
    case 10:
      if (EqualsIgnoreCase(name, "connection")) {
        return ForEachListElement(value, [&](std::string_view opt) {
          if (EqualsIgnoreCase(opt, "close")) connection_close_ = true;
          if (EqualsIgnoreCase(opt, "keep-alive")) connection_keep_alive_ = true;
          return true;
        });
      }
      return true;
    case 14:
      if (EqualsIgnoreCase(name, "content-length")) return InterpretContentLength(value, offset);
      return true;
    case 17:
      if (EqualsIgnoreCase(name, "transfer-encoding")) {
        return InterpretTransferEncoding(value, offset);
      }
      return true;
    default:
      return true;
  }
}

bool MessageParser::InterpretContentLength(std::string_view value, std::size_t offset) {
  // RFC 9110 8.6: a list of identical values may be accepted as that value; anything else is
  // a framing error that a smuggling attack would exploit.
  return ForEachListElement(value, [&](std::string_view element) {
    if (element.empty()) {
      Fail(400, "invalid Content-Length", offset);
      return false;
    }
    uint64_t v = 0;
    for (char c : element) {
      if (!IsDigit(c)) {
        Fail(400, "invalid Content-Length", offset);
        return false;
      }
      if (v > (UINT64_MAX - 9) / 10) {
        Fail(400, "Content-Length too large", offset);
        return false;
      }
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (has_content_length_ && v != content_length_) {
      Fail(400, "conflicting Content-Length values", offset);
      return false;
    }
    has_content_length_ = true;
    content_length_ = v;
    return true;
  });
}

bool MessageParser::InterpretTransferEncoding(std::string_view value, std::size_t offset) {
  has_transfer_encoding_ = true;
  return ForEachListElement(value, [&](std::string_view element) {
    if (element.empty()) return true;  // RFC 9110 5.6.1: empty list elements are ignored
    std::size_t end = 0;
    while (end < element.size() && IsToken(element[end])) ++end;
    std::string_view coding = element.substr(0, end);
    std::string_view rest = TrimOws(element.substr(end));
    if (coding.empty() || (!rest.empty() && rest.front() != ';')) {
      Fail(400, "invalid Transfer-Encoding", offset);
      return false;
    }
    if (EqualsIgnoreCase(coding, "chunked")) {
      if (!rest.empty()) {
        Fail(400, "invalid Transfer-Encoding", offset);
        return false;
      }
      ++chunked_count_;
      chunked_last_ = true;
    } else {
      chunked_last_ = false;
      unknown_coding_ = true;
    }
    return true;
  });
}

bool MessageParser::EndOfHeaders(std::size_t offset) {
  body_start_ = pos_;
  if (has_transfer_encoding_ && chunked_count_ == 0 && !unknown_coding_) {
    Fail(400, "invalid Transfer-Encoding", offset);
    return false;
  }
  if (has_transfer_encoding_ && has_content_length_) {
    Fail(400, "both Content-Length and Transfer-Encoding", offset);
    return false;
  }
  if (chunked_count_ > 1) {
    Fail(400, "chunked applied more than once", offset);
    return false;
  }
  if (is_request_) {
    if (host_count_ > 1 || (minor_version_ == 1 && host_count_ == 0)) {
      Fail(400, host_count_ > 1 ? "more than one Host header" : "missing Host header", offset);
      return false;
    }
    if (has_transfer_encoding_) {
      if (minor_version_ == 0) {
        Fail(400, "Transfer-Encoding in an HTTP/1.0 request", offset);
        return false;
      }
      if (!chunked_last_) {
        Fail(400, "chunked is not the final transfer coding", offset);
        return false;
      }
      if (unknown_coding_) {
        Fail(501, "unsupported transfer coding", offset);
        return false;
      }
      body_kind_ = BodyKind::kChunked;
    } else if (has_content_length_ && content_length_ > 0) {
      body_kind_ = BodyKind::kFixed;
    }
  } else {
    bool no_body = response_to_head_ || status_ < 200 || status_ == 204 || status_ == 304;
    if (no_body) {
      body_kind_ = BodyKind::kNone;
    } else if (has_transfer_encoding_) {
      body_kind_ = chunked_last_ ? BodyKind::kChunked : BodyKind::kUntilClose;
    } else if (has_content_length_) {
      body_kind_ = content_length_ > 0 ? BodyKind::kFixed : BodyKind::kNone;
    } else {
      body_kind_ = BodyKind::kUntilClose;
    }
  }
  switch (body_kind_) {
    case BodyKind::kNone:
      state_ = State::kDone;
      break;
    case BodyKind::kFixed:
      if (content_length_ > limits_.max_body_bytes) {
        Fail(413, "body too large", offset);
        return false;
      }
      remaining_ = static_cast<std::size_t>(content_length_);
      state_ = State::kFixedBody;
      break;
    case BodyKind::kChunked:
      body_end_ = body_start_;
      state_ = State::kChunkSize;
      break;
    case BodyKind::kUntilClose:
      state_ = State::kUntilClose;
      break;
  }
  return true;
}

bool MessageParser::ParseChunkSizeLine(const char* d, std::size_t begin, std::size_t len) {
  std::string_view line(d + begin, len);
  std::size_t i = 0;
  uint64_t size = 0;
  while (i < len && HexValue(line[i]) >= 0) {
    if (i >= 15) {
      Fail(400, "chunk size too large", begin + i);
      return false;
    }
    size = size * 16 + static_cast<uint64_t>(HexValue(line[i]));
    ++i;
  }
  if (i == 0) {
    Fail(400, "invalid chunk size", begin);
    return false;
  }
  // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ), ext-val = token / quoted
  while (i < len) {
    while (i < len && IsOws(line[i])) ++i;
    if (i == len) break;
    if (line[i] != ';') {
      Fail(400, "invalid chunk extension", begin + i);
      return false;
    }
    ++i;
    while (i < len && IsOws(line[i])) ++i;
    std::size_t name = i;
    while (i < len && IsToken(line[i])) ++i;
    if (i == name) {
      Fail(400, "invalid chunk extension", begin + i);
      return false;
    }
    std::size_t save = i;
    while (i < len && IsOws(line[i])) ++i;
    if (i < len && line[i] == '=') {
      ++i;
      while (i < len && IsOws(line[i])) ++i;
      if (i < len && line[i] == '"') {
        ++i;
        while (true) {
          if (i >= len) {
            Fail(400, "invalid chunk extension", begin + i);
            return false;
          }
          char c = line[i];
          if (c == '"') break;
          if (c == '\\') {
            ++i;
            if (i >= len || !kFieldValue[static_cast<unsigned char>(line[i])]) {
              Fail(400, "invalid chunk extension", begin + i);
              return false;
            }
          } else if (!kFieldValue[static_cast<unsigned char>(c)]) {
            Fail(400, "invalid chunk extension", begin + i);
            return false;
          }
          ++i;
        }
        ++i;
      } else {
        std::size_t value = i;
        while (i < len && IsToken(line[i])) ++i;
        if (i == value) {
          Fail(400, "invalid chunk extension", begin + i);
          return false;
        }
      }
    } else {
      i = save;
    }
  }
  if (size == 0) {
    state_ = State::kTrailers;
    trailer_bytes_ = 0;
    return true;
  }
  if (size > limits_.max_body_bytes - (body_end_ - body_start_)) {
    Fail(413, "body too large", begin);
    return false;
  }
  remaining_ = static_cast<std::size_t>(size);
  state_ = State::kChunkData;
  return true;
}

ParseStatus MessageParser::Complete(std::span<char> buffer) {
  const char* d = buffer.data();
  state_ = State::kDone;
  consumed_ = pos_;
  headers_.clear();
  for (const FieldOffsets& f : fields_) {
    headers_.push_back({std::string_view(d + f.name_off, f.name_len),
                        std::string_view(d + f.value_off, f.value_len)});
  }
  std::string_view body;
  switch (body_kind_) {
    case BodyKind::kNone:
      body = std::string_view(d + body_start_, 0);
      break;
    case BodyKind::kFixed:
      body = std::string_view(d + body_start_, static_cast<std::size_t>(content_length_));
      break;
    case BodyKind::kChunked:
      body = std::string_view(d + body_start_, body_end_ - body_start_);
      break;
    case BodyKind::kUntilClose:
      body = std::string_view(d + body_start_, buffer.size() - body_start_);
      break;
  }
  const bool keep_alive = !connection_close_ && (minor_version_ == 1 || connection_keep_alive_) &&
                          body_kind_ != BodyKind::kUntilClose;
  if (is_request_) {
    request_.method = std::string_view(d + a_off_, a_len_);
    request_.target = std::string_view(d + b_off_, b_len_);
    request_.minor_version = minor_version_;
    request_.headers = headers_;
    request_.body = body;
    request_.keep_alive = keep_alive;
    request_.expect_continue = expect_continue_;
  } else {
    response_.status = status_;
    response_.reason = std::string_view(d + c_off_, c_len_);
    response_.minor_version = minor_version_;
    response_.headers = headers_;
    response_.body = body;
    response_.keep_alive = keep_alive;
    response_.chunked = body_kind_ == BodyKind::kChunked;
  }
  return ParseStatus::kComplete;
}

}  // namespace internal
}  // namespace gori::http
