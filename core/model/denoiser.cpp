// The Denoiser base: the schedule's continuous view evaluated per sample, and the map back to data scale.
#include "model/denoiser.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace difflab {

std::pair<torch::Tensor, torch::Tensor> Denoiser::alpha_sigma(const torch::Tensor& t) const {
  const torch::Tensor tt = t.detach().to(torch::kCPU, torch::kFloat64).contiguous().reshape({-1});
  const auto n = tt.size(0);
  const double T = static_cast<double>(schedule_.timesteps());
  torch::Tensor alpha = torch::empty({n}, torch::kFloat64), sigma = torch::empty({n}, torch::kFloat64);
  const double* tp = tt.data_ptr<double>();
  double* ap = alpha.data_ptr<double>();
  double* sp = sigma.data_ptr<double>();
  for (int64_t i = 0; i < n; ++i) {
    if (!std::isfinite(tp[i]) || tp[i] < 0.0 || tp[i] > T)
      throw std::invalid_argument("denoiser time t = " + std::to_string(tp[i]) +
                                  " lies outside [0, T = " + std::to_string(schedule_.timesteps()) + "]");
    const double u = tp[i] / T;
    ap[i] = schedule_.alpha_cont(u);
    sp[i] = schedule_.sigma_vp_cont(u);
  }
  return {alpha, sigma};
}

torch::Tensor Denoiser::to_data_scale(const torch::Tensor& x) const { return data_scale().to_data(x); }

}  // namespace difflab
