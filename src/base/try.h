// src/base/try.h
//
// GORI_TRY(var, expr): declares `var` as the value of the Result `expr`, or returns its error
// from the enclosing function (which returns a Result or a Status).
#pragma once

#include <utility>

#include "base/result.h"

#define GORI_TRY(var, expr)                                       \
  auto var##_result = (expr);                                     \
  if (!var##_result) return tl::unexpected(var##_result.error()); \
  auto var = std::move(*var##_result)
