// difflab-cli train: trains a denoising network from a JSON config and/or flags, printing progress lines;
// Ctrl-C stops after the current step and saves a checkpoint.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/schedule_flags.h"
#include "data/dataset_catalog.h"
#include "device/device_support.h"
#include "distributed/launch_environment.h"
#include "distributed/local_launcher.h"
#include "distributed/process_group.h"
#include "train/local_training.h"
#include "io/json_text.h"
#include "nn/network_config.h"
#include "train/trainer.h"
#include "eval/sample_quality.h"
#include "model/denoiser.h"
#include "model/network_classifier.h"
#include "schedule/schedule_json.h"

#include <torch/torch.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

namespace difflab::cli {

const char* const kTrainUsage =
    "difflab-cli train [--config FILE.json] [--dataset NAME] [--model KIND[:PRESET]] [--objective eps|x0|v]\n"
    "                  [--loss mse|l1] [--weighting none|elbo|min-snr] [--t-sampling "
    "uniform|inverse-sigma2|loss-history]\n"
    "                  [--conditional] [--p-uncond P] [schedule flags] [--batch-size B] [--steps N] [--lr LR]\n"
    "                  [--warmup N] [--decay constant|cosine|linear] [--ema DECAY] [--grad-clip G] [--seed S]\n"
    "                  [--device cpu|cuda[:N]] [--bf16] [--channels-last] [--cuda-graph] [--threads N]\n"
    "                  [--resume CKPT] [--out CKPT] [--checkpoint-every N] [--log-every N]\n"
    "                  [--nproc N] [--dist-timeout SECONDS] [--backend gloo|nccl]\n"
    "                  [--fd-every N [--fd-classifier C] [--fd-num N] [--fd-steps N] [--fd-guidance W]]\n"
    "  Trains a diffusion model and writes a checkpoint (default model.ckpt). Flags override the config file.\n"
    "  NAME: a dataset spec (difflab-cli datasets lists them): fashion-mnist[:train|test], two-moons[:N], rings[:N],\n"
    "        gmm:FILE.json[:N], idx:IMAGES,LABELS, cifar10:FILE_OR_DIR, folder:DIR@SIZE, ... (N default 4096).\n"
    "  KIND: mlp (points) | simple-unet (the lecture notebook's) | ddpm-unet (Ho et al.); PRESET: mlp default|large,\n"
    "        simple-unet notebook, ddpm-unet small|cifar10.\n"
    "  schedule flags: --schedule linear|scaled-linear|cosine|sigmoid --timesteps T --beta-start --beta-end\n"
    "                  --cosine-s --zero-terminal-snr. eps-prediction with --zero-terminal-snr is refused (Lin et al.\n"
    "                  2024: use --objective v) unless --allow-eps-zero-snr.\n"
    "  --cuda-graph (with --device cuda) captures the whole training step in a CUDA graph and replays it.\n"
    "  --steps is the total step count: a resumed run continues from the checkpoint's step up to it.\n"
    "  --fd-every N measures the EMA model's samples every N steps and at the end, as difflab-cli evaluate does\n"
    "  but smaller: --fd-num images (default 500, every class in turn) at --fd-steps DPM-Solver++(2M) steps\n"
    "  (default 20; --fd-guidance W, default 1), Fréchet distance to as many test images in the feature space of\n"
    "  --fd-classifier (default zoo:fashion-mnist-classifier; its data set must be the training data's), beside\n"
    "  the train-vs-test floor; lines start with \"quality\". Small-N distances are biased up: read the trend.\n"
    "  --nproc N trains data-parallel in N processes on this machine (c10d: Gloo on the CPU, NCCL on CUDA GPUs\n"
    "  0..N-1): each takes B/N of every batch of B and the gradients are summed, so the run equals one process\n"
    "  with batch B. --threads is per process (default: the cores shared out). Started by torchrun or srun, the\n"
    "  process joins the group that RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (or srun's\n"
    "  SLURM_PROCID, SLURM_STEP_NUM_TASKS, SLURM_LOCALID) describe; on CUDA each rank takes GPU LOCAL_RANK. Only\n"
    "  rank 0 prints and writes checkpoints; a rank silent for --dist-timeout seconds (default 300) ends the run\n"
    "  with an error, saving the last complete step ($DIFFLAB_DIST_TIMEOUT sets the default). --backend: gloo\n"
    "  (default on the CPU) or nccl (default on CUDA where built with it); given with one process, it trains\n"
    "  through the multi-process code path in a group of one, to check the backend. See docs/distributed.md.\n"
    "  Ctrl-C stops after the current step and saves the checkpoint. See models/README.md for configs.\n";

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_sigint(int sig) {
  g_stop = true;
  std::signal(sig, SIG_DFL);  // a second signal ends the process at once
}

// --- dataset -------------------------------------------------------------------------------------------------
// Any spec of data/dataset_catalog.h, in the model's scale. The name stored in the checkpoint is the spec
// itself, so --resume reloads the same data (toy sets are generated with seed 0, so a spec names one set).

TrainingData load_training_data(const std::string& spec) {
  return training_data_from(load_dataset(spec, /*seed=*/0), spec);
}

// --- progress lines --------------------------------------------------------------------------------------------

std::string duration_text(double s) {
  if (!std::isfinite(s)) return "?";
  const int64_t total = static_cast<int64_t>(s + 0.5), h = total / 3600, m = total / 60 % 60, sec = total % 60;
  std::ostringstream o;
  if (h)
    o << h << 'h' << std::setw(2) << std::setfill('0') << m << 'm';
  else if (m)
    o << m << 'm' << std::setw(2) << std::setfill('0') << sec << 's';
  else
    o << sec << 's';
  return o.str();
}

void print_progress(const TrainProgress& p) {
  std::ostringstream o;
  o << "step " << p.step << '/' << p.total_steps << "  loss " << std::fixed << std::setprecision(4) << p.loss
    << " (avg " << p.loss_smoothed << ")  lr " << std::scientific << std::setprecision(2) << p.lr << std::fixed
    << std::setprecision(1) << "  " << p.images_per_second << " img/s  ETA " << duration_text(p.eta_seconds);
  std::cout << o.str() << std::endl;
}

// --- quality during training (--fd-every) ---------------------------------------------------------------------

struct QualityMonitor {
  int64_t every = 0, num = 500, steps = 20;
  double guidance = 1.0;
  std::unique_ptr<FrechetProbe> probe;
  double floor = 0.0;

  QualityMonitor(const ArgParser& p, const std::string& trained_on) {
    every = p.get_int("fd-every", 0);
    num = p.get_int("fd-num", num);
    steps = p.get_int("fd-steps", steps);
    guidance = p.get_double("fd-guidance", guidance);
    if (every < 1) throw CliError("--fd-every must be at least 1, got " + std::to_string(every));
    if (num < 10 || num > 100000) throw CliError("--fd-num must lie in [10, 100000], got " + std::to_string(num));
    if (steps < 1 || steps > 1000) throw CliError("--fd-steps must lie in [1, 1000], got " + std::to_string(steps));
    const std::string classifier_spec = p.get_or("fd-classifier", "zoo:fashion-mnist-classifier");
    auto classifier = NetworkClassifier::load(classifier_spec);
    const std::string data = classifier->checkpoint().data_name;
    const auto base = [](const std::string& spec) { return spec.substr(0, spec.find(':')); };
    if (base(data) != base(trained_on))
      throw CliError("--fd-classifier " + classifier_spec + " was trained on " + data + ", the model trains on " +
                     trained_on + ": give a classifier of the same data (difflab-cli train-classifier)");
    std::cerr << "quality: features of " << num << " reference images ...\n";
    probe = std::make_unique<FrechetProbe>(std::move(classifier), num);
    floor = probe->floor();
  }

  void measure(const Trainer& trainer) const {
    SamplerOptions o;
    o.name = "dpmpp-2m";
    o.steps = steps;
    o.seed = 0;  // the same latents every time: the curve shows the model changing, not the noise
    const FrechetProbe::Result r = probe->sample_and_measure(trainer.ema_denoiser(), o, guidance);
    const double seconds = r.sampling_seconds;
    const bool conditional = r.class_accuracy >= 0;
    std::ostringstream line;
    line << "quality step " << trainer.step_count() << "  fd " << std::fixed << std::setprecision(3) << r.frechet
         << " (floor " << floor << ")  precision " << r.precision << "  recall " << r.recall;
    if (conditional) line << "  class accuracy " << r.class_accuracy;
    line << "  (" << num << " samples, " << steps << " steps, " << std::setprecision(1) << seconds << " s)";
    std::cout << line.str() << std::endl;
  }
};

nlohmann::json read_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CliError("cannot open config file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_json_text(text.str());
  } catch (const std::invalid_argument& e) {
    throw CliError("config file '" + path + "' is not valid JSON: " + e.what());
  }
}

}  // namespace

int run_train(const Args& args) {
  std::set<std::string> valued = schedule_flag_names();
  for (const char* f :
       {"config",       "dataset",    "model",         "objective", "loss",     "weighting",   "t-sampling",
        "p-uncond",     "batch-size", "steps",         "lr",        "warmup",   "decay",       "ema",
        "grad-clip",    "seed",       "device",        "threads",   "resume",   "out",         "checkpoint-every",
        "log-every",    "fd-every",   "fd-classifier", "fd-num",    "fd-steps", "fd-guidance", "nproc",
        "dist-timeout", "backend"})
    valued.insert(f);
  ArgParser p(args, valued,
              {"zero-terminal-snr", "conditional", "bf16", "channels-last", "cuda-graph", "allow-eps-zero-snr"});
  const nlohmann::json cfg = p.has("config") ? read_config(p.required("config")) : nlohmann::json::object();

  // Data parallel: a group described by the environment (torchrun, srun, or our own --nproc launch), or
  // --nproc N: this process becomes rank 0 and starts the others.
  std::optional<GroupOptions> env_group;
  try {
    env_group = group_from_environment();
  } catch (const DistributedError& e) {
    throw std::runtime_error(e.what());  // a launcher's variable, not a flag: no usage text
  }
  const int64_t nproc = p.get_int("nproc", 1);
  if (nproc < 1 || nproc > 256) throw CliError("--nproc must lie in 1..256, got " + std::to_string(nproc));
  if (nproc > 1 && env_group)
    throw CliError("--nproc starts its own processes, but this one is already rank " + std::to_string(env_group->rank) +
                   " of " + std::to_string(env_group->world_size) +
                   " (its launcher set RANK/WORLD_SIZE or srun's SLURM_* variables): leave --nproc out under "
                   "torchrun or srun");
  double default_timeout = env_group ? env_group->timeout_seconds : 300.0;
  if (const char* t = std::getenv("DIFFLAB_DIST_TIMEOUT"); t != nullptr && *t != '\0' && !env_group) {
    char* end = nullptr;
    default_timeout = std::strtod(t, &end);
    if (end == t || *end != '\0' || !(default_timeout >= 1 && default_timeout <= 86400))
      throw std::runtime_error("DIFFLAB_DIST_TIMEOUT is '" + std::string(t) + "', not a timeout in seconds 1..86400");
  }
  const double dist_timeout = p.get_double("dist-timeout", default_timeout);  // the flag wins
  if (!(dist_timeout >= 1 && dist_timeout <= 86400))
    throw CliError("--dist-timeout must lie in [1, 86400] seconds, got " + p.get_or("dist-timeout", ""));
  const std::string backend = p.get_or("backend", "");
  if (!backend.empty() && backend != "gloo" && backend != "nccl")
    throw CliError("--backend must be gloo or nccl, got '" + backend + "'");
  if (const auto have = available_backends();
      !backend.empty() && std::find(have.begin(), have.end(), backend) == have.end())
    throw std::runtime_error("--backend " + backend + ": this build of difflab-cli has no " + backend +
                             " (its LibTorch was found without it)");
  const bool rank0 = !env_group || env_group->rank == 0;

  // Trainer options: defaults < config "trainer" (or the resumed checkpoint's) < flags.
  std::optional<ModelCheckpoint> resumed;  // read and checked once
  if (p.has("resume")) resumed = read_model_checkpoint(p.required("resume"));
  TrainerOptions to = resumed ? resumed->metadata.trainer : TrainerOptions{};
  if (!resumed) {
    try {
      to = trainer_options_from_json(cfg.value("trainer", nlohmann::json::object()));
    } catch (const std::invalid_argument& e) {
      throw CliError("config file '" + p.get_or("config", "") + "': " + e.what());
    }
  }
  to.batch_size = p.get_int("batch-size", to.batch_size);
  to.total_steps = p.get_int("steps", to.total_steps);
  to.lr = p.get_double("lr", to.lr);
  to.warmup_steps = p.get_int("warmup", to.warmup_steps);
  if (p.has("decay")) to.decay = parse_lr_decay(p.required("decay"));
  to.ema_decay = p.get_double("ema", to.ema_decay);
  to.grad_clip = p.get_double("grad-clip", to.grad_clip);
  to.seed = static_cast<uint64_t>(p.get_int("seed", static_cast<long long>(to.seed)));
  to.device = p.get_or("device", to.device);
  to.bf16 = to.bf16 || p.flag("bf16");
  to.channels_last = to.channels_last || p.flag("channels-last");
  const bool on_cuda = to.device.rfind("cuda", 0) == 0;
  if (p.flag("cuda-graph") && !on_cuda)
    throw std::invalid_argument(
        "--cuda-graph needs --device cuda (the training step is captured in a CUDA graph); the device is '" +
        to.device + "'");
  if (to.cuda_graph && !on_cuda) {  // from a config or a checkpoint written on a GPU
    std::cerr << "note: cuda_graph is for CUDA devices; training on '" << to.device << "' uses the ordinary step\n";
    to.cuda_graph = false;
  }
  to.cuda_graph = to.cuda_graph || p.flag("cuda-graph");
  to.num_threads = static_cast<int>(p.get_int("threads", to.num_threads));
  if (nproc > 1 && !p.has("threads"))  // the cores shared out, not N processes each on all of them
    to.num_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency() / nproc));
  // One GPU per rank: any CUDA device under a group means GPU LOCAL_RANK (modulo the GPUs this process sees,
  // for srun --gpus-per-task=1); --nproc N on CUDA uses GPUs 0 .. N-1, rank 0 on GPU 0.
  if (to.device.rfind("cuda", 0) == 0 && (env_group || nproc > 1)) {
    const int gpus = static_cast<int>(available_training_devices().size()) - 1;
    if (nproc > gpus && !env_group)
      throw CliError("--nproc " + std::to_string(nproc) + " on CUDA needs " + std::to_string(nproc) +
                     " GPUs, one per process; this machine has " + std::to_string(std::max(gpus, 0)));
    if (gpus > 0) to.device = "cuda:" + std::to_string(env_group ? env_group->local_rank % gpus : 0);
  }
  to.checkpoint_every = p.get_int("checkpoint-every", to.checkpoint_every);
  to.checkpoint_path =
      p.get_or("out", p.has("resume") ? p.required("resume") : cfg.value("out", std::string("model.ckpt")));

  if (!rank0) to.checkpoint_path.clear();  // rank 0 alone writes checkpoints
  std::string default_dataset = cfg.value("dataset", std::string("two-moons"));
  if (resumed && !resumed->metadata.data.name.empty()) default_dataset = resumed->metadata.data.name;
  const std::string dataset = p.get_or("dataset", default_dataset);
  if (rank0) std::cerr << "loading " << dataset << " ...\n";
  TrainingData data = load_training_data(dataset);

  std::unique_ptr<Trainer> trainer;
  if (p.has("resume")) {
    trainer = Trainer::from_checkpoint(*resumed, p.required("resume"), std::move(data), to);
    if (rank0 && !env_group)
      std::cerr << "resumed from " << p.required("resume") << " at step " << trainer->step_count() << '\n';
  } else {
    const nlohmann::json net_cfg = cfg.value("network", nlohmann::json::object());
    std::string kind = net_cfg.value("kind", data.scale.is_images() ? std::string("ddpm-unet") : std::string("mlp"));
    std::string preset = net_cfg.value("preset", std::string());
    if (p.has("model")) {
      const std::string m = p.required("model");
      const auto colon = m.find(':');
      kind = m.substr(0, colon);
      preset = colon == std::string::npos ? "" : m.substr(colon + 1);
    }
    const bool conditional = p.flag("conditional") || cfg.value("conditional", false);
    nlohmann::json nj = net_cfg;
    nj["kind"] = kind;
    nj["preset"] = preset.empty() ? NetworkConfig::default_preset(kind) : preset;
    nj["sample_shape"] = std::vector<int64_t>(data.data.sizes().begin() + 1, data.data.sizes().end());
    nj["num_classes"] = conditional ? static_cast<int64_t>(data.class_names.size()) : 0;
    if (p.has("model")) nj.erase("options");  // a preset from the command line starts clean

    ScheduleOptions so = schedule_options_from_json(cfg.value("schedule", nlohmann::json::object()));
    if (p.has("schedule") || p.has("timesteps") || p.has("beta-start") || p.has("beta-end") || p.has("cosine-s") ||
        p.flag("zero-terminal-snr"))
      so = schedule_options_from_flags(p);

    const nlohmann::json oj = cfg.value("objective", nlohmann::json::object());
    ObjectiveOptions oo;
    oo.prediction = parse_trainable_prediction(p.get_or("objective", oj.value("prediction", std::string("eps"))));
    oo.loss = parse_loss_kind(p.get_or("loss", oj.value("loss", std::string("mse"))));
    oo.weighting = parse_loss_weighting(p.get_or("weighting", oj.value("weighting", std::string("none"))));
    oo.min_snr_gamma = oj.value("min_snr_gamma", oo.min_snr_gamma);
    oo.t_sampling = parse_timestep_sampling(p.get_or("t-sampling", oj.value("t_sampling", std::string("uniform"))));
    oo.p_uncond = p.get_double("p-uncond", oj.value("p_uncond", conditional ? 0.1 : 0.0));
    if (const std::string conflict = objective_schedule_conflict(so, oo); !conflict.empty()) {
      if (!p.flag("allow-eps-zero-snr"))
        throw CliError(conflict + " (--objective v), or --allow-eps-zero-snr to train it anyway");
      std::cerr << "warning: " << conflict << " (--objective v)\n";
    }
    trainer = std::make_unique<Trainer>(network_config_from_json(nj), so, oo, std::move(data), to);
  }

  if (to.num_threads > 0) torch::set_num_threads(to.num_threads);
  const int64_t remaining = to.total_steps - trainer->step_count();
  if (remaining <= 0) {  // before any group: every rank sees the same checkpoint and returns here
    if (rank0)
      std::cerr << "the checkpoint is already at step " << trainer->step_count() << " >= --steps " << to.total_steps
                << '\n';
    return 0;
  }
  // Ctrl-C, a closed terminal (SIGHUP) and a scheduler's pre-emption (SIGTERM) all end the run after the current
  // step with the checkpoint saved; while other ranks start, they end the start.
  g_stop = false;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_sigint);
  std::unique_ptr<LocalTrainingGroup> local_group;
  try {
    if (env_group) {
      env_group->timeout_seconds = dist_timeout;
      env_group->backend = backend;
      trainer->join(TrainingGroup::create(*env_group, to.device));
    } else if (nproc == 1 && !backend.empty()) {
      // A group of one: every collective of the data-parallel step runs (bench/gpu_check.sh checks NCCL so).
      GroupOptions one;
      one.backend = backend;
      one.timeout_seconds = dist_timeout;
      trainer->join(TrainingGroup::create(one, to.device));
    } else if (nproc > 1) {
      LocalTrainingOptions lo;
      lo.num_processes = static_cast<int>(nproc);
      lo.cli = LocalLauncher::self_executable();
      lo.threads_per_process = std::max(1, to.num_threads);
      lo.timeout_seconds = dist_timeout;
      lo.backend = backend;
      lo.stop = &g_stop;
      std::cerr << "starting " << nproc - 1 << " more process" << (nproc > 2 ? "es" : "") << " ...\n";
      local_group = std::make_unique<LocalTrainingGroup>(*trainer, lo);
    }
  } catch (const DistributedError& e) {
    throw std::runtime_error(e.what());  // one line, no usage: the flags were fine, the group was not
  }
  const auto& net = trainer->network_config();
  if (rank0)
    std::cerr << "network " << net.kind << ':' << net.preset << ", " << count_parameters(*trainer->network())
              << " parameters; batch " << to.batch_size << ", device " << to.device << ", threads "
              << torch::get_num_threads();
  if (rank0 && trainer->group())
    std::cerr << " per process; " << trainer->group()->world_size() << " processes (" << trainer->group()->backend()
              << "), " << to.batch_size / trainer->group()->world_size() << " samples each per step";
  if (rank0) std::cerr << '\n';
  std::unique_ptr<QualityMonitor> quality;
  if (p.has("fd-every") && rank0) quality = std::make_unique<QualityMonitor>(p, dataset);
  const int64_t log_every = p.get_int("log-every", std::max<int64_t>(1, to.total_steps / 100));
  if (log_every < 1) throw CliError("--log-every must be at least 1, got " + std::to_string(log_every));
  RunResult r;
  try {
    r = trainer->run(
        remaining,
        [&](const TrainProgress& pr) {
          if (rank0 && (pr.step % log_every == 0 || pr.step == to.total_steps)) print_progress(pr);
          if (quality && (pr.step % quality->every == 0 || pr.step == to.total_steps)) quality->measure(*trainer);
        },
        &g_stop);
  } catch (const DistributedError& e) {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
    throw std::runtime_error(local_group ? local_group->explain(e.what()) : std::string(e.what()));
  } catch (...) {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
    throw;
  }
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
  if (local_group)
    if (const auto failed = local_group->finish()) std::cerr << "warning: " << *failed << '\n';
  if (!rank0) return 0;  // a stop was the group's decision, already reported by rank 0
  if (r.stopped)
    std::cerr << (g_stop ? "stopped by a signal" : "stopped by another rank's signal") << " at step "
              << trainer->step_count() << '\n';
  std::cerr << "saved " << to.checkpoint_path << " (step " << trainer->step_count() << ")\n";
  return r.stopped ? 130 : 0;
}

}  // namespace difflab::cli
