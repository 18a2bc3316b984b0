// The model zoo index (see model_zoo.h).
#include "model/model_zoo.h"

#include "base/resource_dirs.h"
#include "io/json_text.h"
#include "data/file_bytes.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace difflab {
namespace fs = std::filesystem;
namespace {

#ifndef DIFFLAB_MODELS_SOURCE_DIR
#define DIFFLAB_MODELS_SOURCE_DIR nullptr
#endif
#ifndef DIFFLAB_MODELS_INSTALL_DIR
#define DIFFLAB_MODELS_INSTALL_DIR nullptr
#endif

std::vector<fs::path> zoo_dirs() {
  return resource_dirs("DIFFLAB_MODELS_DIR", DIFFLAB_MODELS_SOURCE_DIR, "models", DIFFLAB_MODELS_INSTALL_DIR);
}

std::string field_string(const nlohmann::json& entry, const char* key, const std::string& index_path, size_t i,
                         bool required) {
  if (!entry.contains(key)) {
    if (!required) return {};
    throw std::runtime_error(index_path + ": models[" + std::to_string(i) + "] lacks \"" + key + "\"");
  }
  if (!entry.at(key).is_string())
    throw std::runtime_error(index_path + ": models[" + std::to_string(i) + "]." + key + " must be a string, found " +
                             entry.at(key).dump());
  return entry.at(key).get<std::string>();
}

}  // namespace

std::vector<ZooModel> zoo_models() {
  for (const fs::path& dir : zoo_dirs()) {
    std::error_code ec;
    const fs::path index = dir / "zoo.json";
    if (!fs::is_regular_file(index, ec)) continue;
    const std::string index_path = index.string();
    nlohmann::json j;
    try {
      j = parse_json_text(read_file_bytes(index_path));
    } catch (const std::exception& e) {
      throw std::runtime_error(index_path + ": " + e.what());
    }
    if (!j.is_object() || !j.contains("models") || !j.at("models").is_array())
      throw std::runtime_error(index_path + ": expected {\"models\": [...]}");
    std::vector<ZooModel> models;
    for (size_t i = 0; i < j.at("models").size(); ++i) {
      const nlohmann::json& e = j.at("models").at(i);
      if (!e.is_object())
        throw std::runtime_error(index_path + ": models[" + std::to_string(i) + "] must be an object");
      ZooModel m;
      m.name = field_string(e, "name", index_path, i, true);
      m.path = fs::absolute(dir / field_string(e, "file", index_path, i, true)).lexically_normal().string();
      m.kind = field_string(e, "kind", index_path, i, true);
      if (m.kind != "diffusion" && m.kind != "classifier")
        throw std::runtime_error(index_path + ": models[" + std::to_string(i) + "].kind must be \"diffusion\" or " +
                                 "\"classifier\", found \"" + m.kind + "\"");
      m.title = field_string(e, "title", index_path, i, false);
      if (m.title.empty()) m.title = m.name;
      m.description = field_string(e, "description", index_path, i, false);
      m.data = field_string(e, "data", index_path, i, false);
      if (fs::is_regular_file(m.path, ec)) models.push_back(std::move(m));
    }
    return models;
  }
  return {};
}

std::string resolve_model_path(const std::string& spec) {
  const std::string prefix = kZooPrefix;
  if (spec.compare(0, prefix.size(), prefix) != 0) return spec;
  const std::string name = spec.substr(prefix.size());
  std::string names;
  for (const ZooModel& m : zoo_models()) {
    if (m.name == name) return m.path;
    names += (names.empty() ? "" : ", ") + m.name;
  }
  throw std::runtime_error("unknown zoo model '" + name + "' (the zoo has: " + (names.empty() ? "nothing" : names) +
                           ")");
}

}  // namespace difflab
