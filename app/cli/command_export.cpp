// difflab-cli export: a Diffusion Lab checkpoint as safetensors or torch.save weights, or as a traced TorchScript
// module, each with a sidecar JSON, for Python (safetensors.torch.load_file / torch.load into the matching module,
// torch.jit.load; docs/import.md) and for `--model` of every command; or as an inference checkpoint.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "io/json_text.h"
#include "data/file_bytes.h"
#include "model/imported_model.h"
#include "model/inference_checkpoint.h"
#include "model/model_zoo.h"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kExportUsage =
    "difflab-cli export --model CKPT --out FILE [--format safetensors|pt|torchscript|ckpt] [--no-ema]\n"
    "  --format defaults to what FILE's extension names (.safetensors; .pt or .pth: pt; .ckpt).\n"
    "  safetensors, pt: the checkpoint's network weights (EMA unless --no-ema), float32, with our parameter\n"
    "  names, as safetensors or in torch.save's format, and the sidecar FILE.json that says what the weights\n"
    "  are: network, schedule, prediction, data and class names. Python reads the weights with\n"
    "  safetensors.torch.load_file or torch.load (docs/import.md).\n"
    "  torchscript: the network traced into a TorchScript module (float32, CPU) that runs without Diffusion Lab:\n"
    "  torch.jit.load(FILE)(x_t, t[, y]) at any batch size; the sidecar holds sample_shape, schedule,\n"
    "  prediction, data and class names.\n"
    "  All of them open again with --model FILE.\n"
    "difflab-cli export --model CKPT --out FILE.ckpt [--bf16] [--recipe CONFIG.json] [--command TEXT]\n"
    "                   [--commit SHA] [--quality REPORT.json[,REPORT.json...]]\n"
    "  Writes an inference checkpoint, as the model zoo ships them (docs/models.md): the EMA weights and the\n"
    "  metadata a sampler needs, without the optimiser state (a third of a training checkpoint's size, a sixth\n"
    "  with --bf16, which stores every weight rounded to bfloat16). --recipe stores the training config,\n"
    "  --command and --commit how it was run, --quality the JSON reports of difflab-cli evaluate; `info` shows\n"
    "  them. It samples like the original (--model FILE.ckpt) but cannot resume training.\n";

namespace {

nlohmann::json read_json_file(const std::string& path, const char* flag) {
  try {
    return parse_json_text(read_file_bytes(path));
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("--") + flag + " " + path + ": " + e.what());
  }
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int run_export(const Args& args) {
  const ArgParser p(args, {"model", "out", "format", "recipe", "command", "commit", "quality"}, {"no-ema", "bf16"});
  const std::string out = p.required("out");
  const std::string by_extension = ends_with(out, ".ckpt")                           ? "ckpt"
                                   : ends_with(out, ".safetensors")                  ? "safetensors"
                                   : ends_with(out, ".pt") || ends_with(out, ".pth") ? "pt"
                                                                                     : "";
  const std::string format = p.get_or("format", by_extension);
  if (format != "safetensors" && format != "pt" && format != "torchscript" && format != "ckpt")
    throw std::invalid_argument(
        p.has("format") ? "--format " + format + ": expected safetensors, pt, torchscript or ckpt"
                        : "--out " + out + ": the extension names the format (.safetensors, " +
                              ".pt or .pth for torch.save, .ckpt for an inference " + "checkpoint); or give --format");
  if (format == "torchscript" && (by_extension == "ckpt" || by_extension == "safetensors" || ends_with(out, ".json")))
    throw std::invalid_argument("--out " + out + ": that name says another format; name a TorchScript module .pt");
  // Nothing export writes may replace its input (a training checkpoint) or one of its own files.
  {
    namespace fs = std::filesystem;
    const auto same = [](const fs::path& a, const fs::path& b) {
      std::error_code ec;
      return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec) && !ec;
    };
    const fs::path model = resolve_model_path(p.required("model"));
    const fs::path sidecar = fs::path(out).parent_path() / (fs::path(out).stem().string() + ".json");
    if (same(out, model))
      throw std::invalid_argument("--out " + out +
                                  " is the model itself: give another name, export never overwrites "
                                  "its input");
    if (format != "ckpt" && same(sidecar, model))
      throw std::invalid_argument("--out " + out + ": its sidecar " + sidecar.string() + " would overwrite the model");
  }
  if (format != "torchscript" && format != by_extension)
    throw std::invalid_argument("--format " + format + " with --out " + out + ": " +
                                (by_extension.empty() ? std::string("give --out the format's extension")
                                                      : "the extension says " + by_extension));
  std::error_code ec;
  if (std::filesystem::is_directory(resolve_model_path(p.required("model")), ec))
    throw std::invalid_argument("--model " + p.required("model") + ": export takes a Diffusion Lab checkpoint " +
                                "(.ckpt); this is a folder");
  if (format == "ckpt") {
    if (p.flag("no-ema")) throw std::invalid_argument("--no-ema: an inference checkpoint always takes the EMA weights");
    InferenceExportOptions o;
    o.bf16 = p.flag("bf16");
    if (p.has("recipe") || p.has("command") || p.has("commit")) {
      o.recipe = nlohmann::json::object();
      if (p.has("recipe")) o.recipe["config"] = read_json_file(p.required("recipe"), "recipe");
      if (p.has("command")) o.recipe["command"] = p.required("command");
      if (p.has("commit")) o.recipe["commit"] = p.required("commit");
    }
    if (p.has("quality")) {
      o.quality = nlohmann::json::array();
      std::stringstream list(p.required("quality"));
      for (std::string file; std::getline(list, file, ',');)
        if (!file.empty()) {
          const nlohmann::json q = read_json_file(file, "quality");  // one report, or a list of them
          if (q.is_array())
            for (const auto& entry : q) o.quality.push_back(entry);
          else
            o.quality.push_back(q);
        }
    }
    const InferenceExportReport r = write_inference_checkpoint(p.required("model"), out, o);
    std::cout << "wrote " << out << " (" << r.parameters << " parameters, " << (r.ema ? "EMA" : "raw")
              << " weights of step " << r.step << ", " << (o.bf16 ? "bfloat16" : "float32") << ", " << std::fixed
              << std::setprecision(1) << double(r.bytes) / 1e6 << " MB)\n";
    return 0;
  }
  if (p.has("recipe") || p.has("command") || p.has("commit") || p.has("quality") || p.flag("bf16"))
    throw std::invalid_argument(
        "--bf16, --recipe, --command, --commit and --quality apply to an inference checkpoint: "
        "give --out a .ckpt name");
  const ExportReport r = format == "torchscript" ? export_torchscript(p.required("model"), out, !p.flag("no-ema"))
                                                 : export_safetensors(p.required("model"), out, !p.flag("no-ema"));
  std::cout << "wrote " << r.weights << (format == "torchscript" ? " (TorchScript, " : " (") << r.tensors
            << " tensors, " << r.parameters << " parameters, " << (r.ema ? "EMA" : "raw") << " weights) and "
            << r.sidecar << '\n';
  return 0;
}

}  // namespace difflab::cli
