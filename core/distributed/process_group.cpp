// TrainingGroup on c10d: TCPStore rendezvous, ProcessGroupGloo or ProcessGroupNCCL. See process_group.h.
#include "distributed/process_group.h"

#include "base/error_text.h"

#include <torch/torch.h>

#ifdef DIFFLAB_HAVE_GLOO
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO 1
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#ifdef DIFFLAB_HAVE_NCCL
#ifndef USE_C10D_NCCL
#define USE_C10D_NCCL 1
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/version.h>
#endif

#include <chrono>
#include <thread>
#include <cstdlib>

namespace difflab {

std::vector<std::string> available_backends() {
  std::vector<std::string> b;
#ifdef DIFFLAB_HAVE_GLOO
  b.emplace_back("gloo");
#endif
#ifdef DIFFLAB_HAVE_NCCL
  b.emplace_back("nccl");
#endif
  return b;
}

#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
// LibTorch 1.13's ProcessGroupGloo/NCCL derive from c10d::ProcessGroup; in 2.x they are c10d::Backends (with
// the same allreduce/broadcast), wrapped by a ProcessGroup that this code does not need.
#if TORCH_VERSION_MAJOR >= 2
using CollectiveBackend = c10d::Backend;
#else
using CollectiveBackend = c10d::ProcessGroup;
#endif
#endif

struct TrainingGroup::Impl {
  GroupOptions options;
  std::string backend;
  std::string where;  // "rank 0 of 2 (gloo, 127.0.0.1:29500)" for errors
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<CollectiveBackend> pg;
#endif
  bool broken = false;

  /// Runs a collective; any failure becomes one DistributedError line and marks the group broken.
  template <typename F>
  void collective(const std::string& what, F&& f) {
    if (broken) throw DistributedError("the training group (" + where + ") failed earlier; " + what + " not sent");
    try {
      f();
    } catch (const std::exception& e) {
      broken = true;
      std::string cause = user_message(e.what());
      if (const size_t nl = cause.find('\n'); nl != std::string::npos) cause.erase(nl);
      // Gloo prefixes its source location ("[./gloo/transport/tcp/pair.cc:598] "): not for users.
      if (!cause.empty() && cause[0] == '[')
        if (const size_t end = cause.find("] "); end != std::string::npos && cause.find(".cc:") < end)
          cause.erase(0, end + 2);
      const bool timed_out = cause.find("imed out") != std::string::npos || cause.find("imeout") != std::string::npos;
      throw DistributedError(
          std::string(timed_out ? "a rank did not answer within " + c10::str(options.timeout_seconds) + " s"
                                : "a rank left the run") +
          " while exchanging " + what + " (" + where + "): " + cause);
    }
  }
};

TrainingGroup::TrainingGroup(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TrainingGroup::~TrainingGroup() = default;

int TrainingGroup::rank() const { return impl_->options.rank; }
int TrainingGroup::world_size() const { return impl_->options.world_size; }
int TrainingGroup::local_rank() const { return impl_->options.local_rank; }
const std::string& TrainingGroup::backend() const { return impl_->backend; }
double TrainingGroup::timeout_seconds() const { return impl_->options.timeout_seconds; }

std::shared_ptr<TrainingGroup> TrainingGroup::create(const GroupOptions& o, const std::string& device,
                                                     const std::function<void(int)>& on_store_ready,
                                                     const std::function<std::optional<std::string>()>& abort_check) {
  if (o.world_size < 1 || o.world_size > 4096)
    throw DistributedError("the world size must lie in 1..4096, got " + std::to_string(o.world_size));
  if (o.rank < 0 || o.rank >= o.world_size)
    throw DistributedError("rank " + std::to_string(o.rank) + " is outside 0.." + std::to_string(o.world_size - 1));
  if (o.master_port < 0 || o.master_port > 65535 || (o.master_port == 0 && o.rank != 0))
    throw DistributedError("the master port must lie in 1..65535, got " + std::to_string(o.master_port));
  if (!(o.timeout_seconds > 0))
    throw DistributedError("the timeout must be positive, got " + c10::str(o.timeout_seconds) + " s");
  const bool cuda = device.rfind("cuda", 0) == 0;
  std::string backend = o.backend;
  const auto have = available_backends();
  const auto has = [&](const std::string& b) { return std::find(have.begin(), have.end(), b) != have.end(); };
  if (backend.empty()) backend = cuda && has("nccl") ? "nccl" : "gloo";
  if (backend != "gloo" && backend != "nccl")
    throw DistributedError("unknown distributed backend '" + backend + "' (gloo or nccl)");
  if (!has(backend))
    throw DistributedError("this build of Diffusion Lab has no " + backend +
                           " backend (its LibTorch was found without it" +
                           (backend == "gloo" ? std::string(": install libgloo-dev and rebuild)") : std::string(")")));
  if (backend == "nccl" && !cuda) throw DistributedError("the nccl backend needs a CUDA device, not '" + device + "'");

  auto impl = std::make_unique<Impl>();
  impl->options = o;
  impl->backend = backend;
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
  const auto timeout = std::chrono::milliseconds(static_cast<int64_t>(o.timeout_seconds * 1000.0));
  try {
    c10d::TCPStoreOptions so;
    so.port = static_cast<std::uint16_t>(o.master_port);
    so.isServer = o.rank == 0;
    so.waitWorkers = false;  // ranks meet in the process group's own rendezvous below
    so.timeout = timeout;
    auto store = c10::make_intrusive<c10d::TCPStore>(o.master_addr, so);
    impl->options.master_port = store->getPort();
    impl->store = store;
  } catch (const std::exception& e) {
    throw DistributedError("cannot " + std::string(o.rank == 0 ? "open" : "reach") + " the rendezvous at " +
                           o.master_addr + ":" + std::to_string(o.master_port) +
                           " (MASTER_ADDR:MASTER_PORT): " + user_message(e.what()).substr(0, 300));
  }
  impl->where = "rank " + std::to_string(o.rank) + " of " + std::to_string(o.world_size) + ", " + backend + ", " +
                o.master_addr + ":" + std::to_string(impl->options.master_port);
  if (o.rank == 0 && on_store_ready) on_store_ready(impl->options.master_port);
  // Every rank checks in once it is ready; rank 0 waits for all in short polls, so that a rank that failed
  // (abort_check) or a stop ends the wait at once instead of after the whole timeout inside c10d.
  const std::string ready = "difflab/ready/";
  try {
    if (o.rank != 0) {
      impl->store->set(ready + std::to_string(o.rank), std::vector<uint8_t>{1});
    } else {
      std::vector<std::string> keys;
      for (int r = 1; r < o.world_size; ++r) keys.push_back(ready + std::to_string(r));
      const auto deadline = std::chrono::steady_clock::now() + timeout;
      while (!keys.empty() && !impl->store->check(keys)) {
        if (abort_check)
          if (const auto why = abort_check()) throw DistributedError(*why);
        if (std::chrono::steady_clock::now() > deadline)
          throw DistributedError("the other ranks did not join within " + c10::str(o.timeout_seconds) + " s");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  } catch (const DistributedError&) {
    throw;
  } catch (const std::exception& e) {
    throw DistributedError("rank " + std::to_string(o.rank) + " could not check in at " + o.master_addr + ":" +
                           std::to_string(impl->options.master_port) + ": " + user_message(e.what()).substr(0, 300));
  }
  try {
#ifdef DIFFLAB_HAVE_NCCL
    if (backend == "nccl") {
      // Without blocking wait, a collective whose peer died never returns to the host: the next copy to the
      // CPU hangs until NCCL's watchdog aborts the process. With it, wait() throws after the timeout.
      setenv("TORCH_NCCL_BLOCKING_WAIT", "1", 0);
      setenv("NCCL_BLOCKING_WAIT", "1", 0);
      auto opts = c10d::ProcessGroupNCCL::Options::create();
      opts->timeout = timeout;
      impl->pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(impl->store, o.rank, o.world_size, opts);
    }
#endif
#ifdef DIFFLAB_HAVE_GLOO
    if (backend == "gloo") {
      auto opts = c10d::ProcessGroupGloo::Options::create(timeout);
      // The interface that reaches MASTER_ADDR; loopback for a local group.
      const bool local = o.master_addr == "127.0.0.1" || o.master_addr == "localhost";
      opts->devices.push_back(local ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                                    : c10d::ProcessGroupGloo::createDefaultDevice());
      opts->threads = 2;
      impl->pg = c10::make_intrusive<c10d::ProcessGroupGloo>(impl->store, o.rank, o.world_size, opts);
    }
#endif
  } catch (const std::exception& e) {
    throw DistributedError("rank " + std::to_string(o.rank) + " could not join the " + std::to_string(o.world_size) +
                           "-process group at " + o.master_addr + ":" + std::to_string(impl->options.master_port) +
                           " within " + c10::str(o.timeout_seconds) + " s: " + user_message(e.what()).substr(0, 300));
  }
#else
  (void)on_store_ready;
  (void)abort_check;
#endif
  return std::shared_ptr<TrainingGroup>(new TrainingGroup(std::move(impl)));
}

namespace {
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
// Launches `start` on each tensor (one c10d work item each), then waits for all of them.
template <typename Start>
void launch_then_wait(std::vector<torch::Tensor>& tensors, Start&& start) {
  std::vector<c10::intrusive_ptr<c10d::Work>> work;
  std::vector<std::vector<at::Tensor>> lists;
  lists.reserve(tensors.size());
  for (auto& t : tensors) {
    lists.push_back({t});
    work.push_back(start(lists.back()));
  }
  for (auto& w : work) w->wait();
}

void run_all(CollectiveBackend& pg, std::vector<torch::Tensor>& tensors, c10d::ReduceOp op) {
  c10d::AllreduceOptions ao;
  ao.reduceOp = op;
  launch_then_wait(tensors, [&](std::vector<at::Tensor>& list) { return pg.allreduce(list, ao); });
}
#endif
}  // namespace

void TrainingGroup::all_reduce_sum(std::vector<torch::Tensor>& tensors, const std::string& what) {
  if (tensors.empty()) return;
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
  impl_->collective(what, [&] { run_all(*impl_->pg, tensors, c10d::ReduceOp::SUM); });
#endif
}

void TrainingGroup::all_reduce_max(std::vector<torch::Tensor>& tensors, const std::string& what) {
  if (tensors.empty()) return;
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
  impl_->collective(what, [&] { run_all(*impl_->pg, tensors, c10d::ReduceOp::MAX); });
#endif
}

void TrainingGroup::broadcast_from_rank0(std::vector<torch::Tensor>& tensors, const std::string& what) {
  if (tensors.empty()) return;
#if defined(DIFFLAB_HAVE_GLOO) || defined(DIFFLAB_HAVE_NCCL)
  impl_->collective(what, [&] {
    c10d::BroadcastOptions bo;
    bo.rootRank = 0;
    launch_then_wait(tensors, [&](std::vector<at::Tensor>& list) { return impl_->pg->broadcast(list, bo); });
  });
#endif
}

}  // namespace difflab
