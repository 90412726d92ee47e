// src/webhook/admission.h
//
// The admission.k8s.io/v1 AdmissionReview envelope: reading a request out of a parsed JSON
// tree and writing the response. Reading validates what the webhook relies on (apiVersion, kind,
// uid, operation, object present for CREATE/UPDATE) and says precisely what is wrong, because
// the API server shows that text to whoever submitted the object. Views point into the tree.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "doc/node.h"

namespace gori::webhook {

struct AdmissionRequest {
  std::string_view uid;
  std::string_view group, version, kind;  // request.kind
  std::string_view resource;              // request.resource.resource
  std::string_view sub_resource;
  std::string_view name;
  std::string_view namespace_;
  std::string_view operation;  // CREATE, UPDATE, DELETE, CONNECT
  std::string_view username;
  std::vector<std::string_view> groups;
  const doc::Node* object = nullptr;      // null on DELETE
  const doc::Node* old_object = nullptr;  // UPDATE and DELETE
  bool dry_run = false;
};

// Reads `root` (the whole AdmissionReview). Errors name the offending field.
Result<AdmissionRequest> ReadAdmissionReview(const doc::Node* root);

struct AdmissionDecision {
  bool allowed = true;
  int code = 0;  // status.code when denied (403)
  std::string message;
  std::vector<std::string> warnings;
  std::vector<std::pair<std::string, std::string>> audit_annotations;
};

// Appends the response AdmissionReview JSON to `out`.
void WriteAdmissionResponse(std::string& out, std::string_view uid, const AdmissionDecision& d);

}  // namespace gori::webhook
