#pragma once
// The sampler flags every sampling subcommand shares (sample, compare, optimise-steps): --sampler --steps
// --spacing --seed --timesteps-file and one --KEY per entry of the sampler parameter table
// (sampling/sampler_parameters.h), so each parameter has one spelling on the CLI, in recipes and in the GUI.

#include "cli/arg_parser.h"
#include "sampling/sampler.h"

#include <set>
#include <string>
#include <vector>

namespace difflab::cli {

/// The valued flags read by sampler_options_from_flags (keys and aliases of the parameter table included).
std::set<std::string> sampler_flag_names();

/// Options for sampler `name` from the flags. Without --spacing the sampler's recommended spacing is used;
/// --timesteps-file FILE.json (from `difflab-cli optimise-steps`: {"timesteps": [t_0, …, 0], …}) selects the
/// custom spacing. Throws CliError naming the flag and the value.
/// With read_spacing = false --spacing is left to the caller (compare takes a list).
SamplerOptions sampler_options_from_flags(const ArgParser& p, const std::string& name, int64_t steps,
                                          bool read_spacing = true);

/// Reads the "timesteps" array of an optimise-steps JSON file; throws naming the file and the fault.
std::vector<double> read_timesteps_file(const std::string& path);

/// Sampler names from a comma-separated list ("ddim,unipc"); "all" is every catalog sampler.
std::vector<std::string> sampler_list(const std::string& text);
/// Positive integers from a comma-separated list ("5,10,20"); throws CliError naming the flag.
std::vector<int64_t> integer_list(const std::string& flag, const std::string& text);

}  // namespace difflab::cli
