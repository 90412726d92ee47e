#include "load/request.h"

#include <gtest/gtest.h>

#include "load/csv.h"
#include "load/json_path.h"

namespace gori::load {
namespace {

TEST(Template, CompilesSlotsAndRendersThem) {
  TemplateNames names{
      .columns = {"user", "card"}, .variables = {"tid"}, .variable_available = {true}};
  auto t = Template::Compile("u={{row.user}} n={{ rand_int 5 5 }} t={{tid}} id={{uuid}}", names);
  ASSERT_TRUE(t.has_value()) << t.error().message;
  EXPECT_FALSE(t->IsStatic());
  EXPECT_FALSE(t->FixedWidth());
  std::mt19937_64 rng(1);
  std::vector<std::string> row = {"kim", "4111"};
  std::vector<std::string> vars = {"T-9"};
  std::string out;
  t->Render({&rng, row, vars}, out);
  ASSERT_EQ(out.size(), std::string("u=kim n=5 t=T-9 id=").size() + 36);
  EXPECT_EQ(out.substr(0, 19), "u=kim n=5 t=T-9 id=");
  const std::string uuid = out.substr(19);
  EXPECT_EQ(uuid[8], '-');
  EXPECT_EQ(uuid[14], '4');
  EXPECT_TRUE(uuid[19] == '8' || uuid[19] == '9' || uuid[19] == 'a' || uuid[19] == 'b');
}

TEST(Template, CompileErrorsSayWhatIsAllowed) {
  TemplateNames names{.columns = {}, .variables = {"tid"}, .variable_available = {false}};
  EXPECT_EQ(Template::Compile("{{nope}}", names).error().message,
            "unknown template '{{nope}}' (use uuid, rand_int A B, row.COLUMN or a variable "
            "extracted by an earlier step)");
  EXPECT_EQ(Template::Compile("{{tid}}", names).error().message,
            "'{{tid}}' is used before any earlier step extracts it");
  EXPECT_EQ(Template::Compile("{{row.user}}", names).error().message,
            "'{{row.user}}': the scenario has no CSV data");
  EXPECT_EQ(Template::Compile("{{rand_int 9}}", names).error().message,
            "'{{rand_int 9}}': rand_int takes two integers, e.g. {{rand_int 1 100}}");
  EXPECT_EQ(Template::Compile("{{rand_int 9 1}}", names).error().message,
            "'{{rand_int 9 1}}': rand_int lower bound is above the upper bound");
  EXPECT_EQ(Template::Compile("a {{uuid", names).error().message,
            "unterminated '{{' at offset 2 in template");
}

TEST(CompiledRequest, StaticRequestIsRenderedOnce) {
  RequestParts p{.method = "POST",
                 .host_header = "127.0.0.1:8080",
                 .target = "/pay",
                 .headers = {{"content-type", "application/json"}},
                 .body = "{\"a\":1}"};
  auto r = CompiledRequest::Compile(p, {});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->shape(), CompiledRequest::Shape::kStatic);
  CompiledRequest::Scratch s;
  std::mt19937_64 rng(1);
  EXPECT_EQ(r->Render({&rng, {}, {}}, s),
            "POST /pay HTTP/1.1\r\nHost: 127.0.0.1:8080\r\ncontent-type: application/json\r\n"
            "Content-Length: 7\r\n\r\n{\"a\":1}");
  RequestParts get{.method = "GET", .host_header = "h", .target = "/", .headers = {}, .body = ""};
  EXPECT_EQ(CompiledRequest::Compile(get, {})->Render({&rng, {}, {}}, s),
            "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(CompiledRequest, UuidSlotsArePatchedInPlace) {
  RequestParts p{.method = "POST",
                 .host_header = "h",
                 .target = "/o/{{uuid}}",
                 .headers = {},
                 .body = "{\"id\":\"{{uuid}}\"}"};
  auto r = CompiledRequest::Compile(p, {});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->shape(), CompiledRequest::Shape::kPatched);
  CompiledRequest::Scratch s;
  std::mt19937_64 rng(5);
  const std::string first(r->Render({&rng, {}, {}}, s));
  const char* data = s.out.data();
  const std::string second(r->Render({&rng, {}, {}}, s));
  EXPECT_EQ(s.out.data(), data);  // same buffer, patched
  EXPECT_EQ(first.size(), second.size());
  EXPECT_NE(first, second);
  EXPECT_NE(first.find("Content-Length: 45\r\n"), std::string::npos);
  EXPECT_EQ(first.find("0000"), std::string::npos);
}

// A Scratch handed from one request to another (a scenario's steps, or a patched step after a
// general one) must not be patched at the other request's offsets: that wrote past the buffer.
TEST(CompiledRequest, ScratchSharedBetweenRequestsIsPrimedAgain) {
  TemplateNames names{.columns = {"user"}, .variables = {}, .variable_available = {}};
  RequestParts small{
      .method = "GET", .host_header = "h", .target = "/{{uuid}}", .headers = {}, .body = ""};
  RequestParts large{.method = "POST",
                     .host_header = "h",
                     .target = "/a/{{uuid}}/b",
                     .headers = {{"x-id", "{{uuid}}"}},
                     .body = "{\"id\":\"{{uuid}}\",\"n\":1}"};
  RequestParts general{
      .method = "GET", .host_header = "h", .target = "/{{row.user}}", .headers = {}, .body = ""};
  auto a = CompiledRequest::Compile(small, names);
  auto b = CompiledRequest::Compile(large, names);
  auto g = CompiledRequest::Compile(general, names);
  ASSERT_TRUE(a && b && g);
  ASSERT_EQ(b->shape(), CompiledRequest::Shape::kPatched);
  std::vector<std::string> row = {"kim"};
  std::mt19937_64 rng(3);
  CompiledRequest::Scratch s;
  const std::string first(a->Render({&rng, row, {}}, s));
  EXPECT_EQ(first.size(), std::string("GET / HTTP/1.1\r\nHost: h\r\n\r\n").size() + 36);
  const std::string second(b->Render({&rng, row, {}}, s));
  EXPECT_TRUE(second.starts_with("POST /a/")) << second;
  EXPECT_NE(second.find("Content-Length: 51\r\n"), std::string::npos) << second;
  EXPECT_EQ(g->Render({&rng, row, {}}, s), "GET /kim HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string third(b->Render({&rng, row, {}}, s));
  EXPECT_EQ(third.size(), second.size());
  EXPECT_TRUE(third.starts_with("POST /a/")) << third;
  EXPECT_EQ(third.find("0000"), std::string::npos);
}

TEST(CompiledRequest, GeneralShapeComputesLengthAndEscapes) {
  TemplateNames names{.columns = {"user"}, .variables = {}, .variable_available = {}};
  RequestParts p{.method = "PUT",
                 .host_header = "h",
                 .target = "/u/{{row.user}}",
                 .headers = {{"x-user", "{{row.user}}"}},
                 .body = "{{row.user}}"};
  auto r = CompiledRequest::Compile(p, names);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->shape(), CompiledRequest::Shape::kGeneral);
  std::vector<std::string> row = {"a b\r\nX: y"};
  CompiledRequest::Scratch s;
  std::mt19937_64 rng(1);
  EXPECT_EQ(r->Render({&rng, row, {}}, s),
            "PUT /u/a%20b%0D%0AX:%20y HTTP/1.1\r\nHost: h\r\nx-user: a b  X: y\r\n"
            "Content-Length: 9\r\n\r\na b\r\nX: y");
}

TEST(CompiledRequest, RejectsHeadersGoriComputes) {
  RequestParts p{.method = "GET",
                 .host_header = "h",
                 .target = "/",
                 .headers = {{"Content-Length", "5"}},
                 .body = ""};
  EXPECT_EQ(CompiledRequest::Compile(p, {}).error().message,
            "header 'Content-Length' is computed by gori; remove it");
  p.headers = {{"bad name", "x"}};
  EXPECT_EQ(CompiledRequest::Compile(p, {}).error().message, "invalid header name 'bad name'");
  p.headers = {};
  p.target = "nope";
  EXPECT_EQ(CompiledRequest::Compile(p, {}).error().message,
            "invalid path 'nope': must start with '/'");
  p.target = "/";
  p.method = "G T";
  EXPECT_EQ(CompiledRequest::Compile(p, {}).error().message, "invalid method 'G T'");
}

TEST(Csv, ParsesQuotedFieldsAndReportsBadRecords) {
  auto d = ParseCsv("user,note\r\nkim,\"a, \"\"b\"\"\"\nlee,plain\n\n", "u.csv");
  ASSERT_TRUE(d.has_value()) << d.error().message;
  EXPECT_EQ(d->columns, (std::vector<std::string>{"user", "note"}));
  ASSERT_EQ(d->rows.size(), 2u);
  EXPECT_EQ(d->rows[0][1], "a, \"b\"");
  EXPECT_EQ(d->rows[1][0], "lee");
  EXPECT_EQ(ParseCsv("a,b\n1\n", "u.csv").error().ToString(),
            "u.csv:2:1: CSV record has 1 fields, the header has 2");
  EXPECT_EQ(ParseCsv("a\n\"x\n", "u.csv").error().ToString(),
            "u.csv:2:1: unterminated quoted CSV field");
  EXPECT_EQ(ParseCsv("a\n", "u.csv").error().ToString(), "u.csv:1:1: CSV data has no rows");
}

TEST(JsonPath, CompilesToPointersAndLooksUpValues) {
  auto p = ParseJsonPath("$.data.items[1].id");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->pointer, "/data/items/1/id");
  EXPECT_EQ(ParseJsonPath("data.id").error().message,
            "invalid JSON path 'data.id': must start with '$' (e.g. $.data.id)");
  EXPECT_EQ(ParseJsonPath("$.a[x]").error().message,
            "invalid JSON path '$.a[x]': expected [INDEX]");
  JsonProbe probe;
  ASSERT_TRUE(probe.Parse(R"({"data":{"items":[{"id":1},{"id":"t\"2"}],"n":12.5,"ok":true}})"));
  std::string out;
  ASSERT_TRUE(probe.Lookup(*p, out));
  EXPECT_EQ(out, "t\"2");
  ASSERT_TRUE(probe.Lookup(*ParseJsonPath("$.data.n"), out));
  EXPECT_EQ(out, "12.5");
  ASSERT_TRUE(probe.Lookup(*ParseJsonPath("$.data.items[0]"), out));
  EXPECT_EQ(out, "{\"id\":1}");
  EXPECT_FALSE(probe.Lookup(*ParseJsonPath("$.data.missing"), out));
  EXPECT_FALSE(probe.Parse("not json"));
  EXPECT_FALSE(probe.Lookup(*p, out));
}

}  // namespace
}  // namespace gori::load
