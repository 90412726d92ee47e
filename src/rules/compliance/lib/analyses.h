// src/rules/compliance/lib/analyses.h
//
// The compliance analyses, in one place: what the cmp-* rules judge by, and what the compliance
// module (per-control summary, evidence report) and the run's exemption pass read. A
// namespace's classification and workloads (namespaces.h), how it is reachable from outside
// (exposure.h), its NetworkPolicy posture (netpol.h), Istio mutual TLS (mesh.h), the regions its
// pods are pinned to (residency.h), the image-signature policies covering it (signature.h), and
// justified `compliance/exempt-*` exemptions (exemptions.h). Code outside src/rules includes
// this header, not the parts. All of it is pure functions over the bundle's Index and the
// ComplianceOptions of the run's Config.
#pragma once

#include "rules/compliance/lib/exemptions.h"
#include "rules/compliance/lib/exposure.h"
#include "rules/compliance/lib/mesh.h"
#include "rules/compliance/lib/namespaces.h"
#include "rules/compliance/lib/netpol.h"
#include "rules/compliance/lib/options.h"
#include "rules/compliance/lib/residency.h"
#include "rules/compliance/lib/signature.h"
