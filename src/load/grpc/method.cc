#include "load/grpc/method.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>

#include <fmt/format.h>

#include "base/source.h"

namespace gori::load::grpc {
namespace pb = google::protobuf;

namespace {

// Collects the importer's complaints with their positions.
class Errors final : public pb::compiler::MultiFileErrorCollector {
 public:
  void AddError(const std::string& file, int line, int column,
                const std::string& message) override {
    if (first.empty()) first = fmt::format("{}:{}:{}: {}", file, line + 1, column + 1, message);
  }
  std::string first;
};

std::string_view TrimSlash(std::string_view method) {
  if (method.starts_with("/")) method.remove_prefix(1);
  return method;
}

}  // namespace

struct Method::Impl {
  // Exactly one of the two owns the descriptors.
  std::unique_ptr<pb::compiler::DiskSourceTree> tree;
  std::unique_ptr<Errors> errors;
  std::unique_ptr<pb::compiler::Importer> importer;
  std::unique_ptr<pb::DescriptorPool> pool;
  pb::DynamicMessageFactory factory;
  const pb::MethodDescriptor* method = nullptr;
  const pb::Message* input = nullptr;
  const pb::Message* output = nullptr;
};

Method::Method(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  const pb::MethodDescriptor* m = impl_->method;
  full_name_ = m->full_name();
  server_streaming_ = m->server_streaming();
  client_streaming_ = m->client_streaming();
  impl_->input = impl_->factory.GetPrototype(m->input_type());
  impl_->output = impl_->factory.GetPrototype(m->output_type());
}

Method::~Method() = default;

static Result<const pb::MethodDescriptor*> FindMethod(const pb::DescriptorPool& pool,
                                                      std::string_view path,
                                                      std::string_view where) {
  const std::string_view name = TrimSlash(path);
  const std::size_t slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size() ||
      name.find('/', slash + 1) != std::string_view::npos) {
    return Fail(fmt::format("gRPC method '{}': want /package.Service/Method", path));
  }
  const std::string service(name.substr(0, slash));
  const pb::ServiceDescriptor* s = pool.FindServiceByName(service);
  if (s == nullptr) return Fail(fmt::format("{} defines no service {}", where, service));
  const pb::MethodDescriptor* m = s->FindMethodByName(std::string(name.substr(slash + 1)));
  if (m == nullptr) {
    return Fail(
        fmt::format("service {} in {} has no method {}", service, where, name.substr(slash + 1)));
  }
  return m;
}

Result<std::unique_ptr<Method>> Method::FromProto(const std::string& proto_file,
                                                  const std::vector<std::string>& include_dirs,
                                                  std::string_view method) {
  auto impl = std::make_unique<Impl>();
  impl->tree = std::make_unique<pb::compiler::DiskSourceTree>();
  impl->errors = std::make_unique<Errors>();
  const std::filesystem::path path(proto_file);
  std::string dir = path.parent_path().string();
  impl->tree->MapPath("", dir.empty() ? "." : dir);
  for (const std::string& d : include_dirs) impl->tree->MapPath("", d);
  // Well-known types (google/protobuf/*.proto) from Debian's libprotobuf-dev.
  impl->tree->MapPath("", "/usr/include");
  impl->importer = std::make_unique<pb::compiler::Importer>(impl->tree.get(), impl->errors.get());
  const pb::FileDescriptor* file = impl->importer->Import(path.filename().string());
  if (file == nullptr) {
    return Fail(impl->errors->first.empty() ? "cannot read " + proto_file : impl->errors->first);
  }
  auto m = FindMethod(*impl->importer->pool(), method, proto_file);
  if (!m) return tl::unexpected(m.error());
  impl->method = *m;
  return std::unique_ptr<Method>(new Method(std::move(impl)));
}

Result<std::unique_ptr<Method>> Method::FromDescriptorSet(std::string_view bytes,
                                                          std::string_view method) {
  pb::FileDescriptorSet set;
  if (!set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Fail("not a FileDescriptorSet (protoc --descriptor_set_out)");
  }
  auto impl = std::make_unique<Impl>();
  impl->pool = std::make_unique<pb::DescriptorPool>();
  // Files in dependency order (protoc --include_imports writes them so); a file whose imports
  // are missing fails to build.
  for (const pb::FileDescriptorProto& f : set.file()) {
    if (impl->pool->BuildFile(f) == nullptr) {
      return Fail(
          fmt::format("descriptor set: cannot build {} (missing imports? use protoc "
                      "--include_imports)",
                      f.name()));
    }
  }
  auto m = FindMethod(*impl->pool, method, "the descriptor set");
  if (!m) return tl::unexpected(m.error());
  impl->method = *m;
  return std::unique_ptr<Method>(new Method(std::move(impl)));
}

Result<std::unique_ptr<Method>> Method::FromProtoset(const std::string& protoset_file,
                                                     std::string_view method) {
  auto src = Source::Read(protoset_file);
  if (!src) return tl::unexpected(src.error());
  auto m = FromDescriptorSet((*src)->bytes(), method);
  if (!m) return Fail(fmt::format("{}: {}", protoset_file, m.error().message));
  return m;
}

Status Method::Encode(std::string_view json, std::string& out) const {
  std::unique_ptr<pb::Message> msg(impl_->input->New());
  pb::util::JsonParseOptions options;
  const auto st =
      pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()), msg.get(), options);
  if (!st.ok()) {
    return Fail(fmt::format("the body is not a {} in JSON: {}",
                            impl_->method->input_type()->full_name(), std::string(st.message())));
  }
  const std::size_t n = msg->ByteSizeLong();
  out.resize(5 + n);
  out[0] = 0;  // not compressed
  for (int i = 0; i < 4; ++i) out[1 + i] = static_cast<char>((n >> (24 - 8 * i)) & 0xff);
  msg->SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(out.data() + 5));
  return {};
}

Status Method::Decode(std::string_view body, std::string& out) const {
  if (body.size() < 5) return Fail("gRPC response: no message");
  if (body[0] != 0) return Fail("gRPC response: compressed messages are not decoded");
  std::size_t n = 0;
  for (int i = 1; i <= 4; ++i) n = n << 8 | static_cast<unsigned char>(body[i]);
  if (n > body.size() - 5) return Fail("gRPC response: truncated message");
  std::unique_ptr<pb::Message> msg(impl_->output->New());
  if (!msg->ParseFromArray(body.data() + 5, static_cast<int>(n))) {
    return Fail(fmt::format("gRPC response: not a {}", impl_->method->output_type()->full_name()));
  }
  out.clear();
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  const auto st = pb::util::MessageToJsonString(*msg, &out, options);
  if (!st.ok()) return Fail("gRPC response: " + std::string(st.message()));
  return {};
}

std::string_view StatusName(int code) {
  static constexpr std::string_view kNames[] = {"OK",
                                                "CANCELLED",
                                                "UNKNOWN",
                                                "INVALID_ARGUMENT",
                                                "DEADLINE_EXCEEDED",
                                                "NOT_FOUND",
                                                "ALREADY_EXISTS",
                                                "PERMISSION_DENIED",
                                                "RESOURCE_EXHAUSTED",
                                                "FAILED_PRECONDITION",
                                                "ABORTED",
                                                "OUT_OF_RANGE",
                                                "UNIMPLEMENTED",
                                                "INTERNAL",
                                                "UNAVAILABLE",
                                                "DATA_LOSS",
                                                "UNAUTHENTICATED"};
  if (code < 0 || code >= kStatusCodes) return "UNKNOWN";
  return kNames[code];
}

int StatusFromHttp(int http_status) {
  switch (http_status) {
    case 400:
      return 13;
    case 401:
      return 16;
    case 403:
      return 7;
    case 404:
      return 12;
    case 429:
    case 502:
    case 503:
    case 504:
      return 14;
    default:
      return 2;
  }
}

}  // namespace gori::load::grpc
