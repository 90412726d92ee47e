#include "http/h2_server.h"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "base/check.h"
#include "http/h2_memory.h"

namespace gori::http {
namespace {

constexpr int32_t kWindow = (1 << 30) - 1;
constexpr std::size_t kOutputHigh = 256 * 1024;
constexpr std::string_view kPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

nghttp2_nv Nv(std::string_view n, std::string_view v) {
  return nghttp2_nv{reinterpret_cast<uint8_t*>(const_cast<char*>(n.data())),
                    reinterpret_cast<uint8_t*>(const_cast<char*>(v.data())), n.size(), v.size(),
                    NGHTTP2_NV_FLAG_NONE};
}

// Fields that belong to one HTTP/1.1 connection; RFC 9113 8.2.2 forbids them in HTTP/2.
bool ConnectionSpecific(std::string_view name) {
  return EqualsIgnoreCase(name, "connection") || EqualsIgnoreCase(name, "keep-alive") ||
         EqualsIgnoreCase(name, "proxy-connection") ||
         EqualsIgnoreCase(name, "transfer-encoding") || EqualsIgnoreCase(name, "upgrade");
}

}  // namespace

// One request/response exchange; reused across streams (strings keep their capacity).
struct H2ServerSession::Stream {
  int32_t id = 0;
  std::string method, path, authority;
  std::vector<std::string> fields;  // name, value, name, value, ...
  std::vector<Header> views;
  std::string body;
  std::size_t header_bytes = 0;
  int status = 0;  // known answer (400, 413, 431), 0 when the handler decides
  Request request;
  std::string content_length;
  std::vector<std::string> answer_names;  // lower-cased extra header names
  std::string answer_body;
  std::size_t answer_off = 0;

  void Reset(int32_t stream_id) {
    id = stream_id;
    method.clear();
    path.clear();
    authority.clear();
    fields.clear();
    body.clear();
    header_bytes = 0;
    status = 0;
    answer_body.clear();
    answer_off = 0;
  }
};

struct H2ServerSession::Impl {
  H2ServerSession* self = nullptr;
  H2Memory memory;  // outlives `session`: the destructor deletes the session first
  Limits limits;
  nghttp2_session* session = nullptr;
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_option* option = nullptr;
  std::vector<std::unique_ptr<Stream>> owned;  // every record ever made (bounded by max_streams)
  std::vector<Stream*> free;
  std::vector<nghttp2_nv> nva;
  std::size_t open = 0;

  ~Impl() {
    if (session) nghttp2_session_del(session);
    if (callbacks) nghttp2_session_callbacks_del(callbacks);
    if (option) nghttp2_option_del(option);
  }

  Stream* StreamOf(int32_t id) {
    return static_cast<Stream*>(nghttp2_session_get_stream_user_data(session, id));
  }

  static int OnBeginHeaders(nghttp2_session* s, const nghttp2_frame* frame, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
    Stream* st = nullptr;
    if (impl->free.empty()) {
      st = impl->owned.emplace_back(std::make_unique<Stream>()).get();
    } else {
      st = impl->free.back();
      impl->free.pop_back();
    }
    st->Reset(frame->hd.stream_id);
    nghttp2_session_set_stream_user_data(s, frame->hd.stream_id, st);
    ++impl->open;
    return 0;
  }

  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                      size_t namelen, const uint8_t* value, size_t valuelen, uint8_t, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    Stream* st = impl->StreamOf(frame->hd.stream_id);
    if (!st || st->status != 0) return 0;
    const std::string_view n(reinterpret_cast<const char*>(name), namelen);
    const std::string_view v(reinterpret_cast<const char*>(value), valuelen);
    st->header_bytes += namelen + valuelen + 4;
    if (st->header_bytes > impl->limits.max_header_bytes ||
        st->fields.size() / 2 >= impl->limits.max_headers) {
      st->status = 431;
      return 0;
    }
    if (frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;  // trailers are not kept
    if (n == ":method") {
      st->method.assign(v);
    } else if (n == ":path") {
      st->path.assign(v);
    } else if (n == ":authority") {
      st->authority.assign(v);
    } else if (!n.starts_with(':')) {
      st->fields.emplace_back(n);
      st->fields.emplace_back(v);
    }
    return 0;
  }

  static int OnData(nghttp2_session*, uint8_t, int32_t stream_id, const uint8_t* data, size_t len,
                    void* user) {
    auto* impl = static_cast<Impl*>(user);
    Stream* st = impl->StreamOf(stream_id);
    if (!st || st->status != 0) return 0;
    if (st->body.size() + len > impl->limits.max_body_bytes) {
      st->status = 413;
      st->body.clear();
      st->body.shrink_to_fit();
      return 0;
    }
    st->body.append(reinterpret_cast<const char*>(data), len);
    return 0;
  }

  static int OnFrame(nghttp2_session*, const nghttp2_frame* frame, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if ((frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA) ||
        !(frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
      return 0;
    }
    Stream* st = impl->StreamOf(frame->hd.stream_id);
    if (!st) return 0;
    if (st->status == 0 && (st->method.empty() || st->path.empty())) st->status = 400;
    impl->self->ready_.push_back(frame->hd.stream_id);
    return 0;
  }

  static int OnClose(nghttp2_session* s, int32_t stream_id, uint32_t, void* user) {
    auto* impl = static_cast<Impl*>(user);
    Stream* st = impl->StreamOf(stream_id);
    if (!st) return 0;
    nghttp2_session_set_stream_user_data(s, stream_id, nullptr);
    // A stream reset before its answer may still be listed as ready: drop it there.
    auto& ready = impl->self->ready_;
    ready.erase(std::remove(ready.begin(), ready.end(), stream_id), ready.end());
    st->id = 0;
    impl->free.push_back(st);
    --impl->open;
    return 0;
  }

  static ssize_t ReadBody(nghttp2_session*, int32_t, uint8_t* buf, size_t length, uint32_t* flags,
                          nghttp2_data_source* source, void*) {
    auto* st = static_cast<Stream*>(source->ptr);
    const std::size_t n = std::min(length, st->answer_body.size() - st->answer_off);
    std::memcpy(buf, st->answer_body.data() + st->answer_off, n);
    st->answer_off += n;
    if (st->answer_off == st->answer_body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }
};

H2ServerSession::H2ServerSession(const Limits& limits, uint32_t max_streams)
    : impl_(std::make_unique<Impl>()) {
  impl_->self = this;
  impl_->limits = limits;
  nghttp2_session_callbacks_new(&impl_->callbacks);
  nghttp2_session_callbacks_set_on_begin_headers_callback(impl_->callbacks, &Impl::OnBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback(impl_->callbacks, &Impl::OnHeader);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(impl_->callbacks, &Impl::OnData);
  nghttp2_session_callbacks_set_on_frame_recv_callback(impl_->callbacks, &Impl::OnFrame);
  nghttp2_session_callbacks_set_on_stream_close_callback(impl_->callbacks, &Impl::OnClose);
  nghttp2_option_new(&impl_->option);
  nghttp2_option_set_no_closed_streams(impl_->option, 1);
  nghttp2_session_server_new3(&impl_->session, impl_->callbacks, impl_.get(), impl_->option,
                              impl_->memory.mem());
  const nghttp2_settings_entry iv[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, max_streams},
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<uint32_t>(kWindow)},
      {NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES, 1},
  };
  nghttp2_submit_settings(impl_->session, NGHTTP2_FLAG_NONE, iv, std::size(iv));
  nghttp2_session_set_local_window_size(impl_->session, NGHTTP2_FLAG_NONE, 0, kWindow);
}

H2ServerSession::~H2ServerSession() = default;

Status H2ServerSession::Receive(std::span<const char> bytes) {
  const ssize_t n = nghttp2_session_mem_recv(
      impl_->session, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (n < 0) return Fail(fmt::format("HTTP/2 connection error: {}", nghttp2_strerror(int(n))));
  return {};
}

const Request& H2ServerSession::request(int32_t stream_id, int* status) {
  Stream* st = impl_->StreamOf(stream_id);
  GORI_CHECK(st != nullptr);
  *status = st->status;
  st->views.clear();
  for (std::size_t i = 0; i + 1 < st->fields.size(); i += 2) {
    st->views.push_back({st->fields[i], st->fields[i + 1]});
  }
  Request& r = st->request;
  r = Request{};
  r.method = st->method;
  r.target = st->path;
  r.headers = st->views;
  r.body = st->body;
  return r;
}

Status H2ServerSession::Respond(int32_t stream_id, const H2Answer& answer) {
  Stream* st = impl_->StreamOf(stream_id);
  if (!st) return Fail("HTTP/2: no such stream");
  const bool head = st->method == "HEAD";
  char status[4];
  fmt::format_to_n(status, sizeof(status), "{}", std::clamp(answer.status, 100, 999));
  st->content_length = fmt::format("{}", answer.body.size());
  st->answer_names.clear();
  for (const Header& h : answer.extra) {
    std::string lower(h.name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    st->answer_names.push_back(std::move(lower));
  }
  auto& nva = impl_->nva;
  nva.clear();
  nva.push_back(Nv(":status", std::string_view(status, 3)));
  if (!answer.content_type.empty()) nva.push_back(Nv("content-type", answer.content_type));
  nva.push_back(Nv("content-length", st->content_length));
  for (std::size_t i = 0; i < answer.extra.size(); ++i) {
    if (ConnectionSpecific(answer.extra[i].name)) continue;
    nva.push_back(Nv(st->answer_names[i], answer.extra[i].value));
  }
  st->answer_body.assign(head ? std::string_view() : answer.body);
  st->answer_off = 0;
  st->body.clear();
  nghttp2_data_provider data{};
  data.source.ptr = st;
  data.read_callback = &Impl::ReadBody;
  const int rv = nghttp2_submit_response(impl_->session, stream_id, nva.data(), nva.size(),
                                         st->answer_body.empty() ? nullptr : &data);
  if (rv != 0) return Fail(fmt::format("HTTP/2: {}", nghttp2_strerror(rv)));
  return {};
}

void H2ServerSession::ShutdownNotice() { nghttp2_submit_shutdown_notice(impl_->session); }

void H2ServerSession::Shutdown() {
  nghttp2_submit_goaway(impl_->session, NGHTTP2_FLAG_NONE,
                        nghttp2_session_get_last_proc_stream_id(impl_->session), NGHTTP2_NO_ERROR,
                        nullptr, 0);
}

Status H2ServerSession::FillOutput() {
  if (out_off_ > 0 && out_off_ == out_.size()) {
    out_.clear();
    out_off_ = 0;
  }
  while (out_.size() - out_off_ < kOutputHigh) {
    const uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(impl_->session, &data);
    if (n < 0) return Fail(fmt::format("HTTP/2 connection error: {}", nghttp2_strerror(int(n))));
    if (n == 0) break;
    out_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
  }
  return {};
}

void H2ServerSession::Consumed(std::size_t n) {
  out_off_ += n;
  if (out_off_ == out_.size()) {
    out_.clear();
    out_off_ = 0;
  }
}

std::size_t H2ServerSession::open_streams() const { return impl_->open; }

bool H2ServerSession::finished() const {
  return nghttp2_session_want_read(impl_->session) == 0 &&
         nghttp2_session_want_write(impl_->session) == 0 && out_off_ == out_.size();
}

bool LooksLikeH2Preface(std::string_view bytes, bool* complete) {
  const std::size_t n = std::min(bytes.size(), kPreface.size());
  *complete = bytes.size() >= kPreface.size();
  return n > 0 && bytes.substr(0, n) == kPreface.substr(0, n);
}

}  // namespace gori::http
