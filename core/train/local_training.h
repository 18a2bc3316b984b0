#pragma once
// LocalTrainingGroup: turns one Trainer into rank 0 of an N-process data-parallel run on this machine, for
// `difflab-cli train --nproc N` and the GUI's training tab.
//
// Rank 0 writes its trainer's state as an ordinary checkpoint (the hand-off, in a private temporary folder),
// opens the group's rendezvous on a free port, and starts ranks 1 .. N−1 as
//   difflab-cli train --resume HANDOFF --threads T --device D --dist-timeout S
// with torchrun's variables set (distributed/local_launcher.h). Every rank thus starts from the same bytes.
// Only rank 0 writes checkpoints, logs and previews; the other ranks' errors go to their logs in the temporary
// folder and come back in rank 0's error message.

#include "base/stop_token.h"

#include <memory>
#include <optional>
#include <string>

namespace difflab {

class Trainer;
class TrainingGroup;
class LocalLauncher;

struct LocalTrainingOptions {
  int num_processes = 2;  ///< N ≥ 2, ranks 0 .. N−1
  std::string cli;        ///< the difflab-cli executable the other ranks run
  int threads_per_process = 1;
  double timeout_seconds = 300.0;  ///< a rank silent this long ends the run (TrainingGroup)
  std::string backend;             ///< "" (the device's usual), "gloo", "nccl"
  /// While the ranks start: a stop here ends the start with DistributedError("stopped before …").
  StopToken stop;
};

class LocalTrainingGroup {
 public:
  /// Starts ranks 1 .. N−1 and joins `trainer` (rank 0) to the group. Throws DistributedError (the batch is
  /// not a multiple of N, a rank could not start or join: the message includes its log's last line).
  LocalTrainingGroup(Trainer& trainer, const LocalTrainingOptions& options);
  /// Ends ranks still running and removes the temporary folder.
  ~LocalTrainingGroup();
  LocalTrainingGroup(const LocalTrainingGroup&) = delete;
  LocalTrainingGroup& operator=(const LocalTrainingGroup&) = delete;

  /// `error` with what the other ranks say about it, e.g. "... (rank 1 was killed by signal 9 (Killed))".
  /// Waits up to 3 s for a dying rank to be reaped.
  std::string explain(const std::string& error);
  /// After rank 0's run: waits up to `seconds` for the other ranks to finish; the first failure, if any.
  std::optional<std::string> finish(double seconds = 30.0);
  int num_processes() const { return options_.num_processes; }

 private:
  LocalTrainingOptions options_;
  std::string temp_dir_;
  std::unique_ptr<LocalLauncher> launcher_;
  std::shared_ptr<TrainingGroup> group_;
};

}  // namespace difflab
