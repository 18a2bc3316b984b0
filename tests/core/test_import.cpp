// Models from other tools (core/model/imported_model.h, core/io/safetensors.h): safetensors read and written
// byte-exactly and every malformed file rejected with a clear error; the residual MLP written by PyTorch as
// safetensors and as TorchScript (tests/reference/import_reference.py → tests/data/import) computes PyTorch's
// output to float32 rounding; missing sidecars, wrong architectures and PyTorch pickles get messages that say
// what to do.
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/torch_pickle.h"
#include "model/imported_model.h"
#include "model/model_loader.h"
#include "nn/mlp_denoiser.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <random>

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
  // The sidecar passed as the model says which file to pass.
  CHECK(contains(error_of([&] { load_denoiser(kDir + "/mlp.json"); }), "is the sidecar of an imported model"));
  // A TorchScript module fed the wrong sample shape names the sidecar's sample_shape, in one line.
  fs::copy_file(kDir + "/mlp_ts.pt", dir / "ts.pt", fs::copy_options::overwrite_existing);
  auto ts = nlohmann::json::parse(std::ifstream(kDir + "/mlp_ts.json"));
  ts["sample_shape"] = {3};
  std::ofstream(dir / "ts.json") << ts.dump();
  const std::string ts_error = error_of([&] { load_denoiser((dir / "ts.pt").string()); });
  CHECK(contains(ts_error, "test batch of shape [2, 3] (the sidecar's sample_shape"));
  CHECK(ts_error.find('\n') == std::string::npos);
  // Pickles in PyTorch's format before 1.6 are refused with the way out; a damaged zip names the fault.
  std::ofstream(dir / "legacy.pt", std::ios::binary) << "\x80\x02}q\x00.";
  const std::string legacy = error_of([&] { load_denoiser((dir / "legacy.pt").string()); });
  CHECK(contains(legacy, "before PyTorch 1.6"));
  std::ofstream(dir / "pickle.pt", std::ios::binary) << std::string("PK\x03\x04", 4) << "archive/data.pkl....";
  CHECK(contains(error_of([&] { load_denoiser((dir / "pickle.pt").string()); }), "PyTorch file"));
  fs::remove_all(dir);
}
