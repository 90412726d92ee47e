// src/webhook/reviewer.h
//
// One admission review, from body bytes to response bytes: parse the JSON (json module), read
// the AdmissionReview, decide, render. Decisions:
//   - DELETE and CONNECT: allowed without evaluation.
//   - exempt namespace, user or group (from the configuration): allowed, with an audit note.
//   - otherwise request.object is evaluated; violations at or above `deny_on` deny (403) with a
//     message naming each rule id and its fix; the rest become warnings (≤ 120 chars each).
//   - UPDATE: a violation that oldObject already had does not deny (the workload can still be
//     scaled or annotated); it is reported as a warning saying it predates the update. Two
//     violations are the same when rule, container and field path (list indexes ignored when a
//     container is named) agree. ValidatingAdmissionPolicy findings (vap/...) are exempt from
//     this: their expressions see oldObject and decide an UPDATE as the API server does.
//   - ValidatingAdmissionPolicy findings follow their binding's validationActions, not
//     `deny_on`: Deny denies, Warn is a warning with the API server's text (`Validation failed
//     for ValidatingAdmissionPolicy ...`, up to max_message_chars), Audit alone is neither.
//   - dryRun requests get the same answer.
// A body that is not JSON or not an AdmissionReview yields HTTP 400 with the reason.
// Thread-compatible: one Reviewer per worker thread (it reuses its buffers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "webhook/evaluator.h"
#include "webhook/metrics.h"

namespace gori::webhook {

struct ReviewPolicy {
  Severity deny_on = Severity::kHigh;
  std::vector<std::string> exempt_namespaces;
  std::vector<std::string> exempt_users;
  std::vector<std::string> exempt_groups;
  std::size_t max_warnings = 20;
  std::size_t max_warning_chars = 120;
  std::size_t max_message_chars = 4096;
};

struct ReviewResult {
  int http_status = 200;      // 200, or 400 for a body that is not an AdmissionReview
  std::string_view body;      // response JSON (200) or the reason (400); valid until next Review
  std::string_view decision;  // allowed, denied, exempt, skipped, error
  std::string_view log;       // one JSON line per decision (decision_log.h); empty on 400
};

class Reviewer {
 public:
  Reviewer(const Evaluator& evaluator, const ReviewPolicy& policy, Metrics* metrics)
      : evaluator_(evaluator), policy_(policy), metrics_(metrics) {}

  ReviewResult Review(std::string_view body);

 private:
  const Evaluator& evaluator_;
  const ReviewPolicy& policy_;
  Metrics* metrics_;
  // Large enough for the tree of a typical review; a larger one takes more blocks that the
  // next review gives back.
  static constexpr std::size_t kArenaBlockBytes = 64 * 1024;

  doc::LoadedFile file_;  // the current review's body and tree
  std::string out_;
  std::string log_;
  std::vector<rules::Finding> now_;
  std::vector<rules::Finding> before_;
};

// Cuts `s` to at most `max` bytes on a UTF-8 boundary, ending with "…" when cut.
std::string TruncateUtf8(std::string_view s, std::size_t max);

}  // namespace gori::webhook
