// Rank 0 of a local data-parallel run: hand-off checkpoint, launcher, group. See local_training.h.
#include "train/local_training.h"

#include "distributed/local_launcher.h"
#include "distributed/process_group.h"
#include "model/checkpoint_metadata.h"
#include "train/trainer.h"

#include <chrono>
#include <filesystem>
#include <thread>

namespace difflab {

LocalTrainingGroup::LocalTrainingGroup(Trainer& trainer, const LocalTrainingOptions& options) : options_(options) {
  if (options_.num_processes < 2 || options_.num_processes > 256)
    throw DistributedError("the number of processes must lie in 2..256, got " + std::to_string(options_.num_processes));
  trainer.check_splittable(options_.num_processes);  // before any process starts
  if (!std::filesystem::exists(options_.cli))
    throw DistributedError("cannot start the other ranks: '" + options_.cli + "' does not exist");
  try {
    temp_dir_ = LocalLauncher::make_temp_dir("ranks");
  } catch (const std::exception& e) {
    throw DistributedError(e.what());
  }
  const std::string handoff = temp_dir_ + "/handoff.ckpt";
  try {
    write_model_checkpoint(handoff, trainer.make_checkpoint());
  } catch (const std::exception& e) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    throw DistributedError("cannot hand the run to the other ranks: " + std::string(e.what()));
  }
  const std::string device = trainer.options().device;
  GroupOptions g;
  g.rank = 0;
  g.world_size = options_.num_processes;
  g.master_port = 0;
  g.backend = options_.backend;
  g.timeout_seconds = options_.timeout_seconds;
  try {
    group_ = TrainingGroup::create(
        g, device,
        [&](int port) {
          LocalLauncher::Options lo;
          lo.executable = options_.cli;
          lo.args = {"train",
                     "--resume",
                     handoff,
                     "--threads",
                     std::to_string(options_.threads_per_process),
                     "--device",
                     device.rfind("cuda", 0) == 0 ? std::string("cuda") : device,
                     "--dist-timeout",
                     std::to_string(static_cast<int64_t>(options_.timeout_seconds + 0.5))};
          if (!options_.backend.empty()) lo.args.insert(lo.args.end(), {"--backend", options_.backend});
          lo.world_size = options_.num_processes;
          lo.master_port = port;
          lo.log_dir = temp_dir_;
          launcher_ = std::make_unique<LocalLauncher>(lo);
        },
        [&]() -> std::optional<std::string> {
          if (options_.stop.stop_requested()) return std::string("stopped before the run began");
          if (auto why = launcher_ ? launcher_->failure() : std::nullopt) return "a rank failed as it started: " + *why;
          return std::nullopt;
        });
    trainer.join(group_);
  } catch (const std::exception& e) {
    const std::string message = explain(e.what());
    launcher_.reset();
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    throw DistributedError(message);
  }
}

LocalTrainingGroup::~LocalTrainingGroup() {
  launcher_.reset();  // ends and reaps the ranks before their folder goes
  group_.reset();
  std::error_code ec;
  if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_, ec);
}

std::string LocalTrainingGroup::explain(const std::string& error) {
  if (!launcher_) return error;
  std::optional<std::string> why;
  for (int i = 0; i < 150 && !(why = launcher_->failure()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (!why || error.find(*why) != std::string::npos || why->find(error) != std::string::npos)
    return error;  // the rank said the same: once is enough
  return error + " (" + *why + ")";
}

std::optional<std::string> LocalTrainingGroup::finish(double seconds) {
  if (!launcher_) return std::nullopt;
  return launcher_->wait(seconds);
}

}  // namespace difflab
