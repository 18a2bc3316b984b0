#pragma once
// Cooperative cancellation of long work, one way for all of core: a function that can run long takes a
// StopToken and, once stop is requested, throws Cancelled at its next check point. Callers that want the
// partial result of a chain use the step API (Sampler::step) instead. Header-only, no LibTorch.
//
// The owner of the work (a GUI worker, the CLI's SIGINT handler) keeps a std::atomic<bool> and passes its
// address; a default StopToken never stops.

#include <atomic>
#include <stdexcept>

namespace difflab {

/// Thrown by long work whose StopToken was triggered. what() is "cancelled".
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

class StopToken {
 public:
  StopToken() = default;
  /// Watches `flag` (may be null: never stops). Implicit, so `&flag` can be passed where a token is expected.
  StopToken(const std::atomic<bool>* flag) : flag_(flag) {}  // NOLINT(google-explicit-constructor)

  bool stop_requested() const { return flag_ != nullptr && flag_->load(std::memory_order_relaxed); }
  /// Throws Cancelled when stop was requested.
  void throw_if_stopped() const {
    if (stop_requested()) throw Cancelled();
  }

 private:
  const std::atomic<bool>* flag_ = nullptr;
};

}  // namespace difflab
