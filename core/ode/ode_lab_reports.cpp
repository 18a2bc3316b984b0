#include "ode/ode_lab_reports.h"

#include "data/data_scale.h"
#include "model/denoiser.h"
#include "process/forward_process.h"
#include "sampling/sampler.h"

#include <torch/torch.h>

#include <algorithm>

namespace difflab {

at::Tensor data_or_model_samples(Denoiser& denoiser, const at::Tensor& x0, int64_t n, uint64_t seed,
                                 const at::Tensor& y) {
  if (x0.defined()) return x0.to(torch::kFloat64);
  std::vector<int64_t> shape = denoiser.sample_shape();
  shape.insert(shape.begin(), n);
  OdeTransportOptions o;
  o.steps = 25;
  return decode_pf_ode(denoiser, initial_noise(shape, seed + 1000).to(torch::kFloat64), y, o).x;
}

std::vector<int64_t> inversion_step_ladder(int64_t max_steps) {
  std::vector<int64_t> counts;
  for (int64_t s : {2, 5, 10, 20, 50, 100, 200})
    if (s <= max_steps) counts.push_back(s);
  return counts;
}

InversionReport inversion_report(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y,
                                 const OdeTransportOptions& options, int64_t max_curve_steps,
                                 const OdeProgress& progress, StopToken stop) {
  auto part = [&progress](double base, double share) -> OdeProgress {
    return [&progress, base, share](double f) {
      if (progress) progress(base + share * f);
    };
  };
  InversionReport r;
  r.x0 = x0;
  const at::Tensor labels = y.defined() ? y.narrow(0, 0, x0.size(0)) : y;
  const auto enc = encode_pf_ode(denoiser, x0, labels, options, part(0.0, 0.2), stop);
  const auto dec = decode_pf_ode(denoiser, enc.x, labels, options, part(0.2, 0.2), stop);
  r.latent = enc.x;
  r.reconstruction = dec.x;
  r.error = reconstruction_error(x0, dec.x);
  r.nfe = enc.nfe + dec.nfe;
  r.t_top = enc.t_top;
  r.exact_steps = enc.exact_steps;
  r.solver = options.solver;
  OdeTransportOptions curve = options;
  curve.step_iterations = 0;  // the plain walk: the curve shows the discretisation error (see the header)
  if (curve.solver == "rk45") curve.solver = OdeTransportOptions().solver;  // the curve needs fixed steps
  r.curve_label = curve.solver + " / " + timestep_spacing_name(curve.spacing);
  const int64_t m = std::min<int64_t>(x0.size(0), 64);
  r.curve = reconstruction_curve(denoiser, x0.narrow(0, 0, m), labels.defined() ? labels.narrow(0, 0, m) : labels,
                                 inversion_step_ladder(max_curve_steps), curve, part(0.4, 0.6), stop);
  return r;
}

InterpolationReport interpolation_report(Denoiser& denoiser, const at::Tensor& za, const at::Tensor& zb,
                                         const InterpolationOptions& options, const OdeProgress& progress,
                                         StopToken stop) {
  if (!za.defined() || !zb.defined() || za.sizes() != zb.sizes() || za.dim() < 2)
    throw std::invalid_argument("interpolation needs two latent batches [N, ...] of the same shape");
  InterpolationReport r;
  r.path = options.path;
  r.weights = interpolation_weights(options.frames);
  const int64_t n = za.size(0);
  for (double w : r.weights) {
    r.slerp_norms.push_back(slerp_latents(za[0], zb[0], w).norm().item<double>());
    r.lerp_norms.push_back(lerp_latents(za[0], zb[0], w).norm().item<double>());
  }
  if (n == 1) {  // one latent per frame (an image strip): all K frames decode in one batch
    r.frames = interpolate_and_decode(denoiser, za[0], zb[0], options, progress, stop).frames.unsqueeze(1);
    return r;
  }
  const auto K = static_cast<double>(r.weights.size());
  std::vector<at::Tensor> frames;
  for (size_t k = 0; k < r.weights.size(); ++k) {
    const double w = r.weights[k];
    const at::Tensor z = options.path == InterpolationPath::Slerp ? slerp_latents(za, zb, w) : lerp_latents(za, zb, w);
    ConditionPathDenoiser path(denoiser, options.condition, std::vector<double>(static_cast<size_t>(n), w));
    const double base = static_cast<double>(k) / K;
    frames.push_back(decode_pf_ode(
                         path, z, at::Tensor(), options.decode,
                         [&](double f) {
                           if (progress) progress(base + f / K);
                         },
                         stop)
                         .x);
  }
  r.frames = torch::stack(frames);
  return r;
}

VariationalBoundOptions default_vlb_options(bool images, uint64_t seed) {
  VariationalBoundOptions o;
  o.decoder = images ? DecoderLikelihood::Discretized8Bit : DecoderLikelihood::Gaussian;
  o.seed = seed;
  return o;
}

VlbReport vlb_report(Denoiser& denoiser, const at::Tensor& x0, const at::Tensor& y, const VariationalBoundOptions& o,
                     const OdeProgress& progress, StopToken stop) {
  const bool eight_bit = o.decoder == DecoderLikelihood::Discretized8Bit;
  // The 8-bit grid of the model's own scale ([−1, 1], or [0, 1] for an imported x / 255 model).
  const DataScale grid = denoiser.data_scale().is_images() ? denoiser.data_scale() : DataScale::images();
  VariationalBoundOptions options = o;
  options.data_min = grid.model_min();
  options.data_max = grid.model_max();
  const at::Tensor x = eight_bit ? grid.on_8bit_grid(x0.to(torch::kFloat64)) : x0.to(torch::kFloat64);
  const at::Tensor labels = y.defined() ? y.narrow(0, 0, x.size(0)) : y;
  auto eps = [&](const at::Tensor& xt, const at::Tensor& t) { return denoiser.predict(xt, t, labels).eps; };
  const auto vb = variational_bound(ForwardProcess(denoiser.schedule()), x, eps, options, progress, stop);
  VlbReport r;
  r.terms = vb.terms.mean(0);
  r.prior = vb.prior.mean().item<double>();
  r.total = vb.total.mean().item<double>();
  r.bits_per_dim = vb.bits_per_dim.mean().item<double>();
  r.dims = x[0].numel();
  r.decoder = o.decoder;
  return r;
}

}  // namespace difflab
