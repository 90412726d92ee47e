// rel-dns-ndots: ndots:5 multiplies every external DNS lookup by the search domains.
#include <charconv>

#include "rules/pod_util.h"
#include "rules/rule.h"

namespace gori::rules {
namespace {

// Names with fewer dots than this are tried with every search domain first.
constexpr int kMaxNdots = 2;

class DnsNdots final : public Rule {
 public:
  const RuleInfo& Info() const override {
    static const RuleInfo kInfo{
        .id = "rel-dns-ndots",
        .family = Family::kReliability,
        .severity = Severity::kLow,
        .summary = "pod resolves names with ndots above 2 (the cluster default is 5)",
        .rationale =
            "With dnsPolicy ClusterFirst a pod's resolv.conf says ndots:5 and lists "
            "three or four search domains: a name with fewer than five dots, such as "
            "api.partner.example.com, is first tried in each search domain. Every "
            "external lookup becomes four or five queries (twice that with A and AAAA), "
            "which at peak traffic loads CoreDNS and conntrack and adds latency to "
            "every new connection. Pods with dnsPolicy Default, or on the host network "
            "without ClusterFirstWithHostNet, use the node's resolver and are not "
            "reported.",
        .remediation =
            "Set spec.dnsConfig.options [{name: ndots, value: \"2\"}] (and write external "
            "names with a trailing dot where it matters).",
        .enabled_by_default = false,
        .failing_example = "spec:\n  containers: [...]\n  # no dnsConfig: ndots is 5",
        .passing_example = "spec:\n  dnsConfig:\n    options: [{name: ndots, value: \"2\"}]",
    };
    return kInfo;
  }
  void Check(const Context&, const k8s::Object& o, Sink& out) const override {
    if (!o.pod() || !RunsLongLived(o)) return;
    const k8s::PodSpec& pod = *o.pod();
    std::string_view policy = Text(pod.Get("dnsPolicy"));
    if (policy == "Default") return;
    if (IsTrue(pod.Get("hostNetwork")) && policy != "ClusterFirstWithHostNet") return;
    const doc::Node* config = pod.Get("dnsConfig");
    const doc::Node* options = config ? config->Get("options") : nullptr;
    const doc::Node* ndots = nullptr;
    for (const doc::Node* opt : options ? options->items() : std::span<const doc::Node* const>()) {
      if (Text(opt->Get("name")) == "ndots") ndots = opt->Get("value");
    }
    if (!ndots) {
      // dnsPolicy None without ndots: the resolver's own default, 1.
      if (policy == "None") return;
      out.Reportf(*this, o, FirstMap({options, config}, pod.spec),
                  pod.spec_path + ".dnsConfig.options",
                  "{} '{}' resolves names with ndots:5 (the cluster default): each lookup of an "
                  "external name goes through every search domain first",
                  o.kind(), o.name());
      return;
    }
    std::string_view text = Text(ndots);
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= kMaxNdots) return;
    out.Reportf(*this, o, ndots, pod.spec_path + ".dnsConfig.options",
                "{} '{}' sets ndots:{}: each lookup of an external name with fewer dots goes "
                "through every search domain first",
                o.kind(), o.name(), value);
  }
};

}  // namespace
}  // namespace gori::rules
GORI_REGISTER_RULE(gori::rules::DnsNdots)
