// difflab-cli datasets: lists the built-in datasets, or loads one spec and describes it.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "io/npy.h"
#include "data/dataset_catalog.h"

#include <torch/torch.h>

#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kDatasetsUsage =
    "difflab-cli datasets [--describe SPEC [--seed S] [--out DATA.npy]]\n"
    "  Lists the built-in datasets (Fashion-MNIST, the 2-D toy sets, the Gaussian-mixture presets) and the\n"
    "  specs that read your own files. --describe loads SPEC and prints its size, sample shape, value range and\n"
    "  classes with their counts; --seed picks the draw of a toy set (default 0, as `train` uses); --out writes\n"
    "  the samples as float32 NPY [N, ...] in the data's own scale (a --reference for compare and sample checks;\n"
    "  take another --seed than training for an independent draw).\n"
    "  SPEC: fashion-mnist[:train|test] | idx:IMAGES_FILE[,LABELS_FILE] | cifar10:FILE_OR_DIR[:train|test]\n"
    "        | folder:DIR@SIZE | two-moons|swiss-roll|8gaussians|checkerboard|rings[:N] | gmm:FILE.json|PRESET[:N]\n"
    "        (N points, default 4096). See docs/file-formats.md.\n";

namespace {

std::string kind_name(DataKind k) { return k == DataKind::Images ? "images" : "points"; }

void list_builtin() {
  std::cout << std::left << std::setw(22) << "SPEC" << std::setw(8) << "KIND"
            << "DESCRIPTION\n";
  for (const DatasetInfo& info : builtin_datasets())
    std::cout << std::setw(22) << info.spec << std::setw(8) << kind_name(info.kind) << info.description << '\n';
  std::cout << "\nYour own files: idx:IMAGES,LABELS  cifar10:FILE_OR_DIR[:test]  folder:DIR@SIZE  gmm:FILE.json[:N]\n"
            << "Toy sets take a point count, e.g. two-moons:10000 (default 4096).\n";
}

void describe(const std::string& spec, uint64_t seed, const std::string& out) {
  const Dataset d = load_dataset(spec, seed);
  if (!out.empty()) {
    write_npy(out, d.data.to(torch::kFloat32).contiguous());
    std::cerr << "wrote " << out << " (" << d.size() << " samples, float32, the data's own scale)\n";
  }
  std::ostringstream shape;
  for (size_t i = 0; i < d.sample_shape().size(); ++i) shape << (i ? "×" : "") << d.sample_shape()[i];
  const at::Tensor x = d.data.to(torch::kFloat64);
  std::cout << std::left << std::setw(13) << "spec" << spec << '\n'
            << std::setw(13) << "name" << d.name << '\n'
            << std::setw(13) << "kind" << kind_name(d.kind) << " (" << d.data.dtype() << ")\n"
            << std::setw(13) << "size" << d.size() << '\n'
            << std::setw(13) << "sample shape" << shape.str() << '\n'
            << std::setw(13) << "values"
            << "min " << x.min().item<double>() << ", max " << x.max().item<double>() << ", mean "
            << x.mean().item<double>() << ", std " << x.std().item<double>() << '\n';
  if (d.kind == DataKind::Points && d.sample_shape()[0] > 1) {
    std::cout << std::setw(13) << "mean vector";
    const at::Tensor m = x.mean(0);
    for (int64_t i = 0; i < m.numel(); ++i) std::cout << (i ? ", " : "") << m[i].item<double>();
    std::cout << '\n';
  }
  const int64_t unlabelled = d.labels.defined() ? d.labels.lt(0).sum().item<int64_t>() : d.size();
  std::cout << std::setw(13) << "classes" << d.class_names.size();
  if (unlabelled) std::cout << " (" << unlabelled << " samples unlabelled)";
  std::cout << '\n';
  for (size_t c = 0; c < d.class_names.size(); ++c)
    std::cout << "  " << std::right << std::setw(3) << c << "  " << std::left << std::setw(20) << d.class_names[c]
              << d.indices_of_class(static_cast<int64_t>(c)).size() << '\n';
}

}  // namespace

int run_datasets(const Args& args) {
  ArgParser p(args, {"describe", "seed", "out"}, {});
  if (!p.has("describe")) {
    if (p.has("seed") || p.has("out")) throw CliError("--seed and --out only apply with --describe");
    list_builtin();
    return 0;
  }
  describe(p.required("describe"), static_cast<uint64_t>(p.get_int("seed", 0)), p.get_or("out", ""));
  return 0;
}

}  // namespace difflab::cli
