// difflab-cli sample: generates samples from a checkpoint or an exact Gaussian mixture with any sampler,
// writing float32 NPY in the data's own scale and optionally a PNG grid whose text chunks hold the recipe.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/sampler_flags.h"
#include "cli/schedule_flags.h"
#include "io/npy.h"
#include "io/png_writer.h"
#include "base/memory_budget.h"
#include "io/sha256.h"
#include "model/diffusers_import.h"
#include "model/classifier_free_guidance.h"
#include "model/classifier_guidance.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/network_classifier.h"
#include "model/model_loader.h"
#include "model/model_zoo.h"
#include "sampling/sampler.h"
#include "sampling/sampling_recipe.h"
#include "io/checkpoint.h"
#include "device/device_support.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kSampleUsage =
    "difflab-cli sample --model FILE --out SAMPLES.npy [--sampler NAME] [--steps N] [--num N] [--seed S]\n"
    "                   [--spacing leading|trailing|linspace|karras|uniform-logsnr|beta|custom] [--timesteps-file F]\n"
    "                   [sampler parameters: --eta E --pc-snr R --restart-k K ... (difflab-cli samplers lists them)]\n"
    "                   [--class NAME] [--guidance W] [--guidance-curve constant|linear|cosine|interval]\n"
    "                   [--guidance-start W0] [--guidance-interval LOW,HIGH] [schedule flags, for a mixture]\n"
    "                   [--classifier CKPT|exact] [--classifier-scale S]\n"
    "                   [--device cpu|cuda[:N]] [--batch-size B] [--threads N] [--no-ema] [--clip-x0] [--bf16] "
    "[--cuda-graph]\n"
    "                   [--grid GRID.png] [--progress-every K]\n"
    "  Generates N samples (default 64) with a sampler (default ddim; difflab-cli samplers lists them) in\n"
    "  --steps sampling steps (default 50) on the sampler's recommended spacing (unless --spacing or\n"
    "  --timesteps-file, the JSON of difflab-cli optimise-steps, says otherwise) and writes them as float32 NPY [N, "
    "...sample shape] in the data's own\n"
    "  scale (images 0..255, points as in the data). FILE is a checkpoint or a Gaussian-mixture JSON (exact\n"
    "  denoiser); for a mixture the schedule comes from --schedule --timesteps --beta-start --beta-end\n"
    "  --cosine-s --zero-terminal-snr (as in difflab-cli schedule). --seed seeds x_T and the sampler's noise.\n"
    "  --class NAME samples one class of a conditional model (name or index), --class all every class: N / classes\n"
    "  each, class-major, one grid row per class, when N is a multiple of the classes; else the classes in turn,\n"
    "  one grid column per class; --guidance W applies\n"
    "  classifier-free guidance (0 unconditional, 1 conditional, >1 guided; each step then costs 2 evaluations).\n"
    "  --classifier CKPT (from difflab-cli train-classifier, on the model's schedule) or exact (a mixture's exact\n"
    "  posterior p_t(y | x)) applies classifier guidance towards --class: eps <- eps - S sigma_t grad log p(y|x_t)\n"
    "  (Dhariwal & Nichol 2021, Alg. 2; --classifier-scale S, default 1). Alone, the model is asked unconditionally;\n"
    "  with --guidance W, classifier-free guidance at W is applied too.\n"
    "  --clip-x0 clamps each x0 prediction of an image model to its pixel range ([-1, 1], or [0, 1] for an imported\n"
    "  x / 255 model) and re-derives eps\n"
    "  (as DDPM's reference code and diffusers' clip_sample do); it tames an under-trained model's speckle.\n"
    "  --bf16 runs the network under bf16 autocast (CPU or CUDA; the sampler's own arithmetic stays fp32/fp64).\n"
    "  --cuda-graph (CUDA only) captures the network call in a CUDA graph and replays it every step.\n"
    "  --grid writes the images as a PNG grid (image models only) whose text chunks hold the full recipe.\n"
    "  Progress goes to stderr every K steps (default: about 20 lines per run). Ctrl-C stops early.\n";

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_sample_sigint(int) {
  g_stop = true;
  std::signal(SIGINT, SIG_DFL);
}

GuidanceOptions guidance_options_from_flags(const ArgParser& p) {
  GuidanceOptions g;
  g.scale = p.get_double("guidance", 1.0);
  // Beyond ±1000 the guided ε̂ is noise times a huge number: the samples are NaN or garbage (Ho & Salimans 2022
  // use w up to about 10).
  if (!(std::abs(g.scale) <= 1000.0))
    throw CliError("--guidance must lie in [-1000, 1000], got " + p.required("guidance"));
  try {
    g.curve = parse_guidance_curve(p.get_or("guidance-curve", "constant"));
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--guidance-curve: ") + e.what());
  }
  g.start_scale = p.get_double("guidance-start", g.start_scale);
  if (auto interval = p.get("guidance-interval")) {
    const size_t comma = interval->find(',');
    try {
      if (comma == std::string::npos) throw std::invalid_argument("no comma");
      g.interval_low = std::stod(interval->substr(0, comma));
      g.interval_high = std::stod(interval->substr(comma + 1));
    } catch (const std::exception&) {
      throw CliError("--guidance-interval must be LOW,HIGH in training steps, got '" + *interval + "'");
    }
  }
  return g;
}

}  // namespace

int run_sample(const Args& args) {
  std::set<std::string> valued = {"model",
                                  "out",
                                  "num",
                                  "class",
                                  "guidance",
                                  "guidance-curve",
                                  "guidance-start",
                                  "guidance-interval",
                                  "classifier",
                                  "classifier-scale",
                                  "device",
                                  "batch-size",
                                  "threads",
                                  "grid",
                                  "progress-every"};
  for (const auto& f : schedule_flag_names()) valued.insert(f);
  for (const auto& f : sampler_flag_names()) valued.insert(f);
  const ArgParser p(args, valued, {"no-ema", "clip-x0", "zero-terminal-snr", "bf16", "cuda-graph"});
  const std::string model_path = p.required("model");
  const std::string out_path = p.required("out");
  const int64_t num = p.get_int("num", 64);
  if (num < 1) throw CliError("--num must be >= 1, got " + std::to_string(num));
  const uint64_t seed = static_cast<uint64_t>(p.get_int("seed", 0));
  const SamplerOptions sampler_options =
      sampler_options_from_flags(p, p.get_or("sampler", "ddim"), p.get_int("steps", 50));
  if (const std::string warning = sampler_setting_warning(sampler_options); !warning.empty())
    std::cerr << "warning: " << warning << '\n';
  const GuidanceOptions guidance = guidance_options_from_flags(p);
  if (p.has("guidance") && !p.has("class"))
    throw CliError("--guidance needs --class NAME: classifier-free guidance steers towards one class");
  if ((p.has("classifier") || p.has("classifier-scale")) && !p.has("class"))
    throw CliError("--classifier needs --class NAME: classifier guidance steers towards one class");
  if (p.has("classifier-scale") && !p.has("classifier"))
    throw CliError("--classifier-scale needs --classifier CKPT|exact");
  const double classifier_scale = p.get_double("classifier-scale", 1.0);
  if (!(std::abs(classifier_scale) <= 1000))
    throw CliError("--classifier-scale must lie in [-1000, 1000], got " + p.get_or("classifier-scale", ""));
  if (const long long threads = p.get_int("threads", 0); threads > 0) torch::set_num_threads(static_cast<int>(threads));

  DenoiserLoadOptions load;
  load.schedule = schedule_options_from_flags(p);
  load.device = p.get_or("device", "cpu");
  load.use_ema = !p.flag("no-ema");
  load.batch_size = p.get_int("batch-size", load.batch_size);
  load.clip_x0 = p.flag("clip-x0");
  load.cuda_graph = p.flag("cuda-graph");
  if (load.cuda_graph && load.device.rfind("cuda", 0) != 0)
    throw CliError("--cuda-graph needs --device cuda: CUDA graphs replay GPU work");
  std::shared_ptr<Denoiser> denoiser = load_denoiser(model_path, load);
  {
    // The samples are kept whole (float32, and float64 while the sampler works on a batch): refuse up front.
    double per_sample = 1;
    std::string shape;
    for (int64_t d : denoiser->sample_shape()) {
      per_sample *= static_cast<double>(d);
      shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    }
    check_memory(static_cast<double>(num) * per_sample * 12.0,
                 "--num " + std::to_string(num) + " samples of shape [" + shape + "]");
  }
  // The grid's recipe names the file by hash: read it now, so nothing fails after a long run.
  const std::string model_hash = p.has("grid") ? model_sha256(resolve_model_path(model_path)) : std::string();
  std::cerr << "model: " << denoiser->description() << '\n';

  torch::Tensor y;
  std::string class_name;
  int64_t per_class_row = 0;  // --class all, N a multiple of the classes: samples per class, one grid row each
  int64_t class_columns = 0;  // --class all otherwise: classes in turn, one grid column each
  if (auto name = p.get("class"); name && *name == "all") {
    const int64_t k = static_cast<int64_t>(denoiser->class_names().size());
    if (!denoiser->is_conditional() || k == 0)
      throw CliError("--class all needs a class-conditional model; this one is unconditional");
    if (num % k == 0) {
      per_class_row = num / k;
      y = torch::arange(num, torch::kInt64).div(per_class_row, "floor");  // class-major: one grid row per class
    } else {
      // Not a multiple of the class count: every class in turn, so each one appears; a grid has one column per
      // class (the last row is short).
      class_columns = k;
      y = torch::arange(num, torch::kInt64).remainder(k);
    }
    if (p.has("guidance")) denoiser = std::make_shared<ClassifierFreeGuidance>(denoiser, guidance);
  } else if (name) {
    const int64_t index = class_index(*denoiser, *name);
    class_name = denoiser->class_names()[size_t(index)];
    y = torch::full({num}, index, torch::kInt64);
    if (p.has("guidance")) denoiser = std::make_shared<ClassifierFreeGuidance>(denoiser, guidance);
  }
  if (p.has("classifier")) {
    const std::string which = p.required("classifier");
    std::shared_ptr<NoisyClassifier> classifier;
    if (which == "exact") {
      auto mixture = std::dynamic_pointer_cast<GaussianMixtureDenoiser>(
          std::shared_ptr<Denoiser>(load_denoiser(model_path, load)));
      if (!mixture) throw CliError("--classifier exact needs a Gaussian-mixture model (its posterior over classes)");
      classifier = std::make_shared<MixtureClassifier>(mixture);
    } else {
      classifier = NetworkClassifier::load(which);
    }
    if (classifier->class_names() != denoiser->class_names())
      throw std::runtime_error("the classifier " + which + " has other classes than the model");
    ClassifierGuidanceOptions co;
    co.scale = classifier_scale;
    co.inner_gets_labels = p.has("guidance");  // alone: the model unconditional, the classifier steers
    denoiser = std::make_shared<ClassifierGuidance>(denoiser, classifier, co);
    std::cerr << "guidance: " << classifier->description() << ", s = " << classifier_scale << '\n';
  }
  const DataScale scale = denoiser->data_scale();
  if (p.has("grid") && scale.kind != "images")
    throw CliError("--grid needs an image model; this model's samples are " + scale.kind +
                   " (they are in the NPY file)");

  std::vector<int64_t> shape = denoiser->sample_shape();
  shape.insert(shape.begin(), num);
  const torch::Device device = load.device == "cpu" ? torch::Device(torch::kCPU) : torch::Device(load.device);
  const torch::Tensor x_T = initial_noise(shape, seed).to(device);
  if (const std::string note = sampling_start_note(sampler_options, *denoiser); !note.empty())
    std::cerr << note << '\n';
  auto sampler =
      make_sampler(options_for(sampler_options, *denoiser), denoiser->schedule(), x_T, y.defined() ? y.to(device) : y);

  const int64_t total = sampler->total_steps();
  const int64_t every = p.get_int("progress-every", std::max<int64_t>(1, total / 20));
  if (every < 1) throw CliError("--progress-every must be at least 1, got " + std::to_string(every));
  const int64_t evals = denoiser->evaluations_per_call();
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  g_stop = false;
  std::signal(SIGINT, on_sample_sigint);
  const AutocastScope autocast(p.flag("bf16"), device);
  const auto report = [&](const SamplerStep& s) {
    if (s.step % every != 0 && s.step != s.total_steps) return;
    std::cerr << "step " << s.step << '/' << s.total_steps << "  t " << std::fixed << std::setprecision(2) << s.t_eval
              << "  NFE " << s.nfe * evals << "  |x0| " << std::setprecision(3)
              << s.x0.to(torch::kFloat64).pow(2).mean().sqrt().item<double>() << "  " << std::setprecision(1)
              << seconds() << " s\n"
              << std::defaultfloat;
  };
  // Ctrl-C keeps the partial chain: step by hand (run_sampler would throw Cancelled).
  while (!sampler->done() && !g_stop) report(sampler->step(*denoiser));
  const torch::Tensor x0 = sampler->x();
  std::signal(SIGINT, SIG_DFL);
  if (!sampler->done())
    std::cerr << "stopped at step " << sampler->step_index() << '/' << total << ": writing the current state\n";

  const torch::Tensor samples = denoiser->to_data_scale(x0).to(torch::kCPU, torch::kFloat32).contiguous();
  if (!torch::isfinite(samples).all().item<bool>())
    std::cerr << "warning: some samples are not finite (the sampler diverged; try more steps or another sampler)\n";
  write_npy(out_path, samples);
  std::cerr << "wrote " << out_path << " (" << c10::str(samples.sizes()) << " float32, " << scale.kind << ", "
            << sampler->nfe() * evals << " network evaluations, " << std::fixed << std::setprecision(1) << seconds()
            << " s)\n";

  if (auto grid_path = p.get("grid")) {
    SamplingRecipe recipe;
    recipe.model = model_path;
    recipe.model_sha256 = model_hash;
    recipe.sampler = sampler_options;
    recipe.schedule = load.schedule;
    // a checkpoint: record the schedule it was trained with, not the flags
    if (denoiser->schedule().options()) recipe.schedule = *denoiser->schedule().options();
    recipe.batch = num;
    recipe.class_name = class_name;
    recipe.guidance = p.has("guidance") ? guidance.scale : 1.0;
    PngText text = recipe_to_text(recipe);
    if (guidance.curve != GuidanceCurve::Constant) text["difflab:guidance-curve"] = guidance_curve_name(guidance.curve);
    if (per_class_row > 0) text["difflab:classes"] = "all, " + std::to_string(per_class_row) + " per row";
    if (class_columns > 0) text["difflab:classes"] = "all, in turn, one column each";
    std::string command = "difflab-cli sample";
    for (const auto& a : args) command += " " + a;
    text["difflab:command"] = command;
    const int64_t nrow = per_class_row > 0   ? per_class_row
                         : class_columns > 0 ? class_columns
                                             : static_cast<int64_t>(std::ceil(std::sqrt(static_cast<double>(num))));
    write_png(*grid_path, make_image_grid(samples, nrow), text);
    std::cerr << "wrote " << *grid_path << " (" << nrow << " per row, recipe in PNG text chunks)\n";
  }
  return sampler->done() ? 0 : 130;
}

}  // namespace difflab::cli
