#include "sampling/sampler_sweep.h"

#include "model/denoiser.h"
#include "sampling/sample_distance.h"

#include <torch/torch.h>

#include <chrono>
#include <limits>
#include <stdexcept>

namespace difflab {

SampleMetric parse_sample_metric(const std::string& name) {
  if (name == "energy") return SampleMetric::EnergyDistance;
  if (name == "sliced-w2") return SampleMetric::SlicedWasserstein;
  throw std::invalid_argument("unknown metric '" + name + "' (expected energy or sliced-w2)");
}

std::string sample_metric_name(SampleMetric metric) {
  return metric == SampleMetric::EnergyDistance ? "energy" : "sliced-w2";
}

double sample_distance(const at::Tensor& x, const at::Tensor& y, SampleMetric metric) {
  const at::Tensor a = x.flatten(1), b = y.flatten(1);
  return metric == SampleMetric::SlicedWasserstein ? sliced_wasserstein(a, b) : energy_distance(a, b);
}

std::vector<SweepCell> run_sampler_sweep(Denoiser& denoiser, const SweepRequest& request,
                                         const std::function<void(const SweepCell&)>& on_cell, StopToken stop) {
  torch::NoGradGuard no_grad;
  std::vector<SweepCell> cells;
  for (size_t s = 0; s < request.samplers.size(); ++s) {
    const bool custom = request.samplers[s].spacing == TimestepSpacing::Custom;
    const size_t columns = custom ? 1 : request.steps.size();
    for (size_t k = 0; k < columns; ++k) {
      stop.throw_if_stopped();
      SweepCell cell;
      cell.sampler = s;
      cell.steps_index = k;
      cell.distance = std::numeric_limits<double>::quiet_NaN();
      try {
        SamplerOptions options = options_for(request.samplers[s], denoiser);
        if (!custom) options.steps = request.steps[k];
        const auto start = std::chrono::steady_clock::now();
        auto sampler = make_sampler(options, denoiser.schedule(), request.x_T, request.labels);
        const at::Tensor x = run_sampler(*sampler, denoiser, {}, stop);
        stop.throw_if_stopped();
        cell.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        cell.steps = sampler->total_steps();
        cell.nfe = sampler->nfe() * denoiser.evaluations_per_call();
        cell.samples = denoiser.to_data_scale(x).to(torch::kCPU, torch::kFloat32);
        const at::Tensor finite = torch::isfinite(cell.samples.flatten(1)).all(1);
        cell.non_finite = cell.samples.size(0) - finite.sum().item<int64_t>();
        if (request.reference.defined() && cell.non_finite == 0)
          cell.distance = sample_distance(cell.samples, request.reference, request.metric);
      } catch (const Cancelled&) {
        throw;  // a stop ends the sweep; the cells so far have reached on_cell
      } catch (const std::exception& error) {
        cell.error = error.what();
      }
      if (on_cell) on_cell(cell);
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

}  // namespace difflab
