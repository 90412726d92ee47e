// src/origin/process.h
//
// Runs a helper program (kubectl) and collects what it prints. Used only to render inputs
// before checking them; never on a hot path.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace gori::origin {

struct ProcessResult {
  int exit_code = 0;  // the program's exit status; 128 + N when killed by signal N
  std::string out;
  std::string err;
};

// The full path of `program` found in $PATH, or empty when there is none.
std::string FindInPath(const std::string& program);

// Runs argv (argv[0] looked up in $PATH) with stdin closed, reading stdout and stderr until it
// exits. A run longer than `timeout_ms` is killed and reported as an error, as is a program that
// cannot be started.
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv, int timeout_ms);

}  // namespace gori::origin
