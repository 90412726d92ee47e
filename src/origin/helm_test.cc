#include "origin/helm.h"

#include <gtest/gtest.h>

namespace gori::origin {
namespace {

constexpr std::string_view kRendered =
    "---\n"                                       // 1
    "# Source: shop/templates/service.yaml\n"     // 2
    "apiVersion: v1\n"                            // 3
    "kind: Service\n"                             // 4
    "---\n"                                       // 5
    "# Source: shop/templates/deployment.yaml\n"  // 6
    "# extra comment\n"                           // 7
    "apiVersion: apps/v1\n"                       // 8
    "kind: Deployment\n"                          // 9
    "data: |\n"                                   // 10
    "  # Source: not/a/header.yaml\n"             // 11
    "---\n"                                       // 12
    "apiVersion: v1\n"                            // 13
    "kind: ConfigMap\n"                           // 14
    "# Source: too/late.yaml\n";                  // 15

TEST(HelmSources, ScansOneSegmentPerDocumentWithItsHeader) {
  auto segments = ScanHelmSources(kRendered);
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_EQ(segments[0].first_line, 1u);
  EXPECT_EQ(segments[0].source_line, 2u);
  EXPECT_EQ(segments[0].template_path, "shop/templates/service.yaml");
  EXPECT_EQ(segments[1].first_line, 5u);
  EXPECT_EQ(segments[1].source_line, 6u);
  EXPECT_EQ(segments[1].template_path, "shop/templates/deployment.yaml");
  // A "# Source:" after content is not a header.
  EXPECT_EQ(segments[2].first_line, 12u);
  EXPECT_EQ(segments[2].source_line, 0u);
}

TEST(HelmSources, RenderedLineCountsFromTheLineAfterTheHeader) {
  auto segments = ScanHelmSources(kRendered);
  auto p = FindHelmPosition(segments, 9);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->template_path, "shop/templates/deployment.yaml");
  EXPECT_EQ(p->rendered_line, 3u);
  p = FindHelmPosition(segments, 3);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->template_path, "shop/templates/service.yaml");
  EXPECT_EQ(p->rendered_line, 1u);
  EXPECT_FALSE(FindHelmPosition(segments, 2));   // the header itself
  EXPECT_FALSE(FindHelmPosition(segments, 13));  // document without a header
}

TEST(HelmSources, PlainManifestsHaveNoSegments) {
  EXPECT_TRUE(ScanHelmSources("apiVersion: v1\nkind: Pod\n").empty());
  EXPECT_TRUE(ScanHelmSources("").empty());
  // "# Source: " only inside content is not helm output.
  EXPECT_TRUE(ScanHelmSources("kind: Pod\n# Source: x.yaml\n").empty());
}

TEST(HelmSources, FirstDocumentMayOmitTheMarkerAndLinesMayEndInCrLf) {
  auto segments = ScanHelmSources("# Source: c/templates/a.yaml\r\nkind: Pod\r\n");
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].template_path, "c/templates/a.yaml");
  auto p = FindHelmPosition(segments, 2);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->rendered_line, 1u);
}

TEST(HelmSources, HelmRootReplacesTheChartName) {
  EXPECT_EQ(MapToHelmRoot("shop/templates/a.yaml", "deploy/chart"),
            "deploy/chart/templates/a.yaml");
  EXPECT_EQ(MapToHelmRoot("shop/templates/a.yaml", "deploy/chart/"),
            "deploy/chart/templates/a.yaml");
  EXPECT_EQ(MapToHelmRoot("shop/charts/redis/templates/r.yaml", "c"),
            "c/charts/redis/templates/r.yaml");
  EXPECT_EQ(MapToHelmRoot("shop/templates/a.yaml", ""), "shop/templates/a.yaml");
}

}  // namespace
}  // namespace gori::origin
