#include "data/toy_datasets.h"

#include "data/dataset_error.h"

#include <torch/torch.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace difflab {
namespace {

void check_count(int64_t n, const std::string& what) {
  if (n < 1 || n > (int64_t(1) << 28))
    throw DatasetError(what + ": sample count " + std::to_string(n) + " is outside 1..268435456");
}

Dataset points(std::string name, at::Tensor data, at::Tensor labels, std::vector<std::string> class_names) {
  Dataset d;
  d.name = std::move(name);
  d.kind = DataKind::Points;
  d.data = data.to(torch::kFloat32).contiguous();
  d.labels = labels.defined() ? labels.to(torch::kInt64) : torch::full({data.size(0)}, -1, torch::kInt64);
  d.class_names = std::move(class_names);
  return d;
}

std::vector<int64_t> ring_sizes() {
  // Components per ring: circumference / spacing, spacing ≈ 2 std = 0.4.
  std::vector<int64_t> sizes;
  for (double r : {0.8, 1.6, 2.4}) sizes.push_back(std::llround(2.0 * M_PI * r / 0.4));
  return sizes;
}

}  // namespace

Dataset make_two_moons(int64_t n, uint64_t seed) {
  check_count(n, "two-moons");
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const at::Tensor u = torch::rand({n}, gen) * M_PI;
  const at::Tensor upper = torch::rand({n}, gen) < 0.5;
  // make_moons: upper (cos u, sin u), lower (1 − cos u, 1/2 − sin u); then centred and scaled.
  const at::Tensor x = torch::where(upper, torch::cos(u), 1 - torch::cos(u));
  const at::Tensor y = torch::where(upper, torch::sin(u), 0.5 - torch::sin(u));
  const at::Tensor data = torch::stack({x - 0.5, y - 0.25}, 1) * 1.5 + 0.05 * torch::randn({n, 2}, gen);
  return points("two moons", data, upper, {"lower moon", "upper moon"});
}

Dataset make_swiss_roll(int64_t n, uint64_t seed) {
  check_count(n, "swiss-roll");
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const at::Tensor t = 1.5 * M_PI * (1 + 2 * torch::rand({n}, gen));
  const at::Tensor data = (torch::stack({t * torch::cos(t), t * torch::sin(t)}, 1) + torch::randn({n, 2}, gen)) / 5.0;
  return points("swiss roll", data, {}, {});
}

GaussianMixture eight_gaussians_mixture() {
  GaussianMixture m;
  const double radius = 4.0 / std::sqrt(2.0), var = 0.5 * 0.5 / 2.0;  // FFJORD: (4 c + 0.5 z) / 1.414
  for (int k = 0; k < 8; ++k) {
    const double angle = k * M_PI / 4.0;
    m.weights.push_back(1.0 / 8.0);
    m.means.push_back({radius * std::cos(angle), radius * std::sin(angle)});
    m.covariances.push_back({{var, 0.0}, {0.0, var}});
  }
  return m;
}

Dataset make_eight_gaussians(int64_t n, uint64_t seed) {
  check_count(n, "8gaussians");
  at::Tensor mode;
  const at::Tensor data = sample_gaussian_mixture(eight_gaussians_mixture(), n, seed, &mode);
  std::vector<std::string> names;
  for (int k = 0; k < 8; ++k) names.push_back(std::to_string(45 * k) + "°");
  return points("8 Gaussians", data, mode, names);
}

Dataset make_checkerboard(int64_t n, uint64_t seed) {
  check_count(n, "checkerboard");
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  // FFJORD: x1 ~ U[-2, 2), x2 ~ U[0, 1) − 2 Bernoulli(½), shifted up by one where floor(x1) is odd; × 2.
  const at::Tensor x1 = torch::rand({n}, gen) * 4 - 2;
  const at::Tensor x2 = torch::rand({n}, gen) - torch::randint(0, 2, {n}, gen, torch::kFloat32) * 2 +
                        torch::remainder(torch::floor(x1), 2);
  return points("checkerboard", torch::stack({x1, x2}, 1) * 2, {}, {});
}

GaussianMixture rings_mixture() {
  GaussianMixture m;
  const std::vector<int64_t> sizes = ring_sizes();
  int64_t total = 0;
  for (int64_t s : sizes) total += s;
  const double var = 0.2 * 0.2;
  for (size_t r = 0; r < sizes.size(); ++r) {
    const double radius = 0.8 * double(r + 1);
    for (int64_t j = 0; j < sizes[r]; ++j) {
      const double angle = 2.0 * M_PI * double(j) / double(sizes[r]);
      m.weights.push_back(1.0 / double(total));
      m.means.push_back({radius * std::cos(angle), radius * std::sin(angle)});
      m.covariances.push_back({{var, 0.0}, {0.0, var}});
    }
  }
  return m;
}

std::vector<int64_t> rings_component_ring() {
  std::vector<int64_t> ring;
  const std::vector<int64_t> sizes = ring_sizes();
  for (size_t r = 0; r < sizes.size(); ++r) ring.insert(ring.end(), size_t(sizes[r]), int64_t(r));
  return ring;
}

Dataset make_rings(int64_t n, uint64_t seed) {
  check_count(n, "rings");
  at::Tensor component;
  const at::Tensor data = sample_gaussian_mixture(rings_mixture(), n, seed, &component);
  const at::Tensor ring = torch::tensor(rings_component_ring(), torch::kInt64).index_select(0, component);
  return points("rings", data, ring, {"inner ring", "middle ring", "outer ring"});
}

Dataset make_mixture_dataset(const GaussianMixture& mixture, int64_t n, uint64_t seed, const std::string& name,
                             const std::vector<std::string>& component_classes) {
  check_count(n, name);
  const size_t k = mixture.weights.size();
  if (!component_classes.empty() && component_classes.size() != k)
    throw DatasetError(name + ": " + std::to_string(component_classes.size()) + " class names for " +
                       std::to_string(k) + " components");
  at::Tensor component;
  const at::Tensor data = sample_gaussian_mixture(mixture, n, seed, &component);
  if (component_classes.empty() && k == 1) return points(name, data, {}, {});
  std::vector<std::string> names;
  std::vector<int64_t> class_of(k);
  for (size_t c = 0; c < k; ++c) {
    const std::string label = component_classes.empty() ? std::to_string(c) : component_classes[c];
    const auto it = std::find(names.begin(), names.end(), label);
    class_of[c] = it - names.begin();
    if (it == names.end()) names.push_back(label);
  }
  return points(name, data, torch::tensor(class_of, torch::kInt64).index_select(0, component), names);
}

}  // namespace difflab
