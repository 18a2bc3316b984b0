// Models from other tools (core/model/imported_model.h, core/io/safetensors.h): safetensors read and written
// byte-exactly and every malformed file rejected with a clear error; the residual MLP written by PyTorch as
// safetensors and as TorchScript (tests/reference/import_reference.py → tests/data/import) computes PyTorch's
// output to float32 rounding; missing sidecars, wrong architectures and PyTorch pickles get messages that say
// what to do.
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/sha256.h"
#include "io/torch_pickle.h"
#include "model/diffusers_import.h"
#include "model/imported_model.h"
#include "model/model_loader.h"
#include "nn/mlp_denoiser.h"
#include "ode/ode_likelihood.h"
#include "process/variational_bound.h"

#include <ATen/CPUGeneratorImpl.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace difflab;

namespace {

const std::string kDir = std::string(DIFFLAB_TEST_DATA_DIR) + "/import";

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string with_header(const std::string& json, const std::string& data) {
  std::string out(8, '\0');
  uint64_t n = json.size();
  for (int i = 0; i < 8; ++i, n >>= 8) out[static_cast<size_t>(i)] = static_cast<char>(n & 0xff);
  return out + json + data;
}

// PyTorch's output (float64) against ours (float32 network): within float32 rounding of the activations.
void check_against_pytorch(Denoiser& d) {
  std::ifstream in(kDir + "/expected.json");
  const auto j = nlohmann::json::parse(in);
  std::vector<float> xs;
  for (const auto& row : j["x"])
    for (double v : row) xs.push_back(static_cast<float>(v));
  const auto X = torch::tensor(xs).reshape({-1, 2});
  const auto t = torch::tensor(j["t"].get<std::vector<double>>(), torch::kFloat32);
  const auto y = torch::tensor(j["y"].get<std::vector<int64_t>>(), torch::kInt64);
  std::vector<double> es;
  for (const auto& row : j["eps"])
    for (double v : row) es.push_back(v);
  const auto expected = torch::tensor(es, torch::kFloat64).reshape({-1, 2});
  const auto got = d.predict(X, t, y).eps.to(torch::kFloat64);
  const double err = (got - expected).abs().max().item<double>();
  const double scale = expected.abs().max().item<double>();
  MESSAGE("max |eps - eps_pytorch| = " << err << " (values up to " << scale << ")");
  CHECK(err <= 1e-5 * std::max(1.0, scale));
}

}  // namespace

TEST_CASE("safetensors: every dtype round-trips byte-exactly, with metadata, in name order") {
  SafetensorsFile f;
  f.tensors["b.float"] = torch::randn({3, 4});
  f.tensors["a.double"] = torch::randn({2}, torch::kFloat64);
  f.tensors["c.half"] = torch::randn({5}).to(torch::kHalf);
  f.tensors["d.bf16"] = torch::randn({2, 2}).to(torch::kBFloat16);
  f.tensors["e.long"] = torch::arange(7, torch::kInt64);
  f.tensors["f.byte"] = torch::arange(9, torch::kUInt8);
  f.tensors["g.empty"] = torch::zeros({0, 3});
  f.metadata["format"] = "pt";
  const std::string bytes = safetensors_bytes(f);
  CHECK(looks_like_safetensors(bytes));
  const uint64_t n = static_cast<unsigned char>(bytes[0]) | static_cast<uint64_t>(static_cast<unsigned char>(bytes[1]))
                                                                << 8;
  CHECK(n % 8 == 0);  // the header is padded so the data buffer starts 8-aligned
  const SafetensorsFile back = parse_safetensors(bytes, "mem");
  REQUIRE(back.tensors.size() == f.tensors.size());
  for (const auto& [name, t] : f.tensors) {
    CAPTURE(name);
    CHECK((back.tensors.at(name).scalar_type() == t.scalar_type()));
    CHECK(torch::equal(back.tensors.at(name), t));
  }
  CHECK(back.metadata.at("format") == "pt");
  // The layout is the documented one: "a.double" (first by name) at offset 0.
  const auto header = nlohmann::json::parse(bytes.substr(8, n));
  CHECK(header["a.double"]["data_offsets"][0] == 0);
  CHECK(header["a.double"]["dtype"] == "F64");
}

TEST_CASE("safetensors: malformed files give errors naming the fault, and no mutation crashes the reader") {
  const std::string tensor = R"("w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]})";
  const std::string good = with_header("{" + tensor + "}", std::string(8, '\0'));
  CHECK_NOTHROW(parse_safetensors(good, "good"));
  CHECK(contains(error_of([&] { parse_safetensors("abc", "f"); }), "truncated"));
  CHECK(contains(error_of([&] { parse_safetensors(good.substr(0, 12), "f"); }), "truncated"));
  std::string huge = good;
  huge[5] = '\x7f';
  CHECK(contains(error_of([&] { parse_safetensors(huge, "f"); }), "100 MB"));
  CHECK(contains(error_of([&] { parse_safetensors(with_header("{not json", ""), "f"); }), "not JSON"));
  CHECK(contains(error_of([&] {
                   parse_safetensors(with_header(R"({"w": {"dtype": "C64", "shape": [1], "data_offsets": [0, 8]}})",
                                                 std::string(8, '\0')),
                                     "f");
                 }),
                 "unsupported dtype 'C64'"));
  CHECK(contains(error_of([&] {
                   parse_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 16]}})",
                                                 std::string(8, '\0')),
                                     "f");
                 }),
                 "outside"));
  CHECK(contains(error_of([&] {
                   parse_safetensors(with_header(R"({"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}})",
                                                 std::string(8, '\0')),
                                     "f");
                 }),
                 "need 12"));
  CHECK(contains(error_of([&] {
                   parse_safetensors(with_header(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                                                      "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})",
                                                 std::string(8, '\0')),
                                     "f");
                 }),
                 "overlap"));
  CHECK(contains(error_of([&] {
                   parse_safetensors(
                       with_header(R"({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 0]}})", ""), "f");
                 }),
                 "non-negative"));
  CHECK(contains(error_of([&] { read_safetensors("/no/such/file.safetensors"); }), "cannot open"));
  // Random byte flips: each parse either succeeds or throws SafetensorsError, never anything else.
  std::mt19937 gen(7);
  const std::string real = safetensors_bytes(read_safetensors(kDir + "/mlp.safetensors"));
  int rejected = 0;
  for (int i = 0; i < 300; ++i) {
    std::string m = real;
    const int flips = 1 + static_cast<int>(gen() % 4);
    for (int k = 0; k < flips; ++k) m[gen() % std::min<size_t>(m.size(), 400)] = static_cast<char>(gen() % 256);
    if (gen() % 5 == 0) m.resize(gen() % m.size());
    try {
      parse_safetensors(m, "mutated");
    } catch (const SafetensorsError&) {
      ++rejected;
    }
  }
  CHECK(rejected > 100);
}

TEST_CASE("PyTorch's MLP as safetensors computes PyTorch's eps; the description says where it came from") {
  auto d = load_denoiser(kDir + "/mlp.safetensors");
  CHECK(contains(d->description(), "safetensors mlp.safetensors"));
  CHECK(contains(d->description(), "sidecar mlp.json"));
  CHECK(d->class_names() == std::vector<std::string>{"a", "b", "c"});
  CHECK(d->schedule().timesteps() == 1000);
  check_against_pytorch(*d);
}

TEST_CASE("PyTorch's MLP traced to TorchScript computes PyTorch's eps, also at fractional t") {
  auto d = load_denoiser(kDir + "/mlp_ts.pt");
  CHECK(contains(d->description(), "TorchScript mlp_ts.pt"));
  check_against_pytorch(*d);
}

TEST_CASE("a TorchScript module is differentiated by autograd: its PF-ODE likelihood equals the same weights'") {
  // mlp_ts.pt is mlp.safetensors traced: autograd must see through the module (the exact divergence by
  // backward passes, not the finite differences used for non-differentiable models), and the log-likelihoods
  // of the two agree to the ODE solver's tolerance.
  auto traced = load_denoiser(kDir + "/mlp_ts.pt");
  auto weights = load_denoiser(kDir + "/mlp.safetensors");
  const auto x = torch::tensor({{0.5, -1.0}, {1.5, 0.25}, {-0.75, 0.0}}, torch::kFloat64);
  const auto y = torch::tensor({0, 2, -1}, torch::kInt64);
  {
    torch::AutoGradMode grad_on(true);
    const auto probe = x.clone().requires_grad_(true);
    CHECK(traced->predict(probe, torch::full({3}, 500.0, torch::kFloat64), y).eps.requires_grad());
  }
  OdeLikelihoodOptions o;
  o.divergence = DivergenceMethod::Exact;
  const auto a = ode_log_likelihood(*traced, x, y, o).log_prob;
  const auto b = ode_log_likelihood(*weights, x, y, o).log_prob;
  MESSAGE("log p, TorchScript: " << a << "\nlog p, safetensors: " << b);
  CHECK(torch::isfinite(a).all().item<bool>());
  CHECK((a - b).abs().max().item<double>() < 1e-3);
}

TEST_CASE("the lecture notebook's SimpleUnet from torch.save: its state_dict and the whole pickled module") {
  // A small notebook-style SimpleUnet (channels 4..64, 3 × 32 × 32, eval-mode BatchNorm with running statistics)
  // saved by PyTorch both ways; PyTorch's output at the notebook's time indices 0 and 150 (our t = 1, 151).
  const auto x = read_npy(kDir + "/notebook_x.npy");
  const auto expected = read_npy(kDir + "/notebook_eps.npy");
  const auto t = torch::tensor({1.0f, 151.0f});
  for (const char* file : {"notebook_sd.pt", "notebook_module.pt"}) {
    CAPTURE(file);
    auto d = load_denoiser(kDir + "/" + file);
    CHECK(d->schedule().timesteps() == 300);  // the notebook preset: linear 1e-4 → 0.02 over T = 300
    CHECK(contains(d->description(), "PyTorch"));
    const auto eps = d->predict(x, t, {}).eps.to(torch::kFloat64);
    const double err = (eps - expected).abs().max().item<double>(), scale = expected.abs().max().item<double>();
    MESSAGE(std::string(file) << ": max |eps - eps_pytorch| = " << err << " (values up to " << scale << ")");
    CHECK(err <= 1e-4 * std::max(1.0, scale));
  }
  // The same files at 3 × 64 × 64 (the issue's notebook size): only the sidecar's sample_shape changes.
  {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("difflab_test_nb64_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto x64 = read_npy(kDir + "/notebook_x64.npy");
    const auto expected64 = read_npy(kDir + "/notebook_eps64.npy");
    for (const std::string stem : {"notebook_sd", "notebook_module"}) {
      CAPTURE(stem);
      fs::copy_file(kDir + "/" + stem + ".pt", dir / (std::string(stem) + ".pt"));
      auto side = nlohmann::json::parse(std::ifstream(kDir + "/" + stem + ".json"));
      side["network"]["sample_shape"] = {3, 64, 64};
      std::ofstream((dir / (std::string(stem) + ".json")).string()) << side.dump();
      auto d = load_denoiser((dir / (std::string(stem) + ".pt")).string());
      const auto eps = d->predict(x64, torch::tensor({21.0f, 300.0f}), {}).eps.to(torch::kFloat64);
      const double err = (eps - expected64).abs().max().item<double>(), scale = expected64.abs().max().item<double>();
      MESSAGE(stem << " at 64 x 64: max |eps - eps_pytorch| = " << err << " (values up to " << scale << ")");
      CHECK(err <= 1e-4 * std::max(1.0, scale));
    }
    fs::remove_all(dir);
  }
  CHECK(contains(load_denoiser(kDir + "/notebook_module.pt")->description(), "module __main__.SmallUnet"));
  // The module walk gives the state_dict's names: parameters and persistent buffers (BatchNorm statistics).
  const auto whole = read_torch_state_dict(kDir + "/notebook_module.pt");
  const auto sd = read_torch_state_dict(kDir + "/notebook_sd.pt");
  CHECK(sd.found == "state_dict");
  REQUIRE(whole.tensors.size() == sd.tensors.size());
  for (const auto& [name, tensor] : sd.tensors) {
    CAPTURE(name);
    REQUIRE(whole.tensors.count(name));
    CHECK(torch::equal(whole.tensors.at(name), tensor));
  }
  CHECK(sd.tensors.count("downs.0.bnorm1.running_var"));
  CHECK(contains(error_of([&] { read_torch_state_dict(kDir + "/mlp.json"); }), "cannot read it as a torch.save zip"));
}

TEST_CASE("imports say what is missing: no sidecar, another architecture, a PyTorch pickle") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "difflab_import_test";
  fs::create_directories(dir);
  fs::copy_file(kDir + "/mlp.safetensors", dir / "lonely.safetensors", fs::copy_options::overwrite_existing);
  const std::string lonely = error_of([&] { load_denoiser((dir / "lonely.safetensors").string()); });
  CHECK(contains(lonely, "sidecar 'lonely.json'"));
  CHECK(contains(lonely, "docs/import.md"));
  // The same weights declared as a wider MLP: the mis-shaped names are listed.
  fs::copy_file(kDir + "/mlp.safetensors", dir / "wide.safetensors", fs::copy_options::overwrite_existing);
  std::ifstream in(kDir + "/mlp.json");
  auto j = nlohmann::json::parse(in);
  j["network"]["options"]["hidden"] = 48;
  std::ofstream(dir / "wide.json") << j.dump();
  const std::string wide = error_of([&] { load_denoiser((dir / "wide.safetensors").string()); });
  CHECK(contains(wide, "does not match the architecture"));
  CHECK(contains(wide, "mis-shaped"));
  CHECK(contains(wide, "(expected [48"));
  j["network"]["options"]["hidden"] = 32;
  j["network"]["options"]["num_blocks"] = 1;
  std::ofstream(dir / "wide.json") << j.dump();
  CHECK(contains(error_of([&] { load_denoiser((dir / "wide.safetensors").string()); }), "unexpected blocks.1."));
  // A bad sidecar field is named.
  j = nlohmann::json::parse(std::ifstream(kDir + "/mlp.json"));
  j["prediction"] = "noise";
  std::ofstream(dir / "wide.json") << j.dump();
  CHECK(contains(error_of([&] { load_denoiser((dir / "wide.safetensors").string()); }), "field 'prediction'"));
  // A misspelt key is not silently ignored (it would run as eps).
  j = nlohmann::json::parse(std::ifstream(kDir + "/mlp.json"));
  j["predicton"] = "x0";
  std::ofstream(dir / "wide.json") << j.dump();
  CHECK(contains(error_of([&] { load_denoiser((dir / "wide.safetensors").string()); }),
                 "field 'predicton': unknown field"));
  // Strict sidecars: unknown data fields, images with a 1-D sample shape, a normalisation we cannot invert, both
  // schedule forms at once.
  const auto sidecar_error = [&](const std::function<void(nlohmann::json&)>& edit) {
    auto side = nlohmann::json::parse(std::ifstream(kDir + "/mlp.json"));
    edit(side);
    std::ofstream(dir / "wide.json") << side.dump();
    return error_of([&] { load_denoiser((dir / "wide.safetensors").string()); });
  };
  fs::copy_file(kDir + "/mlp.safetensors", dir / "wide.safetensors", fs::copy_options::overwrite_existing);
  CHECK(contains(sidecar_error([](auto& j) { j["data"] = {{"knd", "points"}}; }), "unknown field 'knd'"));
  CHECK(contains(sidecar_error([](auto& j) { j["data"] = {{"kind", "images"}}; }), "images need a sample_shape"));
  CHECK(contains(sidecar_error([](auto& j) { j["data"] = "points"; }), "field 'data': expected {"));
  CHECK(contains(sidecar_error([](auto& j) { j["schedule_preset"] = "notebook"; }), "not both"));
  CHECK(contains(sidecar_error([](auto& j) {
                   j["class_names"] = {"a", "b"};
                 }),
                 "field 'class_names': 2 names, but the network has 3 classes"));
  CHECK(contains(sidecar_error([](auto& j) { j["network"].erase("kind"); }), "field 'network': expected {"));
  // DataParallel's "module." prefix is stripped; the architecture is still recognised.
  {
    SafetensorsFile f = read_safetensors(kDir + "/mlp.safetensors");
    SafetensorsFile prefixed;
    for (const auto& [name, t] : f.tensors) prefixed.tensors["module." + name] = t;
    write_safetensors((dir / "dp.safetensors").string(), prefixed);
    auto side = nlohmann::json::parse(std::ifstream(kDir + "/mlp.json"));
    side.erase("network");
    std::ofstream(dir / "dp.json") << side.dump();
    auto d = load_denoiser((dir / "dp.safetensors").string());
    CHECK(contains(d->description(), "recognised from the weights"));
    check_against_pytorch(*d);
  }
  // The sidecar passed as the model says which file to pass.
  CHECK(contains(error_of([&] { load_denoiser(kDir + "/mlp.json"); }), "is the sidecar of an imported model"));
  // A TorchScript module fed the wrong sample shape names the sidecar's sample_shape, in one line.
  fs::copy_file(kDir + "/mlp_ts.pt", dir / "ts.pt", fs::copy_options::overwrite_existing);
  auto ts = nlohmann::json::parse(std::ifstream(kDir + "/mlp_ts.json"));
  ts["sample_shape"] = {3};
  std::ofstream(dir / "ts.json") << ts.dump();
  const std::string ts_error = error_of([&] { load_denoiser((dir / "ts.pt").string()); });
  CHECK(contains(ts_error, "test batch of shape [3, 3]"));
  CHECK(contains(ts_error, "test batch of shape [3, 3] (the sidecar's sample_shape"));
  CHECK(ts_error.find('\n') == std::string::npos);
  // Pickles in PyTorch's format before 1.6 are refused with the way out; a damaged zip names the fault.
  std::ofstream(dir / "legacy.pt", std::ios::binary) << "\x80\x02}q\x00.";
  const std::string legacy = error_of([&] { load_denoiser((dir / "legacy.pt").string()); });
  CHECK(contains(legacy, "before PyTorch 1.6"));
  std::ofstream(dir / "pickle.pt", std::ios::binary) << std::string("PK\x03\x04", 4) << "archive/data.pkl....";
  CHECK(contains(error_of([&] { load_denoiser((dir / "pickle.pt").string()); }), "PyTorch file"));
  fs::remove_all(dir);
}

namespace {

torch::Tensor nested_to_tensor(const nlohmann::json& j) {
  std::vector<int64_t> shape;
  for (const nlohmann::json* e = &j; e->is_array(); e = &e->at(0)) shape.push_back(static_cast<int64_t>(e->size()));
  std::vector<double> flat;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& e) {
    if (e.is_array())
      for (const auto& c : e) walk(c);
    else
      flat.push_back(e.get<double>());
  };
  walk(j);
  return torch::tensor(flat, torch::kFloat64).reshape(shape);
}

}  // namespace

TEST_CASE("diffusers UNet2DModel folders compute diffusers' output: Ho et al.'s conventions and diffusers' defaults") {
  // tests/reference/diffusers_unet_reference.py re-implements diffusers' UNet2DModel with its parameter names
  // (checked against diffusers itself to 4e-7) and wrote: ddpm-like (google/ddpm-cifar10-32's conventions:
  // TF-style downsampling padding, [sin, cos] with shift 1, one attention head, eps 1e-6, safetensors, a
  // flat folder, linear β, ε-prediction) and defaults-legacy (diffusers' defaults: [cos, sin] without shift,
  // heads of 8 channels, eps 1e-5, a pipeline folder, torch.save .bin with the pre-0.15 attention names,
  // squaredcos_cap_v2, v-prediction).
  std::ifstream in(kDir + "/diffusers/expected.json");
  const auto expected = nlohmann::json::parse(in);
  for (const char* name : {"ddpm-like", "defaults-legacy"}) {
    CAPTURE(name);
    const std::string folder = kDir + "/diffusers/" + name;
    REQUIRE(is_diffusers_folder(folder));
    auto d = load_denoiser(folder);
    CHECK(contains(d->description(), "diffusers UNet2DModel"));
    const auto x = nested_to_tensor(expected[name]["x"]);
    const auto out = nested_to_tensor(expected[name]["out"]);
    // diffusers' timesteps are 0-based: our t = timestep + 1.
    const auto t = torch::tensor(expected[name]["timesteps"].get<std::vector<double>>(), torch::kFloat64) + 1.0;
    torch::Tensor eps_expected = out;
    if (std::string(name) == "defaults-legacy") {  // v-prediction: ε = σ x + α v
      CHECK(d->schedule().options()->family == ScheduleFamily::Cosine);
      const auto [alpha, sigma] = d->alpha_sigma(t);
      eps_expected = sigma.view({-1, 1, 1, 1}) * x + alpha.view({-1, 1, 1, 1}) * out;
    } else {
      CHECK(d->schedule().options()->family == ScheduleFamily::Linear);
    }
    const auto eps = d->predict(x.to(torch::kFloat32), t.to(torch::kFloat32), {}).eps.to(torch::kFloat64);
    const double err = (eps - eps_expected).abs().max().item<double>();
    const double scale = eps_expected.abs().max().item<double>();
    MESSAGE(name << ": max |eps - eps_diffusers| = " << err << " (values up to " << scale << ")");
    CHECK(err <= 1e-4 * std::max(1.0, scale));
  }
}

TEST_CASE("diffusers folders that cannot open say which field or file, in one line") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "difflab_diffusers_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "m");
  fs::copy(kDir + "/diffusers/ddpm-like", dir / "m", fs::copy_options::recursive);
  const std::string folder = (dir / "m").string();
  const auto config = nlohmann::json::parse(std::ifstream(folder + "/config.json"));
  const auto with_config = [&](const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json c = config;
    edit(c);
    std::ofstream(folder + "/config.json") << c.dump();
    const std::string e = error_of([&] { load_denoiser(folder); });
    CHECK(e.find('\n') == std::string::npos);
    return e;
  };
  CHECK(contains(with_config([](auto& c) { c["num_class_embeds"] = 10; }), "field 'num_class_embeds'"));
  CHECK(contains(with_config([](auto& c) {
                   c["up_block_types"] = {"UpBlock2D", "UpBlock2D"};
                 }),
                 "attention at level 1 on the way down but not up"));
  CHECK(contains(with_config([](auto& c) { c["out_channels"] = 6; }), "predict a variance"));
  CHECK(contains(with_config([](auto& c) { c["block_out_channels"] = {8, 12}; }), "not a multiple"));
  CHECK(contains(with_config([](auto& c) { c["time_embedding_type"] = "fourier"; }), "field 'time_embedding_type'"));
  CHECK(contains(with_config([](auto& c) { c["_class_name"] = "UNet2DConditionModel"; }),
                 "field '_class_name': \"UNet2DConditionModel\": only diffusers' UNet2DModel opens"));
  // Wider than the weights: the mis-shaped tensors are named in diffusers' names.
  CHECK(contains(with_config([](auto& c) {
                   c["block_out_channels"] = {8, 24};
                 }),
                 "mis-shaped down_blocks.1.attentions.0.group_norm.bias [16] (expected [24])"));
  std::ofstream(folder + "/config.json") << config.dump();
  // A tensor left out is named as diffusers names it.
  SafetensorsFile weights = read_safetensors(folder + "/diffusion_pytorch_model.safetensors");
  weights.tensors.erase("mid_block.attentions.0.to_q.weight");
  write_safetensors(folder + "/diffusion_pytorch_model.safetensors", weights);
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "missing mid_block.attentions.0.to_q.weight"));
  fs::remove(folder + "/diffusion_pytorch_model.safetensors");
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "has no diffusion_pytorch_model.safetensors"));
  fs::remove(folder + "/scheduler_config.json");
  fs::copy_file(kDir + "/diffusers/ddpm-like/diffusion_pytorch_model.safetensors",
                folder + "/diffusion_pytorch_model.safetensors");
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "has no scheduler_config.json"));
  std::ofstream(folder + "/scheduler_config.json") << R"({"beta_schedule": "exponential"})";
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "field 'beta_schedule'"));
  std::ofstream(folder + "/scheduler_config.json") << R"({"beta_start": 0.5, "beta_end": 0.1})";
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "field 'beta_schedule'"));
  std::ofstream(folder + "/scheduler_config.json") << R"({"_class_name": "ScoreSdeVeScheduler"})";
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "variance-exploding"));
  // A latent-diffusion pipeline (an autoencoder beside the UNet) is refused, not sampled as pixels.
  std::ofstream(folder + "/scheduler_config.json") << R"({"beta_schedule": "linear"})";
  std::ofstream(folder + "/model_index.json") << R"({"_class_name": "LDMPipeline", "vqvae": ["diffusers", "VQModel"]})";
  CHECK(contains(error_of([&] { load_denoiser(folder); }), "field 'vqvae': a latent-diffusion pipeline"));
  fs::remove_all(dir);
}

TEST_CASE("the architecture of a weights file is recognised from its names and shapes") {
  // The MLP needs nothing but a schedule: its weights give [D], the hidden width, the blocks and the classes.
  const auto mlp = recognise_network(read_safetensors(kDir + "/mlp.safetensors").tensors);
  REQUIRE(mlp);
  CHECK(mlp->config.kind == "mlp");
  CHECK_FALSE(mlp->needs_image_size);
  CHECK(mlp->config.sample_shape == std::vector<int64_t>{2});
  CHECK(mlp->config.num_classes == 3);
  // The notebook's SimpleUnet at another channel count: everything but the image side.
  const auto nb = recognise_network(read_torch_state_dict(kDir + "/notebook_sd.pt").tensors);
  REQUIRE(nb);
  CHECK(nb->config.kind == "simple-unet");
  CHECK(nb->needs_image_size);
  CHECK(nb->config.simple_unet.down_channels == std::vector<int64_t>{4, 8, 16, 32, 64});
  CHECK(with_image_size(*nb, 32, 32).sample_shape == std::vector<int64_t>{3, 32, 32});
  // Our DDPM U-Net presets, freshly built: the same config comes back (attention placed by the image side).
  for (const char* preset : {"small", "cifar10"}) {
    CAPTURE(preset);
    const NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", preset, {1, 32, 32}, 10);
    const auto r = recognise_network(named_tensors(*make_network(c)));
    REQUIRE(r);
    const NetworkConfig back = with_image_size(*r, 32, 32);
    CHECK(back.ddpm_unet.ch == c.ddpm_unet.ch);
    CHECK(back.ddpm_unet.ch_mult == c.ddpm_unet.ch_mult);
    CHECK(back.ddpm_unet.num_res_blocks == c.ddpm_unet.num_res_blocks);
    CHECK(back.ddpm_unet.attention_resolutions == c.ddpm_unet.attention_resolutions);
    CHECK(back.num_classes == 10);
  }
  CHECK_FALSE(recognise_network({{"foo.weight", torch::zeros({2, 2})}}));
  // A sidecar without "network": the MLP opens on a schedule alone and computes PyTorch's eps.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "difflab_recognise_test";
  fs::create_directories(dir);
  fs::copy_file(kDir + "/mlp.safetensors", dir / "m.safetensors", fs::copy_options::overwrite_existing);
  auto side = nlohmann::json::parse(std::ifstream(kDir + "/mlp.json"));
  side.erase("network");
  std::ofstream(dir / "m.json") << side.dump();
  auto d = load_denoiser((dir / "m.safetensors").string());
  check_against_pytorch(*d);
  // Images need their side: the message says which architecture was recognised and what to add.
  fs::copy_file(kDir + "/notebook_sd.pt", dir / "nb.pt", fs::copy_options::overwrite_existing);
  std::ofstream(dir / "nb.json") << R"({"schedule_preset": "notebook"})";
  const std::string e = error_of([&] { load_denoiser((dir / "nb.pt").string()); });
  CHECK(contains(e, "field 'sample_shape': the weights are a simple-unet"));
  CHECK(contains(e, "\"sample_shape\": [3, 32, 32]"));
  // The import dialog's path: inspect, write the settings, open.
  ImportInspection inspection = inspect_import((dir / "nb.pt").string());
  CHECK(inspection.format == "PyTorch state_dict");
  REQUIRE(inspection.network);
  CHECK(inspection.sidecar);  // it reads, but lacks the image size
  CHECK(contains(inspection.sidecar_error, "field 'sample_shape': missing"));
  ImportSidecar settings;
  settings.sample_shape = {3, 32, 32};
  settings.schedule = notebook_schedule();
  settings.scale = DataScale::from_checkpoint("images", DataScale::kImagesNormalization);
  write_import_sidecar(inspection.sidecar_path, settings);
  const auto x = read_npy(kDir + "/notebook_x.npy");
  const auto expected_eps = read_npy(kDir + "/notebook_eps.npy");
  const auto eps = load_denoiser((dir / "nb.pt").string())->predict(x, torch::tensor({1.0f, 151.0f}), {}).eps;
  CHECK((eps.to(torch::kFloat64) - expected_eps).abs().max().item<double>() <
        1e-4 * std::max(1.0, expected_eps.abs().max().item<double>()));
  CHECK(inspect_import((dir / "nb.pt").string()).sidecar);
  CHECK(inspect_import(kDir + "/mlp_ts.pt").takes_labels);
  fs::remove_all(dir);
}

TEST_CASE("a model's recipe hash covers its weights and the settings beside them") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("difflab_test_hash_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(kDir + "/mlp.safetensors", dir / "m.safetensors");
  fs::copy_file(kDir + "/mlp.json", dir / "m.json");
  const std::string model = (dir / "m.safetensors").string();
  const std::string before = model_sha256(model);
  CHECK(before.size() == 64);
  CHECK(before != sha256_file_hex(model));  // the sidecar is part of it
  // The definition in the header, computed by hand.
  std::ifstream side(dir / "m.json", std::ios::binary);
  const std::string side_bytes{std::istreambuf_iterator<char>(side), std::istreambuf_iterator<char>()};
  CHECK(before == sha256_hex(sha256_file_hex(model) + "\n" + "m.json\n" + side_bytes));
  // Another prediction in the sidecar, same weights: another model, another hash.
  auto j = nlohmann::json::parse(side_bytes);
  j["prediction"] = j["prediction"] == "eps" ? "v" : "eps";
  std::ofstream(dir / "m.json") << j.dump();
  CHECK(model_sha256(model) != before);
  // A diffusers folder: weights, config.json and scheduler_config.json.
  const std::string folder = kDir + "/diffusers/ddpm-like";
  const std::string h = model_sha256(folder);
  CHECK(h == model_sha256(folder + "/config.json"));
  CHECK(h != sha256_file_hex(find_diffusers_files(folder).weights));
  // A file that needs no settings (a mixture, a checkpoint) is hashed as it is.
  CHECK(model_sha256(kDir + "/expected.json") == sha256_file_hex(kDir + "/expected.json"));
  // A safetensors file is known by its content (the GUI asks for its settings when they are missing).
  CHECK(needs_import_sidecar(kDir + "/mlp.safetensors"));
  CHECK(needs_import_sidecar(kDir + "/mlp_ts.pt"));
  CHECK(!needs_import_sidecar(kDir + "/expected.json"));
  fs::remove_all(dir);
}

TEST_CASE("images trained on [0, 1] (x / 255): the sidecar's normalisation maps, clips and quantises them") {
  namespace fs = std::filesystem;
  // The scale itself: pixel k ↔ k / 255; the 8-bit grid and the clip follow it; [−1, 1] is unchanged.
  const DataScale unit = DataScale::unit_images(), pm = DataScale::images();
  CHECK(unit.model_min() == 0.0);
  CHECK(unit.model_max() == 1.0);
  CHECK(pm.model_min() == -1.0);
  CHECK(pm.model_max() == 1.0);
  const auto levels = torch::arange(256, torch::kFloat64);
  CHECK(torch::equal(unit.quantize_8bit(levels / 255.0), levels.to(torch::kByte)));
  CHECK(torch::equal(pm.quantize_8bit(levels / 127.5 - 1.0), levels.to(torch::kByte)));
  CHECK(torch::allclose(unit.on_8bit_grid(torch::tensor({-0.3, 0.5, 1.7}, torch::kFloat64)),
                        torch::tensor({0.0, 128.0 / 255.0, 1.0}, torch::kFloat64)));
  CHECK(DataScale::from_checkpoint("images", DataScale::kUnitImagesNormalization).scale == 255.0);
  // Probabilities of 8-bit data do not depend on the scale: the decoder's bin mass at x01 = (x + 1) / 2 with
  // half the standard deviation equals the [−1, 1] one, edge bins included; likelihoods in bits/dim too (the
  // density on [0, 1) is 2^D times the one on [−1, 1)).
  const auto xs = levels.index({torch::indexing::Slice(0, 256, 15)}) / 127.5 - 1.0;
  const auto mean = torch::linspace(-1.2, 1.2, xs.size(0), torch::kFloat64);
  const auto log_scale = torch::full_like(xs, std::log(0.03));
  const auto pm_ll = discretized_gaussian_log_likelihood(xs, mean, log_scale);
  const auto unit_ll =
      discretized_gaussian_log_likelihood((xs + 1) / 2, (mean + 1) / 2, log_scale - std::log(2.0), 0.0, 1.0);
  CHECK(torch::allclose(pm_ll, unit_ll, 1e-12, 1e-12));
  const auto lp = torch::tensor({-2000.0, -100.0}, torch::kFloat64);
  const int64_t D = 3072;
  CHECK(torch::allclose(bits_per_dim_8bit(lp, D), bits_per_dim_8bit(lp + D * std::log(2.0), D, 1.0)));
  at::Generator g1 = at::detail::createCPUGenerator(4), g2 = at::detail::createCPUGenerator(4);
  const auto img = torch::randint(0, 256, {2, 3, 4, 4}).to(torch::kByte);
  CHECK(torch::allclose(dequantize_uint8(img, g1, 0.0, 1.0) * 2 - 1, dequantize_uint8(img, g2), 0, 1e-6));

  // A notebook U-Net whose sidecar says x / 255: its samples map to pixels by ×255 and x̂₀ is clipped to [0, 1].
  const fs::path dir = fs::temp_directory_path() / ("difflab_test_unit_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(kDir + "/notebook_sd.pt", dir / "nb.pt");
  auto side = nlohmann::json::parse(std::ifstream(kDir + "/notebook_sd.json"));
  side["data"]["normalization"] = "x / 255 (uint8 -> [0, 1])";
  std::ofstream((dir / "nb.json").string()) << side.dump();
  DenoiserLoadOptions o;
  o.clip_x0 = true;
  auto d = load_denoiser((dir / "nb.pt").string(), o);
  CHECK(d->data_scale().model_min() == 0.0);
  CHECK(torch::allclose(d->to_data_scale(torch::tensor({0.0, 0.5, 1.0})), torch::tensor({0.0f, 127.5f, 255.0f})));
  const auto x = read_npy(kDir + "/notebook_x.npy").to(torch::kFloat32);
  const auto x0 = d->predict(x, torch::tensor({150.0f, 290.0f}), {}).x0;
  CHECK(x0.min().item<double>() >= 0.0);
  CHECK(x0.max().item<double>() <= 1.0);
  CHECK(x0.min().item<double>() == 0.0);  // the clip is active: an untrained-for-this-scale x̂₀ leaves [0, 1]
  // Another normalisation is refused with both that work named; a formula that only starts like one is another
  // formula ("x / 255 * 2 - 1" is [−1, 1]).
  for (const char* other : {"x / 128", "x / 255 * 2 - 1", "x / 2550", "x / 127.5 - 10"}) {
    CAPTURE(std::string(other));
    side["data"]["normalization"] = other;
    std::ofstream((dir / "nb.json").string()) << side.dump();
    const std::string e = error_of([&] { load_denoiser((dir / "nb.pt").string()); });
    CHECK(contains(e, "field 'data'"));
    CHECK(contains(e, "x / 255 (uint8 -> [0, 1])"));
  }
  side["data"]["normalization"] = 5;
  std::ofstream((dir / "nb.json").string()) << side.dump();
  CHECK(contains(error_of([&] { load_denoiser((dir / "nb.pt").string()); }),
                 "field 'data': normalization must be a string, got 5"));
  CHECK(DataScale::normalization_is("x / 255", "x / 255"));
  CHECK(!DataScale::normalization_is("x / 255 * 2 - 1", "x / 255"));
  fs::remove_all(dir);
}

TEST_CASE("a DDPM U-Net recognised from its weights takes its GroupNorm group count from the sidecar") {
  namespace fs = std::filesystem;
  // A U-Net built with 8 groups: the weights cannot say so (GroupNorm's affine parameters are per channel), and
  // the recognised default, 32, computes something else. "norm_groups": 8 gives the network's output.
  NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "small", {1, 8, 8});
  c.ddpm_unet.ch = 32;
  c.ddpm_unet.ch_mult = {1, 2};
  c.ddpm_unet.num_res_blocks = 1;
  c.ddpm_unet.attention_resolutions = {4};
  c.ddpm_unet.num_groups = 8;
  torch::manual_seed(5);
  auto net = make_network(c);
  net->eval();
  // Non-trivial affine parameters, so that the grouping matters everywhere.
  {
    torch::NoGradGuard no_grad;
    for (auto& p : net->named_parameters())
      if (p.key().find("norm") != std::string::npos) p.value().copy_(torch::randn_like(p.value()) * 0.5 + 1.0);
  }
  const fs::path dir = fs::temp_directory_path() / ("difflab_test_groups_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  SafetensorsFile file;
  file.tensors = named_tensors(*net);
  write_safetensors((dir / "u.safetensors").string(), file);
  const auto write_side = [&](const nlohmann::json& extra) {
    nlohmann::json j = {{"sample_shape", {1, 8, 8}},
                        {"schedule", {{"family", "linear"}, {"timesteps", 1000}}},
                        {"prediction", "eps"},
                        {"data", {{"kind", "images"}}}};
    j.update(extra);
    std::ofstream((dir / "u.json").string()) << j.dump();
  };
  torch::manual_seed(6);
  const auto x = torch::randn({3, 1, 8, 8});
  const auto t = torch::tensor({10.0f, 400.0f, 900.0f});
  torch::Tensor want;
  {
    torch::NoGradGuard no_grad;
    want = net->forward(x, t, {});
  }
  const auto eps_of = [&] { return load_denoiser((dir / "u.safetensors").string())->predict(x, t, {}).eps; };
  write_side(nlohmann::json::object());
  CHECK((eps_of() - want).abs().max().item<double>() > 1e-3);  // 32 groups: another network
  write_side({{"norm_groups", 8}});
  CHECK((eps_of() - want).abs().max().item<double>() < 1e-5);
  CHECK(contains(load_denoiser((dir / "u.safetensors").string())->description(), "GroupNorm groups 8 (sidecar)"));
  write_side({{"norm_groups", 7}});
  CHECK(contains(error_of(eps_of), "field 'norm_groups': 7 does not divide the channel count 32"));
  write_side({{"norm_groups", 8}, {"network", network_config_to_json(c)}});
  CHECK(contains(error_of(eps_of), "num_groups"));
  fs::remove_all(dir);
}

TEST_CASE("the import dialog's scheduler_config.json: where diffusers reads it, other fields kept") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("difflab_test_sched_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ScheduleOptions cosine;
  cosine.family = ScheduleFamily::Cosine;
  // A pipeline folder without its scheduler/: the file goes to scheduler/, and the folder opens with it.
  fs::copy(kDir + "/diffusers/defaults-legacy", dir / "pipe", fs::copy_options::recursive);
  fs::remove_all(dir / "pipe" / "scheduler");
  ImportInspection before = inspect_import((dir / "pipe").string());
  CHECK(before.diffusers);
  CHECK(contains(before.sidecar_error, "no scheduler_config.json"));
  CHECK(before.sidecar_path == (dir / "pipe" / "scheduler" / "scheduler_config.json").string());
  const std::string written = write_diffusers_scheduler_config((dir / "pipe").string(), cosine, PredictionType::V);
  CHECK(written == before.sidecar_path);
  const auto d = load_denoiser((dir / "pipe").string());
  CHECK(contains(d->description(), "predicts v"));
  CHECK(contains(d->description(), "cosine"));
  // An existing file is updated: the schedule and prediction change, clip_sample and the version stay.
  fs::copy(kDir + "/diffusers/ddpm-like", dir / "unet", fs::copy_options::recursive);
  write_diffusers_scheduler_config((dir / "unet").string(), cosine, PredictionType::X0);
  const auto j = nlohmann::json::parse(std::ifstream(dir / "unet" / "scheduler_config.json"));
  CHECK(j["beta_schedule"] == "squaredcos_cap_v2");
  CHECK(j["prediction_type"] == "sample");
  CHECK(j["clip_sample"] == true);
  CHECK(j["_diffusers_version"] == "0.1.1");
  CHECK(j["variance_type"] == "fixed_large");
  // Schedules diffusers has no name for are refused.
  ScheduleOptions sigmoid;
  sigmoid.family = ScheduleFamily::Sigmoid;
  CHECK(
      contains(error_of([&] { write_diffusers_scheduler_config((dir / "unet").string(), sigmoid, PredictionType::V); }),
               "no beta_schedule"));
  fs::remove_all(dir);
}
