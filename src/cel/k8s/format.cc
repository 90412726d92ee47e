// src/cel/k8s/format.cc
//
// Kubernetes' format library (new expressions from 1.32): format.named(name) (optional of a
// format), format.dns1123Label() and the other named formats, and `.validate(value)` which
// returns optional.none() when the value is valid, else an optional list of messages worded
// like the API server's validation errors.
#include <string>
#include <vector>

#include "cel/functions.h"
#include "cel/lib_util.h"
#include "cel/time_util.h"

namespace gori::cel {
namespace {

constexpr uint16_t kSince = 32;

enum class Fmt : uint8_t {
  kDns1123Label,
  kDns1123Subdomain,
  kDns1035Label,
  kQualifiedName,
  kDns1123LabelPrefix,
  kDns1123SubdomainPrefix,
  kDns1035LabelPrefix,
  kLabelValue,
  kUri,
  kUuid,
  kByte,
  kDate,
  kDatetime,
};

struct Named {
  std::string_view name;
  Fmt fmt;
};
constexpr Named kNames[] = {
    {"dns1123Label", Fmt::kDns1123Label},
    {"dns1123Subdomain", Fmt::kDns1123Subdomain},
    {"dns1035Label", Fmt::kDns1035Label},
    {"qualifiedName", Fmt::kQualifiedName},
    {"dns1123LabelPrefix", Fmt::kDns1123LabelPrefix},
    {"dns1123SubdomainPrefix", Fmt::kDns1123SubdomainPrefix},
    {"dns1035LabelPrefix", Fmt::kDns1035LabelPrefix},
    {"labelValue", Fmt::kLabelValue},
    {"uri", Fmt::kUri},
    {"uuid", Fmt::kUuid},
    {"byte", Fmt::kByte},
    {"date", Fmt::kDate},
    {"datetime", Fmt::kDatetime},
};

struct FormatData {
  Fmt fmt;
};

bool FEqual(const void* a, const void* b) {
  return static_cast<const FormatData*>(a)->fmt == static_cast<const FormatData*>(b)->fmt;
}
const OpaqueType kFormatType{"kubernetes.NamedFormat", FEqual, nullptr};

bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alnum(char c) { return Lower(c) || Digit(c); }
bool AnyAlnum(char c) { return Alnum(c) || (c >= 'A' && c <= 'Z'); }

bool Label(std::string_view s, bool start_alpha) {
  if (s.empty()) return false;
  if (start_alpha ? !Lower(s[0]) : !Alnum(s[0])) return false;
  if (!Alnum(s.back())) return false;
  for (char c : s) {
    if (!Alnum(c) && c != '-') return false;
  }
  return true;
}

bool Subdomain(std::string_view s) {
  if (s.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = s.find('.', start);
    std::string_view part =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    bool last = dot == std::string_view::npos;
    if (!Label(part, false)) return false;
    if (last) return true;
    start = dot + 1;
  }
}

bool NamePart(std::string_view s) {
  if (s.empty() || s.size() > 63 || !AnyAlnum(s[0]) || !AnyAlnum(s.back())) return false;
  for (char c : s) {
    if (!AnyAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::vector<std::string> Validate(Fmt f, std::string_view s) {
  std::vector<std::string> errs;
  // The *Prefix formats validate a name a suffix will be appended to as Kubernetes' name
  // validation does: a trailing dash is masked by replacing the last two characters with 'a'
  // (apimachinery's maskTrailingDash, quirk included), then the name is checked as a whole.
  std::string masked;
  if ((f == Fmt::kDns1123LabelPrefix || f == Fmt::kDns1123SubdomainPrefix ||
       f == Fmt::kDns1035LabelPrefix) &&
      s.size() > 1 && s.back() == '-') {
    masked = std::string(s.substr(0, s.size() - 2)) + "a";
    s = masked;
  }
  const std::string label_msg =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
      "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
      "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const std::string sub_msg =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
      "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
      "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const std::string dns1035_msg =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
      "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
      "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  switch (f) {
    case Fmt::kDns1123Label:
    case Fmt::kDns1123LabelPrefix:
      if (s.size() > 63) errs.push_back("must be no more than 63 characters");
      if (!Label(s, false)) errs.push_back(label_msg);
      break;
    case Fmt::kDns1035Label:
    case Fmt::kDns1035LabelPrefix:
      if (s.size() > 63) errs.push_back("must be no more than 63 characters");
      if (!Label(s, true)) errs.push_back(dns1035_msg);
      break;
    case Fmt::kDns1123Subdomain:
    case Fmt::kDns1123SubdomainPrefix:
      if (s.size() > 253) errs.push_back("must be no more than 253 characters");
      if (!Subdomain(s)) errs.push_back(sub_msg);
      break;
    case Fmt::kQualifiedName: {
      std::size_t slash = s.find('/');
      std::string_view name = slash == std::string_view::npos ? s : s.substr(slash + 1);
      if (slash != std::string_view::npos) {
        std::string_view pre = s.substr(0, slash);
        if (pre.empty())
          errs.push_back("prefix part must be non-empty");
        else if (pre.size() > 253 || !Subdomain(pre))
          errs.push_back("prefix part " + sub_msg);
      }
      if (name.empty()) {
        errs.push_back("name part must be non-empty");
      } else if (!NamePart(name)) {
        errs.push_back(name.size() > 63
                           ? "name part must be no more than 63 characters"
                           : "name part must consist of alphanumeric characters, '-', '_' or '.', "
                             "and must start and end with an alphanumeric character (e.g. "
                             "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                             "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
      }
      break;
    }
    case Fmt::kLabelValue:
      if (s.size() > 63) errs.push_back("must be no more than 63 characters");
      if (!s.empty() && !NamePart(s.substr(0, 63))) {
        errs.push_back(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
            "or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            "'my_value',  or '12345', regex used for validation is "
            "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
      }
      break;
    case Fmt::kUri: {
      std::size_t colon = s.find(':');
      bool ok =
          colon != std::string_view::npos && colon > 0 && s.find(' ') == std::string_view::npos;
      for (std::size_t i = 0; ok && i < colon; ++i)
        ok = AnyAlnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.';
      if (!ok && !(s.size() > 0 && s[0] == '/')) errs.push_back("invalid URI");
      break;
    }
    case Fmt::kUuid: {
      bool ok = s.size() == 36;
      for (std::size_t i = 0; ok && i < 36; ++i) {
        char c = s[i];
        ok = (i == 8 || i == 13 || i == 18 || i == 23)
                 ? c == '-'
                 : (Digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
      }
      if (!ok) errs.push_back("does not match the UUID format");
      break;
    }
    case Fmt::kByte: {
      bool ok = s.size() % 4 == 0;
      for (std::size_t i = 0; ok && i < s.size(); ++i) {
        char c = s[i];
        ok = AnyAlnum(c) || c == '+' || c == '/' || (c == '=' && i + 2 >= s.size());
      }
      if (!ok) errs.push_back("invalid base64");
      break;
    }
    case Fmt::kDate:
      if (!ParseTimestamp(std::string(s) + "T00:00:00Z") || s.size() != 10)
        errs.push_back("invalid date");
      break;
    case Fmt::kDatetime:
      if (!ParseTimestamp(s)) errs.push_back("invalid datetime");
      break;
  }
  return errs;
}

Value MakeFormat(EvalContext& ctx, Fmt f) {
  return ctx.NewOpaque(&kFormatType, ctx.arena().New<FormatData>(FormatData{f}));
}

Value NamedFn(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kString) return ctx.NoOverload(c);
  for (const Named& n : kNames) {
    if (n.name == a[0].str()) return ctx.Some(MakeFormat(ctx, n.fmt));
  }
  return Value::None();
}

template <Fmt kFmt>
Value Direct(EvalContext& ctx, const Expr&, const Value*, uint32_t) {
  return MakeFormat(ctx, kFmt);
}

Value ValidateFn(EvalContext& ctx, const Expr& c, const Value* a, uint32_t) {
  if (a[0].kind != Kind::kOpaque || a[0].otype() != &kFormatType || a[1].kind != Kind::kString) {
    return ctx.NoOverload(c);
  }
  auto errs = Validate(static_cast<const FormatData*>(a[0].opaque_data())->fmt, a[1].str());
  if (errs.empty()) return Value::None();
  return ctx.Some(MakeStringList(ctx, errs));
}

constexpr FunctionDef kFormat[] = {
    {"format.named", false, 1, NamedFn, kSince, "k8s.format"},
    {"format.dns1123Label", false, 0, Direct<Fmt::kDns1123Label>, kSince, "k8s.format"},
    {"format.dns1123Subdomain", false, 0, Direct<Fmt::kDns1123Subdomain>, kSince, "k8s.format"},
    {"format.dns1035Label", false, 0, Direct<Fmt::kDns1035Label>, kSince, "k8s.format"},
    {"format.qualifiedName", false, 0, Direct<Fmt::kQualifiedName>, kSince, "k8s.format"},
    {"format.dns1123LabelPrefix", false, 0, Direct<Fmt::kDns1123LabelPrefix>, kSince, "k8s.format"},
    {"format.dns1123SubdomainPrefix", false, 0, Direct<Fmt::kDns1123SubdomainPrefix>, kSince,
     "k8s.format"},
    {"format.dns1035LabelPrefix", false, 0, Direct<Fmt::kDns1035LabelPrefix>, kSince, "k8s.format"},
    {"format.labelValue", false, 0, Direct<Fmt::kLabelValue>, kSince, "k8s.format"},
    {"format.uri", false, 0, Direct<Fmt::kUri>, kSince, "k8s.format"},
    {"format.uuid", false, 0, Direct<Fmt::kUuid>, kSince, "k8s.format"},
    {"format.byte", false, 0, Direct<Fmt::kByte>, kSince, "k8s.format"},
    {"format.date", false, 0, Direct<Fmt::kDate>, kSince, "k8s.format"},
    {"format.datetime", false, 0, Direct<Fmt::kDatetime>, kSince, "k8s.format"},
    {"validate", true, 2, ValidateFn, kSince, "k8s.format"},
};

}  // namespace

std::span<const FunctionDef> FormatFunctions() { return kFormat; }

}  // namespace gori::cel
