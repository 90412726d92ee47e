#include "yaml/loader.h"

#include <yaml.h>

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace gori::yaml {
namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

class Parser {
 public:
  explicit Parser(std::string_view bytes) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(bytes.data()),
                                 bytes.size());
  }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_;
};

class Event {
 public:
  Event() = default;
  ~Event() {
    if (valid_) yaml_event_delete(&event_);
  }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;

  bool Next(yaml_parser_t* p) {
    if (valid_) yaml_event_delete(&event_);
    valid_ = yaml_parser_parse(p, &event_) != 0;
    return valid_;
  }
  const yaml_event_t& operator*() const { return event_; }
  const yaml_event_t* operator->() const { return &event_; }

 private:
  yaml_event_t event_{};
  bool valid_ = false;
};

uint32_t Line(const yaml_mark_t& m) { return static_cast<uint32_t>(m.line + 1); }
uint32_t Col(const yaml_mark_t& m) { return static_cast<uint32_t>(m.column + 1); }

std::string_view AsView(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

doc::ScalarTag Resolve(const yaml_event_t& e, std::string_view text) {
  std::string_view tag = AsView(e.data.scalar.tag);
  if (!tag.empty()) {
    std::string_view t = tag;
    if (t.starts_with(kTagPrefix)) t.remove_prefix(kTagPrefix.size());
    if (t == "str" || t == "binary" || t == "timestamp") return doc::ScalarTag::kString;
    if (t == "int") return doc::ScalarTag::kInt;
    if (t == "float") return doc::ScalarTag::kFloat;
    if (t == "bool") return doc::ScalarTag::kBool;
    if (t == "null") return doc::ScalarTag::kNull;
    if (t != "!") return doc::ResolvePlainYaml11(text);  // unknown local tags: as if untagged
    return doc::ScalarTag::kString;
  }
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return doc::ScalarTag::kString;
  return doc::ResolvePlainYaml11(text);
}

struct Anchor {
  std::string name;
  const doc::Node* node;
};

class DocumentLoader {
 public:
  DocumentLoader(doc::LoadedFile& file, const doc::BuildLimits& limits)
      : file_(file), limits_(limits), name_(file.source->name()) {}

  Status Run() {
    Status st = Parse();
    if (!st && builder_) {
      file_.documents.pop_back();  // the document being read is incomplete
      builder_.reset();
    }
    return st;
  }

 private:
  Status Parse() {
    Parser parser(file_.source->bytes());
    Event ev;
    for (;;) {
      if (!ev.Next(parser.get())) return ParserError(parser.get());
      switch (ev->type) {
        case YAML_STREAM_END_EVENT:
          return {};
        case YAML_DOCUMENT_START_EVENT: {
          file_.documents.emplace_back();
          doc::Document& d = file_.documents.back();
          d.source = file_.source.get();
          d.line = Line(ev->start_mark);
          d.index = static_cast<uint32_t>(file_.documents.size() - 1);
          builder_.emplace(*file_.arena, d, limits_, /*merge_keys=*/true);
          anchors_.clear();
          pending_anchors_.clear();
          break;
        }
        case YAML_DOCUMENT_END_EVENT:
          file_.documents.back().root = builder_->root();
          builder_.reset();
          break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
          bool is_map = ev->type == YAML_MAPPING_START_EVENT;
          const yaml_char_t* anchor =
              is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
          pending_anchors_.push_back(std::string(AsView(anchor)));
          auto st = is_map ? builder_->BeginMap(Line(ev->start_mark), Col(ev->start_mark))
                           : builder_->BeginSeq(Line(ev->start_mark), Col(ev->start_mark));
          if (!st) return st;
          break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
          auto node = builder_->End();
          if (!node) return tl::unexpected(node.error());
          std::string anchor = std::move(pending_anchors_.back());
          pending_anchors_.pop_back();
          if (!anchor.empty()) anchors_.push_back({std::move(anchor), *node});
          break;
        }
        case YAML_SCALAR_EVENT: {
          std::string_view raw(reinterpret_cast<const char*>(ev->data.scalar.value),
                               ev->data.scalar.length);
          if (raw.size() > UINT32_MAX) {
            return Fail("scalar larger than 4 GiB",
                        SourcePos{name_, Line(ev->start_mark), Col(ev->start_mark)});
          }
          std::string_view text = SourceView(*ev, raw);
          if (text.data() == nullptr) text = file_.arena->CopyString(raw);
          const doc::Node* n = builder_->AddScalar(text, Resolve(*ev, text),
                                                   ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                                                   Line(ev->start_mark), Col(ev->start_mark));
          if (ev->data.scalar.anchor) {
            anchors_.push_back({std::string(AsView(ev->data.scalar.anchor)), n});
          }
          break;
        }
        case YAML_ALIAS_EVENT: {
          std::string_view name = AsView(ev->data.alias.anchor);
          SourcePos at{name_, Line(ev->start_mark), Col(ev->start_mark)};
          const doc::Node* target = nullptr;
          for (auto it = anchors_.rbegin(); it != anchors_.rend(); ++it) {
            if (it->name == name) {
              target = it->node;
              break;
            }
          }
          if (!target) {
            // An anchor still open (a recursive alias) or never defined.
            return Fail(fmt::format("alias '*{}' refers to an unknown or unfinished anchor", name),
                        at);
          }
          if (auto st = builder_->AddAlias(target, at); !st) return st;
          break;
        }
        default:
          break;
      }
    }
  }

  // Most scalars appear verbatim in the source (plain, or quoted without escapes on one
  // line): point into the source bytes instead of copying. libyaml's mark.index counts
  // characters, which equals the byte offset until the first multi-byte character; the byte
  // comparison makes any mismatch fall back to a copy.
  std::string_view SourceView(const yaml_event_t& e, std::string_view value) const {
    std::string_view bytes = file_.source->bytes();
    std::size_t start = e.start_mark.index;
    auto style = e.data.scalar.style;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
      ++start;
    } else if (style != YAML_PLAIN_SCALAR_STYLE) {
      return {};
    }
    if (value.empty() || start > bytes.size() || bytes.size() - start < value.size()) return {};
    std::string_view candidate = bytes.substr(start, value.size());
    return candidate == value ? candidate : std::string_view();
  }

  Status ParserError(yaml_parser_t* p) {
    std::string msg = p->problem ? p->problem : "invalid YAML";
    if (p->context) msg = fmt::format("{} {}", p->context, msg);
    // libyaml's problem_mark is where it stopped; its line is 0-based.
    SourcePos pos{name_, Line(p->problem_mark), Col(p->problem_mark)};
    if (p->error == YAML_MEMORY_ERROR) msg = "out of memory while parsing YAML";
    return Fail(std::move(msg), pos);
  }

  doc::LoadedFile& file_;
  doc::BuildLimits limits_;
  std::string_view name_;
  std::optional<doc::Builder> builder_;
  std::vector<Anchor> anchors_;
  std::vector<std::string> pending_anchors_;
};

}  // namespace

Status Load(doc::LoadedFile& file, const doc::BuildLimits& limits) {
  GORI_CHECK(file.source != nullptr);
  if (!file.arena) file.arena = std::make_unique<Arena>();
  DocumentLoader loader(file, limits);
  return loader.Run();
}

}  // namespace gori::yaml
