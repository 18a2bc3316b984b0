// Score fields, exact references and field errors (formulas in score_field.h).
#include "score/score_field.h"

#include "base/error_text.h"
#include "data/gaussian_mixture.h"
#include "model/empirical_denoiser.h"
#include "model/gaussian_mixture_denoiser.h"

#include <torch/torch.h>

#include <cmath>
#include <stdexcept>

namespace difflab {

at::Tensor FieldGrid::points() const {
  if (!(x_max > x_min) || !(y_max > y_min) || !std::isfinite(x_max - x_min) || !std::isfinite(y_max - y_min))
    throw std::invalid_argument("field grid: the rectangle [" + std::to_string(x_min) + ", " + std::to_string(x_max) +
                                "] × [" + std::to_string(y_min) + ", " + std::to_string(y_max) + "] is empty");
  if (nx < 2 || ny < 2 || nx > 4096 || ny > 4096)
    throw std::invalid_argument("field grid: " + std::to_string(nx) + " × " + std::to_string(ny) +
                                " points; each side needs 2 to 4096");
  const torch::Tensor xs = torch::linspace(x_min, x_max, nx, torch::kFloat64);
  const torch::Tensor ys = torch::linspace(y_min, y_max, ny, torch::kFloat64);
  const auto mesh = torch::meshgrid({ys, xs}, "ij");  // [ny, nx] each
  return torch::stack({mesh[1].reshape({-1}), mesh[0].reshape({-1})}, 1);
}

at::Tensor model_score(Denoiser& denoiser, const at::Tensor& x, double t, const at::Tensor& y) {
  const double T = static_cast<double>(denoiser.schedule().timesteps());
  if (!(t > 0.0) || t > T)
    throw std::invalid_argument("score field: t = " + std::to_string(t) + " must lie in (0, " +
                                std::to_string(static_cast<int64_t>(T)) + "]");
  const double sigma = denoiser.schedule().sigma_vp_cont(t / T);
  torch::NoGradGuard no_grad;
  const torch::Tensor xt = x.to(torch::kCPU, torch::kFloat64);
  const DenoiserOutput out = denoiser.predict(xt, torch::full({x.size(0)}, t, torch::kFloat64), y);
  return -out.eps.to(torch::kCPU, torch::kFloat64) / sigma;
}

namespace {

at::Tensor full_t(int64_t n, double t) { return torch::full({n}, t, torch::kFloat64); }

class MixtureReference : public ScoreReference {
 public:
  MixtureReference(const GaussianMixture& mixture, const NoiseSchedule& schedule,
                   const std::vector<std::string>& classes)
      : denoiser_(mixture, schedule, classes) {
    const torch::Tensor w = torch::tensor(mixture.weights, torch::kFloat64);
    const int64_t M = static_cast<int64_t>(denoiser_.class_names().size());
    weights_ = torch::zeros({M}, torch::kFloat64).index_add_(0, denoiser_.component_class(), w);
    components_ = static_cast<int64_t>(mixture.weights.size());
  }
  at::Tensor log_density(const at::Tensor& x, double t) const override {
    return denoiser_.log_density(x, full_t(x.size(0), t));
  }
  at::Tensor score(const at::Tensor& x, double t) const override { return denoiser_.score(x, full_t(x.size(0), t)); }
  Denoiser& denoiser() override { return denoiser_; }
  std::vector<std::string> mode_names() const override { return denoiser_.class_names(); }
  at::Tensor mode_weights() const override { return weights_; }
  at::Tensor assign_modes(const at::Tensor& x, double t) const override {
    const int64_t M = weights_.size(0), N = x.size(0);
    if (M == 1) return torch::zeros({N}, torch::kInt64);
    torch::Tensor log_joint = torch::empty({N, M}, torch::kFloat64);
    for (int64_t m = 0; m < M; ++m)
      log_joint.select(1, m).copy_(denoiser_.log_density(x, full_t(N, t), torch::full({N}, m, torch::kInt64)) +
                                   std::log(weights_[m].item<double>()));
    return log_joint.argmax(1);
  }
  at::Tensor sample(int64_t n, uint64_t seed) const override {
    return sample_gaussian_mixture(denoiser_.mixture(), n, seed);
  }
  std::string description() const override {
    return "exact Gaussian mixture (" + count_text(components_, "component") + ")";
  }

 private:
  GaussianMixtureDenoiser denoiser_;
  torch::Tensor weights_;
  int64_t components_ = 0;
};

class PointSetReference : public ScoreReference {
 public:
  PointSetReference(const at::Tensor& points, const at::Tensor& labels, const std::vector<std::string>& classes,
                    const NoiseSchedule& schedule, double bandwidth)
      : denoiser_(points, labels, classes, schedule, bandwidth) {
    const int64_t N = denoiser_.points().size(0);
    names_ = denoiser_.class_names();
    if (names_.empty()) {
      names_ = {"all"};
      weights_ = torch::ones({1}, torch::kFloat64);
    } else {
      weights_ = torch::bincount(denoiser_.labels(), {}, static_cast<int64_t>(names_.size())).to(torch::kFloat64) /
                 static_cast<double>(N);
    }
  }
  at::Tensor log_density(const at::Tensor& x, double t) const override {
    return denoiser_.log_density(x, full_t(x.size(0), t));
  }
  at::Tensor score(const at::Tensor& x, double t) const override { return denoiser_.score(x, full_t(x.size(0), t)); }
  Denoiser& denoiser() override { return denoiser_; }
  std::vector<std::string> mode_names() const override { return names_; }
  at::Tensor mode_weights() const override { return weights_; }
  at::Tensor assign_modes(const at::Tensor& x, double t) const override {
    const int64_t M = weights_.size(0), N = x.size(0);
    if (M == 1) return torch::zeros({N}, torch::kInt64);
    // log p_t(x | m) + log w_m in one pass over the points (a mode of weight 0 has no points: −∞).
    return (denoiser_.class_log_densities(x, full_t(N, t)) + weights_.log().unsqueeze(0)).argmax(1);
  }
  at::Tensor sample(int64_t n, uint64_t seed) const override {
    torch::Generator gen = at::detail::createCPUGenerator(seed);
    const torch::Tensor& p = denoiser_.points();
    const torch::Tensor idx = torch::randint(p.size(0), {n}, gen, torch::kInt64);
    torch::Tensor x = p.index_select(0, idx);
    if (denoiser_.bandwidth() > 0) x = x + denoiser_.bandwidth() * torch::randn(x.sizes(), gen, torch::kFloat64);
    return x.to(torch::kFloat32);
  }
  std::string description() const override { return denoiser_.description(); }

 private:
  EmpiricalDenoiser denoiser_;
  std::vector<std::string> names_;
  torch::Tensor weights_;
};

}  // namespace

std::unique_ptr<ScoreReference> mixture_reference(const GaussianMixture& mixture, const NoiseSchedule& schedule,
                                                  const std::vector<std::string>& component_classes) {
  return std::make_unique<MixtureReference>(mixture, schedule, component_classes);
}

std::unique_ptr<ScoreReference> empirical_reference(const at::Tensor& points, const at::Tensor& labels,
                                                    const std::vector<std::string>& class_names,
                                                    const NoiseSchedule& schedule, double bandwidth) {
  return std::make_unique<PointSetReference>(points, labels, class_names, schedule, bandwidth);
}

FieldComparison compare_fields(const at::Tensor& learned, const at::Tensor& exact, const at::Tensor& log_density) {
  if (learned.sizes() != exact.sizes() || learned.dim() != 2 || log_density.numel() != learned.size(0))
    throw std::invalid_argument("field comparison: shapes " + c10::str(learned.sizes()) + ", " +
                                c10::str(exact.sizes()) + " and " + c10::str(log_density.sizes()) + " do not agree");
  const torch::Tensor l = learned.to(torch::kFloat64), e = exact.to(torch::kFloat64);
  FieldComparison c;
  c.squared_error = (l - e).pow(2).sum(1);
  const torch::Tensor lp = log_density.to(torch::kFloat64).reshape({-1});
  const torch::Tensor w = torch::exp(lp - lp.max());  // p_t up to a constant factor, which cancels
  const double total = w.sum().item<double>();
  c.weighted_squared_error = (w * c.squared_error).sum().item<double>() / total;
  c.weighted_relative_error = (w * c.squared_error).sum().item<double>() / (w * e.pow(2).sum(1)).sum().item<double>();
  c.mean_squared_error = c.squared_error.mean().item<double>();
  return c;
}

double relative_fisher_divergence(Denoiser& model, const ScoreReference& reference, const at::Tensor& x0,
                                  const at::Tensor& eps, double t) {
  const double T = static_cast<double>(model.schedule().timesteps());
  const double a = model.schedule().alpha_cont(t / T), s = model.schedule().sigma_vp_cont(t / T);
  const torch::Tensor xt = a * x0.to(torch::kFloat64) + s * eps.to(torch::kFloat64);
  const torch::Tensor exact = reference.score(xt, t);
  const torch::Tensor learned = model_score(model, xt, t);
  return (learned - exact).pow(2).sum(1).mean().item<double>() / exact.pow(2).sum(1).mean().item<double>();
}

}  // namespace difflab
