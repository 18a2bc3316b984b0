// difflab-cli: the command-line twin of Diffusion Lab. Runs on machines without Qt (GPU servers).
#include "base/error_text.h"
#include "cli/arg_parser.h"
#include "cli/commands.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <iostream>

namespace difflab::cli {
namespace {

const Command kCommands[] = {
    {"schedule", "write a noise schedule table as CSV", kScheduleUsage, run_schedule},
    {"train", "train a diffusion model, writing a checkpoint", kTrainUsage, run_train},
    {"train-classifier", "train a noise-conditional classifier p(y | x_t, t) for guidance and metrics",
     kTrainClassifierUsage, run_train_classifier},
    {"evaluate", "Fréchet distance, precision/recall and class accuracy of a model's samples", kEvaluateUsage,
     run_evaluate},
    {"info", "verify and describe a checkpoint", kInfoUsage, run_info},
    {"export",
     "write a checkpoint as safetensors, torch.save or TorchScript (with a sidecar), or an inference checkpoint",
     kExportUsage, run_export},
    {"sample", "generate samples (NPY, PNG grid) from a checkpoint or a mixture", kSampleUsage, run_sample},
    {"samplers", "list the samplers, their parameters and the timestep spacings", kSamplersUsage, run_samplers},
    {"compare", "sampler x spacing x steps table of distances to the data (CSV)", kCompareUsage, run_compare},
    {"optimise-steps", "search the step times that best match the exact ODE (custom spacing JSON)", kOptimiseStepsUsage,
     run_optimise_steps},
    {"datasets", "list the built-in datasets, or describe one (--describe SPEC)", kDatasetsUsage, run_datasets},
    {"invert", "encode data to latents along the probability-flow ODE", kInvertUsage, run_invert},
    {"decode", "decode latents to data along the probability-flow ODE", kDecodeUsage, run_decode},
    {"interpolate", "slerp/lerp between two latents, decoded to frames (NPY, GIF)", kInterpolateUsage, run_interpolate},
    {"likelihood", "probability-flow ODE log-likelihood in nats and bits/dim", kLikelihoodUsage, run_likelihood},
    {"vlb", "the DDPM variational bound split into per-timestep terms", kVlbUsage, run_vlb},
    {"animate", "the forward chain, reverse chain or an interpolation as GIF, MP4 or PNG frames", kAnimateUsage,
     run_animate},
};

void print_help() {
  std::cout << "difflab-cli " << DIFFLAB_VERSION << " — Diffusion Lab on the command line\n\n"
            << "usage: difflab-cli COMMAND [OPTIONS]\n"
            << "       difflab-cli help COMMAND | COMMAND --help\n"
            << "       difflab-cli --version\n\ncommands:\n";
  size_t width = 0;  // the longest name plus two spaces, so no name runs into its summary
  for (const auto& c : kCommands) width = std::max(width, std::strlen(c.name) + 2);
  for (const auto& c : kCommands)
    std::cout << "  " << c.name << std::string(width - std::strlen(c.name), ' ') << c.summary << '\n';
  std::cout << "\nDetailed help for every command:\n";
  for (const auto& c : kCommands) std::cout << "\n" << c.usage;
}

const Command* find(const std::string& name) {
  for (const auto& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace
}  // namespace difflab::cli

int main(int argc, char** argv) {
  using namespace difflab::cli;
  Args args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    print_help();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "difflab-cli " << DIFFLAB_VERSION << '\n';
    return 0;
  }
  if (args[0] == "help") {
    const Command* c = args.size() > 1 ? find(args[1]) : nullptr;
    if (!c) {
      print_help();
      return args.size() > 1 ? 2 : 0;
    }
    std::cout << c->usage;
    return 0;
  }
  const Command* cmd = find(args[0]);
  if (!cmd) {
    std::cerr << "difflab-cli: unknown command '" << args[0] << "' (try difflab-cli --help)\n";
    return 2;
  }
  Args rest(args.begin() + 1, args.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      std::cout << cmd->usage;
      return 0;
    }
  try {
    return cmd->run(rest);
  } catch (const CliError& e) {
    std::cerr << "difflab-cli " << cmd->name << ": " << difflab::user_message(e.what()) << "\n\n" << cmd->usage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "difflab-cli " << cmd->name << ": error: " << difflab::user_message(e.what()) << '\n';
    return 1;
  }
}
