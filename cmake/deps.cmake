# Every third-party dependency is found here and nowhere else. All come from Debian packages
# (scripts/deps.txt). Modules link them PRIVATE so their headers stay inside the wrapping module.
find_package(PkgConfig REQUIRED)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(simdjson REQUIRED)
find_package(fmt REQUIRED)
find_package(tl-expected REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
find_package(GTest REQUIRED)
# Boost.Math (header-only) for the distributions of src/stats.
find_package(Boost 1.74 REQUIRED)
if(GORI_BENCH)
  find_package(benchmark REQUIRED)
endif()
# HTTP/2 client sessions of gori load (src/http) and gRPC messages (src/load/grpc).
pkg_check_modules(NGHTTP2 REQUIRED IMPORTED_TARGET libnghttp2)
find_package(Protobuf REQUIRED)  # protobuf::libprotobuf, protobuf::libprotoc (the importer)
