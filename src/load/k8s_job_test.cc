#include "load/k8s_job.h"

#include <string>

#include <gtest/gtest.h>

#include "base/source.h"
#include "doc/document.h"
#include "yaml/loader.h"

namespace gori::load {
namespace {

// The emitted stream as documents, to read fields back the way kubectl would.
struct Parsed {
  doc::LoadedFile file;
  const doc::Node* Kind(std::string_view kind) const {
    for (const doc::Document& d : file.documents) {
      if (d.root && d.root->Get("kind") && d.root->Get("kind")->text() == kind) return d.root;
    }
    return nullptr;
  }
};

std::unique_ptr<Parsed> Parse(const std::string& yaml) {
  auto p = std::make_unique<Parsed>();
  p->file.source = Source::FromString("job.yaml", yaml);
  auto st = yaml::Load(p->file);
  EXPECT_TRUE(st) << st.error().ToString();
  return p;
}

JobSpec Spec() {
  JobSpec s;
  s.shards = 4;
  s.name = "checkout";
  s.namespace_ = "load-test";
  s.image = "registry.example/gori:1.0";
  s.start_at = "2026-11-26T14:00:00Z";
  // Indentation, quotes, a comment, a tab and a blank line must all survive the ConfigMap.
  s.scenario_yaml =
      "# rehearsal: \"quoted\"\nname: checkout\nsteps:\n  - name: a\n\n    request: {path: "
      "'/x#y'}\n\tfoo\n";
  s.csv_name = "users.csv";
  s.csv_text = "user\n  alice\nbob";
  return s;
}

TEST(EmitJob, KubectlCommandsNameTheNamespace) {
  auto yaml = EmitJob(Spec());
  ASSERT_TRUE(yaml) << yaml.error().message;
  EXPECT_NE(
      yaml->find("#   kubectl -n load-test apply -f THIS_FILE\n"
                 "#   kubectl -n load-test wait --for=condition=complete job/checkout "
                 "--timeout=1h\n"
                 "#   for p in $(kubectl -n load-test get pods -l job-name=checkout -o name); "
                 "do\n"
                 "#     kubectl -n load-test logs \"$p\" > \"${p#pod/}.json\"; done\n"),
      std::string::npos)
      << *yaml;
  JobSpec none = Spec();
  none.namespace_.clear();
  EXPECT_NE(EmitJob(none)->find("#   kubectl apply -f THIS_FILE\n"), std::string::npos);
}

TEST(LoopbackWarning, NamesLoopbackTargetsOnly) {
  EXPECT_EQ(LoopbackWarning("127.0.0.1"),
            "the scenario targets 127.0.0.1, which inside each pod is the pod itself: point "
            "base_url at the service's cluster address (e.g. http://NAME.NAMESPACE.svc:PORT)");
  EXPECT_NE(LoopbackWarning("localhost"), "");
  EXPECT_NE(LoopbackWarning("::1"), "");
  EXPECT_EQ(LoopbackWarning("api.shop.svc"), "");
  EXPECT_EQ(LoopbackWarning("10.0.0.7"), "");
}

TEST(EmitJob, ConfigMapCarriesTheScenarioAndItsCsvVerbatim) {
  auto yaml = EmitJob(Spec());
  ASSERT_TRUE(yaml) << yaml.error().message;
  auto p = Parse(*yaml);
  const doc::Node* cm = p->Kind("ConfigMap");
  ASSERT_NE(cm, nullptr);
  EXPECT_EQ(cm->Path({"data", "scenario.yaml"})->text(), Spec().scenario_yaml);
  EXPECT_EQ(cm->Path({"data", "users.csv"})->text(), "user\n  alice\nbob\n");
  EXPECT_EQ(cm->Path({"metadata", "namespace"})->text(), "load-test");
}

TEST(EmitJob, IndexedJobOfShardsStartingTogether) {
  auto yaml = EmitJob(Spec());
  ASSERT_TRUE(yaml);
  auto p = Parse(*yaml);
  const doc::Node* job = p->Kind("Job");
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->Path({"spec", "completionMode"})->text(), "Indexed");
  EXPECT_EQ(job->Path({"spec", "completions"})->AsInt(), 4);
  EXPECT_EQ(job->Path({"spec", "parallelism"})->AsInt(), 4);
  const doc::Node* c = job->Path({"spec", "template", "spec", "containers"})->items()[0];
  std::string args;
  for (const doc::Node* a : c->Get("args")->items()) args += std::string(a->text()) + " ";
  EXPECT_EQ(args,
            "load -f /scenario/scenario.yaml --shard=$(GORI_SHARD)/4 "
            "--start-at=$(GORI_START_AT) --quiet --json=- ");
  const doc::Node* env = c->Get("env");
  EXPECT_EQ(env->items()[0]->Path({"valueFrom", "fieldRef", "fieldPath"})->text(),
            "metadata.annotations['batch.kubernetes.io/job-completion-index']");
  EXPECT_EQ(env->items()[1]->Get("value")->text(), "2026-11-26T14:00:00Z");
  EXPECT_EQ(c->Get("image")->text(), "registry.example/gori:1.0");
  EXPECT_TRUE(c->Path({"securityContext", "readOnlyRootFilesystem"})->AsBool().value_or(false));
}

TEST(EmitJob, RefusesWhatCannotWork) {
  JobSpec s = Spec();
  s.csv_name = "data/users.csv";
  auto r = EmitJob(s);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("write data.csv as a bare file name"), std::string::npos);
  s = Spec();
  s.shards = 0;
  EXPECT_FALSE(EmitJob(s));
}

TEST(JobName, Dns1123FromTheScenarioName) {
  EXPECT_EQ(JobName("Checkout rehearsal (peak)"), "checkout-rehearsal-peak");
  EXPECT_EQ(JobName(""), "gori-load");
  EXPECT_EQ(JobName("---"), "gori-load");
  EXPECT_EQ(JobName(std::string(80, 'a')).size(), 40u);
}

}  // namespace
}  // namespace gori::load
