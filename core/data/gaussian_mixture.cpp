#include "data/gaussian_mixture.h"

#include "base/resource_dirs.h"
#include "io/json_text.h"

#include "data/dataset_error.h"
#include "data/file_bytes.h"

#include <torch/torch.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace difflab {
namespace fs = std::filesystem;
using nlohmann::json;

int64_t GaussianMixture::dim() const { return means.empty() ? 0 : static_cast<int64_t>(means[0].size()); }

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& fault) {
  throw DatasetError(source + ": " + fault);
}

double number(const json& j, const std::string& source, const std::string& where) {
  if (!j.is_number()) fail(source, where + " is not a number");
  const double v = j.get<double>();
  if (!std::isfinite(v)) fail(source, where + " is not finite");
  return v;
}

std::vector<double> vector_of(const json& j, const std::string& source, const std::string& where) {
  if (!j.is_array()) fail(source, where + " is not an array");
  std::vector<double> v;
  for (size_t i = 0; i < j.size(); ++i) v.push_back(number(j[i], source, where + "[" + std::to_string(i) + "]"));
  return v;
}

// Cholesky factor L (lower, Σ = L Lᵀ) by the Cholesky–Banachiewicz recurrence; empty when Σ is not
// positive definite (a pivot ≤ 0).
std::vector<std::vector<double>> cholesky(const std::vector<std::vector<double>>& a) {
  const size_t d = a.size();
  std::vector<std::vector<double>> l(d, std::vector<double>(d, 0.0));
  for (size_t i = 0; i < d; ++i)
    for (size_t j = 0; j <= i; ++j) {
      double s = a[i][j];
      for (size_t k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
      if (i == j) {
        if (!(s > 0.0)) return {};
        l[i][i] = std::sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  return l;
}

at::Tensor cholesky_factors(const GaussianMixture& m) {
  const int64_t k = static_cast<int64_t>(m.weights.size()), d = m.dim();
  at::Tensor l = torch::zeros({k, d, d}, torch::kFloat64);
  auto acc = l.accessor<double, 3>();
  for (int64_t c = 0; c < k; ++c) {
    const auto f = cholesky(m.covariances[size_t(c)]);
    TORCH_CHECK(!f.empty(), "Gaussian mixture: covariances[", c, "] is not positive definite");
    for (int64_t i = 0; i < d; ++i)
      for (int64_t j = 0; j <= i; ++j) acc[c][i][j] = f[size_t(i)][size_t(j)];
  }
  return l;
}

at::Tensor means_tensor(const GaussianMixture& m) {
  const int64_t k = static_cast<int64_t>(m.means.size()), d = m.dim();
  at::Tensor mu = torch::empty({k, d}, torch::kFloat64);
  auto acc = mu.accessor<double, 2>();
  for (int64_t c = 0; c < k; ++c)
    for (int64_t i = 0; i < d; ++i) acc[c][i] = m.means[size_t(c)][size_t(i)];
  return mu;
}

}  // namespace

GaussianMixture parse_gaussian_mixture(const json& j, const std::string& source) {
  if (!j.is_object()) fail(source, "a Gaussian mixture must be a JSON object with weights, means and covariances");
  for (const char* key : {"weights", "means", "covariances"})
    if (!j.contains(key)) fail(source, std::string("missing \"") + key + "\"");
  GaussianMixture m;
  m.weights = vector_of(j["weights"], source, "weights");
  const size_t k = m.weights.size();
  if (k == 0) fail(source, "weights is empty (a mixture needs at least one component)");
  const json& means = j["means"];
  const json& covs = j["covariances"];
  if (!means.is_array() || means.size() != k)
    fail(source, "means must be an array of " + std::to_string(k) + " vectors (one per weight)");
  if (!covs.is_array() || covs.size() != k)
    fail(source, "covariances must be an array of " + std::to_string(k) + " matrices (one per weight)");

  double largest = 0.0;
  for (size_t c = 0; c < k; ++c) {
    if (!std::isfinite(m.weights[c]))
      fail(source, "weights[" + std::to_string(c) + "] = " + std::to_string(m.weights[c]) + " is not finite");
    if (m.weights[c] < 0.0)
      fail(source, "weights[" + std::to_string(c) + "] = " + std::to_string(m.weights[c]) + " is negative");
    largest = std::max(largest, m.weights[c]);
  }
  if (!(largest > 0.0)) fail(source, "the weights sum to zero");
  // Normalised (weights may be given as counts or percentages). A sum that overflows (weights of 1e308 each)
  // is taken after dividing by the largest, so such weights are equal components, not NaN.
  double total = 0.0;
  for (double w : m.weights) total += w;
  if (!std::isfinite(total)) {
    total = 0.0;
    for (double& w : m.weights) total += (w /= largest);
  }
  for (double& w : m.weights) w /= total;

  for (size_t c = 0; c < k; ++c) {
    const std::string mw = "means[" + std::to_string(c) + "]", cw = "covariances[" + std::to_string(c) + "]";
    m.means.push_back(vector_of(means[c], source, mw));
    const size_t d = m.means.back().size();
    if (d == 0) fail(source, mw + " is empty");
    if (d != m.means[0].size())
      fail(source,
           mw + " has dimension " + std::to_string(d) + " but means[0] has " + std::to_string(m.means[0].size()));
    if (!covs[c].is_array() || covs[c].size() != d)
      fail(source, cw + " must be a " + std::to_string(d) + "×" + std::to_string(d) + " matrix (array of rows)");
    std::vector<std::vector<double>> sigma;
    for (size_t r = 0; r < d; ++r) {
      sigma.push_back(vector_of(covs[c][r], source, cw + "[" + std::to_string(r) + "]"));
      if (sigma.back().size() != d)
        fail(source, cw + "[" + std::to_string(r) + "] has " + std::to_string(sigma.back().size()) +
                         " entries, expected " + std::to_string(d));
    }
    for (size_t r = 0; r < d; ++r)
      for (size_t s = 0; s < r; ++s)
        if (std::abs(sigma[r][s] - sigma[s][r]) > 1e-9 * std::max(1.0, std::abs(sigma[r][s]) + std::abs(sigma[s][r])))
          fail(source, cw + " is not symmetric: [" + std::to_string(r) + "][" + std::to_string(s) +
                           "] = " + std::to_string(sigma[r][s]) + " but [" + std::to_string(s) + "][" +
                           std::to_string(r) + "] = " + std::to_string(sigma[s][r]));
    if (cholesky(sigma).empty()) fail(source, cw + " is not positive definite");
    m.covariances.push_back(std::move(sigma));
  }
  if (j.contains("classes")) {
    const json& names = j["classes"];
    if (!names.is_array() || names.size() != k)
      fail(source, "classes must be an array of " + std::to_string(k) + " names (one per weight), got " +
                       (names.is_array() ? std::to_string(names.size()) + " entries" : std::string(names.type_name())));
    for (size_t c = 0; c < k; ++c) {
      if (!names[c].is_string())
        fail(source, "classes[" + std::to_string(c) + "] must be a string, got " + names[c].type_name());
      m.classes.push_back(names[c].get<std::string>());
    }
  }
  return m;
}

GaussianMixture load_gaussian_mixture(const std::string& path) {
  const std::string text = read_file_bytes(path);
  json j;
  try {
    j = parse_json_text(text);
  } catch (const std::invalid_argument& e) {
    throw DatasetError(path + ": not valid JSON: " + e.what());
  }
  return parse_gaussian_mixture(j, path);
}

json to_json(const GaussianMixture& m) {
  json j{{"weights", m.weights}, {"means", m.means}, {"covariances", m.covariances}};
  if (!m.classes.empty()) j["classes"] = m.classes;
  return j;
}

at::Tensor sample_gaussian_mixture(const GaussianMixture& m, int64_t n, uint64_t seed, at::Tensor* component) {
  TORCH_CHECK(n >= 0, "sample_gaussian_mixture: n = ", n, " is negative");
  TORCH_CHECK(!m.weights.empty(), "sample_gaussian_mixture: the mixture is empty");
  const int64_t d = m.dim();
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Tensor k = n == 0 ? torch::zeros({0}, torch::kInt64)
                        : torch::multinomial(torch::tensor(m.weights, torch::kFloat64), n, /*replacement=*/true, gen);
  // x = μ_k + L_k z with z ~ N(0, I), so Cov x = L_k L_kᵀ = Σ_k.
  at::Tensor z = torch::randn({n, d, 1}, gen, torch::dtype(torch::kFloat64));
  at::Tensor x =
      means_tensor(m).index_select(0, k) + torch::matmul(cholesky_factors(m).index_select(0, k), z).squeeze(-1);
  if (component) *component = k;
  return x.to(torch::kFloat32);
}

at::Tensor gaussian_mixture_log_density(const GaussianMixture& m, const at::Tensor& x) {
  const int64_t d = m.dim();
  TORCH_CHECK(x.dim() == 2 && x.size(1) == d, "gaussian_mixture_log_density: expected x of shape [n, ", d, "], got ",
              x.sizes());
  const at::Tensor xd = x.to(torch::kCPU, torch::kFloat64);
  const at::Tensor l = cholesky_factors(m);                                                  // [K, D, D]
  const at::Tensor diff = (xd.unsqueeze(0) - means_tensor(m).unsqueeze(1)).transpose(1, 2);  // [K, D, n]
  // ‖L⁻¹(x − μ)‖² is the Mahalanobis distance; log|Σ| = 2 Σ_i log L_ii.
  const at::Tensor z = at::linalg_solve_triangular(l, diff, /*upper=*/false);
  const at::Tensor maha = z.pow(2).sum(1);                                   // [K, n]
  const at::Tensor half_logdet = l.diagonal(0, 1, 2).log().sum(1);           // [K]
  const at::Tensor log_w = torch::tensor(m.weights, torch::kFloat64).log();  // [K]
  const at::Tensor log_components =
      (log_w - half_logdet - 0.5 * double(d) * std::log(2.0 * M_PI)).unsqueeze(1) - 0.5 * maha;
  return torch::logsumexp(log_components, 0);
}

namespace {

#ifndef DIFFLAB_MIXTURES_SOURCE_DIR
#define DIFFLAB_MIXTURES_SOURCE_DIR nullptr
#endif
#ifndef DIFFLAB_MIXTURES_INSTALL_DIR
#define DIFFLAB_MIXTURES_INSTALL_DIR nullptr
#endif

std::vector<fs::path> preset_dirs() {
  return resource_dirs("DIFFLAB_MIXTURES_DIR", DIFFLAB_MIXTURES_SOURCE_DIR, "mixtures", DIFFLAB_MIXTURES_INSTALL_DIR);
}

}  // namespace

std::string mixture_preset_path(const std::string& name) {
  std::string file = name;
  if (file.size() < 5 || file.compare(file.size() - 5, 5, ".json") != 0) file += ".json";
  if (name.empty() || name.find('/') != std::string::npos)
    throw DatasetError("mixture preset '" + name + "': a preset is a plain name such as 8gaussians");
  std::string looked;
  for (const auto& dir : preset_dirs()) {
    std::error_code ec;
    if (fs::is_regular_file(dir / file, ec)) return (dir / file).string();
    looked += (looked.empty() ? "" : ", ") + dir.string();
  }
  throw DatasetError("mixture preset '" + name + "': no " + file + " in " + looked);
}

std::vector<std::string> mixture_preset_names() {
  std::vector<std::string> names;
  for (const auto& dir : preset_dirs()) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    if (!names.empty()) break;  // the first folder that has presets wins, as in mixture_preset_path
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace difflab
