// src/origin/locator.h
//
// Shows findings where users edit them (report::Locator):
// - Helm: text with `# Source: CHART/templates/X` headers (helm template output) is shown in
//   that template, "CHART/templates/X (rendered line N)", without a line of the template: a
//   rendered line number is not one. When the template file can be read (with a Helm root the
//   path is mapped into the chart directory, MapToHelmRoot) and holds the rendered line's text
//   verbatim exactly once, the position is that line of the template ("templates/X:25:23").
// - Kustomize: an object with a `config.kubernetes.io/origin` annotation is shown in the file it
//   came from. When the reported node exists there with the same value, the position is exact
//   (that file's line and column); otherwise (set by a patch or a transformer) the object's start
//   in that file, with the rendered line. Objects of a `kubectl kustomize DIR` run without the
//   annotation are shown at DIR's kustomization file with their rendered line.
// Caches what it reads (origin files, Source scans); one per run, single-threaded.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "k8s/bundle.h"
#include "origin/helm.h"
#include "report/report.h"

namespace gori::origin {

struct LocatorOptions {
  std::string helm_root;  // --helm-root: the chart directory given to `helm template`
};

class OriginLocator final : public report::Locator {
 public:
  // `bundle` holds the checked inputs; it must outlive the locator.
  OriginLocator(const k8s::Bundle& bundle, LocatorOptions options);
  ~OriginLocator() override;

  // The input named `source_name` is the output of `kubectl kustomize dir`, whose kustomization
  // file is `kustomization`.
  void AddKustomizeOutput(std::string_view source_name, std::string dir, std::string kustomization);

  report::Location Where(const rules::Finding& f) const override;
  report::Location Where(const k8s::Object& o) const override;
  report::Location Where(const Error& e) const override;

 private:
  struct KustomizeOutput {
    std::string dir;
    std::string kustomization;
  };
  struct OriginFile;

  // Relocates `loc` (a position in `source`, reported about `object` at `node_line:column`).
  void Relocate(report::Location& loc, const Source* source, const k8s::Object* object,
                bool object_itself) const;
  bool RelocateKustomize(report::Location& loc, const k8s::Object& object,
                         bool object_itself) const;
  bool RelocateHelm(report::Location& loc, const Source& source) const;
  const std::vector<HelmSegment>& Segments(const Source& source) const;
  const OriginFile* LoadOrigin(const std::string& path) const;
  // The chart template at `path` (relative to the working directory), or nullptr.
  const Source* LoadTemplate(std::string_view path) const;
  std::string_view Intern(std::string s) const;
  const KustomizeOutput* KustomizeFor(std::string_view source_name) const;

  const k8s::Bundle& bundle_;
  LocatorOptions options_;
  std::map<std::string, KustomizeOutput, std::less<>> kustomize_;
  mutable std::map<const Source*, std::vector<HelmSegment>> segments_;
  mutable std::map<std::string, std::unique_ptr<OriginFile>, std::less<>> origins_;
  mutable std::map<std::string, std::unique_ptr<Source>, std::less<>> templates_;
  mutable std::set<std::string, std::less<>> strings_;
};

// Lexically normalized path: "a/./b/../c" -> "a/c"; leading ".." kept for relative paths.
std::string NormalizePath(std::string_view path);

}  // namespace gori::origin
