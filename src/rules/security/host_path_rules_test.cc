// Tests for sec-sensitive-host-path, sec-runtime-socket and sec-writable-host-path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/security/lib/host_paths.h"
#include "rules/test_util.h"

namespace gori::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::RunRule;

constexpr char kPod[] = R"(kind: Pod
apiVersion: v1
spec:
  containers:
  - name: agent
    volumeMounts:
    - {name: etc, mountPath: /host/etc, readOnly: true}
    - {name: sock, mountPath: /var/run/docker.sock}
    - {name: logs, mountPath: /host/logs}
    - {name: scratch, mountPath: /tmp}
  volumes:
  - {name: etc, hostPath: {path: /var/log/../../etc/}}
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: logs, hostPath: {path: /var/log/app}}
  - {name: root, hostPath: {path: /}}
  - {name: etcd, hostPath: {path: /etcd-backup}}
  - {name: scratch, emptyDir: {}}
)";

TEST(HostPathUtil, NormalizesLexically) {
  EXPECT_EQ(NormalizeHostPath("/var/run/../etc/"), "/var/etc");
  EXPECT_EQ(NormalizeHostPath("//a/./b//"), "/a/b");
  EXPECT_EQ(NormalizeHostPath("/.."), "/");
  EXPECT_EQ(NormalizeHostPath(""), "/");
  EXPECT_TRUE(IsUnder("/etc/kubernetes", "/etc"));
  EXPECT_FALSE(IsUnder("/etcd-backup", "/etc"));
  EXPECT_TRUE(IsRuntimeSocket("/run/containerd/containerd.sock"));
  EXPECT_FALSE(IsRuntimeSocket("/var/run"));
}

TEST(SecSensitiveHostPath, SystemDirectoriesAfterNormalising) {
  auto r = RunRule("sec-sensitive-host-path", kPod);
  EXPECT_THAT(r.Where(),
              ElementsAre("12:34 sec-sensitive-host-path", "15:35 sec-sensitive-host-path"));
  EXPECT_EQ(r[0].message, "volume 'etc' mounts host path '/etc'");
  EXPECT_EQ(r[0].path, "spec.volumes[0].hostPath.path");
  EXPECT_EQ(r[1].message, "volume 'root' mounts host path '/'");
}

TEST(SecRuntimeSocket, DockerSocket) {
  auto r = RunRule("sec-runtime-socket", kPod);
  EXPECT_THAT(r.Where(), ElementsAre("13:35 sec-runtime-socket"));
  EXPECT_EQ(r[0].message,
            "volume 'sock' mounts the container runtime socket '/var/run/docker.sock'");
}

TEST(SecWritableHostPath, EveryWritableMountOfAHostPathVolume) {
  auto r = RunRule("sec-writable-host-path", kPod);
  EXPECT_THAT(r.Where(), ElementsAre("8:7 sec-writable-host-path", "9:7 sec-writable-host-path"));
  EXPECT_EQ(r[1].message,
            "container 'agent' mounts host path '/var/log/app' (volume 'logs') writable");
  EXPECT_EQ(r[1].path, "spec.containers[0].volumeMounts[2]");
  EXPECT_EQ(r[1].container, "agent");
}

TEST(SecHostPathRules, NoHostPathNoFinding) {
  constexpr char kClean[] = R"(kind: Pod
apiVersion: v1
spec:
  containers: [{name: a, volumeMounts: [{name: v, mountPath: /data}]}]
  volumes: [{name: v, emptyDir: {}}]
)";
  for (auto id : {"sec-sensitive-host-path", "sec-runtime-socket", "sec-writable-host-path"}) {
    EXPECT_THAT(RunRule(id, kClean).Where(), IsEmpty()) << id;
  }
}

}  // namespace
}  // namespace gori::rules
