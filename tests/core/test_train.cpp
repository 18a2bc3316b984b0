// Training (core/train): objectives against closed forms, checkpoint integrity, resume exactness, divergence
// handling, and a 2-D two-moons MLP that learns.
#include "io/checkpoint.h"
#include "device/device_support.h"
#include "train/objective.h"
#include "train/trainer.h"
#include "model/imported_model.h"
#include "model/inference_checkpoint.h"
#include "model/model_loader.h"
#include "model/model_zoo.h"
#include "nn/network_config.h"

#include "core/tolerance.h"

#include <ATen/CPUGeneratorImpl.h>
#include <doctest/doctest.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <set>

using namespace difflab;

namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("difflab_test_train_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

// Two interleaved half circles (Pedregosa et al.'s make_moons) with Gaussian noise, standardised-ish.
TrainingData two_moons(int64_t n, uint64_t seed) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const torch::Tensor u = torch::rand({n}, gen, torch::kFloat32) * M_PI;
  const torch::Tensor upper = torch::rand({n}, gen, torch::kFloat32) < 0.5;
  const torch::Tensor x = torch::where(upper, torch::cos(u), 1 - torch::cos(u));
  const torch::Tensor y = torch::where(upper, torch::sin(u), 0.5 - torch::sin(u));
  torch::Tensor pts = torch::stack({x - 0.5, y - 0.25}, 1) * 1.5 + 0.05 * torch::randn({n, 2}, gen, torch::kFloat32);
  TrainingData d;
  d.data = pts;
  d.labels = upper.to(torch::kInt64);
  d.class_names = {"lower", "upper"};
  d.name = "two-moons";
  d.scale = DataScale::identity();
  return d;
}

TrainerOptions small_options() {
  TrainerOptions o;
  o.batch_size = 64;
  o.total_steps = 200;
  o.lr = 2e-3;
  o.warmup_steps = 5;
  o.decay = LrDecay::Cosine;
  o.ema_decay = 0.99;
  o.seed = 7;
  return o;
}

NetworkConfig small_mlp(int64_t num_classes = 0) {
  NetworkConfig c = NetworkConfig::from_preset("mlp", "default", {2}, num_classes);
  c.mlp.hidden = 32;
  c.mlp.num_blocks = 2;
  return c;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Relative difference allowed between two float32 losses of the DDPM U-Net "small" preset computed in
// different ways (batch shapes, code paths): the network's outputs differ by its float32 rounding, a relative
// √2 · 6 u √(L K_max) (tests/core/tolerance.h), which the squared residual doubles (pred ≲ target at
// initialisation), plus the rounding of the loss's own sum over `terms` = batch · pixels values.
double unet_loss_rel_tolerance(int64_t terms) {
  return 2.0 * test::fp32_network_tolerance(test::kSmallUnetDepth, test::kSmallUnetMaxFanIn, 1.0) +
         test::fp32_sum_tolerance(terms, 1.0);
}

// ONEDNN_MAX_CPU_ISA (or DNNL_MAX_CPU_ISA) capped below AVX-512, as in setup.sh's second test run, leaves
// oneDNN without bf16 convolutions and matmuls while ATen, which asks the CPU itself, still sends bf16 work
// to oneDNN: "could not create a primitive descriptor". (A CPU that really lacks AVX-512 takes ATen's own
// bf16 kernels instead.) True when such a cap is set and a bf16 convolution under autocast fails.
bool onednn_bf16_capped_away() {
  bool capped = false;
  for (const char* name : {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"}) {
    if (const char* v = std::getenv(name)) {
      std::string isa(v);
      for (char& ch : isa) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      capped = capped || (isa.rfind("avx512", 0) != 0 && isa.find("amx") == std::string::npos && isa != "all");
    }
  }
  if (!capped) return false;
  try {
    AutocastScope autocast(true, torch::kCPU);
    torch::NoGradGuard no_grad;
    torch::conv2d(torch::ones({1, 2, 4, 4}), torch::ones({2, 2, 3, 3}), {}, 1, 1);
  } catch (const std::exception&) {  // oneDNN's own dnnl::error, not a c10::Error
    return true;
  }
  return false;
}

}  // namespace

TEST_CASE("objective targets and weights follow the closed forms") {
  ScheduleOptions so;
  so.timesteps = 50;
  const NoiseSchedule s = NoiseSchedule::from_options(so);
  const torch::Tensor x0 = torch::randn({3, 2}, torch::kFloat64);
  const torch::Tensor eps = torch::randn({3, 2}, torch::kFloat64);
  const torch::Tensor t = torch::tensor({1, 25, 50}, torch::kInt64);

  ObjectiveOptions v;
  v.prediction = PredictionType::V;
  const Objective ov(s, v);
  const torch::Tensor xt = ov.q_sample(x0, eps, t);
  const torch::Tensor tv = ov.target(x0, eps, t);
  for (int i = 0; i < 3; ++i) {
    const int64_t ti = t[i].item<int64_t>();
    const double a = s.sqrt_alpha_bar(ti), sg = s.sqrt_one_minus_alpha_bar(ti);
    CHECK((xt[i] - (a * x0[i] + sg * eps[i])).abs().max().item<double>() < 1e-12);  // Ho et al. eq. 4
    CHECK((tv[i] - (a * eps[i] - sg * x0[i])).abs().max().item<double>() < 1e-12);  // Salimans & Ho §4
  }
  // The MSE per sample and the L1 per sample.
  CHECK(ov.per_sample_loss(torch::ones({1, 4}), torch::zeros({1, 4}))[0].item<double>() == doctest::Approx(1.0));
  ObjectiveOptions l1;
  l1.loss = LossKind::L1;
  CHECK(Objective(s, l1).per_sample_loss(torch::full({1, 4}, -2.0), torch::zeros({1, 4}))[0].item<double>() ==
        doctest::Approx(2.0));

  // min-SNR-γ (Hang et al. 2023): ε-space min(SNR, γ)/SNR, x0-space min(SNR, γ), v-space min(SNR, γ)/(SNR + 1).
  for (auto pred : {PredictionType::Epsilon, PredictionType::X0, PredictionType::V}) {
    ObjectiveOptions m;
    m.prediction = pred;
    m.weighting = LossWeighting::MinSnr;
    m.min_snr_gamma = 5.0;
    const torch::Tensor w = Objective(s, m).weight(t);
    for (int i = 0; i < 3; ++i) {
      const double ab = s.alpha_bar(t[i].item<int64_t>()), snr = ab / (1 - ab), ms = std::min(snr, 5.0);
      const double expected = pred == PredictionType::Epsilon ? ms / snr
                              : pred == PredictionType::X0    ? ms
                                                              : ms / (snr + 1);
      CHECK(w[i].item<double>() == doctest::Approx(expected).epsilon(1e-5));
    }
  }
  // ELBO weights are proportional to C_t = β_t / (2 α_t (1 − ᾱ_t)) (Ho et al. eq. 12) with mean 1 over t.
  ObjectiveOptions e;
  e.weighting = LossWeighting::Elbo;
  const torch::Tensor all_t = torch::arange(1, 51, torch::kInt64);
  const torch::Tensor we = Objective(s, e).weight(all_t);
  CHECK(we.mean().item<double>() == doctest::Approx(1.0).epsilon(1e-6));
  const auto C = [&](int64_t k) { return s.beta(k) / (2 * s.alpha(k) * (1 - s.alpha_bar(k))); };
  CHECK(we[9].item<double>() / we[39].item<double>() == doctest::Approx(C(10) / C(40)).epsilon(1e-5));
  CHECK_THROWS_WITH(parse_trainable_prediction("score"), doctest::Contains("score"));
}

TEST_CASE("importance sampling pi(t) ~ 1/sigma_t^2 is unbiased and favours small t") {
  ScheduleOptions so;
  so.timesteps = 20;
  const NoiseSchedule s = NoiseSchedule::from_options(so);
  ObjectiveOptions o;
  o.t_sampling = TimestepSampling::InverseSigma2;
  const Objective obj(s, o);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(3);
  const TimestepSample ts = obj.sample_timesteps(200000, gen);
  // E_π[1/(T π(t))] = 1, and the frequency of t = 1 is π(1) = (1/σ_1²) / Σ 1/σ_t².
  CHECK(ts.importance_weight.to(torch::kFloat64).mean().item<double>() == doctest::Approx(1.0).epsilon(0.01));
  double z = 0;
  for (int64_t k = 1; k <= 20; ++k) z += 1 / (1 - s.alpha_bar(k));
  const double p1 = (1 / (1 - s.alpha_bar(1))) / z;
  CHECK((ts.t == 1).to(torch::kFloat64).mean().item<double>() == doctest::Approx(p1).epsilon(0.02));
  CHECK(ts.t.min().item<int64_t>() >= 1);
  CHECK(ts.t.max().item<int64_t>() <= 20);
}

TEST_CASE("loss-history sampling is uniform until every t has 10 losses, then follows sqrt(E[l^2])") {
  ScheduleOptions so;
  so.timesteps = 4;
  ObjectiveOptions o;
  o.t_sampling = TimestepSampling::LossHistory;
  Objective obj(NoiseSchedule::from_options(so), o);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(5);
  CHECK(obj.sample_timesteps(100, gen).importance_weight.eq(1).all().item<bool>());
  // Losses 1 at t = 1..3 and 3 at t = 4: p ∝ (1, 1, 1, 3) mixed with 0.1 % uniform.
  for (int r = 0; r < 10; ++r)
    obj.record_losses(torch::tensor({1, 2, 3, 4}, torch::kInt64), torch::tensor({1.0, 1.0, 1.0, 3.0}));
  const TimestepSample ts = obj.sample_timesteps(100000, gen);
  const double p4 = 0.999 * 0.5 + 0.001 / 4;
  CHECK((ts.t == 4).to(torch::kFloat64).mean().item<double>() == doctest::Approx(p4).epsilon(0.02));
}

TEST_CASE("checkpoint container: round trip, and truncated, corrupt and foreign files throw clear errors") {
  Checkpoint c;
  c.metadata = {{"step", 12}, {"note", "hello"}};
  c.sections["a"] = std::string("\x00\x01\x02payload", 10);
  c.sections["b"] = std::string(1000, 'x');
  const std::string path = temp_path("container.ckpt");
  write_checkpoint(path, c);
  const Checkpoint r = read_checkpoint(path);
  CHECK(r.metadata == c.metadata);
  CHECK(r.sections == c.sections);
  CHECK(crc32("123456789", 9) == 0xCBF43926u);  // the standard CRC-32 check value

  const std::string bytes = read_bytes(path);
  for (size_t cut : {size_t{5}, size_t{20}, bytes.size() / 2, bytes.size() - 2}) {
    INFO(cut);
    CHECK_THROWS_WITH_AS(parse_checkpoint(bytes.substr(0, cut), "f.ckpt"), doctest::Contains("truncated"),
                         CheckpointError);
  }
  std::string flipped = bytes;
  flipped[bytes.size() - 300] ^= 0x10;
  CHECK_THROWS_WITH_AS(parse_checkpoint(flipped, "f.ckpt"), doctest::Contains("corrupt"), CheckpointError);
  CHECK_THROWS_WITH_AS(parse_checkpoint("PK\x03\x04 some zip file", "f.zip"),
                       doctest::Contains("not a Diffusion Lab checkpoint"), CheckpointError);
  std::string newer = bytes;
  newer[13] = 9;  // format version 9
  CHECK_THROWS_WITH_AS(parse_checkpoint(newer, "f.ckpt"), doctest::Contains("format version 9"), CheckpointError);
  CHECK_THROWS_WITH_AS(read_checkpoint(temp_path("missing.ckpt")), doctest::Contains("cannot open"), CheckpointError);
  std::remove(path.c_str());
}

TEST_CASE("resume is exact: 10 + save + load + 10 steps equal 20 uninterrupted steps") {
  for (auto sampling : {TimestepSampling::Uniform, TimestepSampling::LossHistory}) {
    INFO(timestep_sampling_name(sampling));
    ObjectiveOptions obj;
    obj.prediction = PredictionType::V;
    obj.p_uncond = 0.2;
    obj.t_sampling = sampling;
    ScheduleOptions so;
    so.timesteps = sampling == TimestepSampling::LossHistory ? 4 : 1000;  // T = 4 fills the history within 10 steps
    const TrainerOptions o = small_options();

    Trainer a(small_mlp(2), so, obj, two_moons(512, 1), o);
    std::vector<double> full;
    for (int i = 0; i < 20; ++i) full.push_back(a.step());

    Trainer b(small_mlp(2), so, obj, two_moons(512, 1), o);
    std::vector<double> resumed;
    for (int i = 0; i < 10; ++i) resumed.push_back(b.step());
    const std::string path = temp_path("resume.ckpt");
    b.save_checkpoint(path);
    auto c = Trainer::from_checkpoint(path, two_moons(512, 1));
    CHECK(c->step_count() == 10);
    for (int i = 0; i < 10; ++i) resumed.push_back(c->step());
    for (int i = 0; i < 20; ++i) CHECK(resumed[i] == full[i]);  // bitwise equal on the CPU
    // EMA weights continue exactly too.
    const auto ea = a.ema_network()->parameters(), ec = c->ema_network()->parameters();
    for (size_t k = 0; k < ea.size(); ++k) CHECK(torch::equal(ea[k], ec[k]));
    // The same state gives the same bytes (the optimizer state is written in parameter order, not keyed by
    // memory addresses): the resumed run's checkpoint equals the uninterrupted run's, byte for byte.
    const std::string path_a = temp_path("resume_a.ckpt"), path_c = temp_path("resume_c.ckpt");
    a.save_checkpoint(path_a);
    c->save_checkpoint(path_c);
    const auto bytes = [](const std::string& p) {
      std::ifstream in(p, std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    };
    CHECK(bytes(path_a).size() > 1000);
    CHECK(bytes(path_a) == bytes(path_c));
    std::remove(path_a.c_str());
    std::remove(path_c.c_str());
    std::remove(path.c_str());
  }
}

TEST_CASE("checkpoint metadata describes the run; a wrong data shape is refused") {
  Trainer tr(small_mlp(2), ScheduleOptions{}, ObjectiveOptions{}, two_moons(128, 2), small_options());
  tr.step();
  const std::string path = temp_path("meta.ckpt");
  tr.save_checkpoint(path);
  const Checkpoint c = read_checkpoint(path);
  CHECK(c.metadata["format_version"] == kCheckpointFormatVersion);
  CHECK(c.metadata["step"] == 1);
  CHECK(c.metadata["network"]["kind"] == "mlp");
  CHECK(c.metadata["schedule"]["family"] == "linear");
  CHECK(c.metadata["objective"]["prediction"] == "eps");
  CHECK(c.metadata["class_names"] == std::vector<std::string>{"lower", "upper"});
  CHECK(c.metadata["data"]["sample_shape"] == std::vector<int64_t>{2});
  CHECK(c.sections.count("model") == 1);
  CHECK(c.sections.count("ema") == 1);
  CHECK(c.sections.count("adamw") == 1);
  TrainingData wrong = two_moons(16, 1);
  wrong.data = torch::zeros({16, 3});
  CHECK_THROWS_WITH(Trainer::from_checkpoint(path, wrong), doctest::Contains("[3]"));
  std::remove(path.c_str());
}

TEST_CASE("a NaN loss stops training with a clear message and the last checkpoint stays loadable") {
  const std::string path = temp_path("nan.ckpt");
  TrainerOptions o = small_options();
  o.checkpoint_every = 5;
  o.checkpoint_path = path;
  Trainer tr(small_mlp(), ScheduleOptions{}, ObjectiveOptions{}, two_moons(256, 3), o);
  CHECK(tr.run(5).checkpoint_saved == path);
  {
    torch::NoGradGuard ng;
    tr.network()->parameters()[0].fill_(std::nan(""));
  }
  CHECK_THROWS_WITH_AS(tr.run(5), doctest::Contains("NaN"), TrainingDiverged);
  try {
    tr.run(1);
  } catch (const TrainingDiverged& e) {
    CHECK(std::string(e.what()).find(path) != std::string::npos);
  }
  auto back = Trainer::from_checkpoint(path, two_moons(256, 3));
  CHECK(back->step_count() == 5);
  CHECK(std::isfinite(back->step()));
  std::remove(path.c_str());
}

TEST_CASE("stop flag: run returns after the current step and saves a checkpoint") {
  const std::string path = temp_path("stop.ckpt");
  TrainerOptions o = small_options();
  o.checkpoint_path = path;
  Trainer tr(small_mlp(), ScheduleOptions{}, ObjectiveOptions{}, two_moons(256, 4), o);
  std::atomic<bool> stop{false};
  int calls = 0;
  const RunResult r = tr.run(
      100,
      [&](const TrainProgress& p) {
        ++calls;
        CHECK(p.step == calls);
        CHECK(p.bucket_loss.size() == 10);
        if (p.step == 3) stop = true;
      },
      &stop);
  CHECK(r.stopped);
  CHECK(r.steps_done == 3);
  CHECK(read_checkpoint(path).metadata["step"] == 3);
  std::remove(path.c_str());
}

TEST_CASE("a two-moons MLP learns: the loss falls clearly within 400 steps") {
  TrainerOptions o = small_options();
  o.batch_size = 256;
  o.total_steps = 400;
  o.num_threads = 1;
  NetworkConfig c = NetworkConfig::from_preset("mlp", "default", {2});
  c.mlp.hidden = 64;
  Trainer tr(c, ScheduleOptions{}, ObjectiveOptions{}, two_moons(2048, 5), o);
  std::vector<double> losses;
  tr.run(400, [&](const TrainProgress& p) { losses.push_back(p.loss); });
  REQUIRE(losses.size() == 400);
  double first = 0, last = 0;
  for (int i = 0; i < 20; ++i) first += losses[i] / 20;
  for (int i = 380; i < 400; ++i) last += losses[i] / 20;
  MESSAGE("two-moons loss: first 20 steps " << first << ", last 20 steps " << last);
  CHECK(first > 0.4);         // an untrained ε-predictor scores about E‖ε‖²/2 = 1 (0.55 averaged over 20 steps)
  CHECK(last < 0.6 * first);  // the MLP has learned the 2-D score field
}

TEST_CASE("bf16 autocast on the CPU: the networks run in bf16 (GroupNorm in fp32), match fp32, and train") {
  if (onednn_bf16_capped_away()) {
    MESSAGE("skipped: ONEDNN_MAX_CPU_ISA caps oneDNN below AVX-512, which leaves it without bf16 kernels");
    return;
  }
  torch::manual_seed(3);
  for (const std::string family : {"ddpm-unet", "simple-unet"}) {
    INFO(family);
    const NetworkConfig c =
        NetworkConfig::from_preset(family, family == "ddpm-unet" ? "small" : "notebook", {1, 32, 32});
    const auto net = make_network(c);
    net->eval();
    torch::NoGradGuard no_grad;
    const torch::Tensor x = torch::randn({4, 1, 32, 32});
    const torch::Tensor t = torch::tensor({1.0f, 200.0f, 600.0f, 999.0f});
    const torch::Tensor reference = net->forward(x, t, torch::Tensor());
    torch::Tensor low;
    {
      AutocastScope autocast(true, torch::kCPU);
      low = net->forward(x, t, torch::Tensor());
    }
    CHECK((low.scalar_type() == torch::kBFloat16));  // the convolutions did run in bf16
    const double rel = ((low.to(torch::kFloat32) - reference).norm() / reference.norm()).item<double>();
    // bf16 rounds every convolution's and matmul's operands to 8 significant bits (u = 2⁻⁸, an rms relative
    // error of u/√3 per operand; oneDNN accumulates in fp32), so each of the L layers in sequence adds an rms
    // relative error of about √2 u/√3 to the activations, and independent layers add in quadrature: √(2L/3) u.
    // Allowed: twice that, with L from tests/core/tolerance.h: 0.051 for the DDPM U-Net (L = 64; measured
    // 0.0125), 0.033 for SimpleUnet (L = 26; measured 0.0031). Layers left in fp32 or a bf16 GroupNorm change
    // the error by a small factor; bf16 weights that went wrong (a bad cast, a stale copy) make it O(1).
    const double u_bf16 = std::ldexp(1.0, -8);
    const int64_t depth = family == "ddpm-unet" ? test::kSmallUnetDepth : test::kNotebookUnetDepth;
    const double rel_tol = 2.0 * u_bf16 * std::sqrt(2.0 * static_cast<double>(depth) / 3.0);
    MESSAGE(family << ": bf16 vs fp32 relative error " << rel << " (bound " << rel_tol << ")");
    CHECK(rel <= rel_tol);
    // The scope ends autocast: the same call is fp32 again.
    CHECK((net->forward(x, t, torch::Tensor()).scalar_type() == torch::kFloat32));
  }

  // A bf16 training run on the CPU: finite losses that fall, close to an fp32 run's.
  TrainerOptions o = small_options();
  o.total_steps = 150;
  o.num_threads = 1;
  std::vector<double> fp32, bf16;
  Trainer a(small_mlp(), ScheduleOptions{}, ObjectiveOptions{}, two_moons(1024, 5), o);
  a.run(150, [&](const TrainProgress& p) { fp32.push_back(p.loss); });
  o.bf16 = true;
  Trainer b(small_mlp(), ScheduleOptions{}, ObjectiveOptions{}, two_moons(1024, 5), o);
  b.run(150, [&](const TrainProgress& p) { bf16.push_back(p.loss); });
  REQUIRE(bf16.size() == 150);
  double first = 0, last = 0, last32 = 0;
  for (int i = 0; i < 20; ++i) first += bf16[i] / 20;
  for (int i = 130; i < 150; ++i) last += bf16[i] / 20, last32 += fp32[i] / 20;
  MESSAGE("bf16 two-moons loss " << first << " -> " << last << " (fp32 " << last32 << ")");
  CHECK(std::isfinite(last));
  CHECK(last < 0.8 * first);
  CHECK(std::abs(last - last32) < 0.15 * last32);
  CHECK(bf16[0] != fp32[0]);  // the bf16 run really ran in bf16
}

TEST_CASE("micro-batches: a DDPM U-Net step accumulated over chunks of 8 equals one pass over the batch of 32") {
  NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "small", {1, 8, 8});
  c.ddpm_unet.dropout = 0.0;  // dropout draws differ between splits; everything else must agree
  TrainingData data;
  data.data = torch::rand({64, 1, 8, 8}) * 2 - 1;
  data.scale = DataScale::images();
  TrainerOptions o;
  o.batch_size = 32;
  o.seed = 4;
  o.num_threads = 1;
  o.micro_batch = -1;
  Trainer whole(c, ScheduleOptions{}, ObjectiveOptions{}, data, o);
  o.micro_batch = 8;
  Trainer split(c, ScheduleOptions{}, ObjectiveOptions{}, data, o);
  CHECK(whole.micro_batch_size(32) == 32);
  CHECK(split.micro_batch_size(32) == 8);
  o.micro_batch = 0;
  CHECK(Trainer(c, ScheduleOptions{}, ObjectiveOptions{}, data, o).micro_batch_size(128) ==
        32);  // automatic on the CPU
  // One step each on the same batch (same seed): the same loss, and the same (clipped) gradient, which
  // step() leaves in .grad(). (Parameters are not compared: Adam's first update is about ±lr for every
  // weight whatever the gradient's size, so rounding in a near-zero gradient shows as an lr-sized difference.)
  // Batches of 32 and of 8 run other convolution kernels: the loss agrees to the U-Net's float32 rounding
  // (unet_loss_rel_tolerance: 3.0e-4 relative for 32 · 64 terms). The gradients agree to the rounding of the
  // forward and backward chains (2L layers, K_max = 1152) and of each weight gradient's sum over the
  // 32 · 64 samples and pixels (accumulated over 4 micro-batches): √2 · 6 u √(2 · 64 · 1152 + 2048) = 2.0e-4
  // of the largest entry. A micro-batch weighted wrongly (1/8 instead of 1/32) changes loss and gradients by
  // a factor, a sample left out by O(1/32) = 3e-2 relative: 100 times these bounds.
  const double a = whole.step(), b = split.step();
  MESSAGE("micro-batch loss relative difference " << std::abs(a - b) / std::abs(a) << " (bound "
                                                  << unet_loss_rel_tolerance(32 * 64) << ")");
  CHECK(std::abs(a - b) <= unet_loss_rel_tolerance(32 * 64) * std::abs(a));
  const auto pw = whole.network()->parameters(), ps = split.network()->parameters();
  REQUIRE(pw.size() == ps.size());
  double worst = 0.0, largest = 0.0;
  for (size_t i = 0; i < pw.size(); ++i) {
    REQUIRE(pw[i].grad().defined());
    worst = std::max(worst, (pw[i].grad() - ps[i].grad()).abs().max().item<double>());
    largest = std::max(largest, pw[i].grad().abs().max().item<double>());
  }
  const double grad_tol =
      test::fp32_sum_tolerance(2 * test::kSmallUnetDepth * test::kSmallUnetMaxFanIn + 32 * 64, largest);
  MESSAGE("gradient difference " << worst << " of a largest entry " << largest << " (bound " << grad_tol << ")");
  CHECK(largest > 0.0);
  CHECK(worst <= grad_tol);
}

TEST_CASE("the device-side step of cuda_graph (run without a graph on the CPU) equals the ordinary step") {
  // A class-conditional DDPM U-Net with dropout, class dropout, weight decay, warm-up, cosine decay, EMA and a
  // gradient clip that is active: every part of the device-side step is exercised.
  NetworkConfig c = NetworkConfig::from_preset("ddpm-unet", "small", {1, 8, 8}, 3);
  TrainingData data;
  data.data = torch::rand({64, 1, 8, 8}) * 2 - 1;
  data.labels = torch::randint(0, 3, {64}, torch::kInt64);
  data.scale = DataScale::images();
  ObjectiveOptions obj;
  obj.prediction = PredictionType::V;
  obj.p_uncond = 0.2;
  TrainerOptions o;
  o.batch_size = 16;
  o.total_steps = 20;
  o.lr = 1e-3;
  o.weight_decay = 0.05;
  o.warmup_steps = 3;
  o.decay = LrDecay::Cosine;
  o.grad_clip = 0.5;
  o.ema_decay = 0.9;
  o.seed = 21;
  o.num_threads = 1;
  o.micro_batch = -1;
  Trainer eager(c, ScheduleOptions{}, obj, data, o);
  o.cuda_graph = true;
  Trainer device_side(c, ScheduleOptions{}, obj, data, o);
  const auto max_diff = [](const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
    REQUIRE(a.size() == b.size());
    double worst = 0.0;
    for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, (a[i] - b[i]).abs().max().item<double>());
    return worst;
  };
  const auto max_abs = [](const std::vector<torch::Tensor>& a) {
    double m = 0.0;
    for (const auto& t : a) m = std::max(m, t.abs().max().item<double>());
    return m;
  };
  // One step from the same weights. The loss: x_t and the v target are formed in float32 here and in float64
  // by the eager step, so the network sees inputs an ulp apart; the losses agree to the U-Net's float32
  // rounding (unet_loss_rel_tolerance, 16 · 64 terms: 3.0e-4 relative). Parameters and EMA: AdamW's update
  // p (1 − lr λ) − lr m̂/(√v̂ + ε) in another order of float32 operations, a few roundings of |p|: 4 to 8 ulps
  // of the largest weight, 8 u max |p| (1.5e-6 here, where the class embedding's N(0, 1) entries reach 3.1;
  // the fixed 5e-7 this replaces was 2 ulps there; measured ≤ 6e-8, EMA ≤ 2.4e-7). The update is lr-sized,
  // 1e-3, and a wrong bias correction or clip factor changes it by > 1e-4.
  const double loss_tol = unet_loss_rel_tolerance(16 * 64);
  const double l_eager = eager.step(), l_device = device_side.step();
  const double p_tol = 8.0 * test::kUnitRoundoffF32 * max_abs(eager.network()->parameters());
  MESSAGE("device-side step: loss relative difference "
          << std::abs(l_eager - l_device) / std::abs(l_eager) << " (bound " << loss_tol << "), parameters "
          << max_diff(eager.network()->parameters(), device_side.network()->parameters()) << ", EMA "
          << max_diff(eager.ema_network()->parameters(), device_side.ema_network()->parameters()) << " (bound " << p_tol
          << ")");
  CHECK(std::abs(l_eager - l_device) <= loss_tol * std::abs(l_eager));
  CHECK(max_diff(eager.network()->parameters(), device_side.network()->parameters()) <= p_tol);
  CHECK(max_diff(eager.ema_network()->parameters(), device_side.ema_network()->parameters()) <= p_tol);
  CHECK(max_diff(eager.network()->parameters(), Trainer(c, ScheduleOptions{}, obj, data, o).network()->parameters()) >
        1e-4);
  // Further steps: the losses agree. (Not the weights, to 1e-7: Adam divides by √v, so a weight whose gradient
  // is near zero — rounding noise — moves by ±lr either way, and a 1e-8 difference turns into a 1e-4 one.)
  for (int s = 1; s < 6; ++s) {
    const double le = eager.step(), ld = device_side.step();
    INFO("step " << s + 1 << ": " << le << " vs " << ld);
    CHECK(std::abs(le - ld) <= 1e-5 * std::abs(le));
  }
  for (size_t k = 0; k < eager.last_progress().bucket_loss.size(); ++k)
    CHECK(eager.last_progress().bucket_loss[k] ==
          doctest::Approx(device_side.last_progress().bucket_loss[k]).epsilon(1e-4));

  // Its checkpoint carries AdamW's state (step count, moments): the ordinary step resumed from it makes the
  // same update as the device-side step.
  const std::string path = temp_path("graph_step.ckpt");
  device_side.save_checkpoint(path);
  TrainerOptions resumed_options = o;
  resumed_options.cuda_graph = false;
  auto resumed = Trainer::from_checkpoint(path, data, resumed_options);
  CHECK(resumed->step_count() == 6);
  const double ld = device_side.step(), lr = resumed->step();
  const double p_tol_resumed = 8.0 * test::kUnitRoundoffF32 * max_abs(device_side.network()->parameters());
  MESSAGE("resumed step: loss relative difference "
          << std::abs(ld - lr) / std::abs(ld) << ", parameters "
          << max_diff(device_side.network()->parameters(), resumed->network()->parameters()) << ", EMA "
          << max_diff(device_side.ema_network()->parameters(), resumed->ema_network()->parameters()) << " (bound "
          << p_tol_resumed << ")");
  CHECK(std::abs(ld - lr) <= loss_tol * std::abs(ld));
  CHECK(max_diff(device_side.network()->parameters(), resumed->network()->parameters()) <= p_tol_resumed);
  CHECK(max_diff(device_side.ema_network()->parameters(), resumed->ema_network()->parameters()) <= p_tol_resumed);
  std::remove(path.c_str());

  // A non-finite loss throws, and the device-side guard has left parameters, EMA and moments untouched.
  TrainingData bad = data;
  bad.data = data.data.clone();
  bad.data.slice(0, 0, 32).fill_(std::nan(""));  // half the samples: every batch meets one
  o.batch_size = 64;                             // every sample, the NaN ones included
  Trainer diverging(c, ScheduleOptions{}, obj, bad, o);
  std::vector<torch::Tensor> before;
  for (const auto& p : diverging.network()->parameters()) before.push_back(p.detach().clone());
  CHECK_THROWS_WITH_AS(diverging.step(), doctest::Contains("the loss became NaN at step 1"), TrainingDiverged);
  CHECK(max_diff(before, diverging.network()->parameters()) == 0.0);
  CHECK(max_diff(before, diverging.ema_network()->parameters()) == 0.0);
  CHECK(diverging.step_count() == 0);
  o.adam_eps = 0.0;  // Adam's 0 / (√0 + 0) on a weight without gradient: refused up front
  CHECK_THROWS_WITH(Trainer(c, ScheduleOptions{}, obj, data, o), doctest::Contains("adam_eps must be > 0"));
}

TEST_CASE("trainer options: JSON of the wrong type names the field; values that mean nonsense are refused") {
  const auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const auto parse = [](const char* text) { return trainer_options_from_json(nlohmann::json::parse(text)); };
  CHECK(message([&] { parse(R"({"total_steps": 1.5})"); }) ==
        "trainer options: field 'total_steps' must be an integer, got 1.5");
  CHECK(message([&] { parse(R"({"checkpoint_every": "10"})"); }).find("field 'checkpoint_every'") != std::string::npos);
  CHECK(message([&] { parse(R"({"bf16": 1})"); }).find("true or false") != std::string::npos);
  CHECK(message([&] { parse(R"({"seed": -3})"); }).find("non-negative") != std::string::npos);
  CHECK(parse(R"({"lr": 1, "total_steps": 20})").lr == 1.0);
  const auto build = [&](TrainerOptions o) {
    Trainer t(NetworkConfig::from_preset("mlp", "default", {2}), {}, {}, two_moons(256, 1), o);
  };
  TrainerOptions o = small_options();
  o.min_lr_ratio = -1;
  CHECK(message([&] { build(o); }).find("min_lr_ratio must lie in [0, 1]") != std::string::npos);
  o = small_options();
  o.warmup_steps = -10;
  CHECK(message([&] { build(o); }).find("warmup_steps") != std::string::npos);
  o = small_options();
  o.num_threads = 100000;
  CHECK(message([&] { build(o); }).find("num_threads") != std::string::npos);
  o = small_options();
  o.adam_beta1 = 1.5;
  CHECK(message([&] { build(o); }).find("adam_beta1") != std::string::npos);
  o = small_options();
  o.checkpoint_path = "/no/such/folder/model.ckpt";
  CHECK(message([&] { build(o); }).find("does not exist") != std::string::npos);
}

TEST_CASE("export to TorchScript: the traced module predicts what the checkpoint does, at any batch size") {
  // The three architectures, conditional where they can be, a few steps trained so that EMA and raw weights
  // differ. The DDPM U-Net has attention and the phase-split transposed convolution; SimpleUnet has BatchNorm.
  struct Case {
    std::string name;
    NetworkConfig config;
    TrainingData data;
  };
  std::vector<Case> cases;
  cases.push_back({"mlp", small_mlp(2), two_moons(256, 2)});
  const auto images = [](int64_t channels, int64_t side, int64_t classes) {
    TrainingData d;
    d.data = torch::rand({32, channels, side, side}) * 2 - 1;
    if (classes > 0) d.labels = torch::randint(0, classes, {32}, torch::kInt64);
    for (int64_t k = 0; k < classes; ++k) d.class_names.push_back("c" + std::to_string(k));
    d.scale = DataScale::images();
    return d;
  };
  cases.push_back({"ddpm-unet", NetworkConfig::from_preset("ddpm-unet", "small", {1, 8, 8}, 3), images(1, 8, 3)});
  NetworkConfig notebook = NetworkConfig::from_preset("simple-unet", "notebook", {3, 16, 16});
  notebook.simple_unet.down_channels = {4, 8, 16, 32, 64};
  cases.push_back({"simple-unet", notebook, images(3, 16, 0)});
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TrainerOptions o = small_options();
    o.batch_size = 16;
    Trainer tr(c.config, ScheduleOptions{}, ObjectiveOptions{}, c.data, o);
    for (int i = 0; i < 3; ++i) tr.step();
    const std::string ckpt = temp_path(c.name + ".ckpt"), ts = temp_path(c.name + ".ts.pt");
    tr.save_checkpoint(ckpt);
    const ExportReport r = export_torchscript(ckpt, ts);
    CHECK(r.ema);
    CHECK(r.parameters > 0);
    // The module keeps our parameter names, so Python's state_dict() matches the safetensors export's.
    torch::jit::Module m = torch::jit::load(ts);
    std::set<std::string> names;
    for (const auto& p : m.named_parameters()) names.insert(p.name);
    const NetworkConfig& net_config = c.config;
    auto reference = make_network(net_config);
    for (const auto& p : reference->named_parameters()) CHECK(names.count(p.key()) == 1);
    // Through --model: the sidecar carries the schedule, prediction and classes; batch 5, not the trace's 2.
    auto original = load_denoiser(ckpt), traced = load_denoiser(ts);
    CHECK(traced->class_names() == original->class_names());
    torch::manual_seed(11);
    std::vector<int64_t> shape = c.config.sample_shape;
    shape.insert(shape.begin(), 5);
    const torch::Tensor x = torch::randn(shape), t = torch::tensor({1.0, 10.0, 333.5, 700.0, 1000.0});
    const torch::Tensor y = c.config.num_classes > 0 ? torch::tensor({0, 1, -1, 1, 0}) : torch::Tensor();
    const torch::Tensor a = original->predict(x, t, y).eps, b = traced->predict(x, t, y).eps;
    const double err = (a - b).abs().max().item<double>(), scale = a.abs().max().item<double>();
    MESSAGE(c.name << ": max |eps_traced - eps| = " << err << " (values up to " << scale << ")");
    // The same operations in the same order: equal up to the graph executor's fusions, far below float32's
    // relative 1e-7 times the few hundred accumulations of a layer.
    CHECK(err <= 1e-5 * std::max(1.0, scale));
    std::filesystem::remove(ckpt);
    std::filesystem::remove(ts);
    std::filesystem::remove(r.sidecar);
  }
}

TEST_CASE("inference checkpoints: EMA weights only, bf16 storage within its rounding, recipe and quality kept") {
  Trainer tr(small_mlp(2), ScheduleOptions{}, ObjectiveOptions{}, two_moons(256, 2), small_options());
  for (int i = 0; i < 5; ++i) tr.step();
  const std::string training = temp_path("train.ckpt"), f32 = temp_path("inf32.ckpt"), b16 = temp_path("inf16.ckpt");
  tr.save_checkpoint(training);
  InferenceExportOptions o;
  o.recipe = {{"command", "difflab-cli train --config x.json"}, {"commit", "abc123"}};
  o.quality = nlohmann::json::array({{{"frechet", 1.5}}});
  const InferenceExportReport r32 = write_inference_checkpoint(training, f32, o);
  o.bf16 = true;
  const InferenceExportReport r16 = write_inference_checkpoint(training, b16, o);
  CHECK(r32.ema);
  CHECK(r32.step == 5);
  CHECK(r32.parameters > 1000);
  // bf16 stores 2 bytes a weight instead of 4; the metadata is the same few kB in both.
  CHECK(double(r16.bytes) < 0.6 * double(r32.bytes));
  CHECK(double(r32.bytes) < 0.5 * double(std::filesystem::file_size(training)));  // no raw weights, no Adam moments

  const Checkpoint c = read_checkpoint(b16);
  CHECK(c.sections.size() == 1);
  CHECK(c.sections.count("model") == 1);
  CHECK(c.metadata["inference"]["storage"] == "bfloat16");
  CHECK(c.metadata["inference"]["weights"] == "ema");
  CHECK(c.metadata["inference"]["source_step"] == 5);
  CHECK(c.metadata["recipe"]["commit"] == "abc123");
  CHECK(c.metadata["quality"][0]["frechet"] == 1.5);
  CHECK(c.metadata["has_ema"] == false);

  // The float32 file samples exactly like the training checkpoint's EMA weights; bf16 within its rounding.
  auto original = load_denoiser(training), exact = load_denoiser(f32), rounded = load_denoiser(b16);
  torch::manual_seed(3);
  const torch::Tensor x = torch::randn({64, 2}), t = torch::randint(1, 1000, {64}), y = torch::randint(0, 2, {64});
  const torch::Tensor e0 = original->predict(x, t, y).eps, e32 = exact->predict(x, t, y).eps,
                      e16 = rounded->predict(x, t, y).eps;
  CHECK(torch::equal(e0, e32));
  // Each weight moves by at most 2^-9 of itself; through a few layers the output moves by about that much.
  const double rel = ((e16 - e0).norm() / e0.norm()).item<double>();
  CHECK(rel > 0.0);
  CHECK(rel < 2e-2);

  // Training cannot resume from weights alone, and says so.
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint(b16, two_moons(64, 1)), doctest::Contains("inference checkpoint"),
                       CheckpointError);
  for (const auto& p : {training, f32, b16}) std::remove(p.c_str());
}

TEST_CASE("model zoo: zoo.json names checkpoints as zoo:NAME; unknown names and malformed indexes are clear") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(temp_path("zoo"));
  fs::create_directories(dir);
  Trainer tr(small_mlp(2), ScheduleOptions{}, ObjectiveOptions{}, two_moons(128, 2), small_options());
  tr.step();
  tr.save_checkpoint((dir / "moons.ckpt").string());
  const auto write = [&](const std::string& text) { std::ofstream(dir / "zoo.json") << text; };
  write(R"({"models": [{"name": "moons", "file": "moons.ckpt", "kind": "diffusion", "title": "Two moons"},
                       {"name": "absent", "file": "absent.ckpt", "kind": "diffusion"}]})");
  setenv("DIFFLAB_MODELS_DIR", dir.c_str(), 1);
  const std::vector<ZooModel> zoo = zoo_models();
  REQUIRE(zoo.size() == 1);  // entries whose file is missing are left out
  CHECK(zoo[0].name == "moons");
  CHECK(zoo[0].title == "Two moons");
  CHECK(fs::equivalent(zoo[0].path, dir / "moons.ckpt"));
  CHECK(resolve_model_path("zoo:moons") == zoo[0].path);
  CHECK(resolve_model_path("some/file.ckpt") == "some/file.ckpt");
  CHECK(load_denoiser("zoo:moons")->is_conditional());
  CHECK(read_model_checkpoint("zoo:moons").metadata.step == 1);
  CHECK_THROWS_WITH_AS(load_denoiser("zoo:nope"), doctest::Contains("unknown zoo model 'nope' (the zoo has: moons)"),
                       ModelLoadError);
  write(R"({"models": [{"name": "moons", "file": "moons.ckpt", "kind": "teacher"}]})");
  CHECK_THROWS_WITH(zoo_models(), doctest::Contains("models[0].kind must be"));
  write(R"({"models": [{"file": "moons.ckpt"}]})");
  CHECK_THROWS_WITH(zoo_models(), doctest::Contains("models[0] lacks \"name\""));
  unsetenv("DIFFLAB_MODELS_DIR");
  fs::remove_all(dir);
}
