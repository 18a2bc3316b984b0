// Data-parallel training (core/distributed, Trainer::join): the torchrun/SLURM environment is read right or
// refused with the variable named; two processes with batch B give the weights of one process with batch B
// (difflab-cli train --nproc 2 against --nproc 1, to float32 reduction order), a 2-process checkpoint resumes in
// one process and a 1-process one in two, and a rank left out changes the result (the test can fail).
// Killed and stalled ranks: tests/cli/test_distributed.sh.
#include "distributed/launch_environment.h"
#include "distributed/local_launcher.h"
#include "distributed/process_group.h"
#include "io/checkpoint.h"
#include "model/checkpoint_metadata.h"
#include "nn/network_config.h"

#include <doctest/doctest.h>
#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

using namespace difflab;

namespace {

std::optional<GroupOptions> from(const std::map<std::string, std::string>& env) {
  return group_from_environment([&](const char* name) -> const char* {
    const auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

std::string error_of(const std::map<std::string, std::string>& env) {
  try {
    from(env);
  } catch (const DistributedError& e) {
    return e.what();
  }
  return "";
}

struct TempDir {
  std::string path = LocalLauncher::make_temp_dir("test-distributed");
  ~TempDir() { std::filesystem::remove_all(path); }
};

// difflab-cli train on two moons with an MLP: small, fast, no dropout. Gradient clipping is active (a gradient
// averaged over ranks instead of summed would clip differently); class-conditional with label dropout (the
// labels and the drop mask are sharded) and loss-history t-sampling (it samples t from the per-sample losses
// of earlier steps, assembled from all ranks: one misplaced shard changes every later batch).
int train(const std::string& args) {
  const std::string cmd = std::string(DIFFLAB_CLI) +
                          " train --dataset two-moons:512 --model mlp --batch-size 64 --lr 2e-3 --grad-clip 0.5 "
                          "--ema 0.9 --seed 11 --threads 1 --log-every 1000 --dist-timeout 60 --conditional "
                          "--p-uncond 0.2 --t-sampling loss-history " +
                          args + " > /dev/null 2>&1";
  return std::system(cmd.c_str());
}

struct Weights {
  ModelCheckpoint checkpoint;
  std::vector<torch::Tensor> net, ema;
};

Weights weights(const std::string& path) {
  Weights w;
  w.checkpoint = read_model_checkpoint(path);
  for (const char* section : {"model", "ema"}) {
    auto net = make_network(w.checkpoint.metadata.network);
    module_from_bytes(*net, w.checkpoint.sections.at(section));
    for (const auto& p : net->parameters()) (section[0] == 'm' ? w.net : w.ema).push_back(p.detach().clone());
  }
  return w;
}

// The objective's loss history (per-timestep EMA of the per-sample losses and counts) stored in a checkpoint:
// built from the per-sample losses of the whole global batch, which the ranks assemble.
std::vector<torch::Tensor> loss_history(const ModelCheckpoint& c) {
  torch::serialize::InputArchive a;
  std::istringstream in(c.sections.at("objective"));
  a.load_from(in);
  torch::Tensor history, count;
  a.read("history", history);
  a.read("history_count", count);
  return {history.to(torch::kFloat64), count.to(torch::kFloat64)};
}

// max |a − b| / max |b| over all parameters.
double relative_difference(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  REQUIRE(a.size() == b.size());
  double diff = 0, scale = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff = std::max(diff, (a[i] - b[i]).abs().max().item<double>());
    scale = std::max(scale, b[i].abs().max().item<double>());
  }
  return diff / scale;
}

}  // namespace

TEST_CASE("the torchrun and SLURM variables give the group, and bad ones are named") {
  CHECK_FALSE(from({}).has_value());
  CHECK_FALSE(from({{"WORLD_SIZE", "1"}, {"RANK", "0"}}).has_value());  // one process needs no group
  const auto t = from(
      {{"RANK", "3"}, {"WORLD_SIZE", "8"}, {"LOCAL_RANK", "1"}, {"MASTER_ADDR", "node7"}, {"MASTER_PORT", "29500"}});
  REQUIRE(t.has_value());
  CHECK(t->rank == 3);
  CHECK(t->world_size == 8);
  CHECK(t->local_rank == 1);
  CHECK(t->master_addr == "node7");
  CHECK(t->master_port == 29500);
  // Inside an allocation but not under srun: one process.
  CHECK_FALSE(from({{"SLURM_NTASKS", "16"}, {"SLURM_PROCID", "0"}}).has_value());
  const auto s = from({{"SLURM_PROCID", "5"},
                       {"SLURM_STEP_NUM_TASKS", "16"},
                       {"SLURM_LOCALID", "1"},
                       {"MASTER_ADDR", "10.0.0.1"},
                       {"MASTER_PORT", "29400"},
                       {"DIFFLAB_DIST_TIMEOUT", "20"}});
  REQUIRE(s.has_value());
  CHECK(s->rank == 5);
  CHECK(s->world_size == 16);
  CHECK(s->local_rank == 1);
  CHECK(s->timeout_seconds == 20.0);

  const std::map<std::string, std::string> good{
      {"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "127.0.0.1"}, {"MASTER_PORT", "29500"}};
  auto bad = good;
  bad["MASTER_PORT"] = "abc";
  CHECK(error_of(bad) == "MASTER_PORT is 'abc', not a port number 1..65535");
  bad = good;
  bad["RANK"] = "2";
  CHECK(error_of(bad) == "RANK is '2', not a rank 0..1");
  bad = good;
  bad.erase("MASTER_ADDR");
  CHECK(error_of(bad).find("MASTER_ADDR is not set") != std::string::npos);
  bad = good;
  bad.erase("RANK");
  CHECK(error_of(bad) == "WORLD_SIZE is 2 but RANK is not set");
  bad = good;
  bad["WORLD_SIZE"] = "-4";
  CHECK(error_of(bad).find("WORLD_SIZE is '-4'") == 0);
}

TEST_CASE("a group of one needs no peers, and a group refuses nonsense") {
  GroupOptions o;
  o.world_size = 1;
  const auto g = TrainingGroup::create(o, "cpu");
  std::vector<torch::Tensor> t{torch::ones({3})};
  g->all_reduce_sum(t, "a test tensor");
  CHECK(t[0].sum().item<double>() == 3.0);
  o.world_size = 2;
  o.rank = 2;
  CHECK_THROWS_WITH_AS(TrainingGroup::create(o, "cpu"), "rank 2 is outside 0..1", DistributedError);
  o.rank = 0;
  o.backend = "mpi";
  CHECK_THROWS_WITH_AS(TrainingGroup::create(o, "cpu"), "unknown distributed backend 'mpi' (gloo or nccl)",
                       DistributedError);
}

TEST_CASE("two processes with batch B train as one process with batch B; checkpoints resume across world sizes") {
  TempDir dir;
  const std::string one = dir.path + "/one.ckpt", two = dir.path + "/two.ckpt", half = dir.path + "/half.ckpt";
  REQUIRE(train("--steps 30 --out " + one) == 0);
  REQUIRE(train("--steps 30 --nproc 2 --out " + two) == 0);
  const Weights a = weights(one), b = weights(two);
  CHECK(b.checkpoint.metadata.step == 30);
  // Reduction order only: float32 rounding, carried through 30 AdamW steps (measured ~1e-6 here).
  const double d_net = relative_difference(b.net, a.net), d_ema = relative_difference(b.ema, a.ema);
  MESSAGE("2 processes vs 1: max relative difference " << d_net << " (weights), " << d_ema << " (EMA)");
  CHECK(d_net < 1e-4);
  CHECK(d_ema < 1e-4);
  // Every sample's loss reached the history (and the per-timestep buckets) at its own place.
  const auto ha = loss_history(a.checkpoint), hb = loss_history(b.checkpoint);
  CHECK(hb[1].sum().item<double>() == 30.0 * 64);
  CHECK(torch::equal(hb[1], ha[1]));
  CHECK(relative_difference({hb[0]}, {ha[0]}) < 1e-4);
  // The global batch's loss, not one shard's.
  CHECK(*b.checkpoint.metadata.last_loss == doctest::Approx(*a.checkpoint.metadata.last_loss).epsilon(1e-5));

  // Without the other rank's half of the batch the run is far away: the comparison above can fail.
  REQUIRE(train("--steps 30 --batch-size 32 --out " + half) == 0);
  CHECK(relative_difference(weights(half).net, a.net) > 100 * std::max(d_net, 1e-7));

  // A 2-process checkpoint continues in 1 process, and a 1-process one in 2, to the same weights.
  const std::string one40 = dir.path + "/one40.ckpt", two40 = dir.path + "/two40.ckpt";
  std::filesystem::copy_file(one, one40);
  std::filesystem::copy_file(two, two40);
  REQUIRE(train("--steps 40 --resume " + two40) == 0);
  REQUIRE(train("--steps 40 --nproc 2 --resume " + one40) == 0);
  const Weights c = weights(two40), d = weights(one40);
  CHECK(c.checkpoint.metadata.step == 40);
  CHECK(d.checkpoint.metadata.step == 40);
  CHECK(relative_difference(c.net, d.net) < 1e-4);
  CHECK(relative_difference(c.ema, d.ema) < 1e-4);
}

TEST_CASE("a batch that does not split evenly is refused with both numbers") {
  TempDir dir;
  const std::string cmd = std::string(DIFFLAB_CLI) +
                          " train --dataset two-moons:256 --model mlp --batch-size 63 --steps 2 --threads 1 --nproc 2 "
                          "--out " +
                          dir.path + "/x.ckpt 2> " + dir.path + "/err";
  CHECK(std::system(cmd.c_str()) != 0);
  std::ifstream in(dir.path + "/err");
  const std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(err.find("the batch size 63 is not a multiple of the number of processes 2") != std::string::npos);
}
