// src/net/tls.h
//
// TLS (OpenSSL 3, TLS 1.2 and 1.3 only) as a Transport, for servers and clients. OpenSSL stays
// inside src/net: this header names none of its types.
//
// Server: TlsServerContext loads a PEM certificate chain and key. Reload() builds a fresh
// OpenSSL context from the files and swaps it in; connections already open keep the context they
// started with, new ones get the new one, so rotating a certificate drops nothing. Session
// tickets keep working across reloads (the ticket keys are carried over). A failed reload keeps
// the old certificate and says why.
//
// Client: TlsClientContext verifies the server against a CA file (or not, for tests and
// self-signed targets) and resumes sessions: the newest session ticket of the context is offered
// by every new connection.
//
// Thread-safety: contexts are shared by every loop thread (Reload and Create* may run
// concurrently); each TlsTransport belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "net/transport.h"

namespace gori::net {

class TlsTransport : public Transport {
 public:
  // True when the handshake resumed an earlier session (no full key exchange).
  virtual bool session_reused() const = 0;
  // "TLSv1.3", "TLSv1.2" once the handshake is done.
  virtual std::string protocol() const = 0;
  // The application protocol the server chose by ALPN ("h2", "http/1.1"), empty when none.
  virtual std::string alpn() const = 0;
};

class TlsServerContext {
 public:
  // With `offer_h2`, ALPN selects "h2" when the client offers it, else "http/1.1"; without,
  // only "http/1.1" (a client offering nothing gets no ALPN either way).
  static Result<std::shared_ptr<TlsServerContext>> Create(const std::string& cert_file,
                                                          const std::string& key_file,
                                                          bool offer_h2 = false);
  ~TlsServerContext();

  // Re-reads the files given to Create. Thread-safe.
  Status Reload();
  // A server-side TLS transport over an accepted socket, on the current certificate.
  std::unique_ptr<TlsTransport> NewTransport(UniqueFd fd);
  uint64_t reload_count() const;
  // notAfter of the current certificate, seconds since the epoch (for metrics and logs).
  int64_t not_after_unix() const;

  struct Impl;

 private:
  explicit TlsServerContext(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct TlsClientOptions {
  std::string ca_file;      // PEM bundle to verify the server; empty = system default paths
  bool verify = true;       // false accepts any certificate (self-signed test targets)
  std::string server_name;  // SNI and the name (or IP literal) the certificate must match
  bool resume_sessions = true;
  std::vector<std::string> alpn;  // offered application protocols in order, e.g. {"h2"}
  // Client certificate and key (PEM) for servers that require mutual TLS; empty = none.
  std::string cert_file;
  std::string key_file;
};

class TlsClientContext {
 public:
  static Result<std::shared_ptr<TlsClientContext>> Create(const TlsClientOptions& options);
  ~TlsClientContext();

  // A client-side TLS transport over a connected (or connecting) socket; call Handshake().
  std::unique_ptr<TlsTransport> NewTransport(UniqueFd fd);

  struct Impl;

 private:
  explicit TlsClientContext(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes a fresh self-signed certificate (ECDSA P-256, SHA-256, CA:TRUE so it can be its own
// trust anchor) and its key as PEM files. `hosts` become subjectAltNames (IP literals as IP
// entries, the rest as DNS); the first is also the common name. For tests and local runs.
Status WriteSelfSignedCertificate(const std::string& cert_file, const std::string& key_file,
                                  const std::vector<std::string>& hosts, int valid_days = 30);

}  // namespace gori::net
