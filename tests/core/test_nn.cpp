// Networks (core/nn): parity with PyTorch references (tests/reference/nn_parity.py, simple_unet.py),
// parameter counts of the published architectures, and shape contracts.
#include "nn/ddpm_unet.h"
#include "nn/layer_ops.h"
#include "base/splitmix64.h"
#include "nn/mlp_denoiser.h"
#include "nn/network_config.h"
#include "nn/simple_unet.h"
#include "nn/sinusoidal_embedding.h"

#include "core/tolerance.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace difflab;

namespace {

nlohmann::json read_json(const std::string& name) {
  std::ifstream in(std::string(DIFFLAB_TEST_DATA_DIR) + "/nn/" + name);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

torch::Tensor to_tensor(const nlohmann::json& rows) {
  std::vector<double> flat;
  const int64_t n = static_cast<int64_t>(rows.size()), m = static_cast<int64_t>(rows.at(0).size());
  for (const auto& r : rows)
    for (const auto& v : r) flat.push_back(v.get<double>());
  return torch::tensor(flat, torch::kFloat64).reshape({n, m});
}

// The formula of nn_parity.py: parameters sorted by name, element k of parameter i = 0.3 sin(0.7 k + 1.3 i + 0.1).
void set_deterministic_weights(torch::nn::Module& m) {
  auto params = m.named_parameters();
  std::vector<std::string> names;
  for (const auto& p : params) names.push_back(p.key());
  std::sort(names.begin(), names.end());
  torch::NoGradGuard no_grad;
  for (size_t i = 0; i < names.size(); ++i) {
    torch::Tensor p = params[names[i]];
    const torch::Tensor k = torch::arange(p.numel(), torch::kFloat64);
    p.copy_((0.3 * torch::sin(0.7 * k + 1.3 * static_cast<double>(i) + 0.1)).reshape(p.sizes()));
  }
}

}  // namespace

TEST_CASE("sinusoidal embedding matches the notebook's SinusoidalPositionEmbeddings (float64, 1e-12)") {
  const auto ref = read_json("nn_parity.json");
  const torch::Tensor t = torch::tensor(ref["t"].get<std::vector<double>>(), torch::kFloat64);
  const torch::Tensor expected = to_tensor(ref["embedding"]);
  const torch::Tensor got = sinusoidal_embedding(t, ref["embedding_dim"].get<int64_t>());
  CHECK(got.sizes() == expected.sizes());
  CHECK((got - expected).abs().max().item<double>() < 1e-12);
  // sin(0) = 0, cos(0) = 1 at t = 0.
  const torch::Tensor zero = sinusoidal_embedding(torch::zeros({1}), 8);
  CHECK(zero[0][0].item<double>() == 0.0);
  CHECK(zero[0][4].item<double>() == 1.0);
  CHECK_THROWS(sinusoidal_embedding(t, 7));
}

TEST_CASE("MLP denoiser matches the PyTorch reference with deterministic weights (float64, 1e-10)") {
  const auto ref = read_json("nn_parity.json");
  const auto& r = ref["mlp"];
  MlpDenoiserOptions o;
  o.data_dim = r["data_dim"];
  o.hidden = r["hidden"];
  o.num_blocks = r["num_blocks"];
  o.time_emb_dim = r["time_emb_dim"];
  o.num_classes = r["num_classes"];
  MlpDenoiserImpl net(o);
  net.to(torch::kFloat64);
  std::vector<std::string> names;
  for (const auto& p : net.named_parameters()) names.push_back(p.key());
  std::sort(names.begin(), names.end());
  CHECK(names == r["parameter_names"].get<std::vector<std::string>>());
  set_deterministic_weights(net);
  const torch::Tensor x = to_tensor(ref["x"]);
  const torch::Tensor t = torch::tensor(ref["t"].get<std::vector<double>>(), torch::kFloat64);
  const torch::Tensor y = torch::tensor(ref["y"].get<std::vector<int64_t>>(), torch::kInt64);
  const torch::Tensor out = net.forward(x, t, y);
  const torch::Tensor expected = to_tensor(r["output"]);
  CHECK((out - expected).abs().max().item<double>() < 1e-10);
  // An undefined y means the null class for every sample: rows 2 and 4 (y = -1) agree.
  const torch::Tensor out_null = net.forward(x, t, torch::Tensor());
  CHECK((out_null[2] - expected[2]).abs().max().item<double>() < 1e-10);
  CHECK((out_null[0] - expected[0]).abs().max().item<double>() > 1e-6);
  CHECK_THROWS(net.forward(x, t, torch::tensor({0, 3, -1, 1, -1}, torch::kInt64)));  // label 3 out of range
}

TEST_CASE("SimpleUnet has the notebook's parameter names, shapes and count (62,438,883)") {
  std::ifstream in(std::string(DIFFLAB_TEST_DATA_DIR) + "/nn/simple_unet_params.txt");
  REQUIRE(in.good());
  std::map<std::string, std::vector<int64_t>> expected;
  int64_t expected_total = -1;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string name;
    ls >> name;
    std::vector<int64_t> shape;
    int64_t d;
    while (ls >> d) shape.push_back(d);
    if (name == "total_parameters")
      expected_total = shape.at(0);
    else
      expected[name] = shape;
  }
  REQUIRE(expected_total == 62438883);

  SimpleUnetImpl net(SimpleUnetOptions{});
  std::map<std::string, std::vector<int64_t>> got;
  for (const auto& p : net.named_parameters()) got[p.key()] = p.value().sizes().vec();
  for (const auto& b : net.named_buffers()) got[b.key()] = b.value().sizes().vec();
  CHECK(got.size() == expected.size());
  for (const auto& [name, shape] : expected) {
    INFO(name);
    REQUIRE(got.count(name) == 1);
    CHECK(got[name] == shape);
  }
  CHECK(count_parameters(net) == expected_total);
}

TEST_CASE(
    "SimpleUnet matches the notebook's SimpleUnet with deterministic weights (float64, training-mode BatchNorm)") {
  const auto ref = read_json("nn_parity.json");
  const auto& r = ref["simple_unet"];
  SimpleUnetImpl net(SimpleUnetOptions{});  // the notebook's model: 3 channels, 64..1024
  net.to(torch::kFloat64);
  net.train();
  set_deterministic_weights(net);
  const torch::Tensor x = torch::tensor(r["x"].get<std::vector<double>>(), torch::kFloat64)
                              .reshape(r["x_shape"].get<std::vector<int64_t>>());
  const torch::Tensor t =
      torch::tensor(r["t_index"].get<std::vector<double>>(), torch::kFloat64) + 1.0;  // t = index + 1
  const torch::Tensor expected =
      torch::tensor(r["output"].get<std::vector<double>>(), torch::kFloat64).reshape(x.sizes());
  torch::NoGradGuard no_grad;
  const torch::Tensor out = net.forward(x, t, torch::Tensor());
  CHECK(out.sizes() == x.sizes());
  const double err = (out - expected).abs().max().item<double>();
  INFO("max |C++ - notebook| = " << err << " on outputs up to " << expected.abs().max().item<double>());
  CHECK(err < 1e-9);
}

TEST_CASE("transposed convolution by phases equals conv_transpose2d: values and gradients (float64)") {
  torch::manual_seed(11);
  for (const auto& shape : std::vector<std::vector<int64_t>>{{3, 5, 1, 1}, {2, 4, 3, 7}, {1, 6, 8, 8}}) {
    INFO("x " << torch::IntArrayRef(shape));
    const int64_t c_out = 3;
    const torch::Tensor x = torch::randn(shape, torch::kFloat64).requires_grad_();
    const torch::Tensor w = torch::randn({shape[1], c_out, 4, 4}, torch::kFloat64).requires_grad_();
    const torch::Tensor b = torch::randn({c_out}, torch::kFloat64).requires_grad_();
    const torch::Tensor y_ref = torch::conv_transpose2d(x, w, b, 2, 1);
    const torch::Tensor y = conv_transpose2d_s2k4p1_by_phases(x, w, b);
    REQUIRE(y.sizes() == y_ref.sizes());
    CHECK((y - y_ref).abs().max().item<double>() < 1e-12);
    const torch::Tensor g = torch::randn_like(y_ref);
    const auto ref_grads = torch::autograd::grad({y_ref}, {x, w, b}, {g});
    const auto grads = torch::autograd::grad({y}, {x, w, b}, {g});
    for (size_t i = 0; i < grads.size(); ++i) CHECK((grads[i] - ref_grads[i]).abs().max().item<double>() < 1e-11);
    // Without bias as well.
    CHECK((conv_transpose2d_s2k4p1_by_phases(x, w, torch::Tensor()) - torch::conv_transpose2d(x, w, {}, 2, 1))
              .abs()
              .max()
              .item<double>() < 1e-12);
  }
  CHECK_THROWS_WITH(conv_transpose2d_s2k4p1_by_phases(torch::zeros({1, 2, 4, 4}), torch::zeros({3, 2, 4, 4}), {}),
                    doctest::Contains("weight must be [2, C_out, 4, 4]"));
}

TEST_CASE("counter-based dropout: Bernoulli(1 - p) mask, inverted scaling, gradients, reproducible seeds") {
  const double p = 0.1;
  const int64_t n = 1 << 20;
  const torch::Tensor x = torch::rand({16, 8, 64, 128}, torch::kFloat64) + 0.5;  // no zeros
  REQUIRE(x.numel() == n);
  torch::manual_seed(5);
  const torch::Tensor y = dropout_counter_based(x, p, true);
  const torch::Tensor kept = y != 0;
  // Kept fraction within 5 standard deviations of 1 - p (sd = sqrt(p (1 - p) / n) = 2.9e-4).
  const double frac = kept.to(torch::kFloat64).mean().item<double>();
  CHECK(std::abs(frac - (1 - p)) < 5 * std::sqrt(p * (1 - p) / static_cast<double>(x.numel())));
  // Survivors are x / (1 - p) exactly as torch's dropout computes them (x * (1 / (1 - p))).
  CHECK((y.masked_select(kept) - x.masked_select(kept) * (1.0 / (1 - p))).abs().max().item<double>() == 0.0);
  // Neighbours are independent: both kept with probability (1 - p)^2 (along the last dim and across channels).
  const torch::Tensor kf = kept.to(torch::kFloat64);
  const double pair_w = (kf.slice(3, 1) * kf.slice(3, 0, -1)).mean().item<double>();
  const double pair_c = (kf.slice(1, 1) * kf.slice(1, 0, -1)).mean().item<double>();
  CHECK(std::abs(pair_w - (1 - p) * (1 - p)) < 2e-3);
  CHECK(std::abs(pair_c - (1 - p) * (1 - p)) < 2e-3);
  // The same seed gives the same mask; the next call a different one.
  torch::manual_seed(5);
  CHECK(torch::equal(dropout_counter_based(x, p, true), y));
  CHECK(!torch::equal(dropout_counter_based(x, p, true), y));
  // Evaluation and p = 0 leave x untouched; p outside [0, 1) is refused.
  CHECK(dropout_counter_based(x, p, false).is_same(x));
  CHECK(dropout_counter_based(x, 0.0, true).is_same(x));
  CHECK_THROWS_WITH(dropout_counter_based(x, 1.0, true), doctest::Contains("p must lie in [0, 1)"));
  // The gradient is the mask / (1 - p).
  const torch::Tensor xs = torch::randn({3, 5, 7}, torch::kFloat32).requires_grad_();
  const torch::Tensor ys = dropout_counter_based(xs, 0.5, true);
  const torch::Tensor g = torch::autograd::grad({ys.sum()}, {xs})[0];
  CHECK(torch::equal(g, (ys != 0).to(torch::kFloat32) * 2.0f));
  // bf16 activations keep their dtype and the bf16-rounded scale, as torch::dropout under autocast.
  const torch::Tensor yb = dropout_counter_based(torch::ones({4096}, torch::kBFloat16), p, true);
  CHECK((yb.scalar_type() == torch::kBFloat16));
  CHECK(yb.max().item<float>() == static_cast<float>(c10::BFloat16(static_cast<float>(1.0 / (1 - p)))));
}

TEST_CASE("SimpleUnet pads 28x28 inputs to 32 and crops back") {
  SimpleUnetOptions o;
  o.image_channels = 1;
  o.down_channels = {8, 16, 16, 16, 16};  // small channels, same structure
  SimpleUnetImpl net(o);
  net.eval();
  const torch::Tensor x = torch::randn({2, 1, 28, 28});
  const torch::Tensor out = net.forward(x, torch::tensor({1.0f, 500.0f}), torch::Tensor());
  CHECK(out.sizes() == x.sizes());
  // Padding is zeros on the bottom/right: same result as padding by hand and cropping.
  const torch::Tensor padded = torch::constant_pad_nd(x, {0, 4, 0, 4}, 0.0);
  const torch::Tensor ref =
      net.forward(padded, torch::tensor({1.0f, 500.0f}), torch::Tensor()).slice(2, 0, 28).slice(3, 0, 28);
  CHECK((out - ref).abs().max().item<double>() < 1e-5);
}

TEST_CASE("DDPM U-Net: the CIFAR-10 preset has Ho et al.'s 35.7M parameters") {
  const NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "cifar10", {3, 32, 32});
  const auto net = make_network(c);
  CHECK(count_parameters(*net) == 35746307);
}

TEST_CASE("DDPM U-Net small preset: CPU-sized, shape preserving on 28 and 32 px, conditional with a null class") {
  for (int64_t side : {28, 32}) {
    INFO(side);
    const NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "small", {1, side, side}, 10);
    const auto net = make_network(c);
    const int64_t n = count_parameters(*net);
    CHECK(n > 1000000);
    CHECK(n < 3000000);
    net->eval();
    const torch::Tensor x = torch::randn({2, 1, side, side});
    const torch::Tensor t = torch::tensor({3.0f, 900.0f});
    const torch::Tensor a = net->forward(x, t, torch::tensor({4, -1}, torch::kInt64));
    CHECK(a.sizes() == x.sizes());
    const torch::Tensor b = net->forward(x, t, torch::Tensor());
    CHECK((a[1] - b[1]).abs().max().item<double>() < 1e-5);  // y = -1 is the null class
  }
}

TEST_CASE("without autograd the networks overwrite temporaries in place and give the same output") {
  // Sampling runs the networks with no graph (nn/layer_ops.h: in-place SiLU/ReLU and residual sums); training
  // runs them with autograd (out of place). Both must compute the same function, and the input stays intact.
  // Being other code (and, with autograd recording, free to pick other kernels), they agree to the networks'
  // float32 rounding: tests/core/tolerance.h, √2 · 6 u √(L K_max) of max |output|, 1.4e-4 and 3.5e-4 relative
  // for the two U-Nets (measured: bitwise equal with the AVX-512/AMX, AVX2 and default kernels). An in-place
  // op that overwrote a tensor still needed (a skip connection, a residual input) changes the output by
  // O(max |output|).
  torch::manual_seed(11);
  struct Net {
    std::string kind, preset;
    int64_t depth, max_fan_in;
  };
  const std::vector<Net> nets = {{"ddpm-unet", "small", test::kSmallUnetDepth, test::kSmallUnetMaxFanIn},
                                 {"simple-unet", "notebook", test::kNotebookUnetDepth, test::kNotebookUnetMaxFanIn}};
  for (const auto& [kind, preset, depth, max_fan_in] : nets) {
    INFO(kind);
    const auto net = make_network(NetworkConfig::from_preset(kind, preset, {1, 16, 16}, 3));
    net->eval();
    const torch::Tensor x = torch::randn({3, 1, 16, 16});
    const torch::Tensor x_copy = x.clone();
    const torch::Tensor t = torch::tensor({5.0f, 400.0f, 990.0f});
    const torch::Tensor y = torch::tensor({0, 2, -1}, torch::kInt64);
    const torch::Tensor with_graph = net->forward(x, t, y);
    REQUIRE(with_graph.requires_grad());  // the out-of-place path really ran
    torch::Tensor without;
    {
      torch::NoGradGuard no_grad;
      without = net->forward(x, t, y);
    }
    CHECK(!without.requires_grad());
    const double tol = test::fp32_network_tolerance(depth, max_fan_in, test::max_abs(without));
    MESSAGE(kind << ": autograd vs in-place max |Δ| " << test::max_abs_diff(with_graph.detach(), without) << " (bound "
                 << tol << ", max |output| " << test::max_abs(without) << ")");
    CHECK(test::max_abs_diff(with_graph.detach(), without) <= tol);
    CHECK(torch::equal(x, x_copy));
  }
}

TEST_CASE("NetworkConfig JSON round trip and clear errors") {
  NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "small", {1, 28, 28}, 10);
  c.ddpm_unet.dropout = 0.25;
  const NetworkConfig d = network_config_from_json(network_config_to_json(c));
  CHECK(d.kind == "ddpm-unet");
  CHECK(d.ddpm_unet.dropout == 0.25);
  CHECK(d.ddpm_unet.ch_mult == c.ddpm_unet.ch_mult);
  CHECK(d.ddpm_unet.attention_resolutions == std::vector<int64_t>{7});
  CHECK(d.num_classes == 10);
  CHECK(count_parameters(*make_network(d)) == count_parameters(*make_network(c)));
  const NetworkConfig m =
      network_config_from_json(nlohmann::json::parse(R"({"kind":"mlp","sample_shape":[2],"options":{"hidden":64}})"));
  CHECK(m.mlp.hidden == 64);
  CHECK(m.mlp.data_dim == 2);
  CHECK_THROWS_WITH(NetworkConfig::from_preset("transformer", "", {2}), doctest::Contains("transformer"));
  CHECK_THROWS_WITH(NetworkConfig::from_preset("ddpm-unet", "huge", {1, 28, 28}), doctest::Contains("huge"));
  CHECK_THROWS_WITH(NetworkConfig::from_preset("mlp", "", {1, 28, 28}), doctest::Contains("[1, 28, 28]"));
}

TEST_CASE("SplitMix64 matches the reference splitmix64.c (state 0: e220a8397b1dcdaf, 6e789e6aa1b965f4, …)") {
  static_assert(splitmix64_at(0, 0) == 0xE220A8397B1DCDAFULL);
  CHECK(splitmix64_at(0, 1) == 0x6E789E6AA1B965F4ULL);
  CHECK(splitmix64_at(0, 2) == 0x06C45D188009454FULL);
}
