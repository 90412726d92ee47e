// src/load/grpc/method.h
//
// One gRPC method of `gori load grpc://HOST/package.Service/Method`, described by a .proto file
// (compiled at run time with libprotobuf's importer: imports resolve against the file's folder
// and the given include paths) or by a descriptor set (`protoc --include_imports
// --descriptor_set_out`). Requests are written as JSON (proto3 JSON mapping) and encoded into
// length-prefixed gRPC messages; responses decode back to JSON for checks and extraction.
// libprotobuf stays inside src/load/grpc: this header names none of its types.
// Thread-safety: a loaded Method is shared by every worker thread; Encode and Decode are const
// and safe to call concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gori::load::grpc {

class Method {
 public:
  // `method` is "package.Service/Method" (a leading '/' is allowed).
  static Result<std::unique_ptr<Method>> FromProto(const std::string& proto_file,
                                                   const std::vector<std::string>& include_dirs,
                                                   std::string_view method);
  static Result<std::unique_ptr<Method>> FromProtoset(const std::string& protoset_file,
                                                      std::string_view method);
  // From serialized FileDescriptorSet bytes (tests, fuzzing).
  static Result<std::unique_ptr<Method>> FromDescriptorSet(std::string_view bytes,
                                                           std::string_view method);
  ~Method();

  // JSON of the input message -> one uncompressed gRPC message (5-byte prefix + protobuf),
  // written over `out`.
  Status Encode(std::string_view json, std::string& out) const;
  // The first message of a response body (5-byte prefix + protobuf) -> JSON, written over `out`.
  // Compressed or truncated messages and bytes that do not parse as the output type fail.
  Status Decode(std::string_view body, std::string& out) const;

  const std::string& full_name() const { return full_name_; }  // "package.Service.Method"
  bool server_streaming() const { return server_streaming_; }
  bool client_streaming() const { return client_streaming_; }

  struct Impl;

 private:
  explicit Method(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string full_name_;
  bool server_streaming_ = false;
  bool client_streaming_ = false;
};

// "OK", "CANCELLED", ..., "UNAUTHENTICATED" for codes 0-16; "UNKNOWN" for anything else.
std::string_view StatusName(int code);
inline constexpr int kStatusCodes = 17;

// The gRPC status a response without grpc-status stands for (gRPC's HTTP to gRPC status
// mapping): 400 INTERNAL, 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 UNIMPLEMENTED,
// 429/502/503/504 UNAVAILABLE, other UNKNOWN (a 200 without grpc-status is UNKNOWN too).
int StatusFromHttp(int http_status);

}  // namespace gori::load::grpc
