// src/prom/client.h
//
// A Prometheus HTTP API client on gori's own HTTP/1.1 and TLS stack (src/http, src/net):
// `query_range` sent as POST with a form-encoded body (long PromQL never hits URL limits), a
// bearer token read from a file, mutual TLS, extra headers (the tenant headers of Thanos, Mimir
// and Cortex: X-Scope-OrgID), one deadline per request covering connect, TLS, sending and
// receiving, and a bound on the response size. One connection per request: a judge sends a
// handful of queries, and a fresh connection never inherits a half-read response.
//
// Windows are step-aligned (AlignWindow): evaluation happens at start + k step, so a rerun of
// the same judgment asks for the same instants and gets the same bytes back.
// Thread-compatible: one Client per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "prom/response.h"

namespace gori::prom {

struct ClientOptions {
  std::string url;                // http(s)://host[:port][/path-prefix]
  std::string bearer_token_file;  // "Authorization: Bearer <file contents, trimmed>"
  std::string ca_file;            // verify the server against this PEM bundle (https)
  bool insecure_skip_verify = false;
  std::string cert_file;  // client certificate for mutual TLS
  std::string key_file;
  std::vector<std::pair<std::string, std::string>> headers;
  int64_t timeout_ms = 30'000;
  std::size_t max_response_bytes = 64 << 20;
};

struct RangeQuery {
  std::string query;
  int64_t start_s = 0;  // Unix seconds
  int64_t end_s = 0;
  int64_t step_s = 60;
};

// [end - window, end] with both ends moved down to a multiple of step.
RangeQuery AlignWindow(std::string query, int64_t end_s, int64_t window_s, int64_t step_s);

// The form body a range query is sent as (exposed for tests and for the evidence record).
std::string FormBody(const RangeQuery& q, int64_t timeout_ms);

// Why the last QueryRange failed, for callers that answer with their own status codes:
// Prometheus never answered (unreachable, timed out) or answered with an error or garbage.
enum class Failure { kNone, kUnreachable, kTimeout, kRejected, kBadResponse };
std::string_view FailureName(Failure f);  // none, unreachable, timeout, rejected, bad_response

class Client {
 public:
  // Checks the URL, reads the token file and loads TLS material; nothing is sent yet.
  static Result<Client> Create(const ClientOptions& options);
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  Result<QueryResult> QueryRange(const RangeQuery& q);
  Failure last_failure() const;

  // One POST of a form body to `path` under the base URL; the status and the body.
  Result<std::pair<int, std::string>> PostForm(const std::string& path, const std::string& body);

  struct Impl;

 private:
  explicit Client(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gori::prom
