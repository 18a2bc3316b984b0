#pragma once
// The launch conventions a training process finds itself under:
// - torchrun / torch.distributed.launch: RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT;
// - SLURM's srun: SLURM_PROCID, SLURM_STEP_NUM_TASKS, SLURM_LOCALID, with MASTER_ADDR / MASTER_PORT exported by the batch
//   script (docs/distributed.md shows one);
// - difflab-cli train --nproc N sets the torchrun variables for the ranks it starts.
// Header-only of LibTorch: std only.

#include "distributed/process_group.h"

#include <functional>
#include <optional>
#include <string>

namespace difflab {

/// Reads the group from the environment: nullopt when neither WORLD_SIZE nor SLURM_STEP_NUM_TASKS is set, or the
/// world size is 1 (a single process needs no group). Throws DistributedError naming the variable and its
/// value when one is malformed or missing (e.g. "MASTER_PORT is 'abc', not a port number 1..65535").
/// `getenv` is a parameter for tests.
std::optional<GroupOptions> group_from_environment(const std::function<const char*(const char*)>& getenv =
                                                       [](const char* name) { return std::getenv(name); });

}  // namespace difflab
