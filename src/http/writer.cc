#include "http/writer.h"

#include <charconv>

namespace gori::http {
namespace {

void AppendNumber(std::string& out, std::size_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

bool IsTokenChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

bool IsFieldValue(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

void AppendResponse(std::string& out, const ResponseHead& head, std::string_view body,
                    bool head_only) {
  out.append("HTTP/1.1 ");
  AppendNumber(out, static_cast<std::size_t>(head.status));
  out.push_back(' ');
  out.append(ReasonPhrase(head.status));
  out.append("\r\n");
  if (!head.content_type.empty()) AppendHeader(out, "Content-Type", head.content_type);
  out.append("Content-Length: ");
  AppendNumber(out, body.size());
  out.append("\r\n");
  if (!head.keep_alive) out.append("Connection: close\r\n");
  for (const Header& h : head.extra) AppendHeader(out, h.name, h.value);
  out.append("\r\n");
  if (!head_only) out.append(body);
}

void AppendContinue(std::string& out) { out.append("HTTP/1.1 100 Continue\r\n\r\n"); }

Status AppendRequest(std::string& out, const RequestSpec& spec) {
  if (!IsToken(spec.method)) return Fail("invalid HTTP method: '" + std::string(spec.method) + "'");
  if (spec.target.empty()) return Fail("empty request target");
  for (char c : spec.target) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) {
      return Fail("invalid character in request target: '" + std::string(spec.target) + "'");
    }
  }
  bool has_host = !spec.host.empty();
  for (const Header& h : spec.headers) {
    if (!IsToken(h.name)) return Fail("invalid header name: '" + std::string(h.name) + "'");
    if (!IsFieldValue(h.value)) {
      return Fail("invalid character in the value of header '" + std::string(h.name) + "'");
    }
    if (EqualsIgnoreCase(h.name, "content-length") ||
        EqualsIgnoreCase(h.name, "transfer-encoding")) {
      return Fail("header '" + std::string(h.name) + "' is set by gori from the body");
    }
    if (EqualsIgnoreCase(h.name, "host")) {
      if (has_host) return Fail("Host given twice");
      has_host = true;
    }
  }
  if (!has_host) return Fail("a request needs a Host");
  if (!IsFieldValue(spec.host)) return Fail("invalid character in Host");
  out.append(spec.method);
  out.push_back(' ');
  out.append(spec.target);
  out.append(" HTTP/1.1\r\n");
  if (!spec.host.empty()) AppendHeader(out, "Host", spec.host);
  for (const Header& h : spec.headers) AppendHeader(out, h.name, h.value);
  if (!spec.body.empty() || spec.method == "POST" || spec.method == "PUT" ||
      spec.method == "PATCH") {
    out.append("Content-Length: ");
    AppendNumber(out, spec.body.size());
    out.append("\r\n");
  }
  if (!spec.keep_alive) out.append("Connection: close\r\n");
  out.append("\r\n");
  out.append(spec.body);
  return {};
}

}  // namespace gori::http
