// Fuzzes the report path end to end on arbitrary input: load as YAML (as `helm template` output
// on stdin would be), run the rules, locate findings (Helm "# Source:" headers, kustomize origin
// annotations) and write every format. Never crash; located positions stay consistent.
#include <cstdint>
#include <string>

#include "base/check.h"
#include "k8s/bundle.h"
#include "origin/helm.h"
#include "origin/kustomize.h"
#include "origin/locator.h"
#include "report/formats.h"
#include "rules/config.h"
#include "rules/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto segments = gori::origin::ScanHelmSources(bytes);
  for (std::size_t i = 1; i < segments.size(); ++i) {
    GORI_CHECK(segments[i - 1].first_line < segments[i].first_line);
  }
  (void)gori::origin::ParseOriginAnnotation(bytes);

  gori::k8s::Bundle bundle(gori::k8s::BuiltinPodTemplatePaths(),
                           gori::doc::BuildLimits{.max_depth = 64, .max_alias_nodes = 10'000});
  bundle.AddSource(gori::Source::FromString("<stdin>", std::move(bytes)));
  bundle.Finish();
  gori::rules::Config config;
  gori::rules::Engine engine(config);
  std::vector<gori::rules::Finding> findings;
  engine.Run(bundle.objects(), findings);
  gori::origin::OriginLocator locator(bundle, {.helm_root = "chart"});
  gori::report::Report report;
  report.findings = findings;
  report.errors = bundle.errors();
  report.checked = bundle.objects();
  report.rules = engine.active();
  report.locator = &locator;
  for (const auto& f : findings) {
    auto loc = report.Where(f);
    GORI_CHECK(loc.rendered_line == 0 || loc.rendered_line <= f.line);
  }
  std::string out;
  for (const auto& format : gori::report::Formats()) {
    out.clear();
    format.write(report, {}, out);
  }
  return 0;
}
