// difflab-cli invert: encodes data into latents along the probability-flow ODE (DDIM inversion, Heun,
// DPM-Solver++(2M) or adaptive RK45), optionally checking the round trip and writing an error-vs-steps curve.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "io/atomic_file.h"
#include "io/npy.h"
#include "ode/inversion.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kInvertUsage =
    "difflab-cli invert --model FILE --input X.npy --out LATENTS.npy [--steps N] [--solver NAME]\n"
    "                   [--spacing NAME | --timesteps-file F] [--rtol R] [--atol A] [--exact-steps K]\n"
    "                   [--class NAME] [--check] [--curve N1,N2,... --curve-out CURVE.csv]\n"
    "                   [schedule flags, for a mixture] [--device cpu|cuda[:N]] [--no-ema]\n"
    "  Integrates the probability-flow ODE from data (NPY in the data's own scale, as `sample` writes it) to the\n"
    "  latent x_T (float32 NPY, model scale) with N steps (default 50) of a deterministic sampler run upwards\n"
    "  (--solver: a sampler that `difflab-cli samplers` says inverts, e.g. heun, dpmpp-2m or ddim; ddim is DDIM\n"
    "  inversion, Song et al. 2021). The default, heun on uniform-logsnr spacing, measured best at 50 steps "
    "(docs/samplers.md); it\n"
    "  puts the latent at t = T, where samplers start, and the final denoise is inverted exactly (fixed point).\n"
    "  --exact-steps K (default 4): up to K fixed-point iterations per step make each encoding step the exact\n"
    "  inverse of the decoding step (Pan et al. 2023, AIDI): the round trip's error then follows the largest step\n"
    "  residual it prints, not the solver's step error; it can exceed it, as the steps' residuals add up (one-step\n"
    "  solvers: ddim, euler, heun, dpm2; each iteration costs one step's evaluations, about 5x the plain encoding\n"
    "  in all; 0: the plain reversed walk).\n"
    "  --check decodes the latents again and prints the reconstruction error (relative and per-dimension MSE).\n"
    "  --curve encodes and decodes once per step count and writes steps,relative_error,mse,mse_unit_range,nfe\n"
    "  to --curve-out (or prints it); it walks the plain reversed grid unless --exact-steps is given.\n";

namespace {
std::vector<int64_t> parse_steps_list(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    try {
      size_t used = 0;
      const long long v = std::stoll(item, &used);
      if (used != item.size() || v < 1) throw std::invalid_argument(item);
      out.push_back(v);
    } catch (const std::exception&) {
      throw CliError("--curve expects positive integers separated by commas, got '" + s + "'");
    }
  }
  if (out.empty()) throw CliError("--curve needs at least one step count");
  return out;
}
}  // namespace

int run_invert(const Args& args) {
  auto valued = model_flag_names();
  for (const auto& f : solver_flag_names()) valued.insert(f);
  valued.insert({"input", "out", "class", "curve", "curve-out"});
  auto switches = model_switch_names();
  switches.insert("check");
  const ArgParser p(args, valued, switches);
  const std::string input = p.required("input");
  const std::string out = p.required("out");
  if (p.has("curve-out") && !p.has("curve")) throw CliError("--curve-out needs --curve N1,N2,...");
  const OdeTransportOptions o = transport_options_from_flags(p);
  auto den = load_model_from_flags(p);
  const auto x = read_data_npy(input, *den);
  const auto y = labels_from_flags(p, *den, x.size(0));

  const auto enc = encode_pf_ode(*den, x, y, o, stderr_progress("encode"));
  write_npy(out, enc.x.to(torch::kFloat32).contiguous());
  std::cout << "encoded " << x.size(0) << " samples to t = " << enc.t_top << " with " << o.solver << " ("
            << enc.nfe * den->evaluations_per_call() << " network evaluations); wrote " << out << '\n';
  if (enc.exact_steps)
    std::cout << "exact steps: largest step residual " << std::setprecision(3) << enc.step_residual
              << " (model scale)\n";
  else if (p.has("exact-steps") && o.step_iterations > 0)
    std::cout << "note: --exact-steps applies to one-step solvers only (ddim, euler, heun, dpm2); " << o.solver
              << " walked the plain reversed grid\n";
  if (p.flag("check")) {
    const auto dec = decode_pf_ode(*den, enc.x, y, o, stderr_progress("decode"));
    const auto e = reconstruction_error(x, dec.x);
    std::cout << std::setprecision(4) << "round trip: relative error mean " << e.relative.mean().item<double>()
              << ", max " << e.relative.max().item<double>() << "; MSE per dimension " << e.mse.mean().item<double>()
              << " (model scale), " << e.mse_unit_range.mean().item<double>() << " ([0, 1] scale)\n";
  }
  if (auto curve_steps = p.get("curve")) {
    // The curve shows the solver's discretisation error (the plain walk, as the ODE lab draws it) unless
    // --exact-steps is given.
    OdeTransportOptions curve_options = o;
    if (!p.has("exact-steps")) curve_options.step_iterations = 0;
    const auto curve =
        reconstruction_curve(*den, x, y, parse_steps_list(*curve_steps), curve_options, stderr_progress("curve"));
    std::ostringstream csv;
    csv << "steps,relative_error,mse,mse_unit_range,nfe\n" << std::setprecision(8);
    for (const auto& c : curve)
      csv << c.steps << ',' << c.relative << ',' << c.mse << ',' << c.mse / 4.0 << ',' << c.nfe << '\n';
    if (auto path = p.get("curve-out")) {
      write_file_atomically(*path, csv.str());
      std::cout << "wrote " << *path << '\n';
    } else {
      std::cout << csv.str();
    }
  }
  return 0;
}

}  // namespace difflab::cli
