#include "prom/client.h"

#include <poll.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "http/parser.h"
#include "http/writer.h"
#include "net/socket.h"
#include "net/tls.h"
#include "net/transport.h"
#include "net/url.h"

namespace gori::prom {
namespace {

using Clock = std::chrono::steady_clock;

void AppendFormValue(std::string_view v, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : v) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

int64_t FloorTo(int64_t v, int64_t step) {
  const int64_t r = v % step;
  return r < 0 ? v - r - step : v - r;
}

}  // namespace

struct Client::Impl {
  ClientOptions options;
  Failure last_failure = Failure::kNone;
  net::Url url;
  std::string token;
  std::shared_ptr<net::TlsClientContext> tls;
  std::vector<net::SocketAddress> addresses;

  Result<std::unique_ptr<net::Transport>> Connect(Clock::time_point deadline);
  Result<std::pair<int, std::string>> Exchange(const std::string& request,
                                               Clock::time_point deadline);
};

namespace {

// Waits until `fd` is ready for `events` or the deadline passes.
Status Wait(int fd, short events, Clock::time_point deadline, const char* phase,
            int64_t timeout_ms) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      return Fail(fmt::format("prometheus: timed out after {} ms while {}", timeout_ms, phase));
    }
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30)));
    if (n > 0) return {};
    if (n < 0 && errno != EINTR) return Fail(std::string("prometheus: poll: ") + strerror(errno));
  }
}

}  // namespace

Result<std::unique_ptr<net::Transport>> Client::Impl::Connect(Clock::time_point deadline) {
  std::string last = "no address";
  for (const auto& address : addresses) {
    auto fd = net::StartConnect(address);
    if (!fd) {
      last = fd.error().message;
      continue;
    }
    if (auto w = Wait(fd->get(), POLLOUT, deadline, "connecting", options.timeout_ms); !w) {
      return tl::unexpected(w.error());
    }
    if (auto ok = net::FinishConnect(fd->get()); !ok) {
      last = ok.error().message;
      continue;
    }
    std::unique_ptr<net::Transport> t;
    if (tls) {
      t = tls->NewTransport(std::move(*fd));
      if (!t) return Fail("prometheus: cannot start TLS");
      for (;;) {
        const auto r = t->Handshake();
        if (r.status == net::IoStatus::kOk) break;
        if (r.status == net::IoStatus::kWantRead || r.status == net::IoStatus::kWantWrite) {
          const short ev = r.status == net::IoStatus::kWantRead ? POLLIN : POLLOUT;
          if (auto w = Wait(t->fd(), ev, deadline, "in the TLS handshake", options.timeout_ms);
              !w) {
            return tl::unexpected(w.error());
          }
          continue;
        }
        return Fail(fmt::format("prometheus: TLS handshake with {} failed: {}", address.ToString(),
                                t->last_error()));
      }
    } else {
      t = std::make_unique<net::TcpTransport>(std::move(*fd));
    }
    return t;
  }
  return Fail(fmt::format("prometheus: cannot connect to {}:{}: {}", url.host, url.port, last));
}

Result<std::pair<int, std::string>> Client::Impl::Exchange(const std::string& request,
                                                           Clock::time_point deadline) {
  auto transport = Connect(deadline);
  if (!transport) return tl::unexpected(transport.error());
  net::Transport& t = **transport;
  std::size_t sent = 0;
  while (sent < request.size()) {
    const auto r = t.Write(request.data() + sent, request.size() - sent);
    if (r.status == net::IoStatus::kOk) {
      sent += r.bytes;
    } else if (r.status == net::IoStatus::kWantRead || r.status == net::IoStatus::kWantWrite) {
      const short ev = r.status == net::IoStatus::kWantRead ? POLLIN : POLLOUT;
      if (auto w = Wait(t.fd(), ev, deadline, "sending the query", options.timeout_ms); !w) {
        return tl::unexpected(w.error());
      }
    } else {
      return Fail("prometheus: sending the query failed: " + t.last_error());
    }
  }
  http::Limits limits;
  limits.max_body_bytes = options.max_response_bytes;
  limits.max_header_bytes = 64 * 1024;
  http::ResponseParser parser(limits);
  std::string buffer;
  std::size_t used = 0;
  for (;;) {
    if (buffer.size() - used < 64 * 1024) buffer.resize(used + 256 * 1024);
    const auto r = t.Read(buffer.data() + used, buffer.size() - used);
    http::ParseStatus st = http::ParseStatus::kIncomplete;
    if (r.status == net::IoStatus::kOk) {
      used += r.bytes;
      st = parser.Parse(std::span<char>(buffer.data(), used));
    } else if (r.status == net::IoStatus::kWantRead || r.status == net::IoStatus::kWantWrite) {
      const short ev = r.status == net::IoStatus::kWantRead ? POLLIN : POLLOUT;
      if (auto w = Wait(t.fd(), ev, deadline, "waiting for the response", options.timeout_ms); !w) {
        return tl::unexpected(w.error());
      }
      continue;
    } else if (r.status == net::IoStatus::kEof) {
      st = parser.Finish(std::span<char>(buffer.data(), used));
    } else {
      return Fail("prometheus: reading the response failed: " + t.last_error());
    }
    if (st == http::ParseStatus::kError) {
      if (parser.error().status == 413) {
        return Fail(fmt::format("prometheus: response larger than the limit of {} bytes",
                                options.max_response_bytes));
      }
      return Fail(std::string("prometheus: malformed HTTP response: ") + parser.error().message);
    }
    if (st == http::ParseStatus::kComplete) {
      const auto& resp = parser.response();
      if (resp.status >= 100 && resp.status < 200) {
        const std::size_t c = parser.consumed();
        buffer.erase(0, c);
        used -= c;
        parser.Reset();
        continue;
      }
      return std::make_pair(resp.status, std::string(resp.body));
    }
    if (r.status == net::IoStatus::kEof) return Fail("prometheus: connection closed early");
  }
}

RangeQuery AlignWindow(std::string query, int64_t end_s, int64_t window_s, int64_t step_s) {
  RangeQuery q;
  q.query = std::move(query);
  q.step_s = step_s > 0 ? step_s : 1;
  q.end_s = FloorTo(end_s, q.step_s);
  q.start_s = FloorTo(q.end_s - window_s, q.step_s);
  return q;
}

std::string FormBody(const RangeQuery& q, int64_t timeout_ms) {
  std::string body = "query=";
  AppendFormValue(q.query, body);
  body += fmt::format("&start={}&end={}&step={}", q.start_s, q.end_s, q.step_s);
  if (timeout_ms > 0) body += fmt::format("&timeout={}ms", timeout_ms);
  return body;
}

Result<Client> Client::Create(const ClientOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto url = net::ParseUrl(options.url);
  if (!url) return Fail("--prometheus: " + url.error().message);
  impl->url = *url;
  if (const auto q = impl->url.path.find('?'); q != std::string::npos) {
    return Fail("--prometheus: the URL must not carry a query");
  }
  while (!impl->url.path.empty() && impl->url.path.back() == '/') impl->url.path.pop_back();
  if (!options.bearer_token_file.empty()) {
    std::ifstream in(options.bearer_token_file);
    if (!in) return Fail("cannot read bearer token file " + options.bearer_token_file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token = ss.str();
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                              token.back() == '\t')) {
      token.pop_back();
    }
    if (token.empty()) return Fail("bearer token file " + options.bearer_token_file + " is empty");
    impl->token = std::move(token);
  }
  if (impl->url.tls) {
    net::TlsClientOptions tls;
    tls.ca_file = options.ca_file;
    tls.verify = !options.insecure_skip_verify;
    tls.server_name = impl->url.host;
    tls.cert_file = options.cert_file;
    tls.key_file = options.key_file;
    auto ctx = net::TlsClientContext::Create(tls);
    if (!ctx) return tl::unexpected(ctx.error());
    impl->tls = std::move(*ctx);
  } else if (!options.cert_file.empty() || !options.ca_file.empty()) {
    return Fail("--prometheus: TLS options need an https:// URL");
  }
  auto addresses = net::SocketAddress::Resolve(impl->url.host, impl->url.port);
  if (!addresses) return Fail("prometheus: " + addresses.error().message);
  impl->addresses = std::move(*addresses);
  return Client(std::move(impl));
}

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

Result<std::pair<int, std::string>> Client::PostForm(const std::string& path,
                                                     const std::string& body) {
  const std::string target = impl_->url.path + path;
  const std::string host = impl_->url.HostHeader();
  std::vector<http::Header> headers = {
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Accept", "application/json"},
      {"User-Agent", "gori-canary"},
  };
  std::string auth;
  if (!impl_->token.empty()) {
    auth = "Bearer " + impl_->token;
    headers.push_back({"Authorization", auth});
  }
  for (const auto& [k, v] : impl_->options.headers) headers.push_back({k, v});
  std::string request;
  http::RequestSpec spec;
  spec.method = "POST";
  spec.target = target;
  spec.host = host;
  spec.headers = headers;
  spec.body = body;
  spec.keep_alive = false;
  if (auto s = http::AppendRequest(request, spec); !s) {
    return Fail("prometheus: cannot build the request: " + s.error().message);
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(impl_->options.timeout_ms);
  return impl_->Exchange(request, deadline);
}

std::string_view FailureName(Failure f) {
  switch (f) {
    case Failure::kNone:
      return "none";
    case Failure::kUnreachable:
      return "unreachable";
    case Failure::kTimeout:
      return "timeout";
    case Failure::kRejected:
      return "rejected";
    case Failure::kBadResponse:
      return "bad_response";
  }
  return "none";
}

Failure Client::last_failure() const { return impl_->last_failure; }

Result<QueryResult> Client::QueryRange(const RangeQuery& q) {
  impl_->last_failure = Failure::kNone;
  auto resp = PostForm("/api/v1/query_range", FormBody(q, impl_->options.timeout_ms));
  if (!resp) {
    // The messages are this file's own: a deadline that passed says "timed out" (Wait), an
    // answer that was too large or not HTTP says so (Exchange); the rest never got an answer.
    const std::string& m = resp.error().message;
    impl_->last_failure = m.find(" timed out after ") != std::string::npos ? Failure::kTimeout
                          : m.find("larger than the limit") != std::string::npos ||
                                  m.find("malformed HTTP response") != std::string::npos
                              ? Failure::kBadResponse
                              : Failure::kUnreachable;
    return tl::unexpected(resp.error());
  }
  auto decoded = DecodeResponse(resp->first, resp->second);
  if (!decoded) {
    impl_->last_failure = resp->first / 100 == 2 ? Failure::kBadResponse : Failure::kRejected;
  }
  return decoded;
}

}  // namespace gori::prom
