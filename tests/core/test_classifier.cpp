// The noise-conditional classifier (nn/noisy_classifier_net, train/classifier_trainer, model/network_classifier):
// it learns a labelled image set that a linear rule separates, its checkpoint reads back to the same logits,
// guidance with it moves ε̂ by exactly −s σ ∇ log p, and wrong files get one-line errors.
#include "data/dataset.h"
#include "model/classifier_guidance.h"
#include "model/network_classifier.h"
#include "nn/noisy_classifier_net.h"
#include "train/classifier_trainer.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace difflab;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("difflab_test_classifier_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

// 8×8 grey images: class "dark" has pixels in 0..90, class "light" in 165..255.
Dataset dark_and_light(int64_t n, uint64_t seed) {
  torch::manual_seed(seed);
  Dataset d;
  d.name = "dark and light";
  d.kind = DataKind::Images;
  d.labels = torch::randint(0, 2, {n}, torch::kLong);
  const torch::Tensor base = torch::randint(0, 91, {n, 1, 8, 8}, torch::kLong);
  d.data = (base + 165 * d.labels.view({n, 1, 1, 1})).to(torch::kUInt8);
  d.class_names = {"dark", "light"};
  return d;
}

NoisyClassifierOptions tiny() {
  NoisyClassifierOptions o;
  o.ch = 8;
  o.ch_mult = {1, 2};
  o.num_groups = 4;
  o.dropout = 0.0;
  return o;
}

}  // namespace

TEST_CASE(
    "a noise-conditional classifier learns a separable image set, clean and noisy, and its checkpoint reads back") {
  torch::set_num_threads(2);
  const Dataset train = dark_and_light(512, 1), test = dark_and_light(256, 2);
  ClassifierTrainerOptions o;
  o.total_steps = 150;
  o.batch_size = 32;
  o.lr = 3e-3;
  o.checkpoint_path = temp_path("c.ckpt");
  ScheduleOptions schedule;
  schedule.timesteps = 100;
  const nlohmann::json accuracy = train_noisy_classifier(train, &test, "dark-and-light", schedule, tiny(), o);
  CAPTURE(accuracy.dump());
  CHECK(accuracy.at("0").get<double>() > 0.97);   // clean: the mean pixel tells the class
  CHECK(accuracy.at("25").get<double>() > 0.9);   // ᾱ ≈ 0.9 at t = 25 of the linear schedule: still clear
  CHECK(accuracy.at("75").get<double>() >= 0.5);  // near pure noise: no worse than chance

  auto classifier = NetworkClassifier::load(o.checkpoint_path);
  CHECK(classifier->class_names() == std::vector<std::string>{"dark", "light"});
  CHECK(classifier->checkpoint().data_name == "dark-and-light");
  CHECK(classifier->schedule().timesteps() == 100);
  CHECK(classifier->checkpoint().accuracy == accuracy);
  const torch::Tensor x = test.normalized().narrow(0, 0, 16);
  CHECK(classifier->predict_clean(x).eq(test.labels.narrow(0, 0, 16)).to(torch::kFloat64).mean().item<double>() > 0.9);
  CHECK(classifier->features(x).sizes() == torch::IntArrayRef({16, 16}));  // ch · ch_mult.back()
  // Same weights, same logits: write and read again.
  const ClassifierCheckpoint c = read_classifier_checkpoint(o.checkpoint_path);
  const std::string again = temp_path("again.ckpt");
  write_classifier_checkpoint(again, c);
  auto reread = NetworkClassifier::load(again);
  const torch::Tensor t = torch::full({16}, 30.0);
  CHECK(torch::equal(reread->log_probs(x, t), classifier->log_probs(x, t)));
  std::filesystem::remove(o.checkpoint_path);
  std::filesystem::remove(again);
}

TEST_CASE("classifier guidance with a network classifier moves ε̂ by −s σ ∇ log p(y | x_t, t)") {
  torch::manual_seed(3);
  ClassifierCheckpoint c;
  c.network = tiny();
  c.network.image_size = 8;
  c.schedule.timesteps = 100;
  c.class_names = {"dark", "light"};
  c.net = NoisyClassifierNet(c.network);
  auto classifier = std::make_shared<NetworkClassifier>(c, "tiny");
  // A denoiser that predicts ε̂ = 0: the guided ε̂ is the guidance term alone.
  struct Zero : Denoiser {
    Zero()
        : Denoiser(NoiseSchedule::from_options([] {
            ScheduleOptions s;
            s.timesteps = 100;
            return s;
          }())) {}
    DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor&, const torch::Tensor&) override {
      return {x, torch::zeros_like(x)};
    }
    std::vector<int64_t> sample_shape() const override { return {1, 8, 8}; }
  };
  ClassifierGuidanceOptions o;
  o.scale = 2.5;
  ClassifierGuidance guided(std::make_shared<Zero>(), classifier, o);
  const torch::Tensor x = torch::randn({4, 1, 8, 8});
  const torch::Tensor t = torch::full({4}, 40.0), y = torch::tensor({0, 1, 1, -1}, torch::kLong);
  const DenoiserOutput out = guided.predict(x, t, y);
  const torch::Tensor g = classifier->grad_log_prob(x, t, y);
  const double sigma = guided.schedule().sigma_vp_cont(0.4);
  CHECK(torch::allclose(out.eps, -2.5 * sigma * g, 1e-5, 1e-6));
  CHECK(out.eps[3].abs().max().item<double>() == 0.0);  // y = −1: unguided
  CHECK(guided.last_guidance_norm() > 0);
  CHECK(guided.class_names() == std::vector<std::string>{"dark", "light"});
}

TEST_CASE("classifier files: a diffusion checkpoint, a foreign file and bad options get one-line errors") {
  const std::string junk = temp_path("junk.ckpt");
  std::ofstream(junk) << "not a checkpoint";
  CHECK_THROWS_WITH_AS(read_classifier_checkpoint(junk), doctest::Contains("junk.ckpt"), std::exception);
  CHECK(!is_classifier_checkpoint(junk));
  std::filesystem::remove(junk);
  nlohmann::json j = tiny().to_json();
  j["num_groups"] = 3;  // does not divide 8
  CHECK_THROWS_WITH_AS(NoisyClassifierOptions::from_json(j, "c.ckpt"),
                       doctest::Contains("c.ckpt: classifier network: num_groups 3 must divide"),
                       std::invalid_argument);
  const Dataset points = [] {
    Dataset d;
    d.kind = DataKind::Points;
    d.data = torch::zeros({4, 2});
    d.labels = torch::zeros({4}, torch::kLong);
    d.class_names = {"a", "b"};
    return d;
  }();
  CHECK_THROWS_WITH_AS(train_noisy_classifier(points, nullptr, "points", {}, tiny(), {}),
                       doctest::Contains("labelled images"), std::invalid_argument);
}
