// LibTorch first: its headers must precede Qt's (the `slots` macro).
#include "data/data_scale.h"
#include "data/dataset.h"
#include "process/forward_process.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/randn.h>

#include "workers/forward_chain_worker.h"
#include "workers/job_runner.h"

#include <cmath>
#include <exception>

ForwardChainResultPtr computeForwardChain(const ForwardChainRequest& request, const std::function<bool()>& keepGoing) {
  const difflab::ForwardProcess process(*request.schedule);
  const int64_t T = process.timesteps();
  const at::Tensor x0 = request.x0.to(at::kFloat).contiguous();

  auto result = std::make_shared<ForwardChainResult>();
  result->id = request.id;
  result->markov = request.markov;
  result->seed = request.seed;
  std::vector<int64_t> frameShape{T + 1};
  for (int64_t s : x0.sizes()) frameShape.push_back(s);
  result->frames = at::empty(frameShape, x0.options().dtype(at::kHalf));
  result->mean.resize(static_cast<size_t>(T + 1));
  result->std.resize(static_cast<size_t>(T + 1));
  result->expectedMean.resize(static_cast<size_t>(T + 1));
  result->expectedStd.resize(static_cast<size_t>(T + 1));

  const double mean0 = x0.mean().item<double>();
  const double var0 = x0.var(/*unbiased=*/false).item<double>();
  auto record = [&](int64_t t, const at::Tensor& x) {
    result->frames[t].copy_(x);
    result->mean[static_cast<size_t>(t)] = x.mean().item<double>();
    result->std[static_cast<size_t>(t)] = x.std(/*unbiased=*/false).item<double>();
    // Ho et al. 2020, eq. 4: x_t | x₀ ~ N(√ᾱ_t x₀, (1 − ᾱ_t) I).
    const double alphaBar = t == 0 ? 1.0 : process.schedule().alpha_bar(t);
    result->expectedMean[static_cast<size_t>(t)] = std::sqrt(alphaBar) * mean0;
    result->expectedStd[static_cast<size_t>(t)] = std::sqrt(alphaBar * var0 + 1.0 - alphaBar);
  };

  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(request.seed);
  const at::Tensor eps = at::randn(x0.sizes(), generator, x0.options());
  record(0, x0);
  at::Tensor x = x0;
  for (int64_t t = 1; t <= T; ++t) {
    if (!keepGoing()) return nullptr;
    if (request.markov) {
      // Eq. 2, one step; ε_1 is the closed form's ε, later steps draw fresh noise from the same generator.
      const at::Tensor noise = t == 1 ? eps : at::randn(x0.sizes(), generator, x0.options());
      x = process.markov_step(x, t, noise);
    } else {
      x = process.q_sample(x0, t, eps);  // eq. 4
    }
    record(t, x);
  }
  return result;
}

ForwardChainWorker::ForwardChainWorker(QObject* parent) : QObject(parent) {
  qRegisterMetaType<ForwardChainResultPtr>();
  m_runner = new JobRunner(QStringLiteral("forward chain"), this);
  connect(m_runner, &JobRunner::started, this, &ForwardChainWorker::started);
  connect(m_runner, &JobRunner::failed, this, &ForwardChainWorker::failed);
}

ForwardChainWorker::~ForwardChainWorker() = default;

quint64 ForwardChainWorker::post(ForwardChainRequest request) {
  // The runner numbers its jobs; the request carries the same number so the result names it.
  return m_runner->start([this, request](const JobRunner::Context& c) -> std::function<void()> {
    ForwardChainResultPtr result =
        computeForwardChain(request, [&] { return !c.superseded() && !c.stop.stop_requested(); });
    c.stop.throw_if_stopped();
    if (!result) throw difflab::Cancelled();
    return [this, result] {
      auto named = std::make_shared<ForwardChainResult>(*result);  // shallow: tensors are shared
      named->id = m_runner->currentJob();                          // delivered only for the current job
      Q_EMIT finished(named);
    };
  });
}

void ForwardChainWorker::requestStop() { m_runner->requestStop(); }

at::Tensor forwardChainBatch(const difflab::Dataset& dataset, const std::vector<int64_t>& indices) {
  std::vector<int64_t> copy = indices;
  const at::Tensor index = at::from_blob(copy.data(), {static_cast<int64_t>(copy.size())}, at::kLong).clone();
  return difflab::DataScale::for_kind(dataset.kind).to_model(dataset.data.index_select(0, index)).to(at::kFloat);
}
