#include "net/tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "base/check.h"

namespace gori::net {
namespace {

// Drains OpenSSL's thread-local error queue into one line.
std::string OpenSslError() {
  std::string out;
  unsigned long e;
  char buf[256];
  while ((e = ERR_get_error()) != 0) {
    ERR_error_string_n(e, buf, sizeof(buf));
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown TLS error" : out;
}

bool IsIpLiteral(const std::string& s) {
  unsigned char buf[16];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

void ApplyCommonOptions(SSL_CTX* ctx) {
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_COMPRESSION);
  // Partial writes and moving buffers suit non-blocking writers whose buffers may grow;
  // releasing buffers keeps idle keep-alive connections small.
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                            SSL_MODE_RELEASE_BUFFERS);
  // Read whole socket buffers instead of a 5-byte record header and then its body: one read
  // system call per request instead of two. Buffered bytes show in HasBufferedInput().
  SSL_CTX_set_read_ahead(ctx, 1);
}

// The socket under a TLS connection, as an OpenSSL BIO of our own instead of BIO_s_socket: it
// sends with MSG_NOSIGNAL (a peer that went away is an error, never SIGPIPE), and it records
// whether the last read(2) came back short, which is what tells a reader with edge-triggered
// readiness that the socket is empty (see Transport::InputDrained).
struct SocketBio {
  int fd = -1;
  bool drained = false;

  static int Read(BIO* b, char* out, int len) {
    auto* self = static_cast<SocketBio*>(BIO_get_data(b));
    BIO_clear_retry_flags(b);
    while (true) {
      ssize_t n = ::recv(self->fd, out, static_cast<std::size_t>(len), 0);
      if (n >= 0) {
        self->drained = n < len;
        return static_cast<int>(n);
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        self->drained = true;
        BIO_set_retry_read(b);
      }
      return -1;
    }
  }

  static int Write(BIO* b, const char* in, int len) {
    auto* self = static_cast<SocketBio*>(BIO_get_data(b));
    BIO_clear_retry_flags(b);
    while (true) {
      ssize_t n = ::send(self->fd, in, static_cast<std::size_t>(len), MSG_NOSIGNAL);
      if (n >= 0) return static_cast<int>(n);
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) BIO_set_retry_write(b);
      return -1;
    }
  }

  static long Ctrl(BIO*, int cmd, long, void*) {
    // Writes go straight to the socket, so there is never anything to flush; every other
    // control (kTLS, datagram, fd queries) is unsupported, which OpenSSL handles.
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
  }

  static const BIO_METHOD* Method() {
    static BIO_METHOD* method = [] {
      BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "gori socket");
      GORI_CHECK(m != nullptr);
      BIO_meth_set_read(m, &SocketBio::Read);
      BIO_meth_set_write(m, &SocketBio::Write);
      BIO_meth_set_ctrl(m, &SocketBio::Ctrl);
      BIO_meth_set_create(m, [](BIO* b) {
        BIO_set_init(b, 1);
        return 1;
      });
      return m;
    }();
    return method;
  }
};

class OpenSslTransport final : public TlsTransport {
 public:
  OpenSslTransport(UniqueFd fd, SSL* ssl) : fd_(std::move(fd)), ssl_(ssl) {
    socket_.fd = fd_.get();
    BIO* bio = BIO_new(SocketBio::Method());
    GORI_CHECK(bio != nullptr);
    BIO_set_data(bio, &socket_);
    SSL_set_bio(ssl_, bio, bio);  // the SSL owns the BIO (one reference for both directions)
  }
  ~OpenSslTransport() override { SSL_free(ssl_); }

  int fd() const override { return fd_.get(); }

  IoResult Handshake() override {
    if (handshake_done_) return {IoStatus::kOk, 0};
    ERR_clear_error();
    int r = SSL_do_handshake(ssl_);
    if (r == 1) {
      handshake_done_ = true;
      return {IoStatus::kOk, 0};
    }
    return MapError(r);
  }

  IoResult Read(char* data, std::size_t size) override {
    if (!handshake_done_) {
      IoResult h = Handshake();
      if (h.status != IoStatus::kOk) return h;
    }
    ERR_clear_error();
    std::size_t n = 0;
    int r = SSL_read_ex(ssl_, data, size, &n);
    if (r == 1) return {IoStatus::kOk, n};
    return MapError(r);
  }

  IoResult Write(const char* data, std::size_t size) override {
    if (!handshake_done_) {
      IoResult h = Handshake();
      if (h.status != IoStatus::kOk) return h;
    }
    ERR_clear_error();
    std::size_t n = 0;
    int r = SSL_write_ex(ssl_, data, size, &n);
    if (r == 1) return {IoStatus::kOk, n};
    return MapError(r);
  }

  IoResult Shutdown() override {
    if (handshake_done_ && !close_notify_sent_) {
      ERR_clear_error();
      int r = SSL_shutdown(ssl_);
      if (r < 0) {
        IoResult e = MapError(r);
        if (e.status == IoStatus::kWantRead || e.status == IoStatus::kWantWrite) return e;
      }
      close_notify_sent_ = true;
    }
    ::shutdown(fd_.get(), SHUT_WR);
    return {IoStatus::kOk, 0};
  }

  bool HasBufferedInput() const override { return SSL_has_pending(ssl_) == 1; }
  bool InputDrained() const override { return socket_.drained && SSL_has_pending(ssl_) != 1; }
  void Readable() override { socket_.drained = false; }
  const std::string& last_error() const override { return error_; }
  bool session_reused() const override { return SSL_session_reused(ssl_) == 1; }
  std::string protocol() const override { return SSL_get_version(ssl_); }
  std::string alpn() const override {
    const unsigned char* p = nullptr;
    unsigned len = 0;
    SSL_get0_alpn_selected(ssl_, &p, &len);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), len);
  }

 private:
  IoResult MapError(int r) {
    int e = SSL_get_error(ssl_, r);
    switch (e) {
      case SSL_ERROR_WANT_READ:
        return {IoStatus::kWantRead, 0};
      case SSL_ERROR_WANT_WRITE:
        return {IoStatus::kWantWrite, 0};
      case SSL_ERROR_ZERO_RETURN:
        return {IoStatus::kEof, 0};
      case SSL_ERROR_SYSCALL:
        error_ = errno != 0 ? std::strerror(errno) : "connection closed during TLS";
        ERR_clear_error();
        return {IoStatus::kError, 0};
      default:
        error_ = OpenSslError();
        return {IoStatus::kError, 0};
    }
  }

  UniqueFd fd_;
  SocketBio socket_;
  SSL* ssl_;
  bool handshake_done_ = false;
  bool close_notify_sent_ = false;
  std::string error_;
};

struct CtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};

int64_t NotAfter(SSL_CTX* ctx) {
  X509* cert = SSL_CTX_get0_certificate(ctx);
  if (cert == nullptr) return 0;
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) != 1) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

// ALPN wire lists in the server's order of preference (static: SSL_CTX keeps the pointer).
const unsigned char kAlpnH2[] = "\x02h2\x08http/1.1";
const unsigned char kAlpnH1[] = "\x08http/1.1";

int SelectAlpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
               unsigned int inlen, void* arg) {
  const auto* ours = static_cast<const unsigned char*>(arg);
  const unsigned int ours_len = ours == kAlpnH2 ? sizeof(kAlpnH2) - 1 : sizeof(kAlpnH1) - 1;
  // Our preference first: walk our list and take the first protocol the client offered.
  for (unsigned int i = 0; i < ours_len; i += 1u + ours[i]) {
    for (unsigned int j = 0; j < inlen; j += 1u + in[j]) {
      if (in[j] == ours[i] && j + 1u + in[j] <= inlen &&
          std::memcmp(in + j + 1, ours + i + 1, ours[i]) == 0) {
        *out = in + j + 1;
        *outlen = in[j];
        return SSL_TLSEXT_ERR_OK;
      }
    }
  }
  return SSL_TLSEXT_ERR_NOACK;
}

Result<std::shared_ptr<SSL_CTX>> BuildServerContext(const std::string& cert_file,
                                                    const std::string& key_file, SSL_CTX* previous,
                                                    bool offer_h2) {
  ERR_clear_error();
  std::shared_ptr<SSL_CTX> ctx(SSL_CTX_new(TLS_server_method()), CtxFree());
  if (!ctx) return Fail("tls: " + OpenSslError());
  ApplyCommonOptions(ctx.get());
  SSL_CTX_set_options(ctx.get(), SSL_OP_CIPHER_SERVER_PREFERENCE);
  static const unsigned char kSessionContext[] = "gori";
  SSL_CTX_set_session_id_context(ctx.get(), kSessionContext, sizeof(kSessionContext) - 1);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert_file.c_str()) != 1) {
    return Fail("tls: cannot load certificate chain from " + cert_file + ": " + OpenSslError());
  }
  if (SSL_CTX_use_PrivateKey_file(ctx.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    return Fail("tls: cannot load private key from " + key_file + ": " + OpenSslError());
  }
  if (SSL_CTX_check_private_key(ctx.get()) != 1) {
    return Fail("tls: private key " + key_file + " does not match certificate " + cert_file);
  }
  SSL_CTX_set_alpn_select_cb(
      ctx.get(), SelectAlpn,
      const_cast<unsigned char*>(offer_h2 ? static_cast<const unsigned char*>(kAlpnH2) : kAlpnH1));
  if (previous != nullptr) {
    // Carry the ticket keys over so clients resume across certificate rotations.
    unsigned char keys[80];
    if (SSL_CTX_get_tlsext_ticket_keys(previous, keys, sizeof(keys)) == 1) {
      SSL_CTX_set_tlsext_ticket_keys(ctx.get(), keys, sizeof(keys));
    }
    OPENSSL_cleanse(keys, sizeof(keys));
  }
  return ctx;
}

}  // namespace

struct TlsServerContext::Impl {
  std::string cert_file, key_file;
  mutable std::mutex mu;
  std::shared_ptr<SSL_CTX> ctx;
  std::atomic<uint64_t> reloads{0};
  std::atomic<int64_t> not_after{0};
  bool offer_h2 = false;
};

TlsServerContext::TlsServerContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TlsServerContext::~TlsServerContext() = default;

Result<std::shared_ptr<TlsServerContext>> TlsServerContext::Create(const std::string& cert_file,
                                                                   const std::string& key_file,
                                                                   bool offer_h2) {
  auto ctx = BuildServerContext(cert_file, key_file, nullptr, offer_h2);
  if (!ctx) return tl::unexpected(ctx.error());
  auto impl = std::make_unique<Impl>();
  impl->cert_file = cert_file;
  impl->key_file = key_file;
  impl->offer_h2 = offer_h2;
  impl->not_after = NotAfter(ctx->get());
  impl->ctx = std::move(*ctx);
  return std::shared_ptr<TlsServerContext>(new TlsServerContext(std::move(impl)));
}

Status TlsServerContext::Reload() {
  std::shared_ptr<SSL_CTX> old;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    old = impl_->ctx;
  }
  auto fresh = BuildServerContext(impl_->cert_file, impl_->key_file, old.get(), impl_->offer_h2);
  if (!fresh) return tl::unexpected(fresh.error());
  impl_->not_after = NotAfter(fresh->get());
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->ctx = std::move(*fresh);
  }
  impl_->reloads.fetch_add(1);
  return {};
}

std::unique_ptr<TlsTransport> TlsServerContext::NewTransport(UniqueFd fd) {
  std::shared_ptr<SSL_CTX> ctx;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    ctx = impl_->ctx;
  }
  SSL* ssl = SSL_new(ctx.get());  // takes its own reference on the context
  if (ssl == nullptr) return nullptr;
  SSL_set_accept_state(ssl);
  return std::make_unique<OpenSslTransport>(std::move(fd), ssl);
}

uint64_t TlsServerContext::reload_count() const { return impl_->reloads.load(); }
int64_t TlsServerContext::not_after_unix() const { return impl_->not_after.load(); }

struct TlsClientContext::Impl {
  TlsClientOptions options;
  SSL_CTX* ctx = nullptr;
  std::mutex mu;
  SSL_SESSION* session = nullptr;

  ~Impl() {
    if (session != nullptr) SSL_SESSION_free(session);
    if (ctx != nullptr) SSL_CTX_free(ctx);
  }

  static int OnNewSession(SSL* ssl, SSL_SESSION* session) {
    auto* self = static_cast<Impl*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    std::lock_guard<std::mutex> lock(self->mu);
    if (self->session != nullptr) SSL_SESSION_free(self->session);
    self->session = session;
    return 1;  // we keep the reference
  }
};

TlsClientContext::TlsClientContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TlsClientContext::~TlsClientContext() = default;

Result<std::shared_ptr<TlsClientContext>> TlsClientContext::Create(
    const TlsClientOptions& options) {
  ERR_clear_error();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->ctx = SSL_CTX_new(TLS_client_method());
  if (impl->ctx == nullptr) return Fail("tls: " + OpenSslError());
  ApplyCommonOptions(impl->ctx);
  SSL_CTX_set_app_data(impl->ctx, impl.get());
  if (options.verify) {
    SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_PEER, nullptr);
    int ok = options.ca_file.empty()
                 ? SSL_CTX_set_default_verify_paths(impl->ctx)
                 : SSL_CTX_load_verify_locations(impl->ctx, options.ca_file.c_str(), nullptr);
    if (ok != 1) {
      return Fail("tls: cannot load CA certificates" +
                  (options.ca_file.empty() ? std::string() : " from " + options.ca_file) + ": " +
                  OpenSslError());
    }
  } else {
    SSL_CTX_set_verify(impl->ctx, SSL_VERIFY_NONE, nullptr);
  }
  if (!options.alpn.empty()) {
    std::string wire;
    for (const std::string& p : options.alpn) {
      if (p.empty() || p.size() > 255) return Fail("tls: bad ALPN protocol name '" + p + "'");
      wire += static_cast<char>(p.size());
      wire += p;
    }
    // Unlike most of OpenSSL, 0 is success here.
    if (SSL_CTX_set_alpn_protos(impl->ctx, reinterpret_cast<const unsigned char*>(wire.data()),
                                static_cast<unsigned>(wire.size())) != 0) {
      return Fail("tls: cannot set ALPN: " + OpenSslError());
    }
  }
  if (!options.cert_file.empty()) {
    if (SSL_CTX_use_certificate_chain_file(impl->ctx, options.cert_file.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(
            impl->ctx, (options.key_file.empty() ? options.cert_file : options.key_file).c_str(),
            SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(impl->ctx) != 1) {
      return Fail("tls: cannot load client certificate " + options.cert_file + ": " +
                  OpenSslError());
    }
  }
  if (options.resume_sessions) {
    SSL_CTX_set_session_cache_mode(impl->ctx,
                                   SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(impl->ctx, &Impl::OnNewSession);
  }
  return std::shared_ptr<TlsClientContext>(new TlsClientContext(std::move(impl)));
}

std::unique_ptr<TlsTransport> TlsClientContext::NewTransport(UniqueFd fd) {
  SSL* ssl = SSL_new(impl_->ctx);
  if (ssl == nullptr) return nullptr;
  SSL_set_connect_state(ssl);
  const std::string& name = impl_->options.server_name;
  if (!name.empty()) {
    if (IsIpLiteral(name)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl, name.c_str());
      SSL_set1_host(ssl, name.c_str());
    }
  }
  if (impl_->options.resume_sessions) {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->session != nullptr) SSL_set_session(ssl, impl_->session);
  }
  return std::make_unique<OpenSslTransport>(std::move(fd), ssl);
}

Status WriteSelfSignedCertificate(const std::string& cert_file, const std::string& key_file,
                                  const std::vector<std::string>& hosts, int valid_days) {
  if (hosts.empty()) return Fail("a certificate needs at least one host name");
  ERR_clear_error();
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (key == nullptr) return Fail("tls: cannot generate key: " + OpenSslError());
  X509* cert = X509_new();
  auto cleanup = [&] {
    X509_free(cert);
    EVP_PKEY_free(key);
  };
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(valid_days) * 86400);
  X509_set_pubkey(cert, key);
  X509_NAME* subject = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(hosts[0].c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, subject);
  std::string san;
  for (const std::string& h : hosts) {
    if (!san.empty()) san += ",";
    san += (IsIpLiteral(h) ? "IP:" : "DNS:") + h;
  }
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
  const std::pair<int, std::string> extensions[] = {
      {NID_subject_alt_name, san},
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
      {NID_subject_key_identifier, "hash"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value.c_str());
    if (ext == nullptr) {
      cleanup();
      return Fail("tls: bad certificate extension '" + value + "': " + OpenSslError());
    }
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  if (X509_sign(cert, key, EVP_sha256()) == 0) {
    cleanup();
    return Fail("tls: cannot sign certificate: " + OpenSslError());
  }
  FILE* kf = std::fopen(key_file.c_str(), "w");
  if (kf == nullptr) {
    cleanup();
    return Fail("cannot write " + key_file + ": " + std::strerror(errno));
  }
  chmod(key_file.c_str(), 0600);
  bool ok = PEM_write_PrivateKey(kf, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(kf);
  FILE* cf = std::fopen(cert_file.c_str(), "w");
  if (cf == nullptr) {
    cleanup();
    return Fail("cannot write " + cert_file + ": " + std::strerror(errno));
  }
  ok = PEM_write_X509(cf, cert) == 1 && ok;
  std::fclose(cf);
  cleanup();
  if (!ok) return Fail("tls: cannot write PEM: " + OpenSslError());
  return {};
}

}  // namespace gori::net
