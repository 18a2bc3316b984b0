// difflab-cli train-classifier: a noise-conditional classifier p(y | x_t, t) for classifier guidance
// (train/classifier_trainer.h), whose clean features are also the metric space of `evaluate`.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/schedule_flags.h"
#include "data/dataset_catalog.h"
#include "model/checkpoint_metadata.h"
#include "train/classifier_trainer.h"

#include <torch/torch.h>

#include <atomic>
#include <csignal>
#include <iomanip>
#include <iostream>

namespace difflab::cli {

const char* const kTrainClassifierUsage =
    "difflab-cli train-classifier --out CKPT [--data SPEC] [--test SPEC] [--like MODEL.ckpt | schedule flags]\n"
    "                  [--steps N] [--batch N] [--lr X] [--ch N] [--clean-fraction F] [--seed N] [--threads N]\n"
    "                  [--log-every N]\n"
    "  Trains a noise-conditional classifier p(y | x_t, t) on labelled images (default fashion-mnist:train;\n"
    "  --test defaults to the :test split of the same set) with x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps,\n"
    "  t uniform over 1..T and a share --clean-fraction (0.25) of every batch at t = 0. Its noise schedule must be\n"
    "  the diffusion model's it will guide: --like MODEL.ckpt copies it, otherwise the schedule flags give it.\n"
    "  Defaults: 3000 steps, batch 128, lr 2e-3 (AdamW, warm-up 100, cosine decay), ch 16. The checkpoint records\n"
    "  the test accuracy at t = 0, T/4, T/2, 3T/4. Ctrl-C stops after the current step and saves.\n";

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int sig) {
  g_stop = true;
  std::signal(sig, SIG_DFL);
}

std::string test_split_of(const std::string& spec) {
  const std::string suffix = ":train";
  if (spec.size() > suffix.size() && spec.compare(spec.size() - suffix.size(), suffix.size(), suffix) == 0)
    return spec.substr(0, spec.size() - suffix.size()) + ":test";
  return {};
}

}  // namespace

int run_train_classifier(const Args& args) {
  std::set<std::string> valued = {"out", "data", "test",           "like", "steps",   "batch",
                                  "lr",  "ch",   "clean-fraction", "seed", "threads", "log-every"};
  for (const std::string& f : schedule_flag_names()) valued.insert(f);
  const ArgParser p(args, valued, {"zero-terminal-snr"});
  const std::string out = p.required("out");
  const std::string data_spec = p.get_or("data", "fashion-mnist:train");
  const std::string test_spec = p.get_or("test", test_split_of(data_spec));

  ScheduleOptions schedule = schedule_options_from_flags(p);
  if (p.has("like")) {
    for (const std::string& f : schedule_flag_names())
      if (p.has(f)) throw CliError("--like takes the schedule from the model: leave out --" + f);
    schedule = read_model_checkpoint(p.required("like")).metadata.schedule;
  }
  NoiseSchedule::from_options(schedule);  // a bad schedule fails here, before the data load

  ClassifierTrainerOptions o;
  o.total_steps = p.get_int("steps", 3000);
  o.batch_size = p.get_int("batch", 128);
  o.lr = p.get_double("lr", 2e-3);
  o.clean_fraction = p.get_double("clean-fraction", 0.25);
  o.seed = static_cast<uint64_t>(p.get_int("seed", 0));
  o.checkpoint_path = out;
  o.validate();
  NoisyClassifierOptions network;
  network.ch = p.get_int("ch", network.ch);
  const int64_t log_every = p.get_int("log-every", std::max<int64_t>(1, o.total_steps / 20));
  if (log_every < 1) throw CliError("--log-every must be at least 1");
  if (p.has("threads")) {
    const long long threads = p.get_int("threads", 0);
    if (threads < 1 || threads > 1024) throw CliError("--threads must lie in [1, 1024]");
    torch::set_num_threads(static_cast<int>(threads));
  }

  std::cerr << "loading " << data_spec << (test_spec.empty() ? "" : " and " + test_spec) << " ...\n";
  const Dataset train = load_dataset(data_spec, 0);
  std::optional<Dataset> test;
  if (!test_spec.empty()) test = load_dataset(test_spec, 0);

  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_stop_signal);
  nlohmann::json accuracy;
  try {
    accuracy = train_noisy_classifier(
        train, test ? &*test : nullptr, data_spec, schedule, network, o,
        [&](const ClassifierProgress& pr) {
          if (pr.step % log_every != 0 && pr.step != pr.total_steps) return;
          std::cerr << "step " << pr.step << '/' << pr.total_steps << "  loss " << std::fixed << std::setprecision(4)
                    << pr.loss << "  batch accuracy " << std::setprecision(3) << pr.batch_accuracy << "  "
                    << std::setprecision(0) << pr.images_per_second << " img/s\n";
        },
        &g_stop);
  } catch (const Cancelled&) {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
    std::cerr << "stopped by a signal; saved " << out << '\n';
    return 130;
  }
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
  std::cout << "wrote " << out << "; test accuracy by t: " << accuracy.dump() << '\n';
  return 0;
}

}  // namespace difflab::cli
