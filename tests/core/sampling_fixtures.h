#pragma once
// Shared fixtures of the sampler tests: the Python references' deterministic dummy model, the exact Gaussian
// denoiser with its closed-form ODE solution, and the step-by-step parity check against a reference JSON
// written by tests/reference/sampling_reference.py or sampler_zoo_reference.py.
#include "model/denoiser.h"
#include "sampling/sampler.h"
#include "sampling/sampler_parameters.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace difflab::test {

// The reference script's dummy model: ε̂ = tanh(0.8 x + 0.5 sin(3 t/T) + c), x̂₀ = (x − σ ε̂)/α.
class TanhDenoiser : public Denoiser {
 public:
  TanhDenoiser(NoiseSchedule s, torch::Tensor offset) : Denoiser(std::move(s)), offset_(std::move(offset)) {}
  DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor&) override {
    ++calls;
    const double u = t[0].item<double>() / static_cast<double>(schedule().timesteps());
    const double a = schedule().alpha_cont(u), s = schedule().sigma_vp_cont(u);
    auto eps = torch::tanh(0.8 * x + 0.5 * std::sin(3.0 * u) + offset_);
    return {(x - s * eps) / a, eps};
  }
  std::vector<int64_t> sample_shape() const override { return {offset_.size(0)}; }
  int64_t calls = 0;

 private:
  torch::Tensor offset_;
};

// x₀ ~ N(μ, diag(s²)): x_t ~ N(α μ, α² s² + σ²), so ε(x) = σ (x − α μ)/(α² s² + σ²) exactly, and the PF-ODE
// carries x_t to α μ + √(α² s² + σ²) z with z = (x_{t₀} − α₀ μ)/√(α₀² s² + σ₀²) fixed along the path.
class GaussianDenoiser : public Denoiser {
 public:
  GaussianDenoiser(NoiseSchedule s, torch::Tensor mu, torch::Tensor std)
      : Denoiser(std::move(s)), mu_(std::move(mu)), var_(std.pow(2)) {}
  DenoiserOutput predict(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor&) override {
    ++calls;
    const double u = t[0].item<double>() / static_cast<double>(schedule().timesteps());
    const double a = schedule().alpha_cont(u), s = schedule().sigma_vp_cont(u);
    auto eps = s * (x - a * mu_) / (a * a * var_ + s * s);
    return {(x - s * eps) / a, eps};
  }
  std::vector<int64_t> sample_shape() const override { return {mu_.size(0)}; }
  /// The exact ODE solution at training time t (> 0) from x at t0.
  torch::Tensor ode_solution(const torch::Tensor& x, double t0, double t) const {
    const double T = static_cast<double>(schedule().timesteps());
    const double a0 = schedule().alpha_cont(t0 / T), s0 = schedule().sigma_vp_cont(t0 / T);
    const double a = schedule().alpha_cont(t / T), s = schedule().sigma_vp_cont(t / T);
    auto z = (x - a0 * mu_) / torch::sqrt(a0 * a0 * var_ + s0 * s0);
    return a * mu_ + torch::sqrt(a * a * var_ + s * s) * z;
  }
  int64_t calls = 0;
  torch::Tensor mu_, var_;
};

inline nlohmann::json load_reference(const std::string& file) {
  const std::string path = std::string(DIFFLAB_TEST_DATA_DIR) + "/sampling/" + file;
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing " << path);
  return nlohmann::json::parse(in);
}

inline torch::Tensor to_tensor(const std::vector<double>& v, std::vector<int64_t> shape) {
  return torch::tensor(v, torch::kFloat64).reshape(shape);
}

/// Options of a reference case: the name, the grid's length, and every key of "options" (field names of
/// SamplerOptions). The k-diffusion-form references have no lower-order final steps, diffusers' UniPC has.
inline SamplerOptions options_from(const nlohmann::json& c) {
  SamplerOptions o;
  o.name = c["name"];
  o.steps = static_cast<int64_t>(c["timesteps"].size()) - 1;
  const auto& j = c["options"];
  o.spacing = parse_timestep_spacing(j["spacing"]);
  o.eta = j.value("eta", 0.0);
  o.ddpm_posterior_variance = j.value("ddpm_posterior_variance", true);
  o.langevin_step_size = j.value("langevin_step_size", o.langevin_step_size);
  o.langevin_steps_per_level = j.value("langevin_steps_per_level", o.langevin_steps_per_level);
  o.pc_predictor = j.value("pc_predictor", o.pc_predictor);
  o.pc_corrector_steps = j.value("pc_corrector_steps", o.pc_corrector_steps);
  o.pc_snr = j.value("pc_snr", o.pc_snr);
  o.restart_sigma_min = j.value("restart_sigma_min", o.restart_sigma_min);
  o.restart_sigma_max = j.value("restart_sigma_max", o.restart_sigma_max);
  o.restart_k = j.value("restart_k", o.restart_k);
  o.restart_steps = j.value("restart_steps", o.restart_steps);
  o.lower_order_final = j.value("lower_order_final", o.name == "unipc");
  return o;
}

/// Runs every case of a reference file step by step against the recorded chain (float64, 1e-10), feeding the
/// recorded noise back and checking that exactly as many draws were made.
inline void check_reference_chains(const std::string& file) {
  const auto ref = load_reference(file);
  const NoiseSchedule schedule(ref["betas"].get<std::vector<double>>());
  const auto shape = ref["shape"].get<std::vector<int64_t>>();
  const auto x_T = to_tensor(ref["x_T"], shape);
  for (const auto& c : ref["cases"]) {
    const SamplerOptions o = options_from(c);
    CAPTURE(c["name"].get<std::string>());
    CAPTURE(c["options"].dump());
    TanhDenoiser denoiser(schedule, to_tensor(ref["offset"], {shape[1]}));
    auto sampler = make_sampler(o, schedule, x_T);
    const auto expected_grid = c["timesteps"].get<std::vector<double>>();
    REQUIRE(sampler->timesteps().size() == expected_grid.size());
    for (size_t k = 0; k < expected_grid.size(); ++k)
      CHECK(sampler->timesteps()[k] == doctest::Approx(expected_grid[k]).epsilon(1e-12));
    const auto noise = c["noise"].get<std::vector<std::vector<double>>>();
    auto drawn = std::make_shared<size_t>(0);
    sampler->set_noise_source([noise, drawn](const at::Tensor& like) {
      REQUIRE(*drawn < noise.size());
      return torch::tensor(noise[(*drawn)++], torch::kFloat64).reshape(like.sizes());
    });
    for (size_t k = 0; k < c["x"].size(); ++k) {
      CAPTURE(k);
      const SamplerStep s = sampler->step(denoiser);
      CHECK((s.x_t - to_tensor(c["x"][k], shape)).abs().max().item<double>() < 1e-10);
      CHECK(s.nfe == c["nfe"][k].get<int64_t>());
    }
    CHECK(sampler->done());
    CHECK(*drawn == noise.size());
    CHECK(sampler->nfe() == denoiser.calls);
  }
}

inline NoiseSchedule linear_1000() { return NoiseSchedule::from_options({}); }

inline GaussianDenoiser make_gaussian() {
  return GaussianDenoiser(linear_1000(), torch::tensor({1.5, -0.5}, torch::kFloat64),
                          torch::tensor({0.5, 2.0}, torch::kFloat64));
}

inline torch::Tensor gaussian_noise(int64_t n, uint64_t seed) {
  return initial_noise({n, 2}, seed).to(torch::kFloat64);
}

inline double max_abs(const torch::Tensor& a) { return a.abs().max().item<double>(); }

/// Least-squares slope of log(error) against log(NFE): the empirical order of convergence.
inline double fitted_order(const std::vector<double>& nfe, const std::vector<double>& err) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(nfe.size());
  for (size_t i = 0; i < nfe.size(); ++i) {
    const double x = std::log(nfe[i]), y = std::log(err[i]);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace difflab::test
