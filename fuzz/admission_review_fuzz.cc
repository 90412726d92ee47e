// Fuzzes the admission handler with the real rule engine: any bytes must give HTTP 200 with a
// well-formed AdmissionReview response or 400 with a reason; never a crash or a hang.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/source.h"
#include "doc/document.h"
#include "guard/guard.h"
#include "json/loader.h"
#include "rules/config.h"
#include "webhook/engine_evaluator.h"
#include "webhook/reviewer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const gori::guard::Guard guard{gori::rules::Config()};
  static const gori::webhook::EngineEvaluator evaluator(guard);
  static const gori::webhook::ReviewPolicy policy;
  static gori::webhook::Reviewer reviewer(evaluator, policy, nullptr);
  std::string_view body(reinterpret_cast<const char*>(data), size);
  gori::webhook::ReviewResult r = reviewer.Review(body);
  if (r.body.empty()) std::abort();
  if (r.http_status == 400) return 0;
  if (r.http_status != 200) std::abort();
  gori::doc::LoadedFile out;
  out.source = gori::Source::FromString("response", std::string(r.body));
  if (!gori::json::Load(out)) std::abort();
  const gori::doc::Node* response = out.documents.front().root->Get("response");
  if (response == nullptr || response->Get("allowed") == nullptr) std::abort();
  return 0;
}
