// difflab-cli decode: decodes latents back to data along the probability-flow ODE, with the same solvers and
// grid as `invert`, so `invert` followed by `decode` with the same flags is a round trip.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "ode/inversion.h"

#include <iostream>

namespace difflab::cli {

const char* const kDecodeUsage =
    "difflab-cli decode --model FILE --input LATENTS.npy --out X.npy [--steps N] [--solver NAME]\n"
    "                   [--spacing NAME] [--rtol R] [--atol A] [--class NAME] [schedule flags, for a mixture]\n"
    "                   [--device cpu|cuda[:N]] [--no-ema]\n"
    "  Integrates the probability-flow ODE from latents (model scale, as `invert` writes them) down to data,\n"
    "  written as float32 NPY in the data's own scale. Use the flags given to `invert` for a round trip.\n";

int run_decode(const Args& args) {
  auto valued = model_flag_names();
  for (const auto& f : solver_flag_names()) valued.insert(f);
  valued.insert({"input", "out", "class"});
  const ArgParser p(args, valued, model_switch_names());
  const std::string input = p.required("input");
  const std::string out = p.required("out");
  const OdeTransportOptions o = transport_options_from_flags(p);
  auto den = load_model_from_flags(p);
  const auto z = read_latent_npy(input, *den);
  const auto y = labels_from_flags(p, *den, z.size(0));
  const auto dec = decode_pf_ode(*den, z, y, o, stderr_progress("decode"));
  write_data_npy(out, dec.x, *den);
  std::cout << "decoded " << z.size(0) << " latents from t = " << dec.t_top << " with " << o.solver << " ("
            << dec.nfe * den->evaluations_per_call() << " network evaluations); wrote " << out << '\n';
  return 0;
}

}  // namespace difflab::cli
