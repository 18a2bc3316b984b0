// difflab-cli interpolate: walks between two latents (slerp or lerp) and decodes K frames along the path,
// optionally changing class and guidance along it; writes the frames as NPY and as an animated GIF.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "io/gif_writer.h"
#include "model/classifier_free_guidance.h"
#include "ode/interpolation.h"
#include "sampling/sampler.h"

#include <iomanip>
#include <iostream>

namespace difflab::cli {

const char* const kInterpolateUsage =
    "difflab-cli interpolate --model FILE --a SRC --b SRC --out FRAMES.npy [--frames K] [--path slerp|lerp]\n"
    "                        [--gif OUT.gif] [--gif-delay CS] [--steps N] [--solver NAME]\n"
    "                        [--spacing NAME] [--class-a NAME --class-b NAME] [--guidance-a W --guidance-b W]\n"
    "                        [schedule flags, for a mixture] [--device cpu|cuda[:N]] [--no-ema]\n"
    "  SRC is seed:S (a fresh N(0, I) latent from seed S), FILE.npy (a data sample, encoded first with the\n"
    "  solver flags) or latent:FILE.npy (a latent written by `invert`); append @I to pick row I (default 0).\n"
    "  The K frames (default 8, both ends included) are decoded and written as float32 NPY [K, ...] in the data's\n"
    "  own scale. Spherical interpolation (slerp, default) keeps latents at typical norms; lerp is there for\n"
    "  contrast (the latent norms of both are printed). For class-conditional models the class can change along\n"
    "  the path (--class-a/--class-b: a blend of the two conditional predictions) and so can the guidance scale.\n"
    "  --gif writes an animated GIF (images; for 2-D points the decoded point moving over its trail), delay CS\n"
    "  hundredths of a second per frame (default 12).\n";

namespace {

struct Source {
  enum Kind { Seed, Data, Latent } kind = Seed;
  std::string path;
  int64_t seed = 0, row = 0;
};

Source parse_source(const std::string& flag, const std::string& s) {
  Source src;
  std::string body = s;
  if (const auto at = body.rfind('@'); at != std::string::npos && body.rfind("seed:", 0) != 0) {
    try {
      src.row = std::stoll(body.substr(at + 1));
    } catch (const std::exception&) {
      throw CliError("--" + flag + ": row after '@' must be an integer, got '" + s + "'");
    }
    body = body.substr(0, at);
  }
  if (body.rfind("seed:", 0) == 0) {
    try {
      src.seed = std::stoll(body.substr(5));
    } catch (const std::exception&) {
      throw CliError("--" + flag + ": seed:S needs an integer S, got '" + s + "'");
    }
  } else if (body.rfind("latent:", 0) == 0) {
    src.kind = Source::Latent;
    src.path = body.substr(7);
  } else {
    src.kind = Source::Data;
    src.path = body;
  }
  return src;
}

torch::Tensor latent_of(const Source& src, const std::string& flag, Denoiser& den, const OdeTransportOptions& o) {
  std::vector<int64_t> shape = den.sample_shape();
  if (src.kind == Source::Seed) {
    shape.insert(shape.begin(), 1);
    return initial_noise(shape, static_cast<uint64_t>(src.seed)).to(torch::kFloat64)[0];
  }
  const auto batch = src.kind == Source::Latent ? read_latent_npy(src.path, den) : read_data_npy(src.path, den);
  if (src.row < 0 || src.row >= batch.size(0))
    throw CliError("--" + flag + ": row " + std::to_string(src.row) + " is outside " + src.path + "'s " +
                   std::to_string(batch.size(0)) + " samples");
  const auto x = batch.narrow(0, src.row, 1);
  if (src.kind == Source::Latent) return x[0];
  return encode_pf_ode(den, x, {}, o).x[0];
}

// 2-D points: the decoded point of frame k over the trail of frames 0..k−1, on a square canvas.
torch::Tensor render_point_frames(const torch::Tensor& frames) {
  const int64_t K = frames.size(0), side = 192;
  const auto f = frames.to(torch::kFloat64);
  const auto lo = std::get<0>(f.min(0)), hi = std::get<0>(f.max(0));
  const double span = std::max((hi - lo).max().item<double>(), 1e-6) * 1.2;
  const auto centre = (hi + lo) / 2.0;
  auto canvas = torch::zeros({K, side, side}, torch::kUInt8);
  auto pixel = [&](int64_t k) {
    const auto p = (f[k] - centre) / span + 0.5;
    return std::pair<int64_t, int64_t>{
        std::clamp<int64_t>(std::lround(p[0].item<double>() * (side - 1)), 0, side - 1),
        std::clamp<int64_t>(std::lround((1.0 - p[1].item<double>()) * (side - 1)), 0, side - 1)};
  };
  auto acc = canvas.accessor<uint8_t, 3>();
  for (int64_t k = 0; k < K; ++k) {
    for (int64_t j = 0; j <= k; ++j) {
      const auto [x, y] = pixel(j);
      const int r = j == k ? 3 : 1;
      for (int64_t dy = -r; dy <= r; ++dy)
        for (int64_t dx = -r; dx <= r; ++dx)
          if (x + dx >= 0 && x + dx < side && y + dy >= 0 && y + dy < side)
            acc[k][y + dy][x + dx] = j == k ? 255 : std::max<uint8_t>(acc[k][y + dy][x + dx], 110);
    }
  }
  return canvas;
}

torch::Tensor gif_frames(const torch::Tensor& data_frames, const Denoiser& den) {
  if (den.data_scale().kind == "images" && data_frames.dim() == 4) {
    auto u8 = data_frames.round().clamp(0, 255).to(torch::kUInt8);  // [K, C, H, W]
    const int64_t C = u8.size(1), H = u8.size(2);
    const int64_t zoom = std::max<int64_t>(1, 128 / H);
    u8 = u8.repeat_interleave(zoom, 2).repeat_interleave(zoom, 3);
    if (C == 1) return u8.select(1, 0).contiguous();
    if (C == 3) return u8.permute({0, 2, 3, 1}).contiguous();
    throw CliError("--gif needs 1- or 3-channel images, the model has " + std::to_string(C) + " channels");
  }
  if (data_frames.dim() == 2 && data_frames.size(1) == 2) return render_point_frames(data_frames);
  throw CliError("--gif needs an image model or 2-D points");
}

int64_t class_flag(const ArgParser& p, const std::string& flag, const Denoiser& den) {
  auto v = p.get(flag);
  if (!v) return -1;
  try {
    return class_index(den, *v);
  } catch (const std::invalid_argument& e) {
    throw CliError("--" + flag + ": " + e.what());
  }
}

}  // namespace

int run_interpolate(const Args& args) {
  auto valued = model_flag_names();
  for (const auto& f : solver_flag_names()) valued.insert(f);
  valued.insert(
      {"a", "b", "out", "frames", "path", "gif", "gif-delay", "class-a", "class-b", "guidance-a", "guidance-b"});
  const ArgParser p(args, valued, model_switch_names());
  const Source a = parse_source("a", p.required("a")), b = parse_source("b", p.required("b"));
  const std::string out = p.required("out");
  InterpolationOptions o;
  o.frames = p.get_int("frames", o.frames);
  if (o.frames < 2) throw CliError("--frames must be >= 2, got " + std::to_string(o.frames));
  try {
    o.path = parse_interpolation_path(p.get_or("path", "slerp"));
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--path: ") + e.what());
  }
  o.decode = transport_options_from_flags(p);
  GifOptions gif;
  gif.delay_centiseconds = static_cast<int>(p.get_int("gif-delay", 12));
  auto den = load_model_from_flags(p);
  o.condition.class_a = class_flag(p, "class-a", *den);
  o.condition.class_b = p.has("class-b") ? class_flag(p, "class-b", *den) : o.condition.class_a;
  o.condition.guidance_a = p.get_double("guidance-a", 1.0);
  o.condition.guidance_b = p.get_double("guidance-b", o.condition.guidance_a);

  const auto za = latent_of(a, "a", *den, o.decode), zb = latent_of(b, "b", *den, o.decode);
  const auto r = interpolate_and_decode(*den, za, zb, o, stderr_progress("decode"));
  write_data_npy(out, r.frames, *den);
  std::cout << "decoded " << o.frames << " frames along the " << interpolation_path_name(o.path) << " path ("
            << r.nfe * den->evaluations_per_call() << " network evaluations); wrote " << out << "\nlatent norms:";
  for (int64_t k = 0; k < r.latent_norms.size(0); ++k)
    std::cout << ' ' << std::fixed << std::setprecision(3) << r.latent_norms[k].item<double>();
  std::cout << std::defaultfloat << '\n';
  if (auto path = p.get("gif")) {
    write_gif(*path, gif_frames(den->to_data_scale(r.frames).to(torch::kCPU), *den), gif);
    std::cout << "wrote " << *path << '\n';
  }
  return 0;
}

}  // namespace difflab::cli
