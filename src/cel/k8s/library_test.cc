// src/cel/k8s/library_test.cc
#include "cel/k8s/library.h"

#include <gtest/gtest.h>

#include "cel/cel.h"

namespace gori::cel {
namespace {

std::string EvalText(std::string_view expr, int minor = kLatestKubernetesMinor) {
  Env env;
  env.kubernetes_minor = minor;
  auto p = Compile(expr, env);
  if (!p) return "compile error: " + p.error().message;
  Evaluator ev;
  return DebugString(ev.Eval(*p, {}));
}

TEST(CelKubernetes, Quantities) {
  EXPECT_EQ(EvalText("quantity('1Gi').isGreaterThan(quantity('1G'))"), "true");
  EXPECT_EQ(EvalText("quantity('500m').add(quantity('1.5')).asInteger()"), "2");
  EXPECT_EQ(EvalText("quantity('1.5').isInteger()"), "false");
  EXPECT_EQ(EvalText("quantity('2').compareTo(quantity('2000m'))"), "0");
  EXPECT_EQ(EvalText("isQuantity('1Zi')"), "false");
  EXPECT_EQ(EvalText("quantity('1n').sign()"), "1");
}

TEST(CelKubernetes, Urls) {
  EXPECT_EQ(EvalText("url('https://example.com:8080/a%20b?x=1&x=2').getPort()"), "\"8080\"");
  EXPECT_EQ(EvalText("url('https://[::1]:80/').getHostname()"), "\"::1\"");
  EXPECT_EQ(EvalText("url('https://e.com/p?x=1&x=2&y=').getQuery()"),
            "{\"x\": [\"1\", \"2\"], \"y\": [\"\"]}");
  EXPECT_EQ(EvalText("isURL('not a url')"), "false");
}

TEST(CelKubernetes, Semver) {
  EXPECT_EQ(EvalText("semver('1.2.3-alpha.1').isLessThan(semver('1.2.3'))"), "true");
  EXPECT_EQ(EvalText("semver('v1.2', true).minor()"), "2");
  EXPECT_EQ(EvalText("isSemver('1.02.3')"), "false");
}

TEST(CelKubernetes, Formats) {
  EXPECT_EQ(EvalText("format.dns1123Label().validate('my-name')"), "optional.none()");
  EXPECT_EQ(EvalText("format.named('labelValue').value().validate('a b').hasValue()"), "true");
  EXPECT_EQ(EvalText("format.named('nope')"), "optional.none()");
}

TEST(CelKubernetes, LibrariesFollowTheKubernetesVersion) {
  EXPECT_EQ(EvalText("ip('10.0.0.1').family()", 30),
            "compile error: undeclared reference to 'ip' (in container '')");
  EXPECT_EQ(EvalText("ip('10.0.0.1').family()", 31), "4");
  EXPECT_EQ(EvalText("{'a': 1}.?a.hasValue()", 28),
            "compile error: optional syntax needs Kubernetes 1.29 or later");
}

TEST(CelKubernetes, AuthorizerIsAStub) {
  Env env;
  env.variables = {"authorizer"};
  auto p =
      Compile("authorizer.group('apps').resource('deployments').check('create').allowed()", env);
  ASSERT_TRUE(p) << p.error().message;
  Evaluator ev;
  Value deny = AuthorizerValue(AuthorizerStub::kDeny);
  Value allow = AuthorizerValue(AuthorizerStub::kAllow);
  EXPECT_TRUE(IsAuthorizerValue(deny));
  EXPECT_EQ(DebugString(ev.Eval(*p, {&deny, 1})), "false");
  EXPECT_EQ(DebugString(ev.Eval(*p, {&allow, 1})), "true");
}

// Where the API server's libraries (cel-go, apimachinery) answer in their own way, gori answers
// the same: the cases Kubernetes' library tests pin down.
TEST(CelKubernetes, AnswersAsKubernetesLibraryTestsExpect) {
  EXPECT_EQ(EvalText("format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-')"),
            "optional.none()");  // apimachinery's maskTrailingDash
  EXPECT_EQ(EvalText("url('https://example.com/with space/').getEscapedPath()"),
            "\"/with%20space/\"");
  EXPECT_EQ(EvalText("url('https://e.com/?k=a&k=b#frag').getQuery()"), "{\"k\": [\"a\", \"b\"]}");
  EXPECT_EQ(EvalText("isURL('https://a:b:c/')"), "false");
  EXPECT_EQ(EvalText("isURL('https://exa mple.com/')"), "false");
  EXPECT_EQ(EvalText("duration('1h2m3s4ms').getMilliseconds()"), "3723004");
  EXPECT_EQ(EvalText("semver('v1.0')"), "error(No Major.Minor.Patch elements found)");
  EXPECT_EQ(EvalText("semver('1.x.0')"), "error(Invalid character(s) found in minor number \"x\")");
  EXPECT_EQ(EvalText("[].min()"), "error(min called on empty list)");
  EXPECT_EQ(EvalText("quantity('10Mm')"), "error(unable to parse quantity's suffix)");
  EXPECT_EQ(EvalText("ip('fe80::1%eth0')"),
            "error(IP address \"fe80::1%eth0\" with zone value is not allowed)");
  EXPECT_EQ(EvalText("isSemver([1, 2, 3])"),
            "compile error: found no matching overload for 'isSemver' applied to '(list(int))'");
  EXPECT_EQ(EvalText("'hello'.charAt(true)"),
            "compile error: found no matching overload for 'charAt' applied to 'string.(bool)'");
  EXPECT_EQ(EvalText("'taco'.reverse()"),
            "compile error: found no matching overload for 'reverse' applied to 'string.()'");
  EXPECT_EQ(EvalText("[1, 2].reverse()", 34),
            "compile error: undeclared reference to 'reverse' (in container '')");
  EXPECT_EQ(EvalText("{'a': 1}.true"),
            "compile error: Syntax error: mismatched input 'true' expecting IDENTIFIER");
}

}  // namespace
}  // namespace gori::cel
