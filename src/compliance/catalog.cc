#include "compliance/catalog.h"

#include <unordered_map>

namespace gori::compliance {

std::string_view CheckableName(Checkable c) {
  switch (c) {
    case Checkable::kYes:
      return "yes";
    case Checkable::kPartly:
      return "partly";
    case Checkable::kNo:
      return "no";
  }
  return "yes";
}

std::string CisId(std::string_view version, std::string_view id) {
  std::string out(id);
  if (version != "1.10" && id.starts_with("5.7.")) out = "5.6." + std::string(id.substr(4));
  if (version == "1.12" && id.starts_with("5.2.")) {
    int n = std::stoi(std::string(id.substr(4)));
    if (n == 9) return {};
    if (n >= 10) out = "5.2." + std::to_string(n - 1);
  }
  return out;
}

const Framework* FindFramework(std::string_view id) {
  for (const Framework& f : Frameworks()) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

namespace {

struct Position {
  ControlRef ref;
  std::size_t order = 0;
};

const std::unordered_map<std::string_view, Position>& ByKey() {
  static const auto kMap = [] {
    std::unordered_map<std::string_view, Position> m;
    std::size_t order = 0;
    for (const Framework& f : Frameworks()) {
      for (const Control& c : f.controls) m[c.key] = {{&f, &c}, order++};
    }
    return m;
  }();
  return kMap;
}

}  // namespace

std::optional<ControlRef> FindControl(std::string_view key) {
  auto it = ByKey().find(key);
  if (it == ByKey().end()) return std::nullopt;
  return it->second.ref;
}

bool CatalogueLess(const ControlRef& a, const ControlRef& b) {
  return ByKey().at(a.control->key).order < ByKey().at(b.control->key).order;
}

}  // namespace gori::compliance
