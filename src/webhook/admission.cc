#include "webhook/admission.h"

#include "json/writer.h"

namespace gori::webhook {
namespace {

Result<std::string_view> RequiredString(const doc::Node* map, std::string_view key,
                                        std::string_view path) {
  const doc::Node* n = map->Get(key);
  if (n == nullptr) return Fail(std::string(path) + " is missing");
  auto s = n->AsString();
  if (!s) return Fail(std::string(path) + " must be a string");
  return *s;
}

std::string_view OptionalString(const doc::Node* map, std::string_view key) {
  if (map == nullptr) return {};
  const doc::Node* n = map->Get(key);
  if (n == nullptr) return {};
  return n->AsString().value_or(std::string_view());
}

}  // namespace

Result<AdmissionRequest> ReadAdmissionReview(const doc::Node* root) {
  if (root == nullptr || !root->IsMap()) return Fail("the body is not a JSON object");
  auto api_version = RequiredString(root, "apiVersion", "apiVersion");
  if (!api_version) return tl::unexpected(api_version.error());
  if (*api_version != "admission.k8s.io/v1") {
    return Fail("apiVersion must be admission.k8s.io/v1, got '" + std::string(*api_version) +
                "' (set admissionReviewVersions: [v1])");
  }
  auto kind = RequiredString(root, "kind", "kind");
  if (!kind) return tl::unexpected(kind.error());
  if (*kind != "AdmissionReview") {
    return Fail("kind must be AdmissionReview, got '" + std::string(*kind) + "'");
  }
  const doc::Node* req = root->Get("request");
  if (req == nullptr || !req->IsMap()) return Fail("request is missing or not an object");

  AdmissionRequest out;
  auto uid = RequiredString(req, "uid", "request.uid");
  if (!uid) return tl::unexpected(uid.error());
  if (uid->empty()) return Fail("request.uid is empty");
  out.uid = *uid;
  auto op = RequiredString(req, "operation", "request.operation");
  if (!op) return tl::unexpected(op.error());
  if (*op != "CREATE" && *op != "UPDATE" && *op != "DELETE" && *op != "CONNECT") {
    return Fail("request.operation must be CREATE, UPDATE, DELETE or CONNECT, got '" +
                std::string(*op) + "'");
  }
  out.operation = *op;
  const doc::Node* kind_node = req->Get("kind");
  if (kind_node == nullptr || !kind_node->IsMap()) {
    return Fail("request.kind is missing or not an object");
  }
  out.group = OptionalString(kind_node, "group");
  out.version = OptionalString(kind_node, "version");
  auto k = RequiredString(kind_node, "kind", "request.kind.kind");
  if (!k) return tl::unexpected(k.error());
  out.kind = *k;
  out.resource = OptionalString(req->Get("resource"), "resource");
  out.sub_resource = OptionalString(req, "subResource");
  out.name = OptionalString(req, "name");
  out.namespace_ = OptionalString(req, "namespace");
  if (const doc::Node* ui = req->Get("userInfo"); ui != nullptr && ui->IsMap()) {
    out.username = OptionalString(ui, "username");
    if (const doc::Node* groups = ui->Get("groups"); groups != nullptr) {
      for (const doc::Node* g : groups->items()) {
        if (auto s = g->AsString()) out.groups.push_back(*s);
      }
    }
  }
  if (const doc::Node* dr = req->Get("dryRun"); dr != nullptr) {
    out.dry_run = dr->AsBool().value_or(false);
  }
  auto object_of = [&](std::string_view key) -> const doc::Node* {
    const doc::Node* n = req->Get(key);
    return n != nullptr && n->IsMap() ? n : nullptr;
  };
  out.object = object_of("object");
  out.old_object = object_of("oldObject");
  if ((out.operation == "CREATE" || out.operation == "UPDATE") && out.object == nullptr) {
    return Fail("request.object must be an object for " + std::string(out.operation));
  }
  return out;
}

void WriteAdmissionResponse(std::string& out, std::string_view uid, const AdmissionDecision& d) {
  json::Writer w(out);
  w.BeginObject()
      .Member("apiVersion", "admission.k8s.io/v1")
      .Member("kind", "AdmissionReview")
      .Key("response")
      .BeginObject()
      .Member("uid", uid)
      .Member("allowed", d.allowed);
  if (!d.allowed) {
    w.Key("status").BeginObject().Member("code", d.code).Member("message", d.message).EndObject();
  }
  if (!d.warnings.empty()) {
    w.Key("warnings").BeginArray();
    for (const std::string& s : d.warnings) w.String(s);
    w.EndArray();
  }
  if (!d.audit_annotations.empty()) {
    w.Key("auditAnnotations").BeginObject();
    for (const auto& [k, v] : d.audit_annotations) w.Member(k, v);
    w.EndObject();
  }
  w.EndObject().EndObject();
}

}  // namespace gori::webhook
