#include "check_output.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "compliance/evidence.h"
#include "compliance/summary.h"

namespace gori::app {

void AddCheckOutputFlags(CLI::App& sub, CheckOutputFlags& flags) {
  sub.add_option("--fail-on", flags.fail_on,
                 "Lowest severity that makes exit code 1: critical, high, medium, low, info, "
                 "none")
      ->capture_default_str();
  sub.add_option("--format", flags.formats,
                 "Report format NAME, or NAME=FILE to write it to FILE; repeat for several (" +
                     report::FormatNames() + ", evidence; default text)")
      ->type_name("NAME[=FILE]")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub.add_option("--output,-o", flags.output,
                 "Write the --format without =FILE to FILE instead of stdout (a directory "
                 "for --format evidence)");
  sub.add_flag("--no-color", flags.no_color, "Never color the text output");
  sub.add_flag("--show-suppressed", flags.show_suppressed,
               "List suppressed findings too (they are always counted in the summary)");
}

Result<CheckOutputs> ParseCheckOutputs(const CheckOutputFlags& flags) {
  CheckOutputs out;
  out.no_color = flags.no_color;
  out.show_suppressed = flags.show_suppressed;
  if (flags.fail_on == "none") {
    out.fail_never = true;
  } else {
    auto sev = rules::ParseSeverity(flags.fail_on);
    if (!sev) {
      return Fail(fmt::format(
          "--fail-on: unknown value '{}' (want critical, high, medium, low, info or none)",
          flags.fail_on));
    }
    out.fail_on = *sev;
  }
  for (const std::string& f : flags.formats) {
    const std::string name = f.substr(0, f.find('='));
    if (name != "evidence" && report::FindFormat(name) == nullptr) {
      return Fail(fmt::format("--format: unknown format '{}' (want {}, evidence)", name,
                              report::FormatNames()));
    }
  }
  // `--format evidence` is not a report::Format: it needs the compliance view of the run.
  std::string output = flags.output;
  std::vector<std::string> formats;
  for (const std::string& f : flags.formats) {
    if (f == "evidence") {
      out.evidence = true;
      out.evidence_dir = flags.output;
      output.clear();
    } else if (f.starts_with("evidence=")) {
      out.evidence = true;
      out.evidence_dir = f.substr(9);
    } else {
      formats.push_back(f);
    }
  }
  out.to_stdout = output.empty();
  bool evidence_on_stdout = out.evidence && out.evidence_dir.empty();
  if (evidence_on_stdout && formats.empty()) return out;
  auto parsed = report::ParseOutputs(formats, output);
  if (!parsed) return tl::unexpected(parsed.error());
  out.outputs = std::move(*parsed);
  if (evidence_on_stdout) {
    for (const auto& o : out.outputs) {
      if (o.file.empty()) return Fail("--format evidence already writes to stdout");
    }
  }
  return out;
}

int PrintCheck(const guard::CheckRun& run, const CheckOutputs& out) {
  const guard::Outcome& outcome = run.outcome;
  const k8s::Bundle& bundle = *run.bundle;
  report::Report rep;
  rep.fail_on = out.fail_on;
  rep.fail_never = out.fail_never;
  rep.findings = outcome.findings;
  rep.audit = outcome.audit;
  rep.errors = run.errors;
  rep.checked = bundle.objects();
  rep.rules = run.guard->engine().active();
  rep.locator = run.locator.get();
  rep.files = bundle.files().size();
  rep.show_suppressed = out.show_suppressed;
  rep.objects = bundle.objects().size();
  const auto& summaries = outcome.summaries;
  const auto& exemptions = outcome.exemptions;
  if (!summaries.empty() || !exemptions.applied.empty() || !exemptions.ignored.empty()) {
    rep.extra_json = [&](json::Writer& w) {
      w.Key("compliance");
      compliance::WriteSummaryJson(summaries, exemptions, w);
    };
    rep.extra_text = [&](std::string& text) {
      compliance::WriteSummaryText(summaries, exemptions, text);
    };
  }
  if (out.evidence) {
    auto ev = compliance::BuildEvidence(bundle.objects(), run.guard->config(), outcome.findings,
                                        exemptions, run.guard->profiles(), summaries,
                                        bundle.files().size());
    if (out.evidence_dir.empty()) {
      std::string json;
      compliance::WriteEvidenceJson(ev, GORI_VERSION, json);
      std::fwrite(json.data(), 1, json.size(), stdout);
      std::fflush(stdout);
    } else if (auto st = compliance::WriteEvidenceFiles(ev, GORI_VERSION, out.evidence_dir); !st) {
      std::fprintf(stderr, "gori check: --output: %s\n", st.error().message.c_str());
      return 2;
    }
  }
  report::WriteOptions write;
  write.color = out.to_stdout && ::isatty(STDOUT_FILENO) && !out.no_color &&
                std::getenv("NO_COLOR") == nullptr;
  write.tool_version = GORI_VERSION;
  write.information_uri = GORI_INFORMATION_URI;
  std::error_code cwd_error;
  std::string cwd = std::filesystem::current_path(cwd_error).string();  // empty on error
  write.source_root = cwd;
  if (Status st = report::WriteOutputs(rep, out.outputs, write); !st) {
    std::fprintf(stderr, "gori check: %s\n", st.error().message.c_str());
    return 2;
  }
  if (!rep.errors.empty()) return 2;
  return rep.Fails() ? 1 : 0;
}

}  // namespace gori::app
