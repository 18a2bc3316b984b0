// difflab-cli vlb: the discrete-time variational bound of a DDPM (Ho et al. 2020 eq. 5; Sohl-Dickstein et
// al. 2015) split into L_T, L_{t−1} for every t, and L_0, printed and written as CSV.
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/ode_flags.h"
#include "io/atomic_file.h"
#include "io/npy.h"
#include "ode/ode_lab_reports.h"
#include "process/variational_bound.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>

namespace difflab::cli {

const char* const kVlbUsage =
    "difflab-cli vlb --model FILE --input X.npy [--out TERMS.csv] [--variance fixed-small|fixed-large]\n"
    "                [--decoder auto|discretized-8bit|gaussian] [--seed S] [--class NAME] [--clip-denoised]\n"
    "                [schedule flags, for a mixture] [--device cpu|cuda[:N]] [--no-ema]\n"
    "  Evaluates the bound L = L_T + sum_{t=2..T} L_{t-1} + L_0 on the input (uint8 8-bit images, or floating-point\n"
    "  data in the data's own scale) with one x_t ~ q(x_t | x_0) per sample and t (T network calls). Prints the total\n"
    "  in nats and bits/dim, L_T, L_0, the sum of the L_{t-1} and the steps that carry most of the bound; --out "
    "writes\n"
    "  term,t,nats,bits_per_dim rows (batch means): L_T, then L_{t-1} for t = T..2, L_0, and the total.\n"
    "  The decoder of L_0 is the discretized 8-bit Gaussian for images and a Gaussian density for points (auto).\n";

int run_vlb(const Args& args) {
  auto valued = model_flag_names();
  valued.insert({"input", "out", "variance", "decoder", "seed", "class"});
  auto switches = model_switch_names();
  switches.insert("clip-denoised");
  const ArgParser p(args, valued, switches);
  const std::string input = p.required("input");
  auto den = load_model_from_flags(p);
  const torch::Tensor raw = read_npy(input);
  // 8-bit data in the model's scale: [−1, 1], or [0, 1] for an imported x / 255 model.
  const DataScale image_scale = den->data_scale().is_images() ? den->data_scale() : DataScale::images();
  torch::Tensor x;
  if (raw.scalar_type() == torch::kUInt8) {
    std::vector<int64_t> shape = den->sample_shape();
    shape.insert(shape.begin(), -1);
    x = image_scale.to_model(raw.reshape(shape).to(torch::kFloat64));
  } else {
    x = read_data_npy(input, *den);
  }
  VariationalBoundOptions o;
  try {
    o.variance = parse_reverse_variance(p.get_or("variance", "fixed-small"));
    const std::string dec = p.get_or("decoder", "auto");
    o.decoder = dec == "auto" ? (den->data_scale().kind == "images" || raw.scalar_type() == torch::kUInt8
                                     ? DecoderLikelihood::Discretized8Bit
                                     : DecoderLikelihood::Gaussian)
                              : parse_decoder_likelihood(dec);
  } catch (const std::invalid_argument& e) {
    throw CliError(e.what());
  }
  o.clip_denoised = p.flag("clip-denoised");
  o.data_min = image_scale.model_min();
  o.data_max = image_scale.model_max();
  o.seed = static_cast<uint64_t>(p.get_int("seed", 0));
  const auto y = labels_from_flags(p, *den, x.size(0));
  const VlbReport vb = vlb_report(*den, x, y, o, stderr_progress("vlb"));

  const int64_t T = den->schedule().timesteps();
  const double D = static_cast<double>(vb.dims), ln2 = std::log(2.0);
  const at::Tensor& terms = vb.terms;  // [T]
  const double prior = vb.prior, total = vb.total;
  const double l0 = terms[0].item<double>();
  const double middle = terms.narrow(0, 1, T - 1).sum().item<double>();
  std::cout << std::setprecision(6) << "samples     " << x.size(0) << " × " << D << " dimensions, decoder "
            << decoder_likelihood_name(o.decoder) << ", variance " << reverse_variance_name(o.variance) << '\n'
            << "total       " << total << " nats per sample = " << vb.bits_per_dim << " bits/dim\n"
            << "L_T         " << prior << " nats\n"
            << "sum L_t-1   " << middle << " nats (t = 2.." << T << ")\n"
            << "L_0         " << l0 << " nats\n";
  std::vector<int64_t> order(static_cast<size_t>(T - 1));
  std::iota(order.begin(), order.end(), 2);
  std::sort(order.begin(), order.end(),
            [&](int64_t a, int64_t b) { return terms[a - 1].item<double>() > terms[b - 1].item<double>(); });
  std::cout << "largest     ";
  for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i)
    std::cout << "L_" << order[i] - 1 << " = " << terms[order[i] - 1].item<double>() << "  ";
  std::cout << '\n';
  if (auto path = p.get("out")) {
    std::ostringstream csv;
    csv << "term,t,nats,bits_per_dim\n" << std::setprecision(10);
    auto row = [&](const std::string& name, int64_t t, double nats) {
      csv << name << ',' << t << ',' << nats << ',' << nats / (D * ln2) << '\n';
    };
    row("L_T", T, prior);
    for (int64_t t = T; t >= 2; --t) row("L_t-1", t, terms[t - 1].item<double>());
    row("L_0", 1, l0);
    row("total", 0, total);
    write_file_atomically(*path, csv.str());
    std::cout << "wrote " << *path << '\n';
  }
  return 0;
}

}  // namespace difflab::cli
