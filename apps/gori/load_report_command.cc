// `gori load report RUN.json...`: merges the `--json` results of runs that loaded one target at
// the same time (load/merge.h), prints the summary of the whole, evaluates the thresholds of
// every run (and any given here) on the merged figures, and writes --json / --html like a run.
// Exit 0 every threshold held, 99 one failed or no request succeeded, 2 a file could not be read
// or merged (the same result or shard twice, shards of different schedules).
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "load/command.h"

namespace gori::app {
namespace {

struct ReportFlags {
  std::vector<std::string> files;
  std::vector<std::string> thresholds;
  std::string json;
  std::string html;
};

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
  out.push_back({sub, [flags] {
                   return load::ReportCommand(flags->files, flags->thresholds, flags->json,
                                              flags->html);
                 }});
}

}  // namespace gori::app
