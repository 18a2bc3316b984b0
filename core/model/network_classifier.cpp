#include "model/network_classifier.h"

#include "io/checkpoint.h"
#include "model/model_zoo.h"
#include "schedule/schedule_json.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace difflab {

void write_classifier_checkpoint(const std::string& path, const ClassifierCheckpoint& c) {
  Checkpoint out;
  out.metadata = {{"kind", "classifier"},
                  {"format_version", 1},
                  {"network", c.network.to_json()},
                  {"schedule", schedule_options_to_json(c.schedule)},
                  {"class_names", c.class_names},
                  {"data", {{"name", c.data_name}, {"kind", c.scale.kind}, {"normalization", c.scale.normalization}}},
                  {"step", c.step},
                  {"accuracy", c.accuracy}};
  out.sections["model"] = module_to_bytes(*c.net);
  write_checkpoint(path, out);
}

ClassifierCheckpoint read_classifier_checkpoint(const std::string& spec) {
  const std::string path = resolve_model_path(spec);
  const Checkpoint in = read_checkpoint(path);
  const nlohmann::json& j = in.metadata;
  if (j.value("kind", std::string()) != "classifier")
    throw std::runtime_error("'" + path +
                             "' is a diffusion model checkpoint, not a classifier (train one with "
                             "difflab-cli train-classifier)");
  ClassifierCheckpoint c;
  const char* field = "network";
  try {
    c.network = NoisyClassifierOptions::from_json(j.at("network"), path);
    field = "schedule";
    c.schedule = schedule_options_from_json(j.at("schedule"));
    field = "class_names";
    c.class_names = j.at("class_names").get<std::vector<std::string>>();
    if (static_cast<int64_t>(c.class_names.size()) != c.network.num_classes)
      throw std::invalid_argument(std::to_string(c.class_names.size()) + " names for " +
                                  std::to_string(c.network.num_classes) + " classes");
    field = "data";
    const nlohmann::json& data = j.at("data");
    c.data_name = data.value("name", std::string());
    c.scale = DataScale::from_checkpoint(data.value("kind", std::string("images")),
                                         data.value("normalization", std::string(DataScale::kImagesNormalization)));
    field = "step";
    c.step = j.value("step", int64_t{0});
    field = "accuracy";
    c.accuracy = j.value("accuracy", nlohmann::json::object());
  } catch (const std::exception& e) {
    const std::string what = e.what();
    throw std::runtime_error(what.rfind(path, 0) == 0 ? what : "'" + path + "': field '" + field + "': " + what);
  }
  c.net = NoisyClassifierNet(c.network);
  const auto model = in.sections.find("model");
  if (model == in.sections.end()) throw std::runtime_error("'" + path + "' has no \"model\" section");
  try {
    module_from_bytes(*c.net, model->second);
  } catch (const std::exception& e) {
    throw std::runtime_error("'" + path + "': the weights do not fit the network it describes");
  }
  c.net->eval();
  return c;
}

bool is_classifier_checkpoint(const std::string& spec) {
  std::string path;
  try {
    path = resolve_model_path(spec);
  } catch (const std::runtime_error&) {
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::string head(13, '\0');
  if (!in.read(head.data(), 13) || head != kCheckpointMagic) return false;
  try {
    return read_checkpoint(path).metadata.value("kind", std::string()) == "classifier";
  } catch (const std::exception&) {
    return false;
  }
}

std::shared_ptr<NetworkClassifier> NetworkClassifier::load(const std::string& path) {
  return std::make_shared<NetworkClassifier>(read_classifier_checkpoint(path), path);
}

NetworkClassifier::NetworkClassifier(ClassifierCheckpoint checkpoint, std::string source)
    : NoisyClassifier(NoiseSchedule::from_options(checkpoint.schedule)),
      checkpoint_(std::move(checkpoint)),
      source_(std::move(source)) {
  checkpoint_.net->eval();
}

torch::Tensor NetworkClassifier::log_probs(const torch::Tensor& x_t, const torch::Tensor& t) {
  const torch::Tensor x = x_t.to(torch::kFloat32);
  return torch::log_softmax(checkpoint_.net->forward(x, t.to(x.device(), torch::kFloat32)), 1);
}

std::string NetworkClassifier::description() const {
  std::string d = "classifier " + std::filesystem::path(source_).filename().string() + " (" +
                  std::to_string(checkpoint_.class_names.size()) + " classes";
  if (checkpoint_.accuracy.contains("0")) d += ", clean accuracy " + checkpoint_.accuracy["0"].dump();
  return d + ")";
}

torch::Tensor NetworkClassifier::features(const torch::Tensor& x0) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> parts;
  for (int64_t i = 0; i < x0.size(0); i += 256) {
    const torch::Tensor x = x0.narrow(0, i, std::min<int64_t>(256, x0.size(0) - i)).to(torch::kFloat32);
    parts.push_back(checkpoint_.net->features(x, torch::zeros({x.size(0)})).to(torch::kFloat64));
  }
  return parts.empty() ? torch::empty({0, checkpoint_.net->feature_dim()}, torch::kFloat64) : torch::cat(parts);
}

torch::Tensor NetworkClassifier::predict_clean(const torch::Tensor& x0) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> parts;
  for (int64_t i = 0; i < x0.size(0); i += 256) {
    const torch::Tensor x = x0.narrow(0, i, std::min<int64_t>(256, x0.size(0) - i)).to(torch::kFloat32);
    parts.push_back(checkpoint_.net->forward(x, torch::zeros({x.size(0)})).argmax(1));
  }
  return parts.empty() ? torch::empty({0}, torch::kLong) : torch::cat(parts);
}

}  // namespace difflab
