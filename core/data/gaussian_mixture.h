#pragma once
// A Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, Σ_k): read from JSON, sampled, and evaluated in float64.
// It is both a 2-D toy dataset (gmm:FILE.json) and a distribution whose density and score are known
// exactly, which the exact-denoiser and likelihood tests rely on.
//
// JSON: {"weights":[w_1,…], "means":[[μ_1…],…], "covariances":[[[Σ_1 row…],…],…], "classes":["name_1",…]}
// ("classes" optional).
// Only <ATen/core/Tensor.h> and nlohmann/json are included: ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace difflab {

struct GaussianMixture {
  std::vector<double> weights;                                ///< K weights, positive, summing to 1
  std::vector<std::vector<double>> means;                     ///< K means of length D
  std::vector<std::vector<std::vector<double>>> covariances;  ///< K symmetric positive definite D×D matrices
  /// The optional "classes" field: empty, or one class name per component (components sharing a name form one
  /// class; the mixture dataset's labels and the mixture denoiser's conditioning follow it).
  std::vector<std::string> classes;

  int64_t dim() const;  ///< D (0 for an empty mixture)
};

/// Parses and validates a mixture. Weights must be non-negative with a positive sum and are normalised to
/// sum 1; shapes must agree; each covariance must be symmetric (to 1e-9 relative) and positive definite;
/// "classes", when present, must be an array of K strings.
/// Throws DatasetError naming `source` (a file name or "<json>") and the fault, e.g.
/// "mix.json: covariances[1] is not positive definite".
GaussianMixture parse_gaussian_mixture(const nlohmann::json& json, const std::string& source);

/// Reads and parses a JSON file (see parse_gaussian_mixture). Throws DatasetError naming the path.
GaussianMixture load_gaussian_mixture(const std::string& path);

/// The JSON form accepted by parse_gaussian_mixture.
nlohmann::json to_json(const GaussianMixture& mixture);

/// n samples, float32 [n, D]: a component k ~ Categorical(w), then x = μ_k + L_k z with Σ_k = L_k L_kᵀ
/// (Cholesky) and z ~ N(0, I). Deterministic in `seed`. When `component` is given it receives the int64 [n]
/// component indices.
at::Tensor sample_gaussian_mixture(const GaussianMixture& mixture, int64_t n, uint64_t seed,
                                   at::Tensor* component = nullptr);

/// log p(x) for x of shape [n, D] (any floating dtype), computed in float64 and returned as float64 [n]:
/// log Σ_k exp(log w_k − ½ D log 2π − Σ_i log L_k,ii − ½ ‖L_k⁻¹ (x − μ_k)‖²), with log-sum-exp.
at::Tensor gaussian_mixture_log_density(const GaussianMixture& mixture, const at::Tensor& x);

/// Path of a shipped preset, e.g. mixture_preset_path("8gaussians") → ".../resources/mixtures/8gaussians.json".
/// Looks in the source tree (DIFFLAB_SOURCE_DIR, for builds run in place), then in the installed share
/// folder (DIFFLAB_DATA_DIR). Throws DatasetError listing the places it looked when none has the file.
std::string mixture_preset_path(const std::string& name);

/// Names of the shipped presets (file names without .json), for combo boxes.
std::vector<std::string> mixture_preset_names();

}  // namespace difflab
