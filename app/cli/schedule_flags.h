#pragma once
// The schedule flags shared by every subcommand that needs a schedule (schedule, sample with a mixture,
// train, ...): --schedule --timesteps --beta-start --beta-end --cosine-s --zero-terminal-snr.

#include "cli/arg_parser.h"
#include "schedule/noise_schedule.h"

#include <set>
#include <string>

namespace difflab::cli {

/// The valued flag names (the switch is "zero-terminal-snr").
std::set<std::string> schedule_flag_names();
ScheduleOptions schedule_options_from_flags(const ArgParser& p);
NoiseSchedule schedule_from_flags(const ArgParser& p);

}  // namespace difflab::cli
