#include "ode/probability_flow.h"

#include "model/denoiser.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace difflab {

torch::Tensor pf_ode_velocity(Denoiser& denoiser, const torch::Tensor& x, double u, const torch::Tensor& y) {
  if (!(u > 0.0 && u <= 1.0)) throw std::invalid_argument("PF-ODE time u must lie in (0, 1], got " + std::to_string(u));
  const NoiseSchedule& s = denoiser.schedule();
  const double sigma = s.sigma_vp_cont(u);
  const double f = s.d_log_alpha_cont(u);
  auto t = torch::full({x.size(0)}, u * static_cast<double>(s.timesteps()), x.options());
  const auto eps = denoiser.predict(x, t, y).eps;
  return f * (x - eps / sigma);
}

}  // namespace difflab
