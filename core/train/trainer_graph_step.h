#pragma once
// Internal to difflab_train: the state of Trainer's device-side step, shared by trainer.cpp (whose
// constructor and destructor need the complete type) and trainer_captured_step.cpp.

#include "device/captured_cuda_work.h"
#include "train/trainer.h"

#include <torch/types.h>

#include <string>
#include <vector>

namespace difflab {

/// The device-side step (TrainerOptions::cuda_graph): static inputs and outputs that a captured graph reads and
/// writes, the optimiser tensors it updates in place, and the scalars uploaded before each run.
struct Trainer::GraphStep {
  enum Scalar { kStepSize, kSqrtBc2, kDecay, kEmaDecay, kEmaRest, kBeta1, kBeta2, kEnabled, kScalarCount };
  int64_t batch = 0;
  bool has_y = false;
  torch::Tensor x0, eps, a, s, t, y, w;  // a = √ᾱ_t, s = √(1 − ᾱ_t), shaped [B, 1, ...]; w: loss weight per sample
  torch::Tensor scalars;                 // float32 [kScalarCount] on the device
  torch::Tensor result;                  // float32 [2 + B]: loss, global gradient norm, per-sample losses
  std::vector<torch::Tensor> params, exp_avg, exp_avg_sq;
  std::vector<torch::Tensor> grads;  // the gradient tensors the captured graph writes (checked before a replay)
  std::string settings;              // the options a captured graph has baked in (compared before a replay)
  bool trusted_labels = false;       // while capturing: the labels were checked by the eager warm-up
  CapturedCudaWork graph;
};

}  // namespace difflab
