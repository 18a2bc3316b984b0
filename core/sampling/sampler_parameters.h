#pragma once
// The one table of sampler parameters: each SamplerOptions field a sampler may read besides steps, spacing and
// seed, with its key, type, default, range, help and source. The CLI flags (--KEY), the PNG recipe keys
// (difflab:KEY), the GUI's sampler form, `difflab-cli samplers` and option validation all derive from it, so a
// parameter is spelled one way everywhere. SamplerInfo::parameters lists the keys a sampler reads.
//
// Safe to include after Qt headers (needs only sampler.h).

#include "sampling/sampler.h"

#include <string>
#include <vector>

namespace difflab {

struct SamplerParameter {
  enum class Kind { Real, Integer, Choice };
  std::string key;    ///< "eta", "pc-snr", "restart-sigma-max", … (CLI --key, recipe difflab:key)
  std::string label;  ///< short GUI label, e.g. "η", "Karras ρ"
  std::string help;   ///< one line: meaning and source
  Kind kind = Kind::Real;
  /// Real / Integer: the accepted range; lower bound exclusive when min_exclusive.
  double min = 0.0, max = 0.0;
  bool min_exclusive = false;
  /// Real: GUI spin-box step and decimals.
  double step = 0.1;
  int decimals = 3;
  /// Choice: the accepted values.
  std::vector<std::string> choices;
  /// Earlier CLI spellings still accepted (e.g. "snr" for "pc-snr").
  std::vector<std::string> aliases;
  /// A grid parameter (karras-rho) applies to every sampler on its spacing, not through SamplerInfo.
  bool grid = false;
  /// The field as text (numbers in shortest round-trip form) and from text.
  std::string (*get)(const SamplerOptions&) = nullptr;
  void (*set)(SamplerOptions&, const std::string&) = nullptr;
};

const std::vector<SamplerParameter>& sampler_parameters();
/// By key or alias; nullptr when unknown.
const SamplerParameter* find_sampler_parameter(const std::string& key);

/// Parses `text` for parameter `key` and range-checks it; throws std::invalid_argument
/// "sampler parameter KEY: …, got 'TEXT'".
void set_sampler_parameter(SamplerOptions& options, const std::string& key, const std::string& text);
/// The value as text ("0.16", "posterior", …).
std::string sampler_parameter_text(const SamplerOptions& options, const std::string& key);
/// A Real or Integer value as a number (Choice: the index of the choice).
double sampler_parameter_number(const SamplerOptions& options, const SamplerParameter& parameter);

/// Range-checks every parameter (and steps, the custom grid's length) of `options`; throws
/// std::invalid_argument naming the parameter and the value.
void check_sampler_parameters(const SamplerOptions& options);

/// The options for `name` with its recommended spacing (SamplerInfo::recommended_spacing) and defaults; η = 1
/// for the ancestral and SDE samplers (euler-ancestral, dpmpp-2s-ancestral, dpmpp-2m-sde), 0 otherwise.
SamplerOptions recommended_sampler_options(const std::string& name, int64_t steps);

}  // namespace difflab
