#include "webhook/service.h"

#include <cstdio>

#include "http/parser.h"
#include "net/event_loop.h"

namespace gori::webhook {
namespace {

constexpr std::string_view kText = "text/plain; charset=utf-8";
const http::Header kAllowPost[] = {{"Allow", "POST"}};
const http::Header kAllowGet[] = {{"Allow", "GET, HEAD"}};

}  // namespace

http::HttpResponse WebhookHandler::Handle(const http::Request& request) {
  std::string_view path = request.Path();
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (path == "/validate") {
    if (request.method != "POST") {
      return {.status = 405, .content_type = kText, .body = "use POST\n", .extra = kAllowPost};
    }
    if (!http::IsJsonContentType(request.Find("content-type"))) {
      metrics_.errors.Add({"unsupported_media_type"});
      return {.status = 415, .content_type = kText, .body = "send application/json\n"};
    }
    int64_t start = net::EventLoop::NowUs();
    ReviewResult r = reviewer_.Review(request.body);
    metrics_.latency.Observe(net::EventLoop::NowUs() - start);
    // One write per line, so lines of concurrent workers do not interleave.
    if (!r.log.empty()) std::fwrite(r.log.data(), 1, r.log.size(), stderr);
    return {.status = r.http_status,
            .content_type = r.http_status == 200 ? "application/json" : kText,
            .body = r.body};
  }
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    if (!get)
      return {.status = 405, .content_type = kText, .body = "use GET\n", .extra = kAllowGet};
    if (path == "/healthz") return {.status = 200, .content_type = kText, .body = "ok\n"};
    if (path == "/readyz") {
      if (metrics_.ready.load(std::memory_order_acquire) == 1) {
        return {.status = 200, .content_type = kText, .body = "ready\n"};
      }
      return {.status = 503, .content_type = kText, .body = "not ready\n"};
    }
    text_.clear();
    metrics_.Render(text_);
    return {
        .status = 200, .content_type = "text/plain; version=0.0.4; charset=utf-8", .body = text_};
  }
  return {.status = 404, .content_type = kText, .body = "not found\n"};
}

}  // namespace gori::webhook
