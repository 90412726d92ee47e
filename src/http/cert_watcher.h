// src/http/cert_watcher.h
//
// Notices when the certificate or key file changed (cert-manager and kubelet replace them
// through a symlink swap, so the stat of the path changes: inode, size or mtime) and reloads
// the TLS context. A reload that fails (say the certificate is new but the key not yet) keeps
// the old certificate; it is tried again as soon as the files change again (the missing half
// arrives), so a rotation settles without a restart.
// Thread-compatible: called from one thread (a server's control thread, once a second).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/metrics.h"
#include "net/tls.h"

namespace gori::http {

class CertWatcher {
 public:
  CertWatcher(std::string cert_file, std::string key_file,
              std::shared_ptr<net::TlsServerContext> tls, CertMetrics* metrics);

  // Returns true when a reload took effect. `error` receives the reason of a failed attempt
  // (empty otherwise).
  bool Check(std::string& error);
  // Check, with one line to `log` when a reload took effect or failed.
  void CheckAndLog(const std::function<void(const std::string&)>& log);

 private:
  std::string Signature() const;

  std::string cert_file_, key_file_;
  std::shared_ptr<net::TlsServerContext> tls_;
  CertMetrics* metrics_;
  std::string loaded_;       // signature of the files currently in use
  std::string last_failed_;  // signature whose reload failed (not retried until it changes)
};

}  // namespace gori::http
