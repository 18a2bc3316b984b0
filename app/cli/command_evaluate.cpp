// difflab-cli evaluate: image quality of a model's samples, measured like the field measures it, in the feature
// space of a noise-conditional classifier trained on the data (train-classifier; its t = 0 pooled features):
// the Fréchet distance to a reference split (Heusel et al. 2017) beside its train-vs-test floor, precision and
// recall (Kynkäänniemi et al. 2019), and for class-conditional models the share of samples the classifier
// assigns to the class asked for.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/sampler_flags.h"
#include "data/dataset_catalog.h"
#include "eval/sample_quality.h"
#include "io/atomic_file.h"
#include "model/classifier_free_guidance.h"
#include "model/model_loader.h"
#include "model/network_classifier.h"
#include "sampling/sampler.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <iomanip>
#include <iostream>

namespace difflab::cli {

const char* const kEvaluateUsage =
    "difflab-cli evaluate --model M --classifier C [--reference SPEC] [--floor-reference SPEC] [--num N]\n"
    "                  [--sampler S] [--steps N] [sampler flags] [--guidance W] [--class all|NAME] [--seed N]\n"
    "                  [--batch N] [--k K] [--threads N] [--clip-x0] [--out REPORT.json]\n"
    "  Draws N samples (default 10000; class-conditional models: every class in turn, or --class NAME) with the\n"
    "  sampler (default DDIM, 50 steps; --guidance W applies classifier-free guidance), puts them on the 8-bit\n"
    "  grid as PNGs would store them, and measures in the classifier's feature space (its pooled features at\n"
    "  t = 0, see train-classifier):\n"
    "    frechet        Fréchet distance to N images of --reference (default: the :test split of the data set the\n"
    "                   model names);\n"
    "    frechet_floor  the same distance between N images of --floor-reference (default: the :train split) and\n"
    "                   the reference: what two real samples score;\n"
    "    precision, recall  with k = --k (3) nearest neighbours;\n"
    "    class_accuracy the share of samples the classifier assigns to the class asked for (conditional only).\n"
    "  Prints the figures and writes them as JSON with --out.\n";

int run_evaluate(const Args& args) {
  std::set<std::string> valued = {"model", "classifier", "reference", "floor-reference", "num", "guidance",
                                  "class", "batch",      "k",         "threads",         "out"};
  for (const auto& f : sampler_flag_names()) valued.insert(f);
  const ArgParser p(args, valued, {"clip-x0"});
  const std::string model_path = p.required("model"), classifier_path = p.required("classifier");
  const int64_t num = p.get_int("num", 10000);
  if (num < 10 || num > 1000000) throw CliError("--num must lie in [10, 1000000], got " + std::to_string(num));
  const int64_t batch = p.get_int("batch", 250);
  if (batch < 1 || batch > 100000) throw CliError("--batch must lie in [1, 100000]");
  const int64_t k = p.get_int("k", 3);
  if (k < 1 || k >= num) throw CliError("--k must lie in [1, --num)");
  if (const long long threads = p.get_int("threads", 0); threads > 0) torch::set_num_threads(static_cast<int>(threads));
  if (p.has("out")) check_writable(p.required("out"));
  const SamplerOptions sampler_options =
      sampler_options_from_flags(p, p.get_or("sampler", "ddim"), p.get_int("steps", 50));

  DenoiserLoadOptions load;
  load.clip_x0 = p.flag("clip-x0");
  std::shared_ptr<Denoiser> model = load_denoiser(model_path, load);
  auto classifier = NetworkClassifier::load(classifier_path);
  const DataScale scale = model->data_scale();
  if (scale.kind != "images") throw CliError("evaluate measures image models; " + model_path + " makes points");
  const std::vector<int64_t> shape = model->sample_shape();
  const auto& net = classifier->checkpoint().network;
  if (shape.size() != 3 || shape[0] != net.in_channels || shape[1] != net.image_size)
    throw std::runtime_error("the classifier " + classifier_path + " reads " + std::to_string(net.in_channels) + "×" +
                             std::to_string(net.image_size) + "² images; the model makes other shapes");
  std::cerr << "model: " << model->description() << "\nclassifier: " << classifier->description() << '\n';

  // References: the classifier's data set by name, its test and train splits.
  FrechetProbe probe(classifier, num, p.get_or("reference", ""), p.get_or("floor-reference", ""));
  const std::string reference_spec = probe.reference_spec(), floor_spec = probe.floor_spec();
  std::cerr << "features of " << reference_spec << " and " << floor_spec << " ...\n";
  const double floor = probe.floor();

  // Labels: every class in turn for a conditional model (or one class), none otherwise.
  const auto names = model->class_names();
  const bool conditional = model->is_conditional() && !names.empty();
  torch::Tensor labels;
  if (conditional) {
    const std::string which = p.get_or("class", "all");
    labels = which == "all" ? torch::arange(num, torch::kLong).remainder(static_cast<int64_t>(names.size()))
                            : torch::full({num}, class_index(*model, which), torch::kLong);
    if (p.has("guidance")) {
      GuidanceOptions g;
      g.scale = p.get_double("guidance", 1.0);
      if (!(std::abs(g.scale) <= 1000)) throw CliError("--guidance must lie in [-1000, 1000]");
      model = std::make_shared<ClassifierFreeGuidance>(model, g);
    }
  } else if (p.has("class") || p.has("guidance")) {
    throw CliError("--class and --guidance need a class-conditional model; this one is unconditional");
  }

  // Samples, batch by batch, onto the 8-bit grid.
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const torch::Tensor samples = sample_images(*model, sampler_options, labels, num, batch, [&](int64_t done) {
    std::cerr << "sampled " << done << '/' << num << "  " << std::fixed << std::setprecision(1) << seconds() << " s\n";
  });
  const double sampling_seconds = seconds();
  const FrechetProbe::Result q = probe.measure(samples, labels, k);

  nlohmann::json report;
  report["model"] = model_path;
  report["classifier"] = classifier_path;
  report["sampler"] = sampler_options.name;
  report["steps"] = sampler_options.steps;
  report["num"] = num;
  report["guidance"] = p.has("guidance") ? nlohmann::json(p.get_double("guidance", 1.0)) : nlohmann::json(nullptr);
  report["reference"] = reference_spec;
  report["floor_reference"] = floor_spec;
  report["frechet"] = q.frechet;
  report["frechet_floor"] = floor;
  report["precision"] = q.precision;
  report["recall"] = q.recall;
  report["k"] = k;
  if (conditional) report["class_accuracy"] = q.class_accuracy;
  report["sampling_seconds"] = sampling_seconds;
  report["classifier_accuracy"] = classifier->checkpoint().accuracy;

  std::cout << std::setprecision(4) << "Fréchet distance " << report["frechet"].get<double>() << " (floor "
            << report["frechet_floor"].get<double>() << ", ratio "
            << report["frechet"].get<double>() / std::max(1e-12, report["frechet_floor"].get<double>()) << ")\n"
            << "precision " << q.precision << ", recall " << q.recall << " (k = " << k << ")\n";
  if (conditional) std::cout << "class accuracy " << report["class_accuracy"].get<double>() << '\n';
  if (p.has("out")) {
    write_file_atomically(p.required("out"), report.dump(2) + "\n");
    std::cout << "wrote " << p.required("out") << '\n';
  }
  return 0;
}

}  // namespace difflab::cli
