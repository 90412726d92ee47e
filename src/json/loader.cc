#include "json/loader.h"

// Errors are handled as codes on every call; no simdjson exception may escape.
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

namespace gori::json {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// What the user is told: the parser's own wording speaks of its API, not of the input.
std::string_view ErrorText(simdjson::error_code e) {
  switch (e) {
    case simdjson::INCORRECT_TYPE:
    case simdjson::SCALAR_DOCUMENT_AS_VALUE:
      return "invalid JSON: a manifest must be a JSON object or a list of objects";
    case simdjson::UTF8_ERROR:
      return "invalid JSON: the text is not valid UTF-8";
    case simdjson::UNCLOSED_STRING:
      return "invalid JSON: a string is not closed";
    case simdjson::STRING_ERROR:
    case simdjson::UNESCAPED_CHARS:
      return "invalid JSON: malformed string (control character or bad escape)";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return "invalid JSON: malformed or out-of-range number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "invalid JSON: expected true, false or null";
    case simdjson::DEPTH_ERROR:
      return "invalid JSON: nested too deeply";
    case simdjson::EMPTY:
      return "invalid JSON: empty input";
    case simdjson::TRAILING_CONTENT:
      return "invalid JSON: content after the end of the document";
    case simdjson::CAPACITY:
    case simdjson::MEMALLOC:
      return "invalid JSON: the input is too large";
    default:
      return "invalid JSON: syntax error (missing comma, colon, quote or bracket?)";
  }
}

namespace od = simdjson::ondemand;

static_assert(Source::kPadding >= simdjson::SIMDJSON_PADDING,
              "Source padding must cover simdjson's reads");

// Parser buffers are reused by every load on a thread (no allocation per AdmissionReview);
// buffers grown for a very large input are released afterwards, so one big `kubectl get -o
// json` list does not pin that memory for the rest of the run.
constexpr std::size_t kKeepParserCapacity = std::size_t{1} << 20;

od::parser& ThreadParser() {
  thread_local od::parser parser;
  return parser;
}

// Bit i is set when p[i] == c, for the 16 bytes at p. Reading past the end of the input is
// safe: Load only walks padded bytes.
inline uint32_t Match16(const char* p, char c) {
#if defined(__SSE2__)
  __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(c))));
#else
  uint32_t m = 0;
  for (uint32_t i = 0; i < 16; ++i) m |= static_cast<uint32_t>(p[i] == c) << i;
  return m;
#endif
}

// Bit i is set when p[i] is a UTF-8 continuation byte (10xxxxxx), for the 16 bytes at p.
inline uint32_t Continuation16(const char* p) {
#if defined(__SSE2__)
  __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // As signed bytes, 0x80..0xBF are -128..-65: below -64.
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmplt_epi8(chunk, _mm_set1_epi8(-64))));
#else
  uint32_t m = 0;
  for (uint32_t i = 0; i < 16; ++i) {
    m |= static_cast<uint32_t>((static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) << i;
  }
  return m;
#endif
}

// Line and column of the positions the walk asks for (the column in characters, as libyaml
// counts them for YAML, so a caret lands under the same text for both). The walk visits nodes
// in source order, so counting newlines and UTF-8 continuation bytes from the previous position
// scans the input once; a position behind the cursor (only error paths ask for one) is looked
// up in the Source's line index.
class Cursor {
 public:
  Cursor(const char* base, std::size_t size, const Source& source)
      : base_(base), size_(size), source_(source) {}

  std::pair<uint32_t, uint32_t> At(const char* loc) {
    std::size_t off = static_cast<std::size_t>(loc - base_);
    if (off > size_) off = size_;
    if (off < off_) {
      auto lc = source_.lines().At(off);
      return {lc.line, lc.column};
    }
    // 16 bytes at a time (the input is padded); gaps between tokens are mostly indentation.
    for (std::size_t i = off_; i < off; i += 16) {
      uint32_t m = Match16(base_ + i, '\n');
      uint32_t c = Continuation16(base_ + i);
      if (off - i < 16) {
        m &= (uint32_t{1} << (off - i)) - 1;
        c &= (uint32_t{1} << (off - i)) - 1;
      }
      if (m != 0) {
        const int last = 31 - std::countl_zero(m);
        line_start_ = i + static_cast<std::size_t>(last) + 1;
        continuations_ = 0;
        c &= ~((uint32_t{2} << last) - 1);  // only those after the last newline
        // Usually one newline per gap; std::popcount is a libgcc call without -mpopcnt.
        for (; m != 0; m &= m - 1) ++line_;
      }
      for (; c != 0; c &= c - 1) ++continuations_;
    }
    off_ = off;
    return {line_, static_cast<uint32_t>(off - line_start_ - continuations_ + 1)};
  }

 private:
  const char* base_;
  std::size_t size_;
  const Source& source_;
  std::size_t off_ = 0;
  std::size_t line_start_ = 0;
  std::size_t continuations_ = 0;  // UTF-8 continuation bytes in [line_start_, off_)
  uint32_t line_ = 1;
};

// Builds the tree from the On-Demand walk. Scalars are views into the input bytes (which the
// LoadedFile keeps alive) unless a string holds an escape, which is unescaped into the arena.
class Walker {
 public:
  Walker(doc::LoadedFile& file, const char* base, std::size_t size, doc::Builder& builder)
      : file_(file), end_(base + size), builder_(builder), cursor_(base, size, *file.source) {}

  // One value, whatever its type. Kept small: it runs once per value, and scalars (most
  // values) should not pay for the frame of the container walks.
  Status Value(od::value& v) {
    const char* loc = Location(v);
    auto [line, col] = Pos(loc);
    od::json_type type;
    if (auto e = v.type().get(type)) return Error(e, loc);
    switch (type) {
      case od::json_type::object:
        return Object(v, loc, line, col);
      case od::json_type::array:
        return Array(v, loc, line, col);
      default:
        return Scalar(v, type, loc, line, col);
    }
  }

  [[gnu::noinline]] Status Object(od::value& v, const char* loc, uint32_t line, uint32_t col) {
    if (auto st = builder_.BeginMap(line, col); !st) return st;
    od::object obj;
    if (auto e = v.get_object().get(obj)) return Error(e, loc);
    // Results are used in place: moving On-Demand's small structs out of them costs a
    // store-forwarding stall per value with GCC.
    for (auto field_result : obj) {
      if (auto e = field_result.error()) return Error(e, last_);
      od::field& field = field_result.value_unsafe();
      // The key's opening quote sits just before the raw key text.
      const char* raw = field.key().raw();
      auto [kl, kc] = Pos(raw - 1);
      std::string_view key = Unescaped(raw);
      if (key.data() == nullptr) {
        if (auto e = field.unescaped_key().get(key)) return Error(e, raw - 1);
        key = file_.arena->CopyString(key);
      }
      builder_.AddScalar(key, doc::ScalarTag::kString, false, kl, kc);
      if (auto st = Value(field.value()); !st) return st;
    }
    return End();
  }

  [[gnu::noinline]] Status Array(od::value& v, const char* loc, uint32_t line, uint32_t col) {
    if (auto st = builder_.BeginSeq(line, col); !st) return st;
    od::array arr;
    if (auto e = v.get_array().get(arr)) return Error(e, loc);
    for (auto item : arr) {
      if (auto e = item.error()) return Error(e, last_);
      od::value& child = item.value_unsafe();
      if (auto st = Value(child); !st) return st;
    }
    return End();
  }

  Status Scalar(od::value& v, od::json_type type, const char* loc, uint32_t line, uint32_t col) {
    switch (type) {
      case od::json_type::string: {
        std::string_view s =
            loc != nullptr && *loc == '"' ? Unescaped(loc + 1) : std::string_view();
        if (s.data() != nullptr) {
          od::raw_json_string raw;
          if (auto e = v.get_raw_json_string().get(raw)) return Error(e, loc);
        } else {
          if (auto e = v.get_string().get(s)) return Error(e, loc);
          s = file_.arena->CopyString(s);
        }
        builder_.AddScalar(s, doc::ScalarTag::kString, false, line, col);
        return {};
      }
      case od::json_type::number: {
        std::string_view raw = Trim(v.raw_json_token());
        bool is_float = raw.find_first_of(".eE") != std::string_view::npos;
        if (auto e = CheckNumber(v)) return Error(e, loc);
        builder_.AddScalar(raw, is_float ? doc::ScalarTag::kFloat : doc::ScalarTag::kInt, false,
                           line, col);
        return {};
      }
      case od::json_type::boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return Error(e, loc);
        builder_.AddScalar(b ? "true" : "false", doc::ScalarTag::kBool, false, line, col);
        return {};
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) return Error(e, loc);
        if (!is_null) return Error(simdjson::N_ATOM_ERROR, loc);
        builder_.AddScalar("null", doc::ScalarTag::kNull, false, line, col);
        return {};
      }
      default:
        break;
    }
    return Error(simdjson::INCORRECT_TYPE, loc);
  }

  Status Error(simdjson::error_code e, const char* loc) {
    auto [line, col] = Pos(loc ? loc : last_);
    return Fail(std::string(ErrorText(e)), SourcePos{file_.source->name(), line, col});
  }

  std::pair<uint32_t, uint32_t> Pos(const char* loc) {
    if (!loc) return {1, 1};
    last_ = loc;
    return cursor_.At(loc);
  }

 private:
  // The string starting at `text` (just after its opening quote) as a view into the input, or
  // a null view when it holds an escape. The input was validated by stage 1, so the closing
  // quote exists; a quote inside a string is always escaped.
  std::string_view Unescaped(const char* text) const {
    for (const char* p = text; p < end_; p += 16) {
      uint32_t quote = Match16(p, '"');
      uint32_t stop = quote | Match16(p, '\\');
      if (stop == 0) continue;
      uint32_t first = static_cast<uint32_t>(std::countr_zero(stop));
      if ((quote & (uint32_t{1} << first)) == 0) return {};
      auto len = static_cast<std::size_t>(p - text) + first;
      return len == 0 ? std::string_view("", 0) : std::string_view(text, len);
    }
    return {};
  }

  Status End() {
    auto n = builder_.End();
    if (!n) return tl::unexpected(n.error());
    return {};
  }

  static simdjson::error_code CheckNumber(od::value& v) {
    // Validates the number token; kubernetes accepts any JSON number here.
    double d;
    return v.get_double().get(d);
  }

  static std::string_view Trim(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
      s.remove_suffix(1);
    }
    return s;
  }

  const char* Location(od::value& v) {
    const char* loc = nullptr;
    if (v.current_location().get(loc)) return last_;
    return loc;
  }

  doc::LoadedFile& file_;
  const char* end_;
  doc::Builder& builder_;
  Cursor cursor_;
  const char* last_ = nullptr;
};

}  // namespace

bool LooksLikeJson(std::string_view bytes) {
  if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
  for (char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

Status Load(doc::LoadedFile& file, const doc::BuildLimits& limits) {
  GORI_CHECK(file.source != nullptr);
  if (!file.arena) file.arena = std::make_unique<Arena>();
  std::string_view bytes = file.source->bytes();
  const char* base = bytes.data();
  // A UTF-8 byte order mark (editors on Windows write one) is not JSON: it becomes spaces in a
  // copy, which keeps every position.
  bool bom = bytes.starts_with(kBom);
  if (!file.source->padded() || bom) {
    // Views into the input must live as long as the tree: the padded copy goes in the arena.
    char* copy =
        static_cast<char*>(file.arena->Allocate(bytes.size() + simdjson::SIMDJSON_PADDING, 1));
    std::memcpy(copy, bytes.data(), bytes.size());
    std::memset(copy + bytes.size(), ' ', simdjson::SIMDJSON_PADDING);
    if (bom) std::memset(copy, ' ', kBom.size());
    base = copy;
  }
  od::parser& parser = ThreadParser();
  std::string_view name = file.source->name();
  file.documents.emplace_back();
  doc::Document& d = file.documents.back();
  d.source = file.source.get();
  d.index = static_cast<uint32_t>(file.documents.size() - 1);
  doc::Builder builder(*file.arena, d, limits, /*merge_keys=*/false);
  Walker walker(file, base, bytes.size(), builder);

  auto fail = [&](Status st) {
    file.documents.pop_back();
    return st;
  };
  struct Release {
    od::parser& parser;
    ~Release() {
      if (parser.capacity() > kKeepParserCapacity) parser = od::parser();
    }
  } release{parser};
  od::document document;
  if (auto e = parser.iterate(base, bytes.size(), bytes.size() + simdjson::SIMDJSON_PADDING)
                   .get(document)) {
    return fail(Fail(std::string(ErrorText(e)), SourcePos{name, 1, 1}));
  }
  od::value root;
  if (auto e = document.get_value().get(root)) {
    // Also the answer for scalar documents (`5`, `"x"`): no Kubernetes object is one.
    return fail(walker.Error(e, nullptr));
  }
  if (auto st = walker.Value(root); !st) return fail(st);
  // current_location() only succeeds when bytes remain after the root value.
  const char* trailing = nullptr;
  if (!document.current_location().get(trailing)) {
    return fail(walker.Error(simdjson::TRAILING_CONTENT, trailing));
  }
  d.root = builder.root();
  return {};
}

}  // namespace gori::json
