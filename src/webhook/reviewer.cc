#include "webhook/reviewer.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/source.h"
#include "doc/document.h"
#include "json/loader.h"
#include "webhook/admission.h"
#include "webhook/decision_log.h"

namespace gori::webhook {
namespace {

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Identity of a violation across object versions (see the header).
std::string Key(const rules::Finding& v) {
  std::string key(v.rule_id);
  key += '\x1f';
  key += v.container;
  key += '\x1f';
  if (v.container.empty()) {
    key += v.path;
  } else {
    for (std::size_t i = 0; i < v.path.size(); ++i) {
      if (v.path[i] == '[') {
        std::size_t close = v.path.find(']', i);
        if (close != std::string::npos) {
          key += "[]";
          i = close;
          continue;
        }
      }
      key += v.path[i];
    }
  }
  return key;
}

std::string Describe(const AdmissionRequest& r) {
  std::string s(r.kind);
  s += ' ';
  if (!r.namespace_.empty()) {
    s += r.namespace_;
    s += '/';
  }
  if (!r.name.empty()) {
    s += r.name;
  } else if (const doc::Node* md = r.object ? r.object->Get("metadata") : nullptr) {
    const doc::Node* gn = md->Get("generateName");
    s += gn && gn->AsString() ? std::string(*gn->AsString()) + "*" : std::string("(unnamed)");
  } else {
    s += "(unnamed)";
  }
  return s;
}

}  // namespace

std::string TruncateUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  static constexpr std::string_view kEllipsis = "\xe2\x80\xa6";  // …
  std::size_t cut = max >= kEllipsis.size() ? max - kEllipsis.size() : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out(s.substr(0, cut));
  out += kEllipsis;
  return out;
}

ReviewResult Reviewer::Review(std::string_view body) {
  out_.clear();
  // The tree of the previous review is dead: its arena block is reused, so a warmed-up
  // worker builds each tree in memory that is already mapped and cached.
  doc::LoadedFile& file = file_;
  file.documents.clear();
  if (file.arena) {
    file.arena->Reset();
  } else {
    file.arena = std::make_unique<Arena>(kArenaBlockBytes);
  }
  file.source = Source::CopyOf("AdmissionReview", body);
  if (auto st = json::Load(file); !st) {
    out_ = "malformed JSON: " + st.error().ToString() + "\n";
    if (metrics_) metrics_->errors.Add({"malformed_json"});
    return {400, out_, "error"};
  }
  const doc::Node* root = file.documents.empty() ? nullptr : file.documents.front().root;
  auto req = ReadAdmissionReview(root);
  if (!req) {
    out_ = "not an AdmissionReview: " + req.error().message + "\n";
    if (metrics_) metrics_->errors.Add({"not_admission_review"});
    return {400, out_, "error"};
  }

  AdmissionDecision d;
  DecisionRules decided;
  std::string_view decision = "allowed";
  if (req->operation == "DELETE" || req->operation == "CONNECT") {
    decision = "skipped";
  } else if (Contains(policy_.exempt_namespaces, req->namespace_) ||
             Contains(policy_.exempt_users, req->username) ||
             std::any_of(req->groups.begin(), req->groups.end(),
                         [&](std::string_view g) { return Contains(policy_.exempt_groups, g); })) {
    decision = "exempt";
    d.audit_annotations.emplace_back("decision", "exempt by gori webhook configuration");
  } else {
    now_.clear();
    before_.clear();
    doc::Document object;
    object.source = file.source.get();
    object.root = req->object;
    object.line = req->object->line();
    policy::Admission admission;
    admission.operation = req->operation;
    admission.old_object = req->operation == "UPDATE" ? req->old_object : nullptr;
    admission.request = root->Get("request");
    evaluator_.EvaluateAdmission(object, admission, now_);
    bool would_deny = std::any_of(now_.begin(), now_.end(), [&](const rules::Finding& v) {
      return v.severity >= policy_.deny_on;
    });
    std::vector<std::string> old_keys;
    if (would_deny && req->operation == "UPDATE" && req->old_object != nullptr) {
      doc::Document old;
      old.source = file.source.get();
      old.root = req->old_object;
      old.line = req->old_object->line();
      evaluator_.Evaluate(old, before_);
      for (const rules::Finding& v : before_) old_keys.push_back(Key(v));
    }
    std::string denial;
    std::string denied_rules;
    std::size_t denials = 0;
    std::size_t warnable = 0;
    for (const rules::Finding& v : now_) {
      if (metrics_) {
        metrics_->findings.Add({v.rule_id, SeverityName(v.severity)});
        for (std::string_view id : v.also_rules)
          metrics_->findings.Add({id, SeverityName(v.severity)});
      }
      // A ValidatingAdmissionPolicy decides an UPDATE with oldObject itself, as the API server.
      bool existed = !old_keys.empty() && !v.rule_id.starts_with("vap/") &&
                     std::find(old_keys.begin(), old_keys.end(), Key(v)) != old_keys.end();
      // A ValidatingAdmissionPolicy finding is enforced by its binding's validationActions, as
      // the API server does: Deny denies, Warn is the API server's warning text, Audit alone
      // neither (whatever the finding's severity).
      if (v.policy_actions != 0 && (v.policy_actions & 1) == 0) {
        if ((v.policy_actions & 2) == 0) continue;
        ++warnable;
        decided.warned.push_back(v.rule_id);
        if (d.warnings.size() < policy_.max_warnings) {
          d.warnings.push_back(TruncateUtf8(v.message, policy_.max_message_chars));
        }
        continue;
      }
      bool deny = v.policy_actions != 0 || v.severity >= policy_.deny_on;
      if (deny && !existed) {
        ++denials;
        if (denial.size() < policy_.max_message_chars) {
          fmt::format_to(std::back_inserter(denial), "\n- {} ({}): {}", v.rule_id,
                         SeverityName(v.severity), v.message);
          if (!v.remediation.empty())
            fmt::format_to(std::back_inserter(denial), "; fix: {}", v.remediation);
        }
        if (!denied_rules.empty()) denied_rules += ',';
        denied_rules.append(v.rule_id);
        decided.denied.push_back(v.rule_id);
        for (std::string_view id : v.also_rules) {
          denied_rules += ',';
          denied_rules.append(id);
          decided.denied.push_back(id);
        }
        continue;
      }
      ++warnable;
      decided.warned.push_back(v.rule_id);
      if (d.warnings.size() < policy_.max_warnings) {
        std::string w = fmt::format("{}: {}{}", v.rule_id, v.message,
                                    existed ? " (present before this update)" : "");
        d.warnings.push_back(TruncateUtf8(w, policy_.max_warning_chars));
      }
    }
    if (warnable > d.warnings.size() && !d.warnings.empty()) {
      d.warnings.back() = fmt::format("{} more findings: run gori check on the manifest",
                                      warnable - d.warnings.size() + 1);
    }
    if (denials > 0) {
      decision = "denied";
      d.allowed = false;
      d.code = 403;
      d.message = TruncateUtf8(
          fmt::format("gori denied {}: {} violation{} at or above {}:{}", Describe(*req), denials,
                      denials == 1 ? "" : "s", SeverityName(policy_.deny_on), denial),
          policy_.max_message_chars);
      d.audit_annotations.emplace_back("denied-rules", denied_rules);
    }
  }
  WriteAdmissionResponse(out_, req->uid, d);
  if (metrics_) metrics_->requests.Add({req->operation, req->kind, decision});
  WriteDecisionLog(*req, d.allowed, decision, decided, log_);
  return {200, out_, decision, log_};
}

}  // namespace gori::webhook
