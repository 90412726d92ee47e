// `gori load report RUN.json...`: merges the `--json` results of runs that loaded one target at
// the same time (load/merge.h), prints the summary of the whole, evaluates the thresholds of
// every run (and any given here) on the merged figures, and writes --json / --html like a run.
// Exit 0 every threshold held, 99 one failed or no request succeeded, 2 a file could not be read
// or merged (the same result or shard twice, shards of different schedules).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/source.h"
#include "commands.h"
#include "load/html_report.h"
#include "load/merge.h"
#include "load/report.h"
#include "load/threshold.h"

namespace gori::app {
namespace {

struct ReportFlags {
  std::vector<std::string> files;
  std::vector<std::string> thresholds;
  std::string json;
  std::string html;
};

int Fail2(const std::string& message) {
  std::fprintf(stderr, "gori load report: %s\n", message.c_str());
  return 2;
}

int RunReport(const ReportFlags& f) {
  using namespace gori::load;
  std::vector<RunResult> runs;
  for (const std::string& path : f.files) {
    auto src = Source::Read(path);
    if (!src) return Fail2(src.error().ToString());
    auto run = ReadRunResult(path, (*src)->bytes());
    if (!run) return Fail2(run.error().ToString());
    runs.push_back(std::move(*run));
  }
  auto merged = MergeRuns(runs);
  if (!merged) return Fail2(merged.error().ToString());
  for (const std::string& w : merged->warnings) {
    std::fprintf(stderr, "gori load report: warning: %s\n", w.c_str());
  }

  std::vector<Threshold> thresholds;
  std::vector<std::string> exprs = merged->thresholds;
  exprs.insert(exprs.end(), f.thresholds.begin(), f.thresholds.end());
  for (const std::string& e : exprs) {
    auto t = ParseThreshold(e);
    if (!t) return Fail2(t.error().message);
    bool seen = false;
    for (const Threshold& have : thresholds) seen = seen || have.expr == t->expr;
    if (!seen) thresholds.push_back(std::move(*t));
  }
  Scenario scenario;
  scenario.name = merged->name;
  ReportContext ctx{&scenario, &merged->options, merged->target};
  const RunStats& stats = merged->stats;
  const auto results = Evaluate(thresholds, [&](const Metric& m) { return stats.Lookup(m); });
  std::string files;
  for (const std::string& p : f.files) files += (files.empty() ? "" : ", ") + p;
  std::fputs(
      fmt::format("merged {} result{}: {}\n", runs.size(), runs.size() == 1 ? "" : "s", files)
          .c_str(),
      stdout);
  std::fputs(FormatSummary(ctx, stats, thresholds, results).c_str(), stdout);
  std::fflush(stdout);
  if (!f.json.empty() && !WriteTextFile(f.json, FormatJson(ctx, stats, thresholds, results))) {
    return Fail2(fmt::format("cannot write {}", f.json));
  }
  if (!f.html.empty() && !WriteTextFile(f.html, FormatHtml(ctx, stats, thresholds, results))) {
    return Fail2(fmt::format("cannot write {}", f.html));
  }
  for (const auto& r : results) {
    if (!r.ok) return 99;
  }
  return stats.Succeeded() == 0 ? 99 : 0;
}

}  // namespace

void RegisterLoadReport(CLI::App& load, CommandList& out) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* sub = load.add_subcommand(
      "report", "merge the --json results of runs made together (several machines) losslessly");
  sub->footer(
      "Examples:\n"
      "  gori load report a.json b.json c.json --html all.html\n"
      "  gori load report run-*.json --threshold 'latency.p99 < 250ms' --json merged.json\n"
      "Runs must have started together (seconds are aligned from each run's start). Counts add\n"
      "up, HDR histograms add bucket by bucket, percentiles are computed again; the thresholds\n"
      "of every run are evaluated on the merged figures. The same result or shard given twice,\n"
      "or shards of different counts or schedules, are refused (exit 2); independent runs of\n"
      "different schedules merge with a warning. Exit 99 when a threshold fails or no request\n"
      "succeeded.");
  sub->add_option("files", flags->files, "results written by gori load --json")->required();
  sub->add_option("--threshold", flags->thresholds, "'METRIC OP VALUE' (repeatable)");
  sub->add_option("--json", flags->json, "write the merged result as JSON to FILE");
  sub->add_option("--html", flags->html, "write the merged HTML report to FILE");
  out.push_back({sub, [flags] { return RunReport(*flags); }});
}

}  // namespace gori::app
