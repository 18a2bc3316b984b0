#pragma once
// What the ODE-lab subcommands (invert, decode, interpolate, likelihood, vlb) share: opening the model with
// the schedule flags of `difflab-cli schedule` (for mixtures), the solver flags, and moving NPY data between
// the data's own scale (what `difflab-cli sample` writes: images 0..255, points as they are) and the model's.

#include "cli/arg_parser.h"
#include "model/denoiser.h"
#include "ode/inversion.h"

#include <torch/torch.h>

#include <memory>
#include <set>
#include <string>

namespace difflab::cli {

/// --model --device --no-ema --batch-size and the schedule flags.
std::set<std::string> model_flag_names();
std::set<std::string> model_switch_names();
/// Opens --model (checkpoint or mixture JSON); prints its description to stderr.
std::shared_ptr<Denoiser> load_model_from_flags(const ArgParser& p);

/// --solver --steps --spacing --karras-rho --rtol --atol.
std::set<std::string> solver_flag_names();
OdeTransportOptions transport_options_from_flags(const ArgParser& p);

/// Reads an NPY file of samples in data scale and returns them in model scale, float64 [B, ...sample shape]:
/// [B, ...] or one unbatched sample (shaped like a sample) are accepted. Throws naming the file and the shape.
torch::Tensor read_data_npy(const std::string& path, const Denoiser& denoiser);
/// Reads latents (model scale, no rescaling), float64 [B, ...sample shape].
torch::Tensor read_latent_npy(const std::string& path, const Denoiser& denoiser);
/// Model scale → data scale, float32, written as NPY.
void write_data_npy(const std::string& path, const torch::Tensor& x, const Denoiser& denoiser);

/// --class NAME (name or index) as int64 [B] labels, or undefined without the flag.
torch::Tensor labels_from_flags(const ArgParser& p, const Denoiser& denoiser, int64_t batch);

/// A progress line printer for stderr: "<what> 42%", about every 10 %.
OdeProgress stderr_progress(const std::string& what);

}  // namespace difflab::cli
