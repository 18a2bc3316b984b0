// difflab-cli export: a Diffusion Lab checkpoint as safetensors weights plus a sidecar JSON, for Python
// (safetensors.torch.load_file into the matching module; docs/import.md) and for `--model` of every command.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "model/imported_model.h"

#include <iostream>

namespace difflab::cli {

const char* const kExportUsage =
    "difflab-cli export --model CKPT --out FILE.safetensors [--no-ema]\n"
    "  Writes the checkpoint's network weights (EMA unless --no-ema) as safetensors, float32, with our parameter\n"
    "  names, and the sidecar FILE.json that says what the weights are: network, schedule, prediction, data and\n"
    "  class names. Both open again with --model FILE.safetensors; Python reads the weights with\n"
    "  safetensors.torch.load_file (docs/import.md).\n";

int run_export(const Args& args) {
  const ArgParser p(args, {"model", "out"}, {"no-ema"});
  const ExportReport r = export_safetensors(p.required("model"), p.required("out"), !p.flag("no-ema"));
  std::cout << "wrote " << r.weights << " (" << r.tensors << " tensors, " << r.parameters << " parameters, "
            << (r.ema ? "EMA" : "raw") << " weights) and " << r.sidecar << '\n';
  return 0;
}

}  // namespace difflab::cli
