#include "origin/locator.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include "origin/kustomize.h"

namespace gori::origin {

struct OriginLocator::OriginFile {
  k8s::Bundle bundle;
  bool ok = false;
};

namespace {

// One step from a node to a child: a map key, or a sequence index.
struct Step {
  std::string_view key;
  std::size_t index = 0;
  bool is_index = false;
};

// The path of value nodes from `node` down to the node at line:column (preorder, so a map wins
// over a child that happens to start at the same place). `at_key` is set when line:column is
// the key of the last step rather than its value (findings about a map sit on its key).
bool PathTo(const doc::Node* node, uint32_t line, uint32_t column, std::vector<Step>& steps,
            bool& at_key) {
  if (node->line() == line && node->column() == column) return true;
  if (node->line() > line) return false;
  if (node->IsMap()) {
    for (const doc::Pair& p : node->pairs()) {
      steps.push_back(Step{p.key->text()});
      if (p.key->line() == line && p.key->column() == column) {
        at_key = true;
        return true;
      }
      if (PathTo(p.value, line, column, steps, at_key)) return true;
      steps.pop_back();
    }
  } else if (node->IsSeq()) {
    auto items = node->items();
    for (std::size_t i = 0; i < items.size(); ++i) {
      steps.push_back(Step{{}, i, true});
      if (PathTo(items[i], line, column, steps, at_key)) return true;
      steps.pop_back();
    }
  }
  return false;
}

// The key node `key` of map `n`, or nullptr.
const doc::Node* KeyNode(const doc::Node* n, std::string_view key) {
  if (!n || !n->IsMap()) return nullptr;
  for (const doc::Pair& p : n->pairs()) {
    if (p.key->text() == key) return p.key;
  }
  return nullptr;
}

std::optional<std::string_view> NameOf(const doc::Node* n) {
  if (!n || !n->IsMap()) return std::nullopt;
  const doc::Node* name = n->Get("name");
  if (!name || !name->IsScalar()) return std::nullopt;
  return name->text();
}

// Follows `steps` in the rendered tree and the original one side by side. List items with a
// `name` (containers, volumes, ports) are matched by name, since patches may add or reorder
// them; others by index. Returns the original node, or nullptr when the path leaves it.
const doc::Node* Follow(const doc::Node* rendered, const doc::Node* original,
                        const std::vector<Step>& steps) {
  for (const Step& s : steps) {
    if (!original) return nullptr;
    if (!s.is_index) {
      rendered = rendered->Get(s.key);
      original = original->Get(s.key);
      continue;
    }
    auto r_items = rendered->items();
    if (s.index >= r_items.size()) return nullptr;
    rendered = r_items[s.index];
    const doc::Node* next = nullptr;
    auto o_items = original->items();
    if (auto name = NameOf(rendered)) {
      for (const doc::Node* item : o_items) {
        if (NameOf(item) == name) next = item;
      }
    } else if (s.index < o_items.size()) {
      next = o_items[s.index];
    }
    original = next;
  }
  if (!original || !rendered) return nullptr;
  // A scalar must carry the same value: otherwise a patch set it and this file is not where.
  if (rendered->IsScalar() && (!original->IsScalar() || original->text() != rendered->text())) {
    return nullptr;
  }
  return original;
}

// The object in `candidates` that `object` was built from: same kind, and the same name or a
// name that kustomize's prefix/suffix turned into the rendered one.
const k8s::Object* MatchObject(const std::vector<k8s::Object>& candidates,
                               const k8s::Object& object) {
  const k8s::Object* best = nullptr;
  std::size_t same_kind = 0;
  const k8s::Object* only = nullptr;
  for (const k8s::Object& c : candidates) {
    if (c.kind() != object.kind()) continue;
    ++same_kind;
    only = &c;
    if (c.name() == object.name()) return &c;
    if (!c.name().empty() && object.name().find(c.name()) != std::string_view::npos &&
        (!best || c.name().size() > best->name().size())) {
      best = &c;
    }
  }
  if (best) return best;
  return same_kind == 1 ? only : nullptr;
}

bool IsRegularFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The 1-based line of `source` whose text is `text`, when exactly one is; 0 otherwise (also for
// blank text, which says nothing about where it came from).
uint32_t UniqueLine(const Source& source, std::string_view text) {
  if (text.find_first_not_of(" \t") == std::string_view::npos) return 0;
  const LineIndex& lines = source.lines();
  uint32_t found = 0;
  for (uint32_t k = 1; k <= lines.LineCount(); ++k) {
    if (lines.Line(k) != text) continue;
    if (found != 0) return 0;
    found = k;
  }
  return found;
}

}  // namespace

std::string NormalizePath(std::string_view path) {
  bool absolute = !path.empty() && path.front() == '/';
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(pos, end - pos);
    pos = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (part == ".." && absolute) {
      continue;
    } else {
      parts.push_back(part);
    }
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out.push_back('/');
    out.append(parts[i]);
  }
  if (out.empty()) out = ".";
  return out;
}

OriginLocator::OriginLocator(const k8s::Bundle& bundle, LocatorOptions options)
    : bundle_(bundle), options_(std::move(options)) {}

OriginLocator::~OriginLocator() = default;

void OriginLocator::AddKustomizeOutput(std::string_view source_name, std::string dir,
                                       std::string kustomization) {
  kustomize_[std::string(source_name)] = KustomizeOutput{std::move(dir), std::move(kustomization)};
}

std::string_view OriginLocator::Intern(std::string s) const {
  return *strings_.insert(std::move(s)).first;
}

const OriginLocator::KustomizeOutput* OriginLocator::KustomizeFor(
    std::string_view source_name) const {
  auto it = kustomize_.find(source_name);
  return it == kustomize_.end() ? nullptr : &it->second;
}

const std::vector<HelmSegment>& OriginLocator::Segments(const Source& source) const {
  auto it = segments_.find(&source);
  if (it == segments_.end()) it = segments_.emplace(&source, ScanHelmSources(source.bytes())).first;
  return it->second;
}

const OriginLocator::OriginFile* OriginLocator::LoadOrigin(const std::string& path) const {
  auto it = origins_.find(path);
  if (it != origins_.end()) return it->second->ok ? it->second.get() : nullptr;
  auto file = std::make_unique<OriginFile>();
  if (IsRegularFile(path)) {
    file->bundle.AddPath(path);
    file->bundle.Finish();
    file->ok = file->bundle.errors().empty();
  }
  const OriginFile* result = file->ok ? file.get() : nullptr;
  origins_.emplace(path, std::move(file));
  return result;
}

bool OriginLocator::RelocateHelm(report::Location& loc, const Source& source) const {
  const std::vector<HelmSegment>& segments = Segments(source);
  if (segments.empty() || loc.input_line == 0) return false;
  auto pos = FindHelmPosition(segments, loc.input_line);
  if (!pos) return false;
  loc.file = options_.helm_root.empty()
                 ? pos->template_path
                 : Intern(MapToHelmRoot(pos->template_path, options_.helm_root));
  // A rendered line number is not a line of the template (conditionals, includes and ranges
  // shift it): the template's own line is given only when it holds the rendered text verbatim,
  // once; otherwise the template is named without a line and the rendered line said apart.
  loc.line = 0;
  loc.column = 0;
  loc.rendered_line = pos->rendered_line;
  const Source* tmpl = LoadTemplate(loc.file);
  if (!tmpl) return true;
  uint32_t line = UniqueLine(*tmpl, source.lines().Line(loc.input_line));
  if (line == 0) return true;
  loc.line = loc.source_line = line;
  loc.column = loc.source_column = loc.input_column;
  loc.rendered_line = 0;
  loc.source = tmpl;
  return true;
}

const Source* OriginLocator::LoadTemplate(std::string_view path) const {
  auto it = templates_.find(path);
  if (it != templates_.end()) return it->second.get();
  std::unique_ptr<Source> source;
  std::string name(path);
  // The path comes from the checked text: only files below the working directory (or the Helm
  // root) are read, so a crafted `# Source:` cannot pull another file's lines into a report.
  std::string normal = NormalizePath(name);
  bool inside = normal.front() != '/' && normal != ".." && !normal.starts_with("../");
  if (!options_.helm_root.empty() && NormalizePath(options_.helm_root) != ".") {
    inside = normal.starts_with(NormalizePath(options_.helm_root) + "/");
  }
  if (inside && IsRegularFile(name)) {
    if (auto read = Source::Read(name)) source = std::move(*read);
  }
  return templates_.emplace(std::move(name), std::move(source)).first->second.get();
}

bool OriginLocator::RelocateKustomize(report::Location& loc, const k8s::Object& object,
                                      bool object_itself) const {
  const doc::Node* annotation = object.Annotation(kOriginAnnotation);
  if (!annotation) return false;
  auto origin = ParseOriginAnnotation(annotation->text());
  if (!origin) return false;
  loc.line = 0;
  loc.column = 0;
  loc.rendered_line = loc.input_line;
  if (!origin->repo.empty()) {
    loc.file = Intern(fmt::format("{}//{}", origin->repo, origin->path));
    return true;
  }
  const KustomizeOutput* run = KustomizeFor(object.source().name());
  std::string_view rel = origin->path.empty() ? origin->configured_in : origin->path;
  std::string path = NormalizePath(run ? fmt::format("{}/{}", run->dir, rel) : std::string(rel));
  loc.file = Intern(path);
  if (origin->path.empty()) return true;  // generated: the kustomization, no position in it

  const OriginFile* file = LoadOrigin(path);
  if (!file) return true;
  const k8s::Object* original = MatchObject(file->bundle.objects(), object);
  if (!original) return true;
  const doc::Node* at = original->root();
  bool exact = object_itself;
  if (!object_itself) {
    std::vector<Step> steps;
    bool at_key = false;
    if (PathTo(object.root(), loc.input_line, loc.input_column, steps, at_key)) {
      if (!at_key) {
        if (const doc::Node* n = Follow(object.root(), original->root(), steps)) {
          at = n;
          exact = true;
        }
      } else {
        std::string_view key = steps.back().key;
        steps.pop_back();
        const doc::Node* parent = Follow(object.root(), original->root(), steps);
        if (const doc::Node* k = KeyNode(parent, key)) {
          at = k;
          exact = true;
        }
      }
    }
  }
  loc.line = at->line();
  loc.column = at->column();
  if (exact) {
    loc.rendered_line = 0;
    loc.source = &original->source();
    loc.source_line = at->line();
    loc.source_column = at->column();
  }
  return true;
}

void OriginLocator::Relocate(report::Location& loc, const Source* source, const k8s::Object* object,
                             bool object_itself) const {
  if (object && RelocateKustomize(loc, *object, object_itself)) return;
  if (!source) return;
  if (const KustomizeOutput* run = KustomizeFor(source->name())) {
    loc.file = run->kustomization;
    loc.line = 0;
    loc.column = 0;
    loc.rendered_line = loc.input_line;
    return;
  }
  RelocateHelm(loc, *source);
}

report::Location OriginLocator::Where(const rules::Finding& f) const {
  report::Location loc = Locator::Where(f);
  const Source* source = f.object ? &f.object->source() : nullptr;
  if (!source) {
    for (const doc::LoadedFile& file : bundle_.files()) {
      if (file.source && file.source->name() == f.file) source = file.source.get();
    }
  }
  Relocate(loc, source, f.object, false);
  return loc;
}

report::Location OriginLocator::Where(const k8s::Object& o) const {
  report::Location loc = Locator::Where(o);
  Relocate(loc, &o.source(), &o, true);
  return loc;
}

report::Location OriginLocator::Where(const Error& e) const {
  report::Location loc = Locator::Where(e);
  for (const doc::LoadedFile& file : bundle_.files()) {
    if (file.source && file.source->name() == e.file) {
      Relocate(loc, file.source.get(), nullptr, false);
      break;
    }
  }
  return loc;
}

}  // namespace gori::origin
