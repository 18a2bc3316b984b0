#include "process/parameterisation.h"

#include <torch/torch.h>

#include <stdexcept>

namespace difflab {

// x_t = α x₀ + σ ε (Ho et al. 2020, eq. 4) solved for x₀ or ε.
at::Tensor x0_from_eps(const at::Tensor& x_t, const at::Tensor& eps, const at::Tensor& alpha, const at::Tensor& sigma) {
  return (x_t - sigma * eps) / alpha;
}

at::Tensor eps_from_x0(const at::Tensor& x_t, const at::Tensor& x0, const at::Tensor& alpha, const at::Tensor& sigma) {
  return (x_t - alpha * x0) / sigma;
}

// Salimans & Ho 2022, §4, eq. 9: v = α ε − σ x₀.
at::Tensor v_from_eps_x0(const at::Tensor& eps, const at::Tensor& x0, const at::Tensor& alpha,
                         const at::Tensor& sigma) {
  return alpha * eps - sigma * x0;
}

// [x_t; v] = [[α, σ], [−σ, α]] [x₀; ε]; the matrix's inverse is its transpose over α² + σ².
at::Tensor eps_from_v(const at::Tensor& x_t, const at::Tensor& v, const at::Tensor& alpha, const at::Tensor& sigma) {
  return (sigma * x_t + alpha * v) / (alpha * alpha + sigma * sigma);
}

at::Tensor x0_from_v(const at::Tensor& x_t, const at::Tensor& v, const at::Tensor& alpha, const at::Tensor& sigma) {
  return (alpha * x_t - sigma * v) / (alpha * alpha + sigma * sigma);
}

// Tweedie (Robbins 1956, Efron 2011): ∇ log p_t(x_t) = (α E[x₀|x_t] − x_t)/σ² = −E[ε|x_t]/σ.
at::Tensor score_from_eps(const at::Tensor& eps, const at::Tensor& sigma) { return -eps / sigma; }

at::Tensor eps_from_score(const at::Tensor& score, const at::Tensor& sigma) { return -sigma * score; }

std::pair<at::Tensor, at::Tensor> to_x0_eps(PredictionType type, const at::Tensor& prediction, const at::Tensor& x_t,
                                            const at::Tensor& alpha, const at::Tensor& sigma) {
  switch (type) {
    case PredictionType::Epsilon: return {x0_from_eps(x_t, prediction, alpha, sigma), prediction};
    case PredictionType::X0: return {prediction, eps_from_x0(x_t, prediction, alpha, sigma)};
    case PredictionType::V:
      return {x0_from_v(x_t, prediction, alpha, sigma), eps_from_v(x_t, prediction, alpha, sigma)};
    case PredictionType::Score: {
      at::Tensor eps = eps_from_score(prediction, sigma);
      return {x0_from_eps(x_t, eps, alpha, sigma), eps};
    }
  }
  throw std::invalid_argument("to_x0_eps: unknown prediction type");
}

at::Tensor prediction_from_x0_eps(PredictionType type, const at::Tensor& x0, const at::Tensor& eps,
                                  const at::Tensor& alpha, const at::Tensor& sigma) {
  switch (type) {
    case PredictionType::Epsilon: return eps;
    case PredictionType::X0: return x0;
    case PredictionType::V: return v_from_eps_x0(eps, x0, alpha, sigma);
    case PredictionType::Score: return score_from_eps(eps, sigma);
  }
  throw std::invalid_argument("prediction_from_x0_eps: unknown prediction type");
}

}  // namespace difflab
