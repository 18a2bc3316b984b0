// difflab-cli schedule: writes a noise schedule as CSV, one row per training step, least noisy first.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/schedule_flags.h"
#include "io/atomic_file.h"
#include "schedule/noise_schedule.h"

#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kScheduleUsage =
    "difflab-cli schedule --schedule NAME --timesteps T [--beta-start B0 --beta-end B1]\n"
    "                     [--cosine-s S] [--zero-terminal-snr] --out FILE.csv\n"
    "  Writes one row per training step t = 1..T (least noisy first) with the columns\n"
    "  t,beta,alpha,alpha_bar,sqrt_alpha_bar,sqrt_one_minus_alpha_bar,log_snr,sigma,posterior_variance\n"
    "  NAME: linear | scaled-linear | cosine | sigmoid. Defaults: T = 1000, B0 = 1e-4, B1 = 0.02, S = 0.008.\n"
    "  --out - writes to standard output.\n";

int run_schedule(const Args& args) {
  std::set<std::string> valued = schedule_flag_names();
  valued.insert("out");
  ArgParser p(args, valued, {"zero-terminal-snr"});
  const NoiseSchedule s = schedule_from_flags(p);
  const std::string out = p.required("out");

  std::ostringstream csv;
  csv << "t,beta,alpha,alpha_bar,sqrt_alpha_bar,sqrt_one_minus_alpha_bar,log_snr,sigma,posterior_variance\n";
  csv << std::setprecision(17);
  for (int64_t t = 1; t <= s.timesteps(); ++t) {
    csv << t << ',' << s.beta(t) << ',' << s.alpha(t) << ',' << s.alpha_bar(t) << ',' << s.sqrt_alpha_bar(t) << ','
        << s.sqrt_one_minus_alpha_bar(t) << ',' << s.log_snr(t) << ',' << s.sigma_ve(t) << ','
        << s.posterior_variance(t) << '\n';
  }
  if (out == "-") {
    std::cout << csv.str();
  } else {
    write_file_atomically(out, csv.str());
    std::cerr << "wrote " << s.timesteps() << " rows to " << out << '\n';
  }
  return 0;
}

}  // namespace difflab::cli
