// difflab-cli compare: the sampler comparison table of the GUI's Compare samplers view, on the command line —
// every sampler × spacing × step count from the same x_T, scored by its distance to the data.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "cli/sampler_flags.h"
#include "data/gaussian_mixture.h"
#include "io/atomic_file.h"
#include "io/npy.h"
#include "model/gaussian_mixture_denoiser.h"
#include "sampling/sampler_sweep.h"

#include <torch/torch.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace difflab::cli {

const char* const kCompareUsage =
    "difflab-cli compare --model FILE [--samplers a,b,...|all] [--steps 5,10,20] [--spacing s1,s2,...|all]\n"
    "                    [--metric energy|sliced-w2] [--num N] [--seed S] [--reference DATA.npy] [--class NAME]\n"
    "                    [--csv OUT.csv] [--markdown] [sampler parameters] [schedule flags, for a mixture]\n"
    "  Runs every sampler on every spacing (default: each sampler's recommended one; 'all': every built-in\n"
    "  spacing) at every step count from the same N initial latents (default 2000, seed S), and prints the\n"
    "  distance of the samples to the data: lower is better. For a Gaussian-mixture model the data are 20000\n"
    "  exact samples of the mixture, and the table's first line gives the metric's floor (an independent exact\n"
    "  draw of N samples); otherwise --reference gives the data (NPY in the data's own scale). Cells print\n"
    "  'nan(k)' when k samples are not finite. --csv writes every cell (sampler, spacing, steps, nfe, distance,\n"
    "  non_finite, seconds, error); --markdown prints the table as Markdown (docs/samplers.md).\n";

namespace {

std::string fmt(double v) {
  std::ostringstream s;
  s << std::setprecision(3) << v;
  return s.str();
}

std::string cell_text(const SweepCell& c) {
  if (!c.error.empty()) return "error";
  if (c.non_finite > 0) return "nan(" + std::to_string(c.non_finite) + ")";
  return fmt(c.distance);
}

}  // namespace

int run_compare(const Args& args) {
  std::set<std::string> valued = model_flag_names();
  for (const auto& f : sampler_flag_names()) valued.insert(f);
  for (const char* f : {"samplers", "metric", "num", "reference", "class", "csv"}) valued.insert(f);
  std::set<std::string> switches = model_switch_names();
  switches.insert("markdown");
  const ArgParser p(args, valued, switches);
  const std::vector<std::string> names = sampler_list(p.get_or("samplers", "all"));
  const std::vector<int64_t> steps = integer_list("steps", p.get_or("steps", "5,10,20"));
  SampleMetric metric;
  try {
    metric = parse_sample_metric(p.get_or("metric", "energy"));
  } catch (const std::invalid_argument& e) {
    throw CliError(std::string("--metric: ") + e.what());
  }
  const int64_t num = p.get_int("num", 2000);
  if (num < 2 || num > 1000000) throw CliError("--num must lie in [2, 1000000], got " + std::to_string(num));
  const uint64_t seed = static_cast<uint64_t>(p.get_int("seed", 0));

  std::shared_ptr<Denoiser> denoiser = load_model_from_flags(p);
  // Rows: sampler × spacing.
  std::vector<SamplerOptions> rows;
  const std::string spacing_text = p.get_or("spacing", "");
  for (const auto& name : names) {
    if (spacing_text.empty() || p.has("timesteps-file")) {
      rows.push_back(sampler_options_from_flags(p, name, steps.front()));
      continue;
    }
    std::vector<std::string> spacings;
    if (spacing_text == "all") {
      for (TimestepSpacing s : timestep_spacings())
        if (s != TimestepSpacing::Custom) spacings.push_back(timestep_spacing_name(s));
    } else {
      std::stringstream in(spacing_text);
      for (std::string s; std::getline(in, s, ',');) spacings.push_back(s);
    }
    for (const auto& s : spacings) {
      SamplerOptions o = sampler_options_from_flags(p, name, steps.front(), false);
      try {
        o.spacing = parse_timestep_spacing(s);
      } catch (const std::invalid_argument& e) {
        throw CliError(std::string("--spacing: ") + e.what());
      }
      rows.push_back(o);
    }
  }

  SweepRequest request;
  request.samplers = rows;
  request.steps = steps;
  request.metric = metric;
  std::vector<int64_t> shape = denoiser->sample_shape();
  shape.insert(shape.begin(), num);
  request.x_T = initial_noise(shape, seed);
  request.labels = labels_from_flags(p, *denoiser, num);
  double floor = std::nan("");
  if (auto ref = p.get("reference")) {
    request.reference = read_npy(*ref).to(torch::kFloat32);
    if (request.reference.dim() < 2 || request.reference[0].numel() != request.x_T[0].numel())
      throw CliError("--reference: " + *ref + " holds " + c10::str(request.reference.sizes()) +
                     ", expected [M, ...] samples of shape " + c10::str(denoiser->sample_shape()));
  } else if (auto* mixture = dynamic_cast<GaussianMixtureDenoiser*>(denoiser.get())) {
    if (request.labels.defined())
      throw CliError(
          "--class on a mixture: give the class's data with --reference (the exact reference is unconditional)");
    request.reference = sample_gaussian_mixture(mixture->mixture(), 20000, 0x5eed0001ULL);
    floor = sample_distance(sample_gaussian_mixture(mixture->mixture(), num, 0x5eed0002ULL), request.reference, metric);
  } else {
    throw CliError("--reference DATA.npy is needed for a checkpoint (the exact data are known only for a mixture)");
  }

  const size_t total = rows.size() * steps.size();
  size_t done = 0;
  const auto cells = run_sampler_sweep(*denoiser, request, [&](const SweepCell& c) {
    ++done;
    std::cerr << "\r" << done << "/" << total << " cells" << std::flush;
    (void)c;
  });
  std::cerr << '\n';

  // The table: one row per sampler × spacing, one column per step count (NFE in brackets).
  const bool md = p.flag("markdown");
  std::ostringstream out;
  const std::string what = sample_metric_name(metric) == "energy" ? "energy distance" : "sliced W2";
  out << (md ? "" : "# ") << what << " to the data (lower is better), " << num << " samples, seed " << seed;
  if (!std::isnan(floor)) out << "; floor (an exact draw of " << num << "): " << fmt(floor);
  out << "\n";
  if (md) {
    out << "\n| sampler | spacing |";
    for (auto n : steps) out << " " << n << " steps |";
    out << "\n|---|---|";
    for (size_t k = 0; k < steps.size(); ++k) out << "---|";
    out << "\n";
  } else {
    out << std::left << std::setw(20) << "sampler" << std::setw(16) << "spacing";
    for (auto n : steps) out << std::setw(18) << (std::to_string(n) + " steps (NFE)");
    out << "\n";
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string spacing = timestep_spacing_name(rows[r].spacing);
    if (md)
      out << "| " << rows[r].name << " | " << spacing << " |";
    else
      out << std::left << std::setw(20) << rows[r].name << std::setw(16) << spacing;
    for (const auto& c : cells) {
      if (c.sampler != r) continue;
      const std::string text = cell_text(c) + " (" + std::to_string(c.nfe) + ")";
      if (md)
        out << " " << text << " |";
      else
        out << std::setw(18) << text;
    }
    out << "\n";
  }
  std::cout << out.str();
  for (const auto& c : cells)
    if (!c.error.empty()) std::cerr << rows[c.sampler].name << " at " << c.steps << " steps: " << c.error << '\n';

  if (auto csv = p.get("csv")) {
    std::ostringstream s;
    s << "sampler,spacing,steps,nfe,distance,non_finite,seconds,error\n" << std::setprecision(10);
    for (const auto& c : cells) {
      std::string error = c.error;
      for (char& ch : error)
        if (ch == ',' || ch == '\n' || ch == '"') ch = ' ';
      s << rows[c.sampler].name << ',' << timestep_spacing_name(rows[c.sampler].spacing) << ','
        << (c.steps > 0 ? c.steps : steps[c.steps_index]) << ',' << c.nfe << ',' << c.distance << ',' << c.non_finite
        << ',' << c.seconds << ',' << error << '\n';
    }
    write_file_atomically(*csv, s.str());
    std::cerr << "wrote " << *csv << " (" << cells.size() << " cells)\n";
  }
  return 0;
}

}  // namespace difflab::cli
