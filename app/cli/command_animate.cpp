// difflab-cli animate: the forward (noising) chain, the reverse (sampling) chain or a latent interpolation as
// an animation (GIF, MP4 or a folder of PNG frames), made headless from the same core functions the GUI's
// views call: a grid of the samples per frame for image models, the points over the model's data for 2-D ones.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "cli/sampler_flags.h"
#include "data/dataset_catalog.h"
#include "data/gaussian_mixture.h"
#include "io/animation_frames.h"
#include "io/animation_writer.h"
#include "model/checkpoint_metadata.h"
#include "model/gaussian_mixture_denoiser.h"
#include "model/model_zoo.h"
#include "ode/ode_lab_reports.h"
#include "process/forward_process.h"
#include "sampling/sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <memory>
#include <iostream>

namespace difflab::cli {

const char* const kAnimateUsage =
    "difflab-cli animate --model FILE --what forward|reverse|interpolate --out OUT.gif|OUT.mp4|FOLDER/\n"
    "                    [--num N] [--seed S] [--frames K] [--fps F] [--size PX]\n"
    "                    [forward: --dataset SPEC]\n"
    "                    [reverse: --sampler NAME --steps N --spacing NAME, sampler parameters, --class NAME,\n"
    "                     --show xt|x0]\n"
    "                    [interpolate: --seed-b S --path slerp|lerp --solver NAME --steps N --spacing NAME]\n"
    "                    [schedule flags, for a mixture] [--device cpu|cuda[:N]] [--threads N] [--no-ema]\n"
    "  Writes an animation of one of three chains:\n"
    "    forward      the noising chain x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps (one eps drawn with --seed) of\n"
    "                 N data samples, t = 0..T; the data are the model's training data (a checkpoint names\n"
    "                 them; a mixture's own samples) unless --dataset SPEC names others (difflab-cli datasets);\n"
    "    reverse      the sampler's chain from x_T (seed S) to the samples, one frame per step (default sampler\n"
    "                 ddim, 50 steps); --show x0 shows each step's prediction x0-hat instead of x_t;\n"
    "    interpolate  N latents from seed S walking to N from seed S+1 (--seed-b) along the slerp (or lerp)\n"
    "                 path, every frame decoded by the probability-flow ODE (solver flags as in interpolate).\n"
    "  Image models: each frame is a grid of the N samples (default 16; 4 for interpolate), enlarged by a whole\n"
    "  factor to at most --size pixels (default 512). 2-D models: the N points (default 1000) in blue over the\n"
    "  model's data in grey, on axes fixed for the whole animation, --size pixels square (default 384).\n"
    "  The format follows --out: OUT.gif (animated GIF, loops forever), OUT.mp4 (H.264, or MPEG-4 part 2 where\n"
    "  libavcodec has no H.264 encoder; the codec used is printed; needs a build with FFmpeg) or FOLDER/ (PNG\n"
    "  frames frame_0000.png, frame_0001.png, ...; an earlier sequence there is replaced). Files appear whole.\n"
    "  --frames K keeps K frames evenly spread along the chain (default: every step of reverse, 100 of\n"
    "  forward's T + 1, 16 for interpolate); --fps F frames per second (default 12; a GIF plays at most 50).\n"
    "  Ctrl-C stops and leaves nothing behind.\n";

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_animate_sigint(int) {
  g_stop = true;
  std::signal(SIGINT, SIG_DFL);
}

enum class What { Forward, Reverse, Interpolate };

What parse_what(const std::string& s) {
  if (s == "forward") return What::Forward;
  if (s == "reverse") return What::Reverse;
  if (s == "interpolate") return What::Interpolate;
  throw CliError("--what must be forward, reverse or interpolate, got '" + s + "'");
}

// K indices spread evenly over 0..n−1, both ends included (all of them when K ≥ n).
std::vector<int64_t> even_indices(int64_t n, int64_t k) {
  std::vector<int64_t> out;
  if (k >= n || k < 2) {
    for (int64_t i = 0; i < (k < 2 ? std::min<int64_t>(n, 1) : n); ++i) out.push_back(i);
    return out;
  }
  for (int64_t i = 0; i < k; ++i)
    out.push_back(std::llround(static_cast<double>(i) * static_cast<double>(n - 1) / static_cast<double>(k - 1)));
  return out;
}

// `num` samples of the model's data (or of --dataset) in data scale, drawn with `seed`; `background` gets up to
// 2000 of them for point frames. Undefined when there is no data to be had and none is required.
torch::Tensor model_data(const ArgParser& p, const Denoiser& den, int64_t num, uint64_t seed, bool required) {
  if (auto* mixture = dynamic_cast<const GaussianMixtureDenoiser*>(&den); mixture && !p.has("dataset"))
    return sample_gaussian_mixture(mixture->mixture(), num, seed);
  std::string spec = p.get_or("dataset", "");
  if (spec.empty()) {
    try {
      spec = read_model_checkpoint(p.required("model")).metadata.data.name;
    } catch (const std::exception&) {
      spec.clear();  // an imported model: it names no data
    }
  }
  if (spec.empty()) {
    if (!required) return {};
    throw CliError("--what forward needs data: this model does not name its data set; give --dataset SPEC");
  }
  const Dataset data = load_dataset(spec, seed);
  if (data.sample_shape() != den.sample_shape())
    throw std::runtime_error("the data set '" + spec + "' has samples of shape " + c10::str(data.sample_shape()) +
                             ", the model " + c10::str(den.sample_shape()));
  const int64_t n = std::min<int64_t>(num, data.size());
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const torch::Tensor pick = torch::randperm(data.size(), gen, torch::kInt64).narrow(0, 0, n);
  return data.data.index_select(0, pick).to(torch::kFloat32);
}

struct Chain {
  std::vector<torch::Tensor> frames;  ///< data scale, float32 CPU: [N, C, H, W] or [N, 2]
  std::string text;                   ///< what the frames show, for the summary line
};

Chain forward_chain(const ArgParser& p, const Denoiser& den, int64_t num, uint64_t seed) {
  const torch::Tensor data = model_data(p, den, num, seed, true);
  const torch::Tensor x0 = den.data_scale().to_model(data).to(torch::kFloat64);
  const ForwardProcess process(den.schedule());
  const int64_t T = process.timesteps();
  const torch::Tensor eps = initial_noise(x0.sizes().vec(), seed).to(torch::kFloat64);
  Chain c;
  for (const int64_t t : even_indices(T + 1, p.get_int("frames", std::min<int64_t>(T + 1, 100)))) {
    c.frames.push_back(den.to_data_scale(process.q_sample(x0, t, eps)).to(torch::kCPU, torch::kFloat32));
  }
  c.text = "forward chain of " + std::to_string(x0.size(0)) + " samples, t = 0.." + std::to_string(T);
  return c;
}

Chain reverse_chain(const ArgParser& p, Denoiser& den, int64_t num, uint64_t seed) {
  const SamplerOptions options = sampler_options_from_flags(p, p.get_or("sampler", "ddim"), p.get_int("steps", 50));
  const std::string show = p.get_or("show", "xt");
  if (show != "xt" && show != "x0") throw CliError("--show must be xt or x0, got '" + show + "'");
  std::vector<int64_t> shape = den.sample_shape();
  shape.insert(shape.begin(), num);
  const torch::Device device =
      p.get_or("device", "cpu") == "cpu" ? torch::Device(torch::kCPU) : torch::Device(p.get_or("device", "cpu"));
  const torch::Tensor y = labels_from_flags(p, den, num);
  auto sampler = make_sampler(options_for(options, den), den.schedule(), initial_noise(shape, seed).to(device),
                              y.defined() ? y.to(device) : y);
  // Frame i is the state after step i (i = 0: x_T); with --show x0 the prediction of step i + 1.
  const int64_t states = show == "xt" ? sampler->total_steps() + 1 : sampler->total_steps();
  const std::vector<int64_t> keep = even_indices(states, p.get_int("frames", states));
  const auto keep_it = [&](int64_t i) { return std::binary_search(keep.begin(), keep.end(), i); };
  Chain c;
  auto add = [&](const torch::Tensor& x) { c.frames.push_back(den.to_data_scale(x).to(torch::kCPU, torch::kFloat32)); };
  if (show == "xt" && keep_it(0)) add(sampler->x());
  const auto progress = stderr_progress("sampling");
  while (!sampler->done()) {
    if (g_stop) throw Cancelled();
    const SamplerStep s = sampler->step(den);
    const int64_t i = show == "xt" ? s.step : s.step - 1;
    if (keep_it(i)) add(show == "xt" ? sampler->x() : s.x0);
    progress(static_cast<double>(s.step) / static_cast<double>(s.total_steps));
  }
  c.text = "reverse chain (" + options.name + ", " + std::to_string(sampler->total_steps()) + " steps, " +
           (show == "xt" ? "x_t" : "x0-hat") + ") of " + std::to_string(num) + " samples";
  return c;
}

Chain interpolation(const ArgParser& p, Denoiser& den, int64_t num, uint64_t seed) {
  InterpolationOptions o;
  o.frames = p.get_int("frames", 16);
  if (o.frames < 2) throw CliError("--frames must be >= 2 for interpolate, got " + std::to_string(o.frames));
  try {
    o.path = parse_interpolation_path(p.get_or("path", "slerp"));
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--path: ") + e.what());
  }
  o.decode = transport_options_from_flags(p);
  std::vector<int64_t> shape = den.sample_shape();
  shape.insert(shape.begin(), num);
  const uint64_t seed_b = static_cast<uint64_t>(p.get_int("seed-b", static_cast<long long>(seed) + 1));
  const torch::Tensor za = initial_noise(shape, seed).to(torch::kFloat64);
  const torch::Tensor zb = initial_noise(shape, seed_b).to(torch::kFloat64);
  std::atomic<bool>* stop = &g_stop;
  const InterpolationReport r = interpolation_report(den, za, zb, o, stderr_progress("decode"), stop);
  Chain c;
  for (int64_t k = 0; k < r.frames.size(0); ++k)
    c.frames.push_back(den.to_data_scale(r.frames[k]).to(torch::kCPU, torch::kFloat32));
  c.text = interpolation_path_name(o.path) + " interpolation of " + std::to_string(num) + " latents, seed " +
           std::to_string(seed) + " to " + std::to_string(seed_b);
  return c;
}

}  // namespace

int run_animate(const Args& args) {
  auto valued = model_flag_names();
  for (const auto& f : sampler_flag_names()) valued.insert(f);
  for (const auto& f : solver_flag_names()) valued.insert(f);
  valued.insert({"what", "out", "num", "frames", "fps", "size", "dataset", "class", "show", "seed-b", "path"});
  const ArgParser p(args, valued, model_switch_names());
  const What what = parse_what(p.required("what"));
  const std::string out = p.required("out");
  AnimationOptions options;
  options.fps = p.get_double("fps", 12.0);
  if (!(options.fps > 0 && options.fps <= 100)) throw CliError("--fps must lie in (0, 100], got " + p.required("fps"));
  if (p.has("frames") && p.get_int("frames", 0) < 1)
    throw CliError("--frames must be >= 1, got " + p.required("frames"));
  // The destination is checked now (suffix, folder, an earlier sequence, MP4 support), not after a long chain.
  std::unique_ptr<AnimationWriter> writer;
  try {
    writer = std::make_unique<AnimationWriter>(out, options);
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--out: ") + e.what());
  }

  auto den = load_model_from_flags(p);
  const bool points = den->sample_shape().size() == 1;
  if (points && den->sample_shape()[0] != 2)
    throw CliError("animate draws images or 2-D points; this model's samples have " +
                   std::to_string(den->sample_shape()[0]) + " dimensions");
  if (!points && den->data_scale().kind != "images")
    throw CliError("animate draws images or 2-D points; this model's samples are " + den->data_scale().kind);
  const int64_t num = p.get_int("num", points ? 1000 : (what == What::Interpolate ? 4 : 16));
  if (num < 1 || num > 100000) throw CliError("--num must lie in [1, 100000], got " + std::to_string(num));
  const int64_t size = p.get_int("size", points ? 384 : 512);
  if (size < 16 || size > 4096) throw CliError("--size must lie in [16, 4096] pixels, got " + std::to_string(size));
  const uint64_t seed = static_cast<uint64_t>(p.get_int("seed", 0));

  g_stop = false;
  std::signal(SIGINT, on_animate_sigint);
  try {
    const Chain chain = what == What::Forward   ? forward_chain(p, *den, num, seed)
                        : what == What::Reverse ? reverse_chain(p, *den, num, seed)
                                                : interpolation(p, *den, num, seed);
    PointView view;
    torch::Tensor background;
    if (points) {
      background = model_data(p, *den, 2000, 20240601, false);
      std::vector<torch::Tensor> all = chain.frames;
      if (background.defined()) all.push_back(background);
      view = point_view(torch::cat(all));
    }
    PointFrameStyle style;
    style.size = size;
    const auto progress = stderr_progress("writing");
    const int64_t count = static_cast<int64_t>(chain.frames.size());
    for (int64_t k = 0; k < count; ++k) {
      if (g_stop) throw Cancelled();
      const torch::Tensor& f = chain.frames[static_cast<size_t>(k)];
      writer->add_frame(points ? point_frame(f, view, background, style) : image_grid_frame(f, size));
      progress(static_cast<double>(k + 1) / static_cast<double>(count));
    }
    const AnimationReport r = writer->finish();
    std::signal(SIGINT, SIG_DFL);
    std::cout << "wrote " << r.path << ": " << chain.text << ", " << r.frames << " frames of " << r.width << " x "
              << r.height << " at " << r.fps << " frames/s, " << animation_format_name(r.format)
              << (r.codec.empty() ? "" : " (" + r.codec + ")") << '\n';
  } catch (const Cancelled&) {
    std::signal(SIGINT, SIG_DFL);
    std::cerr << "stopped: nothing was written\n";
    return 130;
  }
  return 0;
}

}  // namespace difflab::cli
