#include <charconv>

#include "policy/model.h"
#include "policy/policy.h"

namespace gori::policy {

struct PolicySet::Impl {
  k8s::Bundle bundle;
  Loaded loaded;
  std::vector<const Binding*> bindings;  // those whose policy loaded
  std::vector<std::shared_ptr<const k8s::CrdSchemaFiles>> crd_files;
};

PolicySet::PolicySet() : impl_(std::make_unique<Impl>()) {
  // A policy repository keeps its tests beside the policies: not policies, not params.
  impl_->bundle.SetIgnore([](std::string_view path) {
    std::string_view name = path.substr(path.find_last_of('/') + 1);
    return name == "tests" || name.ends_with(".test.yaml") || name.ends_with(".test.yml");
  });
}
PolicySet::~PolicySet() = default;
PolicySet::PolicySet(PolicySet&&) noexcept = default;
PolicySet& PolicySet::operator=(PolicySet&&) noexcept = default;

void PolicySet::AddPath(const std::string& path) { impl_->bundle.AddPath(path); }
void PolicySet::AddSource(std::unique_ptr<Source> source) {
  impl_->bundle.AddSource(std::move(source));
}

void PolicySet::SetKubernetesVersion(std::string_view version) {
  if (version.starts_with('v')) version.remove_prefix(1);
  std::size_t dot = version.find('.');
  if (dot == std::string_view::npos) return;
  std::string_view minor = version.substr(dot + 1);
  minor = minor.substr(0, minor.find('.'));
  int n = 0;
  auto [end, ec] = std::from_chars(minor.data(), minor.data() + minor.size(), n);
  if (ec == std::errc() && end == minor.data() + minor.size() && version.substr(0, dot) == "1")
    impl_->loaded.kubernetes_minor = n;
}

void PolicySet::AddCrds(std::shared_ptr<const k8s::CrdSchemaFiles> crds) {
  if (crds == nullptr || crds->bundle == nullptr) return;
  for (const k8s::Object& o : crds->bundle->objects()) {
    if (o.kind() == "CustomResourceDefinition") impl_->loaded.crds.push_back(&o);
  }
  impl_->crd_files.push_back(std::move(crds));
}

std::span<const Error> PolicySet::notes() const { return impl_->loaded.notes; }

void PolicySet::Finish() {
  impl_->bundle.Finish();
  errors_ = impl_->bundle.errors();
  LoadPolicies(impl_->bundle, impl_->loaded, errors_);
  for (const auto& p : impl_->loaded.policies) IndexResources(p->constraints);
  PrecomputeParamVariables(impl_->loaded);
  ShareVariables(impl_->loaded);
  for (const auto& b : impl_->loaded.bindings) {
    if (b->match) IndexResources(*b->match);
    if (b->policy) impl_->bindings.push_back(b.get());
  }
}

void PolicySet::BindUnbound() {
  for (const auto& p : impl_->loaded.policies) {
    bool bound = false;
    for (const Binding* b : impl_->bindings) bound = bound || b->policy == p.get();
    if (bound) continue;
    auto b = std::make_unique<Binding>();
    b->name = p->name;
    b->policy_name = p->name;
    b->policy = p.get();
    b->object = p->object;
    b->actions = kDeny;
    impl_->bindings.push_back(b.get());
    impl_->loaded.bindings.push_back(std::move(b));
  }
}

std::size_t PolicySet::policy_count() const { return impl_->loaded.policies.size(); }
std::size_t PolicySet::binding_count() const { return impl_->bindings.size(); }

std::vector<std::string_view> PolicySet::PolicyNames() const {
  std::vector<std::string_view> out;
  for (const auto& p : impl_->loaded.policies) out.push_back(p->name);
  return out;
}

void PolicySet::Decide(const k8s::Object& object, std::span<const k8s::Object> objects,
                       const Admission* admission, std::vector<Decision>& out) const {
  DecideObject(impl_->loaded, impl_->bindings, object, objects, admission, out);
}

void PolicySet::Check(std::span<const k8s::Object> objects, const Admission* admission,
                      std::vector<rules::Finding>& out,
                      std::vector<rules::ObjectAudit>* audit) const {
  if (impl_->bindings.empty()) return;
  std::vector<Decision> decisions;
  for (const k8s::Object& o : objects) {
    decisions.clear();
    DecideObject(impl_->loaded, impl_->bindings, o, objects, admission, decisions, true);
    rules::ObjectAudit* record = nullptr;
    for (Decision& d : decisions) {
      AppendFindings(o, d, out);
      if (!audit || d.audit_annotations.empty()) continue;
      if (!record) record = &audit->emplace_back(rules::ObjectAudit{&o, {}});
      for (auto& kv : d.audit_annotations) record->annotations.push_back(std::move(kv));
    }
  }
}

}  // namespace gori::policy
