// torchrun's and SLURM's variables to GroupOptions. See launch_environment.h.
#include "distributed/launch_environment.h"

#include <cerrno>
#include <cstdlib>

namespace difflab {

namespace {

int parse_int(const char* name, const char* value, int lo, int hi, const std::string& meaning) {
  const std::string text = value;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || end == nullptr || *end != '\0' || errno != 0 || v < lo || v > hi)
    throw DistributedError(std::string(name) + " is '" + text + "', not " + meaning + " " + std::to_string(lo) + ".." +
                           std::to_string(hi));
  return static_cast<int>(v);
}

}  // namespace

std::optional<GroupOptions> group_from_environment(const std::function<const char*(const char*)>& getenv) {
  const auto get = [&](const char* name) -> const char* {
    const char* v = getenv(name);
    return v != nullptr && *v != '\0' ? v : nullptr;
  };
  // torchrun's names win over SLURM's: a torchrun inside an srun job sets both. SLURM_STEP_NUM_TASKS, not
  // SLURM_NTASKS: only srun sets it, so a plain run inside a multi-task allocation stays one process.
  const bool torchrun = get("WORLD_SIZE") != nullptr;
  const char* world_name = torchrun ? "WORLD_SIZE" : "SLURM_STEP_NUM_TASKS";
  const char* rank_name = torchrun ? "RANK" : "SLURM_PROCID";
  const char* local_name = torchrun ? "LOCAL_RANK" : "SLURM_LOCALID";
  const char* world = get(world_name);
  if (world == nullptr) return std::nullopt;
  GroupOptions o;
  o.world_size = parse_int(world_name, world, 1, 4096, "a process count");
  if (o.world_size == 1) return std::nullopt;
  const char* rank = get(rank_name);
  if (rank == nullptr)
    throw DistributedError(std::string(world_name) + " is " + world + " but " + rank_name + " is not set");
  o.rank = parse_int(rank_name, rank, 0, o.world_size - 1, "a rank");
  const char* local = get(local_name);
  o.local_rank = local != nullptr ? parse_int(local_name, local, 0, 4095, "a local rank") : 0;
  const char* addr = get("MASTER_ADDR");
  const char* port = get("MASTER_PORT");
  if (addr == nullptr || port == nullptr)
    throw DistributedError(std::string(world_name) + " is " + world + " but " +
                           (addr == nullptr ? "MASTER_ADDR" : "MASTER_PORT") +
                           " is not set: export rank 0's address and a free port (docs/distributed.md)");
  o.master_addr = addr;
  o.master_port = parse_int("MASTER_PORT", port, 1, 65535, "a port number");
  if (const char* t = get("DIFFLAB_DIST_TIMEOUT"))
    o.timeout_seconds = parse_int("DIFFLAB_DIST_TIMEOUT", t, 1, 86400, "a timeout in seconds");
  return o;
}

}  // namespace difflab
