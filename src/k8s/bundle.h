// src/k8s/bundle.h
//
// The inputs of one `gori check` run: files, directories (recursive: *.yaml, *.yml, *.json;
// hidden directories and files skipped; sorted for deterministic output) and "-" for stdin.
// Each input is read once and parsed (JSON when it ends in .json or starts with '{' / '[' and
// parses as JSON, else YAML); its objects (List items flattened) are collected. An input that
// cannot be read or parsed adds an Error with its position and does not stop the others.
// Objects point into the Bundle's files, so the Bundle must outlive them (it never moves
// files once loaded).
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "doc/builder.h"
#include "doc/document.h"
#include "k8s/object.h"

namespace gori::k8s {

class Bundle {
 public:
  explicit Bundle(std::vector<PodTemplatePath> pod_templates = BuiltinPodTemplatePaths(),
                  doc::BuildLimits limits = {})
      : pod_templates_(std::move(pod_templates)), limits_(limits) {}

  // Files and directories for which `ignore(path)` is true are skipped while walking a
  // directory (paths given explicitly are always read). Set before AddPath.
  void SetIgnore(std::function<bool(std::string_view path)> ignore) { ignore_ = std::move(ignore); }
  // Adds a path given on the command line; errors are appended to errors().
  void AddPath(const std::string& path);
  // Adds one already-read input.
  void AddSource(std::unique_ptr<Source> source);

  const std::vector<Object>& objects() const { return objects_; }
  const std::vector<Error>& errors() const { return errors_; }
  // Inputs that are not manifests, one note each, with what to do instead: a Helm chart
  // directory (Chart.yaml; its subtree is not read), a file with template syntax that does not
  // parse, a kustomization file, YAML without apiVersion and kind, a top-level list or scalar.
  // None of them yields objects or errors.
  const std::vector<Error>& notes() const { return notes_; }
  const std::deque<doc::LoadedFile>& files() const { return files_; }
  // Objects are collected after all inputs are added (List items, pod templates).
  //
  // Bundle scope: objects without metadata.namespace are not all one application in
  // `default`. Each is keyed by its input — the directory of a file read from a path, the
  // whole stream for stdin (a `helm template` release), the rendering of one kustomization —
  // so cross-resource rules join it only with namespace-less objects of the same input; objects
  // with an explicit namespace join across inputs. When every object comes from one input the
  // key stays empty (plain "default").
  void Finish();

 private:
  // Parses `file` (JSON or YAML) into its documents; errors go to errors_.
  void Load(doc::LoadedFile& file);
  void AddDirectory(const std::string& dir);
  void AddSourceOf(std::unique_ptr<Source> source, std::string input);
  void ScopeUnsetNamespaces(const std::vector<std::size_t>& first_object);

  std::vector<PodTemplatePath> pod_templates_;
  doc::BuildLimits limits_;
  std::deque<doc::LoadedFile> files_;
  std::vector<std::string> inputs_;     // per file: the input it belongs to (see Finish)
  std::deque<std::string> unset_keys_;  // "default@<input>", viewed by objects
  std::vector<Object> objects_;
  std::vector<Error> errors_;
  std::vector<Error> notes_;
  std::function<bool(std::string_view)> ignore_;
};

}  // namespace gori::k8s
