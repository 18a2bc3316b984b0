#include "sampling/sample_distance.h"

#include <torch/torch.h>

#include <sstream>
#include <stdexcept>
#include <string>

namespace difflab {
namespace {

torch::Tensor checked_points(const torch::Tensor& t, const char* name) {
  if (!t.defined() || t.dim() != 2 || t.size(0) < 1 || t.size(1) < 1) {
    std::ostringstream message;
    message << "sample distance: " << name << " must be a non-empty [n, D] point set, got "
            << (t.defined() ? std::to_string(t.dim()) + "-D tensor of shape " : std::string("an undefined tensor"));
    if (t.defined()) message << t.sizes();
    throw std::invalid_argument(message.str());
  }
  if (!t.is_floating_point())
    throw std::invalid_argument(std::string("sample distance: ") + name + " must be floating point");
  return t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
}

void check_same_dim(const torch::Tensor& x, const torch::Tensor& y) {
  if (x.size(1) != y.size(1))
    throw std::invalid_argument("sample distance: x has dimension " + std::to_string(x.size(1)) +
                                " but y has dimension " + std::to_string(y.size(1)));
}

// Mean of ‖a_i − b_j‖ over all pairs, in row blocks so that a block of n·block doubles is the peak.
double mean_pair_distance(const torch::Tensor& a, const torch::Tensor& b, int64_t block) {
  double sum = 0.0;
  for (int64_t start = 0; start < a.size(0); start += block) {
    auto rows = a.narrow(0, start, std::min(block, a.size(0) - start));
    sum += torch::cdist(rows, b).sum().item<double>();
  }
  return sum / (static_cast<double>(a.size(0)) * static_cast<double>(b.size(0)));
}

// W₂² between the 1-D empirical measures of each column of xs [n, P] and ys [m, P] (columns sorted):
// ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du, summed exactly over the merged breakpoints {i/n} ∪ {j/m}.
torch::Tensor w2_squared_per_column(const torch::Tensor& xs, const torch::Tensor& ys) {
  const int64_t n = xs.size(0), m = ys.size(0);
  if (n == m) return (xs - ys).pow(2).mean(0);
  auto opts = torch::TensorOptions().dtype(torch::kFloat64);
  auto grid = std::get<0>(torch::cat({torch::arange(0, n + 1, opts) / n, torch::arange(0, m + 1, opts) / m}).sort());
  auto lo = grid.narrow(0, 0, grid.size(0) - 1), hi = grid.narrow(0, 1, grid.size(0) - 1);
  auto width = hi - lo;
  auto mid = 0.5 * (lo + hi);
  // The quantile function of n sorted samples is x_(⌊u n⌋) on [i/n, (i+1)/n).
  auto ix = (mid * n).floor().clamp(0, n - 1).to(torch::kLong);
  auto iy = (mid * m).floor().clamp(0, m - 1).to(torch::kLong);
  auto diff = xs.index_select(0, ix) - ys.index_select(0, iy);
  return (diff.pow(2) * width.unsqueeze(1)).sum(0);
}

}  // namespace

double energy_distance(const at::Tensor& x_in, const at::Tensor& y_in, int64_t block) {
  if (block < 1) throw std::invalid_argument("energy_distance: block must be >= 1, got " + std::to_string(block));
  auto x = checked_points(x_in, "x");
  auto y = checked_points(y_in, "y");
  check_same_dim(x, y);
  torch::NoGradGuard no_grad;
  // Székely & Rizzo 2013, eq. 2.1, with V-statistics: 2 E‖X−Y‖ − E‖X−X'‖ − E‖Y−Y'‖.
  const double xy = mean_pair_distance(x, y, block);
  const double xx = mean_pair_distance(x, x, block);
  const double yy = mean_pair_distance(y, y, block);
  return std::max(0.0, 2.0 * xy - xx - yy);
}

double sliced_wasserstein(const at::Tensor& x_in, const at::Tensor& y_in, const SlicedWassersteinOptions& options) {
  if (options.projections < 1)
    throw std::invalid_argument("sliced_wasserstein: projections must be >= 1, got " +
                                std::to_string(options.projections));
  auto x = checked_points(x_in, "x");
  auto y = checked_points(y_in, "y");
  check_same_dim(x, y);
  torch::NoGradGuard no_grad;
  const int64_t d = x.size(1);
  torch::Tensor theta;
  if (d == 1) {
    theta = torch::ones({1, 1}, torch::kFloat64);  // the sphere S⁰ is {±1}; both give the same W₂
  } else {
    // Uniform directions on S^{D−1}: normalised standard Gaussians (Muller 1959).
    auto gen = at::detail::createCPUGenerator(options.seed);
    theta = at::normal(0.0, 1.0, {d, options.projections}, gen, torch::TensorOptions().dtype(torch::kFloat64));
    theta = theta / theta.norm(2, 0, true);
  }
  auto xs = std::get<0>(x.matmul(theta).sort(0));
  auto ys = std::get<0>(y.matmul(theta).sort(0));
  // Bonneel et al. 2015, eq. 4: the mean over directions of the 1-D W₂².
  return std::sqrt(w2_squared_per_column(xs, ys).mean().item<double>());
}

}  // namespace difflab
