#include "http/cert_watcher.h"

#include <sys/stat.h>

#include <fmt/format.h>

namespace gori::http {

CertWatcher::CertWatcher(std::string cert_file, std::string key_file,
                         std::shared_ptr<net::TlsServerContext> tls, CertMetrics* metrics)
    : cert_file_(std::move(cert_file)),
      key_file_(std::move(key_file)),
      tls_(std::move(tls)),
      metrics_(metrics) {
  loaded_ = Signature();
  if (metrics_) metrics_->not_after = tls_->not_after_unix();
}

std::string CertWatcher::Signature() const {
  std::string sig;
  for (const std::string& path : {cert_file_, key_file_}) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) {
      sig += "missing;";
      continue;
    }
    fmt::format_to(std::back_inserter(sig), "{}:{}:{}:{}.{};", st.st_dev, st.st_ino, st.st_size,
                   st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  }
  return sig;
}

bool CertWatcher::Check(std::string& error) {
  error.clear();
  std::string sig = Signature();
  if (sig == loaded_ || sig == last_failed_) return false;
  if (auto st = tls_->Reload(); !st) {
    last_failed_ = sig;
    error = st.error().message;
    if (metrics_) metrics_->reload_failures.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  loaded_ = sig;
  last_failed_.clear();
  if (metrics_) {
    metrics_->reloads.fetch_add(1, std::memory_order_relaxed);
    metrics_->not_after = tls_->not_after_unix();
  }
  return true;
}

void CertWatcher::CheckAndLog(const std::function<void(const std::string&)>& log) {
  std::string error;
  if (Check(error)) {
    log("certificate reloaded");
  } else if (!error.empty()) {
    log("certificate reload failed, keeping the previous one: " + error);
  }
}

}  // namespace gori::http
