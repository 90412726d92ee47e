// Fuzzes the JSON loader (simdjson On-Demand into the doc tree): load or a positioned error.
#include <cstdint>
#include <string>

#include "base/check.h"
#include "json/loader.h"
#include "json/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  gori::doc::LoadedFile file;
  file.source =
      gori::Source::FromString("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  auto st = gori::json::Load(file, gori::doc::BuildLimits{.max_depth = 64});
  if (!st) {
    GORI_CHECK(st.error().line >= 1);
    GORI_CHECK(file.documents.empty());
  }
  std::string escaped;
  gori::json::Writer::Escape(file.source->bytes(), escaped);
  return 0;
}
