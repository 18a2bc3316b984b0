#pragma once
// Distances between two sets of samples, used to score a sampler against the data it should reproduce
// (the sampler comparison view and the behaviour tests). Both work in any dimension D on point sets
// x [n, D] and y [m, D] of any floating dtype; they compute in float64 and return a double.
//
// Only <ATen/core/Tensor.h> is included, so ui/ may include this header after Qt headers.

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace difflab {

/// Squared energy distance between the empirical distributions of x and y (Székely & Rizzo 2013, eq. 2.1):
///   𝓔(X, Y) = 2 E‖X − Y‖ − E‖X − X'‖ − E‖Y − Y'‖,
/// with every expectation taken over all pairs of the two empirical measures (the V-statistic, diagonal
/// included), so 𝓔 ≥ 0 and 𝓔 = 0 exactly when the two sets are equal as multisets. It is a metric on
/// distributions squared: it vanishes only for equal distributions.
/// Memory: n·m + n² + m² doubles; pairs are processed in blocks of at most `block` rows.
/// Throws std::invalid_argument when a set is empty, not 2-D, or the dimensions differ.
double energy_distance(const at::Tensor& x, const at::Tensor& y, int64_t block = 2048);

struct SlicedWassersteinOptions {
  /// Number of random directions θ drawn uniformly on the unit sphere S^{D−1}.
  int64_t projections = 128;
  /// Seed of the directions, so that repeated calls on the same sets agree.
  uint64_t seed = 0;
};

/// Sliced 2-Wasserstein distance (Bonneel et al. 2015, eq. 4; Rabin et al. 2011):
///   SW₂(X, Y) = ( E_θ W₂²(θᵀX, θᵀY) )^{1/2},
/// the 1-D W₂ of each projection computed exactly from sorted samples (quantile coupling). When the set
/// sizes differ, both empirical quantile functions are evaluated on the merged grid of their breakpoints,
/// which is exact for empirical measures. In 1-D, θ = ±1 and SW₂ equals W₂ for any number of projections.
/// Throws std::invalid_argument for empty / mismatched sets or projections < 1.
double sliced_wasserstein(const at::Tensor& x, const at::Tensor& y, const SlicedWassersteinOptions& options = {});

}  // namespace difflab
