#include "guard/check.h"

#include "origin/kustomize.h"

namespace gori::guard {

Result<CheckRun> Check(const Options& options, const CheckInputs& inputs) {
  auto guard = Guard::Create(options);
  if (!guard) return tl::unexpected(guard.error());
  if (inputs.paths.empty() && inputs.kustomize.empty()) {
    return Fail("no input: give files, directories, - for stdin, or --kustomize DIR");
  }
  if (!inputs.kustomize.empty() && !origin::KubectlAvailable()) {
    return Fail(origin::KubectlMissingMessage());
  }
  CheckRun run;
  run.guard = std::move(*guard);
  const rules::Config& config = run.guard->config();
  run.bundle = std::make_unique<k8s::Bundle>(config.pod_templates);
  k8s::Bundle& bundle = *run.bundle;
  bundle.SetIgnore([&config](std::string_view path) { return config.IsIgnoredPath(path); });
  for (const std::string& p : inputs.paths) bundle.AddPath(p);
  run.locator =
      std::make_unique<origin::OriginLocator>(bundle, origin::LocatorOptions{inputs.helm_root});
  std::vector<Error> kustomize_errors;
  for (const std::string& dir : inputs.kustomize) {
    auto rendered = origin::RunKustomize(dir);
    if (!rendered) {
      kustomize_errors.push_back(rendered.error());
      continue;
    }
    run.locator->AddKustomizeOutput(rendered->source->name(), dir, rendered->kustomization);
    bundle.AddSource(std::move(rendered->source));
  }
  bundle.Finish();
  run.errors = bundle.errors();
  // A broken policy file is an input error (exit 2); the policies that loaded still ran.
  for (const Error& e : run.guard->policy_errors()) run.errors.push_back(e);
  run.errors.insert(run.errors.end(), kustomize_errors.begin(), kustomize_errors.end());
  run.outcome = run.guard->Run(bundle.objects());
  for (const Error& note : bundle.notes()) run.outcome.notes.push_back(note.ToString());
  for (const Error& note : run.guard->policies().notes()) {
    run.outcome.notes.push_back(note.ToString());
  }
  return run;
}

}  // namespace gori::guard
