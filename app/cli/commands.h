#pragma once
// difflab-cli subcommands: one file each (command_<name>.cpp), registered in main.cpp's table.
// Each returns the process exit code; errors are thrown (CliError for usage, std::exception otherwise)
// and reported by main with the subcommand's name.

#include <string>
#include <vector>

namespace difflab::cli {

using Args = std::vector<std::string>;

struct Command {
  const char* name;
  const char* summary;
  const char* usage;  ///< full help text printed by `difflab-cli help NAME` and `NAME --help`
  int (*run)(const Args& args);
};

int run_schedule(const Args& args);
extern const char* const kScheduleUsage;
int run_train(const Args& args);
extern const char* const kTrainUsage;
int run_info(const Args& args);
extern const char* const kInfoUsage;
int run_export(const Args& args);
extern const char* const kTrainClassifierUsage;
extern const char* const kEvaluateUsage;
int run_evaluate(const Args& args);
int run_train_classifier(const Args& args);
extern const char* const kExportUsage;
int run_sample(const Args& args);
extern const char* const kSampleUsage;
int run_datasets(const Args& args);
extern const char* const kDatasetsUsage;
int run_invert(const Args& args);
extern const char* const kInvertUsage;
int run_decode(const Args& args);
extern const char* const kDecodeUsage;
int run_interpolate(const Args& args);
extern const char* const kInterpolateUsage;
int run_likelihood(const Args& args);
extern const char* const kLikelihoodUsage;
int run_vlb(const Args& args);
extern const char* const kVlbUsage;
int run_samplers(const Args& args);
extern const char* const kSamplersUsage;
int run_compare(const Args& args);
extern const char* const kCompareUsage;
int run_optimise_steps(const Args& args);
extern const char* const kOptimiseStepsUsage;
int run_animate(const Args& args);
extern const char* const kAnimateUsage;

}  // namespace difflab::cli
