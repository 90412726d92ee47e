#include "http/h2_client.h"

#include <nghttp2/nghttp2.h>

#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "http/h2_memory.h"

namespace gori::http {
namespace {

constexpr int32_t kWindow = (1 << 30) - 1;
constexpr std::size_t kOutputHigh = 256 * 1024;
constexpr uint32_t kAssumedPeerStreams = 100;  // RFC 9113 5.1.2: a server should allow 100

int ParseInt(std::string_view s, int fallback) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : fallback;
}

}  // namespace

struct H2ClientSession::Impl {
  H2ClientSession* self = nullptr;
  H2Memory memory;  // outlives `session`: the destructor deletes the session first
  nghttp2_session* session = nullptr;
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_option* option = nullptr;
  std::vector<nghttp2_nv> nva;

  ~Impl() {
    if (session) nghttp2_session_del(session);
    if (callbacks) nghttp2_session_callbacks_del(callbacks);
    if (option) nghttp2_option_del(option);
  }

  Tag* TagOf(int32_t stream_id) {
    return static_cast<Tag*>(nghttp2_session_get_stream_user_data(session, stream_id));
  }

  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                      size_t namelen, const uint8_t* value, size_t valuelen, uint8_t, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    Tag* t = impl->TagOf(frame->hd.stream_id);
    if (!t || t->stream_id != frame->hd.stream_id) return 0;
    const std::string_view n(reinterpret_cast<const char*>(name), namelen);
    const std::string_view v(reinterpret_cast<const char*>(value), valuelen);
    if (n == ":status") {
      t->response.status = ParseInt(v, 0);
    } else if (n == "grpc-status") {
      t->response.grpc_status = ParseInt(v, 2);  // unparsable: UNKNOWN
    } else if (n == "grpc-message") {
      t->response.grpc_message.assign(v.substr(0, 1024));
    }
    return 0;
  }

  static int OnData(nghttp2_session* s, uint8_t, int32_t stream_id, const uint8_t* data, size_t len,
                    void* user) {
    auto* impl = static_cast<Impl*>(user);
    Tag* t = impl->TagOf(stream_id);
    if (!t || t->stream_id != stream_id || t->response.outcome == H2Outcome::kTooLarge) return 0;
    if (t->response.body.size() + len > impl->self->max_body_) {
      // Reported now: the stream is given up whatever the peer sends after.
      t->response.outcome = H2Outcome::kTooLarge;
      t->stream_id = 0;
      impl->self->closed_.push_back(static_cast<uint32_t>(t - impl->self->tags_.data()));
      nghttp2_submit_rst_stream(s, NGHTTP2_FLAG_NONE, stream_id, NGHTTP2_CANCEL);
      return 0;
    }
    t->response.body.append(reinterpret_cast<const char*>(data), len);
    return 0;
  }

  static int OnFrame(nghttp2_session*, const nghttp2_frame* frame, void* user) {
    auto* impl = static_cast<Impl*>(user);
    switch (frame->hd.type) {
      case NGHTTP2_HEADERS:
      case NGHTTP2_DATA:
        if (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) {
          Tag* t = impl->TagOf(frame->hd.stream_id);
          if (t && t->stream_id == frame->hd.stream_id) t->complete = true;
        }
        break;
      case NGHTTP2_GOAWAY: {
        const auto& g = frame->goaway;
        std::string_view debug(reinterpret_cast<const char*>(g.opaque_data),
                               std::min<std::size_t>(g.opaque_data_len, 200));
        impl->self->goaway_ =
            fmt::format("GOAWAY {} (last stream {}){}{}", H2ErrorName(g.error_code),
                        g.last_stream_id, debug.empty() ? "" : ": ", debug);
        break;
      }
      default:
        break;
    }
    return 0;
  }

  static int OnClose(nghttp2_session*, int32_t stream_id, uint32_t error_code, void* user) {
    auto* impl = static_cast<Impl*>(user);
    Tag* t = impl->TagOf(stream_id);
    if (!t || t->stream_id != stream_id) return 0;
    H2Response& r = t->response;
    if (r.outcome != H2Outcome::kTooLarge) {
      if (t->complete && r.status >= 200) {
        r.outcome = H2Outcome::kResponse;  // a reset after END_STREAM changes nothing
      } else if (error_code == NGHTTP2_REFUSED_STREAM) {
        r.outcome = H2Outcome::kRefused;
      } else {
        r.outcome = H2Outcome::kReset;
        r.error_code =
            error_code == NGHTTP2_NO_ERROR ? uint32_t{NGHTTP2_PROTOCOL_ERROR} : error_code;
      }
    }
    t->stream_id = 0;
    impl->self->closed_.push_back(static_cast<uint32_t>(t - impl->self->tags_.data()));
    return 0;
  }

  static int OnError(nghttp2_session*, int, const char* msg, size_t len, void* user) {
    static_cast<Impl*>(user)->self->error_.assign(msg, std::min<std::size_t>(len, 200));
    return 0;
  }

  static ssize_t ReadBody(nghttp2_session*, int32_t, uint8_t* buf, size_t length, uint32_t* flags,
                          nghttp2_data_source* source, void*) {
    auto* t = static_cast<Tag*>(source->ptr);
    const std::size_t n = std::min(length, t->request_body.size() - t->request_off);
    std::memcpy(buf, t->request_body.data() + t->request_off, n);
    t->request_off += n;
    if (t->request_off == t->request_body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }
};

H2ClientSession::H2ClientSession(uint32_t max_tags, std::size_t max_body)
    : impl_(std::make_unique<Impl>()), tags_(max_tags), max_body_(max_body) {
  impl_->self = this;
  nghttp2_session_callbacks_new(&impl_->callbacks);
  nghttp2_session_callbacks_set_on_header_callback(impl_->callbacks, &Impl::OnHeader);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(impl_->callbacks, &Impl::OnData);
  nghttp2_session_callbacks_set_on_frame_recv_callback(impl_->callbacks, &Impl::OnFrame);
  nghttp2_session_callbacks_set_on_stream_close_callback(impl_->callbacks, &Impl::OnClose);
  nghttp2_session_callbacks_set_error_callback2(impl_->callbacks, &Impl::OnError);
  nghttp2_option_new(&impl_->option);
  // Closed streams are not kept for the priority tree (priorities are off anyway).
  nghttp2_option_set_no_closed_streams(impl_->option, 1);
  nghttp2_option_set_peer_max_concurrent_streams(impl_->option, kAssumedPeerStreams);
  Reset();
}

H2ClientSession::~H2ClientSession() = default;

void H2ClientSession::Reset() {
  if (impl_->session) nghttp2_session_del(impl_->session);
  impl_->session = nullptr;
  for (Tag& t : tags_) t.stream_id = 0;
  out_.clear();
  out_off_ = 0;
  closed_.clear();
  goaway_.clear();
  error_.clear();
  nghttp2_session_client_new3(&impl_->session, impl_->callbacks, impl_.get(), impl_->option,
                              impl_->memory.mem());
  const nghttp2_settings_entry iv[] = {
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<uint32_t>(kWindow)},
      {NGHTTP2_SETTINGS_NO_RFC7540_PRIORITIES, 1},
  };
  nghttp2_submit_settings(impl_->session, NGHTTP2_FLAG_NONE, iv, std::size(iv));
  nghttp2_session_set_local_window_size(impl_->session, NGHTTP2_FLAG_NONE, 0, kWindow);
}

Result<int32_t> H2ClientSession::Submit(const H2Request& request, uint32_t tag) {
  if (tag >= tags_.size()) return Fail("stream tag out of range");
  if (!nghttp2_session_check_request_allowed(impl_->session)) {
    return Fail(goaway_.empty() ? std::string("the connection takes no new streams") : goaway_);
  }
  auto nv = [](std::string_view n, std::string_view v) {
    return nghttp2_nv{reinterpret_cast<uint8_t*>(const_cast<char*>(n.data())),
                      reinterpret_cast<uint8_t*>(const_cast<char*>(v.data())), n.size(), v.size(),
                      NGHTTP2_NV_FLAG_NONE};
  };
  auto& nva = impl_->nva;
  nva.clear();
  nva.push_back(nv(":method", request.method));
  nva.push_back(nv(":scheme", request.scheme));
  nva.push_back(nv(":authority", request.authority));
  nva.push_back(nv(":path", request.path));
  for (const H2Field& f : request.headers) nva.push_back(nv(f.name, f.value));
  Tag& t = tags_[tag];
  t.complete = false;
  t.request_body = request.body;
  t.request_off = 0;
  t.response.outcome = H2Outcome::kResponse;
  t.response.error_code = 0;
  t.response.status = 0;
  t.response.grpc_status = -1;
  t.response.grpc_message.clear();
  t.response.body.clear();
  nghttp2_data_provider body{};
  body.source.ptr = &t;
  body.read_callback = &Impl::ReadBody;
  const int32_t id = nghttp2_submit_request(impl_->session, nullptr, nva.data(), nva.size(),
                                            request.body.empty() ? nullptr : &body, &t);
  if (id < 0) return Fail(nghttp2_strerror(id));
  t.stream_id = id;
  return id;
}

void H2ClientSession::Cancel(uint32_t tag) {
  Tag& t = tags_[tag];
  if (t.stream_id == 0) return;
  nghttp2_submit_rst_stream(impl_->session, NGHTTP2_FLAG_NONE, t.stream_id, NGHTTP2_CANCEL);
  t.stream_id = 0;
}

Status H2ClientSession::Receive(std::span<const char> bytes) {
  const ssize_t n = nghttp2_session_mem_recv(
      impl_->session, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (n < 0) return Fail(fmt::format("HTTP/2 connection error: {}", nghttp2_strerror(int(n))));
  // nghttp2 answers a connection error of the peer by queueing GOAWAY and taking no new streams.
  if (!error_.empty() && goaway_.empty() &&
      nghttp2_session_check_request_allowed(impl_->session) == 0) {
    return Fail("HTTP/2 connection error: " + error_);
  }
  return {};
}

Status H2ClientSession::FillOutput() {
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

void H2ClientSession::Consumed(std::size_t n) {
  out_off_ += n;
  if (out_off_ == out_.size()) {
    out_.clear();
    out_off_ = 0;
  }
}

uint32_t H2ClientSession::peer_max_streams() const {
  return nghttp2_session_get_remote_settings(impl_->session,
                                             NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
}

bool H2ClientSession::accepting() const {
  return nghttp2_session_check_request_allowed(impl_->session) != 0 && !finished();
}

bool H2ClientSession::finished() const {
  return nghttp2_session_want_read(impl_->session) == 0 &&
         nghttp2_session_want_write(impl_->session) == 0 && out_off_ == out_.size();
}

std::string H2ErrorName(uint32_t code) {
  static constexpr const char* kNames[] = {"NO_ERROR",
                                           "PROTOCOL_ERROR",
                                           "INTERNAL_ERROR",
                                           "FLOW_CONTROL_ERROR",
                                           "SETTINGS_TIMEOUT",
                                           "STREAM_CLOSED",
                                           "FRAME_SIZE_ERROR",
                                           "REFUSED_STREAM",
                                           "CANCEL",
                                           "COMPRESSION_ERROR",
                                           "CONNECT_ERROR",
                                           "ENHANCE_YOUR_CALM",
                                           "INADEQUATE_SECURITY",
                                           "HTTP_1_1_REQUIRED"};
  if (code < std::size(kNames)) return kNames[code];
  return fmt::format("error 0x{:x}", code);
}

}  // namespace gori::http
