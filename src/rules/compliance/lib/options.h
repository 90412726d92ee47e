// src/rules/compliance/lib/options.h
//
// Parameters of the compliance rules (cmp-*) and of the exemption pass: which namespace labels
// carry the classification, which regions data may live in, what counts as a log agent or a
// database image. Part of rules::Config (config.compliance); read-only while rules run.
#pragma once

#include <string>
#include <vector>

namespace gori::rules {

struct ComplianceOptions {
  // Namespace classification label keys (values: see lib/namespaces.h).
  std::string data_class_label = "compliance/data-class";
  std::string zone_label = "compliance/zone";
  std::string env_label = "compliance/env";
  // `<prefix><rule-id>: "<justification>"` on an object, its pod template or its Namespace.
  std::string exempt_prefix = "compliance/exempt-";
  // A Namespace annotation naming the log pipeline that collects its logs when the bundle holds
  // no log-agent DaemonSet (e.g. "managed: CloudWatch via Fluent Bit in cluster-addons").
  std::string log_pipeline_annotation = "compliance/log-pipeline";

  // cmp-data-residency: regions where regulated data may be processed.
  std::vector<std::string> allowed_regions = {"ap-northeast-2", "asia-northeast3", "koreacentral",
                                              "koreasouth"};
  // Node labels that name a node's region.
  std::vector<std::string> region_labels = {"topology.kubernetes.io/region",
                                            "failure-domain.beta.kubernetes.io/region"};

  // cmp-mesh-mtls: also require a STRICT PeerAuthentication covering every regulated namespace.
  bool require_mtls = false;
  // Istio's root namespace: a selector-less PeerAuthentication there is mesh-wide.
  std::string mesh_root_namespace = "istio-system";

  // cmp-log-collection: the cluster ships logs through a pipeline defined elsewhere.
  bool external_log_pipeline = false;
  // Image repositories of log agents run as DaemonSets. An entry matches a repository that
  // equals it or ends with "/" + entry ("fluent-bit" matches "fluent/fluent-bit").
  std::vector<std::string> log_agent_images = {
      "fluent-bit",
      "fluentd",
      "fluentd-kubernetes-daemonset",
      "vector",
      "promtail",
      "grafana/alloy",
      "filebeat",
      "elastic-agent",
      "opentelemetry-collector",
      "opentelemetry-collector-contrib",
      "opentelemetry-collector-k8s",
      "datadog/agent",
      "datadoghq/agent",
      "aws-for-fluent-bit",
      "splunk-otel-collector",
      "logstash",
  };

  // cmp-dmz-data-store: image repositories of data stores (matched like log_agent_images).
  std::vector<std::string> database_images = {
      "postgres", "postgresql", "mysql",     "mariadb",           "mongo",      "mongodb",
      "redis",    "valkey",     "cassandra", "elasticsearch",     "opensearch", "cockroach",
      "couchdb",  "neo4j",      "influxdb",  "clickhouse-server", "etcd",       "mssql/server",
      "tidb",     "scylla",     "minio"};
};

}  // namespace gori::rules
