#pragma once
// The full recipe of a batch of samples — model file and hash, schedule, sampler and its parameters, seed,
// batch, class and guidance — as key/value text, so that a PNG written by the GUI or the CLI carries it in
// its text chunks (io/png_writer.h) and opening the PNG restores the settings.
//
// Keys (all prefixed "difflab:"; values are plain decimal / names as the CLI spells them):
//   model, model-sha256, sampler, steps, spacing, seed, batch, class (name, empty = unconditional), guidance,
//   schedule (family name), timesteps, beta-start, beta-end, cosine-s, zero-terminal-snr (0 | 1),
//   custom-timesteps (comma-separated, with the custom spacing), and one key per sampler parameter
//   (sampling/sampler_parameters.h: karras-rho, eta, ddpm-variance, pc-snr, restart-k, …).
// Only the parameters the sampler reads need to be present; missing keys keep their defaults.
// Pure C++ (no LibTorch, no Qt): any layer may include it.

#include "sampling/sampler.h"
#include "schedule/noise_schedule.h"

#include <cstdint>
#include <map>
#include <string>

namespace difflab {

struct SamplingRecipe {
  std::string model;         ///< checkpoint or mixture JSON path, or "preset:NAME" for a shipped mixture
  std::string model_sha256;  ///< hex SHA-256 of the model file (empty when unknown)
  SamplerOptions sampler;
  ScheduleOptions schedule;  ///< the schedule the samples were drawn under (custom tables are not stored)
  int64_t batch = 1;
  std::string class_name;  ///< empty: unconditional; "all": every class in turn (sample i gets class i mod K)
  double guidance = 1.0;   ///< classifier-free guidance scale w (Ho & Salimans 2022)
};

/// The recipe as "difflab:*" key/value pairs (see above), plus "Software" = "Diffusion Lab <version>".
std::map<std::string, std::string> recipe_to_text(const SamplingRecipe& recipe);

/// Reads a recipe back from text chunks; keys that are absent keep the defaults. Throws
/// std::invalid_argument naming the key and the bad value (e.g. "difflab:steps = 'x' is not an integer"),
/// and when no "difflab:sampler" key is present ("not a Diffusion Lab sample: no difflab:sampler").
SamplingRecipe recipe_from_text(const std::map<std::string, std::string>& text);

}  // namespace difflab
