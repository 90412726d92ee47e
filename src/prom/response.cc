#include "prom/response.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "base/source.h"
#include "doc/document.h"
#include "json/loader.h"

namespace gori::prom {
namespace {

using doc::Node;

tl::unexpected<Error> Bad(std::string what) {
  return Fail("prometheus: malformed response: " + std::move(what));
}

Result<Sample> DecodeSample(const Node* pair) {
  if (!pair->IsSeq() || pair->size() != 2) return Bad("a sample is not [time, \"value\"]");
  const Node* t = pair->items()[0];
  const Node* v = pair->items()[1];
  const auto seconds = t->IsNumber() ? t->AsDouble() : std::nullopt;
  if (!seconds || !std::isfinite(*seconds) || std::fabs(*seconds) > 1e13) {
    return Bad("a sample time is not a number of seconds");
  }
  const auto text = v->AsString();
  if (!text) return Bad("a sample value is not a string");
  auto value = ParseSampleValue(*text);
  if (!value) return tl::unexpected(value.error());
  return Sample{static_cast<int64_t>(std::llround(*seconds * 1000)), *value};
}

Result<Series> DecodeSeries(const Node* item, bool matrix) {
  if (!item->IsMap()) return Bad("a result item is not an object");
  Series s;
  if (const Node* metric = item->Get("metric"); metric != nullptr) {
    if (!metric->IsMap()) return Bad("\"metric\" is not an object");
    for (const auto& p : metric->pairs()) {
      const auto value = p.value->AsString();
      if (!value) return Bad("a label value is not a string");
      s.labels.emplace_back(std::string(p.key->text()), std::string(*value));
    }
    std::sort(s.labels.begin(), s.labels.end());
  }
  if (matrix) {
    const Node* values = item->Get("values");
    if (values == nullptr || !values->IsSeq()) return Bad("a matrix series has no \"values\"");
    s.samples.reserve(values->size());
    for (const Node* v : values->items()) {
      auto sample = DecodeSample(v);
      if (!sample) return tl::unexpected(sample.error());
      if (!s.samples.empty() && sample->t_ms <= s.samples.back().t_ms) {
        return Bad("sample times are not increasing");
      }
      s.samples.push_back(*sample);
    }
  } else {
    const Node* value = item->Get("value");
    if (value == nullptr) return Bad("a vector item has no \"value\"");
    auto sample = DecodeSample(value);
    if (!sample) return tl::unexpected(sample.error());
    s.samples.push_back(*sample);
  }
  return s;
}

}  // namespace

std::string_view Series::Label(std::string_view name) const {
  for (const auto& [k, v] : labels) {
    if (k == name) return v;
  }
  return {};
}

Result<double> ParseSampleValue(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  const bool numeric_start =
      !text.empty() && (text[0] == '-' || text[0] == '.' || (text[0] >= '0' && text[0] <= '9'));
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (!numeric_start || ec != std::errc() || ptr != end || !std::isfinite(v)) {
    return Bad(fmt::format("sample value \"{}\" is not a number", text.substr(0, 40)));
  }
  return v;
}

Result<QueryResult> DecodeResponse(int http_status, std::string_view body) {
  doc::LoadedFile file;
  file.source = Source::CopyOf("prometheus response", body);
  if (auto s = json::Load(file); !s || file.documents.empty() || !file.documents[0].root) {
    if (http_status / 100 != 2) {
      return Fail(
          fmt::format("prometheus: HTTP {} with a body that is not an API response", http_status));
    }
    return Bad(s ? "empty body" : s.error().ToString());
  }
  const Node* root = file.documents[0].root;
  if (!root->IsMap()) return Bad("the body is not a JSON object");
  const Node* status = root->Get("status");
  const auto status_text = status ? status->AsString() : std::nullopt;
  if (!status_text) return Bad("no \"status\"");
  if (*status_text != "success") {
    const Node* type = root->Get("errorType");
    const Node* error = root->Get("error");
    return Fail(fmt::format("prometheus: HTTP {}: {}: {}", http_status,
                            type && type->AsString() ? *type->AsString() : "error",
                            error && error->AsString() ? *error->AsString() : "(no message)"));
  }
  if (http_status / 100 != 2) return Fail(fmt::format("prometheus: HTTP {}", http_status));
  QueryResult out;
  if (const Node* warnings = root->Get("warnings"); warnings && warnings->IsSeq()) {
    for (const Node* w : warnings->items()) {
      if (auto t = w->AsString()) out.warnings.emplace_back(*t);
    }
  }
  const Node* data = root->Get("data");
  if (data == nullptr || !data->IsMap()) return Bad("no \"data\" object");
  const Node* type = data->Get("resultType");
  const auto type_text = type ? type->AsString() : std::nullopt;
  if (!type_text) return Bad("no \"resultType\"");
  out.result_type = std::string(*type_text);
  const Node* result = data->Get("result");
  if (result == nullptr) return Bad("no \"result\"");
  if (out.result_type == "scalar") {
    auto sample = DecodeSample(result);
    if (!sample) return tl::unexpected(sample.error());
    out.series.push_back(Series{{}, {*sample}});
    return out;
  }
  if (out.result_type != "matrix" && out.result_type != "vector") {
    return Bad(fmt::format("result type \"{}\" is not matrix, vector or scalar", out.result_type));
  }
  if (!result->IsSeq()) return Bad("\"result\" is not an array");
  out.series.reserve(result->size());
  for (const Node* item : result->items()) {
    auto series = DecodeSeries(item, out.result_type == "matrix");
    if (!series) return tl::unexpected(series.error());
    out.series.push_back(std::move(*series));
  }
  return out;
}

}  // namespace gori::prom
