// src/k8s/quantity.h
//
// Kubernetes resource quantities ("250m", "1Gi", "1e3", "0.5", "128974848") parsed exactly as
// the API server accepts them: sign, decimal number, then a binary suffix (Ki Mi Gi Ti Pi Ei),
// a decimal suffix (n u m "" k M G T P E) or a decimal exponent (e3, E-2). The value is kept in
// milli-units as a 128-bit integer (exact for every legal quantity up to Ei), rounded up to the
// next milli-unit like the API server does for cpu.
#pragma once

#include <string_view>

#include "base/result.h"

namespace gori::k8s {

enum class QuantityFormat : uint8_t { kDecimalSI, kBinarySI, kDecimalExponent };

// __extension__: 128-bit integers are a GCC/Clang extension; -Wpedantic would reject them.
__extension__ typedef __int128 Int128;

struct Quantity {
  Int128 milli = 0;  // value × 1000
  QuantityFormat format = QuantityFormat::kDecimalSI;
  std::string_view suffix;  // as written ("Mi", "m", "e3", "")

  double Value() const { return static_cast<double>(milli) / 1000.0; }
  friend bool operator<(const Quantity& a, const Quantity& b) { return a.milli < b.milli; }
  friend bool operator==(const Quantity& a, const Quantity& b) { return a.milli == b.milli; }
};

Result<Quantity> ParseQuantity(std::string_view text);

}  // namespace gori::k8s
