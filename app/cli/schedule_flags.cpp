#include "cli/schedule_flags.h"

namespace difflab::cli {

std::set<std::string> schedule_flag_names() { return {"schedule", "timesteps", "beta-start", "beta-end", "cosine-s"}; }

ScheduleOptions schedule_options_from_flags(const ArgParser& p) {
  ScheduleOptions o;
  o.family = parse_schedule_family(p.get_or("schedule", "linear"));
  if (o.family == ScheduleFamily::Custom)
    throw CliError("--schedule custom is not available on the command line; use a config file");
  o.timesteps = p.get_int("timesteps", 1000);
  o.beta_start = p.get_double("beta-start", o.beta_start);
  o.beta_end = p.get_double("beta-end", o.beta_end);
  o.cosine_s = p.get_double("cosine-s", o.cosine_s);
  o.zero_terminal_snr = p.flag("zero-terminal-snr");
  return o;
}

NoiseSchedule schedule_from_flags(const ArgParser& p) {
  return NoiseSchedule::from_options(schedule_options_from_flags(p));
}

}  // namespace difflab::cli
