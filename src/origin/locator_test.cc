#include "origin/locator.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "rules/config.h"
#include "rules/engine.h"

namespace gori::origin {
namespace {

struct CheckRun {
  k8s::Bundle bundle;
  std::vector<rules::Finding> findings;

  void Check() {
    bundle.Finish();
    rules::Config config;
    rules::Engine engine(config);
    engine.Run(bundle.objects(), findings);
  }
  const rules::Finding& Find(std::string_view rule) const {
    for (const auto& f : findings) {
      if (f.rule_id == rule) return f;
    }
    ADD_FAILURE() << "no " << rule << " finding";
    return findings.front();
  }
};

constexpr const char* kHelmOutput =
    "---\n"
    "# Source: shop/templates/service.yaml\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: web}\n"
    "spec: {selector: {app: web}, ports: [{port: 80}]}\n"
    "---\n"
    "# Source: shop/templates/deployment.yaml\n"  // line 8
    "apiVersion: v1\n"                            // rendered line 1
    "kind: Pod\n"
    "metadata: {name: web}\n"
    "spec:\n"
    "  containers:\n"
    "  - name: web\n"
    "    image: shop/web:1.0.0\n"
    "    securityContext:\n"
    "      privileged: true\n";  // line 17, rendered line 9, column 19

TEST(OriginLocator, HelmFindingsAreShownInTheirTemplate) {
  CheckRun run;
  run.bundle.AddSource(Source::FromString("<stdin>", kHelmOutput));
  run.Check();
  OriginLocator locator(run.bundle, {});
  report::Location loc = locator.Where(run.Find("sec-privileged"));
  EXPECT_EQ(loc.file, "shop/templates/deployment.yaml");
  // The template cannot be read: it is named without a line (a rendered line is not one of it).
  EXPECT_EQ(loc.line, 0u);
  EXPECT_EQ(loc.column, 0u);
  EXPECT_EQ(loc.rendered_line, 9u);
  EXPECT_EQ(loc.input_file, "<stdin>");
  EXPECT_EQ(loc.input_line, 17u);
  EXPECT_EQ(loc.Display(), "shop/templates/deployment.yaml (rendered line 9)");
  EXPECT_EQ(loc.source_line, 17u);
  EXPECT_EQ(loc.ShownLine(17), 9);
  // The object is shown where its document starts in the template.
  const k8s::Object& pod = run.bundle.objects()[1];
  report::Location at = locator.Where(pod);
  EXPECT_EQ(at.file, "shop/templates/deployment.yaml");
  EXPECT_EQ(at.line, 0u);
  EXPECT_EQ(at.rendered_line, 1u);
}

TEST(OriginLocator, HelmTemplateLinesOnlyWhereTheTemplateHoldsTheRenderedText) {
  // The template's first line is a conditional, so every rendered line is one off its own.
  std::string root = ::testing::TempDir() + "helm_locator_chart";
  std::filesystem::create_directories(root + "/templates");
  {
    std::ofstream t(root + "/templates/deployment.yaml");
    t << "{{- if .Values.enabled }}\n"
         "apiVersion: v1\n"
         "kind: Pod\n"
         "metadata: {name: {{ .Release.Name }}}\n"
         "spec:\n"
         "  containers:\n"
         "  - name: web\n"
         "    image: shop/web:{{ .Values.tag }}\n"
         "    securityContext:\n"
         "      privileged: true\n"
         "{{- end }}\n";
  }
  CheckRun run;
  run.bundle.AddSource(Source::FromString("<stdin>", std::string(kHelmOutput)));
  run.Check();
  OriginLocator locator(run.bundle, {.helm_root = root});
  report::Location loc = locator.Where(run.Find("sec-privileged"));
  EXPECT_EQ(loc.Display(), root + "/templates/deployment.yaml:10:19");
  EXPECT_EQ(loc.rendered_line, 0u);
  ASSERT_NE(loc.source, nullptr);
  EXPECT_EQ(loc.source->lines().Line(loc.source_line), "      privileged: true");
  EXPECT_EQ(loc.ShownLine(loc.source_line), 10);
  // The image line is rendered from a template action: no line of the template is claimed.
  rules::Finding image;
  image.object = &run.bundle.objects()[1];
  image.file = "<stdin>";
  image.line = 15;
  image.column = 12;
  report::Location tag = locator.Where(image);
  EXPECT_EQ(tag.file, root + "/templates/deployment.yaml");
  EXPECT_EQ(tag.line, 0u);
  EXPECT_EQ(tag.rendered_line, 7u);
  EXPECT_EQ(locator.Where(run.bundle.objects()[1]).Display(),
            root + "/templates/deployment.yaml:2:1");

  // A `# Source:` that leaves the chart is never read, even when the file holds the line.
  std::string escape = "---\n# Source: shop/../" + root.substr(root.rfind('/') + 1) +
                       "_outside.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
  {
    std::ofstream t(root + "_outside.yaml");
    t << "apiVersion: v1\n";
  }
  CheckRun outside;
  outside.bundle.AddSource(Source::FromString("<stdin>", escape));
  outside.Check();
  OriginLocator guarded(outside.bundle, {.helm_root = root});
  report::Location at = guarded.Where(outside.bundle.objects()[0]);
  EXPECT_EQ(at.line, 0u);
  EXPECT_EQ(at.rendered_line, 1u);
  std::filesystem::remove(root + "_outside.yaml");
  std::filesystem::remove_all(root);
}

TEST(OriginLocator, HelmRootMapsTemplatesIntoTheChartDirectory) {
  CheckRun run;
  run.bundle.AddSource(Source::FromString("<stdin>", kHelmOutput));
  run.Check();
  OriginLocator locator(run.bundle, {.helm_root = "deploy/charts/shop"});
  EXPECT_EQ(locator.Where(run.Find("sec-privileged")).Display(),
            "deploy/charts/shop/templates/deployment.yaml (rendered line 9)");
}

TEST(OriginLocator, HelmInputErrorsAreShownInTheirTemplate) {
  CheckRun run;
  run.bundle.AddSource(Source::FromString(
      "<stdin>", "---\n# Source: shop/templates/bad.yaml\nkind: Pod\nmetadata: [\n"));
  run.Check();
  ASSERT_EQ(run.bundle.errors().size(), 1u);
  OriginLocator locator(run.bundle, {});
  report::Location loc = locator.Where(run.bundle.errors()[0]);
  EXPECT_EQ(loc.file, "shop/templates/bad.yaml");
  EXPECT_GT(loc.rendered_line, 0u);
}

TEST(OriginLocator, PlainFilesAreShownAsTheyAre) {
  CheckRun run;
  run.bundle.AddSource(Source::FromString(
      "pod.yaml",
      "kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: c:1\n"
      "    securityContext: {privileged: true}\n"));
  run.Check();
  OriginLocator locator(run.bundle, {});
  report::Location loc = locator.Where(run.Find("sec-privileged"));
  EXPECT_EQ(loc.Display(), "pod.yaml:7:35");
  EXPECT_FALSE(loc.Relocated());
}

class KustomizeLocator : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::chdir(GORI_SOURCE_DIR), 0);
    // What `kubectl kustomize tests/testdata/kustomize/overlay` prints (kept in testdata so
    // this test does not need kubectl; the integration test runs the real one).
    auto rendered = Source::Read("tests/testdata/kustomize/overlay.rendered.yaml");
    ASSERT_TRUE(rendered);
    std::string text(rendered.value()->bytes());
    run_.bundle.AddSource(Source::FromString(kKustomization, std::move(text)));
    run_.Check();
  }
  static constexpr const char* kDir = "tests/testdata/kustomize/overlay";
  static constexpr const char* kKustomization =
      "tests/testdata/kustomize/overlay/kustomization.yaml";
  CheckRun run_;
};

TEST_F(KustomizeLocator, ExactPositionInTheBaseFileWhenTheValueComesFromThere) {
  OriginLocator locator(run_.bundle, {});
  locator.AddKustomizeOutput(kKustomization, kDir, kKustomization);
  report::Location loc = locator.Where(run_.Find("sec-privileged"));
  EXPECT_EQ(loc.file, "tests/testdata/kustomize/base/deployment.yaml");
  EXPECT_EQ(loc.line, 19u);
  EXPECT_EQ(loc.column, 23u);
  EXPECT_EQ(loc.rendered_line, 0u);
  EXPECT_EQ(loc.Display(), "tests/testdata/kustomize/base/deployment.yaml:19:23");
  ASSERT_NE(loc.source, nullptr);
  EXPECT_EQ(loc.source->lines().Line(loc.source_line), "          privileged: true");
  EXPECT_EQ(loc.input_file, kKustomization);

  report::Location tag = locator.Where(run_.Find("sup-latest-tag"));
  EXPECT_EQ(tag.Display(), "tests/testdata/kustomize/base/deployment.yaml:17:16");
}

TEST_F(KustomizeLocator, FindingsOnAKeyAreExactInTheBaseFile) {
  OriginLocator locator(run_.bundle, {});
  locator.AddKustomizeOutput(kKustomization, kDir, kKustomization);
  // "sets neither runAsNonRoot ..." is reported at the container's `securityContext:` key.
  report::Location loc = locator.Where(run_.Find("sec-run-as-root"));
  EXPECT_EQ(loc.Display(), "tests/testdata/kustomize/base/deployment.yaml:18:9");
  ASSERT_NE(loc.source, nullptr);
  EXPECT_EQ(loc.source->lines().Line(loc.source_line), "        securityContext:");
}

TEST_F(KustomizeLocator, PatchedValuesFallBackToTheObjectWithTheRenderedLine) {
  OriginLocator locator(run_.bundle, {});
  locator.AddKustomizeOutput(kKustomization, kDir, kKustomization);
  // allowPrivilegeEscalation: true comes from overlay/replicas.yaml, not from the base.
  const rules::Finding& f = run_.Find("sec-privilege-escalation");
  report::Location loc = locator.Where(f);
  EXPECT_EQ(loc.file, "tests/testdata/kustomize/base/deployment.yaml");
  EXPECT_EQ(loc.line, 2u);
  EXPECT_EQ(loc.column, 1u);
  EXPECT_EQ(loc.rendered_line, f.line);
  EXPECT_EQ(loc.Display(), "tests/testdata/kustomize/base/deployment.yaml (rendered line " +
                               std::to_string(f.line) + ")");
}

TEST_F(KustomizeLocator, OverlayObjectsNameTheOverlayFile) {
  OriginLocator locator(run_.bundle, {});
  locator.AddKustomizeOutput(kKustomization, kDir, kKustomization);
  report::Location loc = locator.Where(run_.Find("sec-host-network"));
  EXPECT_EQ(loc.Display(), "tests/testdata/kustomize/overlay/debug-pod.yaml:6:16");
  for (const k8s::Object& o : run_.bundle.objects()) {
    if (o.kind() == "Pod") {
      EXPECT_EQ(locator.Where(o).Display(), "tests/testdata/kustomize/overlay/debug-pod.yaml:1:1");
    }
  }
}

TEST_F(KustomizeLocator, WithoutOriginAnnotationsTheKustomizationIsShownWithTheRenderedLine) {
  k8s::Bundle plain;
  std::string text(run_.bundle.files()[0].source->bytes());
  // Drop the annotations as a kustomization without buildMetadata would.
  std::string stripped;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end - pos + 1);
    pos = end + 1;
    if (line.find("annotations:") != std::string::npos ||
        line.find("config.kubernetes.io/origin") != std::string::npos ||
        line.find("      path: ") == 0) {
      continue;
    }
    stripped += line;
  }
  plain.AddSource(Source::FromString(kKustomization, stripped));
  plain.Finish();
  rules::Config config;
  rules::Engine engine(config);
  std::vector<rules::Finding> findings;
  engine.Run(plain.objects(), findings);
  OriginLocator locator(plain, {});
  locator.AddKustomizeOutput(kKustomization, kDir, kKustomization);
  ASSERT_FALSE(findings.empty());
  report::Location loc = locator.Where(findings[0]);
  EXPECT_EQ(loc.file, kKustomization);
  EXPECT_EQ(loc.line, 0u);
  EXPECT_EQ(loc.rendered_line, findings[0].line);
}

}  // namespace
}  // namespace gori::origin
