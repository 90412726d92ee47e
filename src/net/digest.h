// src/net/digest.h
//
// SHA-256 of a byte string as lowercase hex (OpenSSL stays inside src/net). For evidence
// records that must name exactly which configuration produced a verdict. Pure.
#pragma once

#include <string>
#include <string_view>

namespace gori::net {

std::string Sha256Hex(std::string_view bytes);

}  // namespace gori::net
