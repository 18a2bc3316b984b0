#pragma once
// The model zoo: the checkpoints the project trains and ships in models/ (docs/models.md), listed in
// models/zoo.json and named "zoo:NAME" wherever a model or classifier file is asked for
// (`difflab-cli sample --model zoo:fashion-mnist`, the GUI's model box).
//
// zoo.json: {"models": [{"name": "fashion-mnist", "file": "fashion-mnist.ckpt", "kind": "diffusion" | "classifier",
//                        "title": "Fashion-MNIST, class-conditional U-Net", "description": "...",
//                        "data": "fashion-mnist"}, ...]}
//
// The folder is the first of: $DIFFLAB_MODELS_DIR, the source tree's models/ (builds run in place),
// <exe>/../share/difflab/models (a relocated install), the configured install prefix's share/difflab/models,
// that holds a zoo.json.

#include <string>
#include <vector>

namespace difflab {

struct ZooModel {
  std::string name;         ///< "fashion-mnist": the NAME of "zoo:NAME"
  std::string path;         ///< absolute path of the checkpoint file
  std::string kind;         ///< "diffusion" or "classifier"
  std::string title;        ///< one line for menus, e.g. "Fashion-MNIST, class-conditional U-Net"
  std::string description;  ///< a sentence: data, network, objective, quality
  std::string data;         ///< the data set it was trained on, e.g. "fashion-mnist" (may be empty)
};

inline constexpr char kZooPrefix[] = "zoo:";

/// The zoo's entries whose files exist, in the order of zoo.json; empty when no zoo folder is found.
/// Throws std::runtime_error naming zoo.json and the field when the index is malformed.
std::vector<ZooModel> zoo_models();

/// "zoo:NAME" → the checkpoint's path; any other string is returned unchanged (a file path).
/// Throws std::runtime_error "unknown zoo model 'NAME' (the zoo has: a, b, c)" when NAME is not listed.
std::string resolve_model_path(const std::string& spec);

}  // namespace difflab
