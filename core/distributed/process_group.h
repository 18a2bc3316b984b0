#pragma once
// TrainingGroup: the processes of one data-parallel training run, on PyTorch's own distributed package (c10d):
// a TCPStore rendezvous at MASTER_ADDR:MASTER_PORT, then Gloo (CPU tensors; also CUDA ones, through the host)
// or NCCL (CUDA, where the LibTorch found at build time has it). This is what torch.distributed and DDP use
// (Li et al. 2020, "PyTorch Distributed: Experiences on Accelerating Data Parallel Training", VLDB); no
// home-made protocol.
//
// Errors: every collective that fails (a rank died: the connection closes at once; a rank stalled: after
// GroupOptions::timeout_seconds) throws DistributedError with one line naming the collective, the group and
// c10d's own words, never a backtrace. After such an error the group is unusable.
//
// Threading: one thread at a time per group. c10d headers stay in the .cpp.

#include <torch/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace difflab {

/// A collective failed, the rendezvous did not complete, or the group's configuration is wrong.
struct DistributedError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Where a process stands in its group: torchrun's RANK / WORLD_SIZE / LOCAL_RANK / MASTER_ADDR / MASTER_PORT.
struct GroupOptions {
  int rank = 0;        ///< 0 .. world_size − 1; rank 0 hosts the TCPStore
  int world_size = 1;  ///< number of processes
  int local_rank = 0;  ///< index on this machine (the CUDA device a rank uses)
  std::string master_addr = "127.0.0.1";
  int master_port = 0;  ///< 0 (rank 0 only): the system picks a free port, reported to on_store_ready
  /// "gloo", "nccl", or "" for the device's usual one (NCCL on CUDA where built with it, else Gloo).
  std::string backend;
  /// A rank that does not answer a collective within this many seconds ends the run with an error.
  double timeout_seconds = 300.0;
};

/// The backends this build has: "gloo" and/or "nccl" (empty: built without distributed support).
std::vector<std::string> available_backends();

class TrainingGroup {
 public:
  /// Joins (rank 0: creates) the group described by `options` for tensors on `device` ("cpu", "cuda:N").
  /// Rank 0 starts the TCPStore first and then calls on_store_ready(port) (the port really bound, useful
  /// when master_port is 0: a local launcher starts the other ranks there). Blocks until every rank has
  /// joined or the timeout passes. While rank 0 waits for the others it polls abort_check every 50 ms: a
  /// message from it (a rank has died, the user stopped) ends the wait with that message at once. Throws
  /// DistributedError (bad options, no such backend, rendezvous failed or aborted).
  static std::shared_ptr<TrainingGroup> create(const GroupOptions& options, const std::string& device,
                                               const std::function<void(int port)>& on_store_ready = {},
                                               const std::function<std::optional<std::string>()>& abort_check = {});
  ~TrainingGroup();
  TrainingGroup(const TrainingGroup&) = delete;
  TrainingGroup& operator=(const TrainingGroup&) = delete;

  int rank() const;
  int world_size() const;
  int local_rank() const;
  const std::string& backend() const;  ///< "gloo" or "nccl"
  double timeout_seconds() const;

  /// In-place element-wise sum over all ranks of each tensor (dense, contiguous, all on one device). All
  /// tensors are launched before any is waited on, so buckets overlap on the wire. `what` names the data in
  /// errors ("the gradients at step 12").
  void all_reduce_sum(std::vector<torch::Tensor>& tensors, const std::string& what);
  /// In-place element-wise maximum over all ranks.
  void all_reduce_max(std::vector<torch::Tensor>& tensors, const std::string& what);
  /// In-place: every rank receives rank 0's values.
  void broadcast_from_rank0(std::vector<torch::Tensor>& tensors, const std::string& what);

 private:
  struct Impl;
  explicit TrainingGroup(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace difflab
