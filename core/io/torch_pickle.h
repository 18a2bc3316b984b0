#pragma once
// The tensors of a file written by torch.save (the zip format, PyTorch ≥ 1.6), read without Python and without
// running any pickled code: a small pickle machine (protocol ≤ 2 opcodes, as torch.save writes them) that only
// builds data — dicts, lists, tuples, strings, numbers — and tensors, through torch._utils._rebuild_tensor_v2
// and _rebuild_parameter. Every other global becomes an inert object with its constructor arguments and state.
// (LibTorch 1.13's own torch::pickle_load turns the OrderedDict of a state_dict into None.)
//
// What it finds (read_torch_state_dict):
//   * a state_dict: a dict or OrderedDict of name → tensor;
//   * a dict holding one under "state_dict", "model_state_dict", "model" or "ema" (training scripts' checkpoints);
//   * a whole nn.Module (torch.save(model), the lecture notebook's way): its _parameters, _buffers (persistent
//     ones) and _modules walked into the names state_dict() would give.
// Faults throw TorchPickleError naming the file and the fault (not a zip, an unsupported opcode, a storage
// record missing or of the wrong size, a tensor view outside its storage, nothing tensor-like inside).

#include <ATen/core/Tensor.h>

#include <map>
#include <stdexcept>
#include <string>

namespace difflab {

struct TorchPickleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct TorchStateDict {
  std::map<std::string, at::Tensor> tensors;
  std::string found;  ///< what held them: "state_dict", "dict entry 'model'", "module __main__.Net", …
};

/// Reads the state_dict of a torch.save zip file. Throws TorchPickleError.
TorchStateDict read_torch_state_dict(const std::string& path);
/// True when `bytes` are a torch.save zip (a zip with a "data.pkl" record).
bool looks_like_torch_zip(const std::string& bytes);

}  // namespace difflab
