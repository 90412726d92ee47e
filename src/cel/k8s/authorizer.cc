// src/cel/k8s/authorizer.cc
//
// A stub of Kubernetes' authorizer library (new expressions from 1.28). Offline there is no
// RBAC to ask, so every check() decides the way the caller chose (allow, deny or error) and
// the decision says so in its reason. The builder calls (group, resource, subresource,
// namespace, name, path, serviceAccount, fieldSelector, labelSelector) are accepted and
// ignored; allowed(), reason(), errored() and error() read the decision.
#include <string>

#include "cel/functions.h"
#include "cel/k8s/library.h"
#include "cel/lib_util.h"

namespace gori::cel {
namespace {

constexpr uint16_t kSince = 28;

struct Authz {
  AuthorizerStub mode;
  bool decided;
};

bool AEqual(const void* a, const void* b) { return a == b; }
const OpaqueType kAuthorizerType{"kubernetes.authorization.Authorizer", AEqual, nullptr};
const OpaqueType kDecisionType{"kubernetes.authorization.Decision", AEqual, nullptr};

const Authz* AsAuthz(const Value& v) {
  if (v.kind != Kind::kOpaque || (v.otype() != &kAuthorizerType && v.otype() != &kDecisionType))
    return nullptr;
  return static_cast<const Authz*>(v.opaque_data());
}

Value Builder(EvalContext& ctx, const Expr& c, const Value* a, uint32_t n) {
  const Authz* z = AsAuthz(a[0]);
  if (!z || z->decided) return ctx.NoOverload(c);
  for (uint32_t i = 1; i < n; ++i) {
    if (a[i].kind != Kind::kString) return ctx.NoOverload(c);
  }
  return a[0];
}

Value Check(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Authz* z = AsAuthz(a[0]);
  if (!z || z->decided || a[1].kind != Kind::kString) return ctx.NoOverload(c);
  return ctx.NewOpaque(&kDecisionType, ctx.arena().New<Authz>(Authz{z->mode, true}));
}

template <int kOp>
Value Read(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  const Authz* z = AsAuthz(a[0]);
  if (!z || !z->decided) return ctx.NoOverload(c);
  switch (kOp) {
    case 0:
      return Value::Bool(z->mode == AuthorizerStub::kAllow);
    case 1:
      return Value::String("authorizer stubbed by gori (no cluster RBAC offline)");
    case 2:
      return Value::Bool(z->mode == AuthorizerStub::kError);
    default:
      return Value::String(z->mode == AuthorizerStub::kError ? "authorizer stubbed by gori: error"
                                                             : "");
  }
}

constexpr FunctionDef kAuthorizer[] = {
    {"group", true, 2, Builder, kSince, "k8s.authz"},
    {"resource", true, 2, Builder, kSince, "k8s.authz"},
    {"subresource", true, 2, Builder, kSince, "k8s.authz"},
    {"namespace", true, 2, Builder, kSince, "k8s.authz"},
    {"name", true, 2, Builder, kSince, "k8s.authz"},
    {"path", true, 2, Builder, kSince, "k8s.authz"},
    {"serviceAccount", true, 3, Builder, kSince, "k8s.authz"},
    {"fieldSelector", true, 2, Builder, 32, "k8s.authz"},
    {"labelSelector", true, 2, Builder, 32, "k8s.authz"},
    {"check", true, 2, Check, kSince, "k8s.authz"},
    {"allowed", true, 1, Read<0>, kSince, "k8s.authz"},
    {"reason", true, 1, Read<1>, kSince, "k8s.authz"},
    {"errored", true, 1, Read<2>, kSince, "k8s.authz"},
    {"error", true, 1, Read<3>, kSince, "k8s.authz"},
};

const Authz kModes[] = {{AuthorizerStub::kAllow, false},
                        {AuthorizerStub::kDeny, false},
                        {AuthorizerStub::kError, false}};
const OpaqueBox kBoxes[] = {
    {&kAuthorizerType, &kModes[0]}, {&kAuthorizerType, &kModes[1]}, {&kAuthorizerType, &kModes[2]}};

}  // namespace

Value AuthorizerValue(AuthorizerStub mode) {
  return Value::Opaque(&kBoxes[static_cast<int>(mode)]);
}

bool IsAuthorizerValue(const Value& v) { return AsAuthz(v) != nullptr; }

std::span<const FunctionDef> AuthorizerFunctions() { return kAuthorizer; }

}  // namespace gori::cel
