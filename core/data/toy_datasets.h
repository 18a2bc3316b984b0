#pragma once
// 2-D toy distributions for teaching and for quick training runs. Every generator is deterministic in
// `seed` and returns a Points dataset, float32 [n, 2].
//
// Exact Gaussian mixtures (their density is known in closed form: see gaussian_mixture.h):
//   8 Gaussians (eight_gaussians_mixture) and rings (rings_mixture). Their presets in resources/mixtures/
//   are these same mixtures, written by to_json (a test checks that they agree).
// Not mixtures (sampled from their generative recipe only): two moons, swiss roll, checkerboard.

#include "data/dataset.h"
#include "data/gaussian_mixture.h"

#include <cstdint>

namespace difflab {

/// Two interleaved half circles (scikit-learn's make_moons, Pedregosa et al. 2011), centred, scaled by 1.5,
/// with N(0, 0.05²) noise. Labels: 0 "lower moon", 1 "upper moon".
Dataset make_two_moons(int64_t n, uint64_t seed);

/// Swiss roll as in FFJORD's toy data (Grathwohl et al. 2019): t = 1.5π(1 + 2u), (t cos t, t sin t) + N(0, I),
/// divided by 5. Unlabelled.
Dataset make_swiss_roll(int64_t n, uint64_t seed);

/// Eight Gaussians on a circle of radius 2√2 with standard deviation 0.5/√2 (FFJORD's "8gaussians").
/// Labels: the mode, 0..7 counter-clockwise from angle 0 ("0°", "45°", ...).
Dataset make_eight_gaussians(int64_t n, uint64_t seed);
GaussianMixture eight_gaussians_mixture();

/// Checkerboard (FFJORD): uniform on the 8 dark squares of a 4×4 board covering [-4, 4]². Unlabelled.
Dataset make_checkerboard(int64_t n, uint64_t seed);

/// Three concentric rings of radius 0.8, 1.6, 2.4, each a ring of isotropic Gaussians (std 0.2) spaced about
/// 2 std apart along the circle (13, 25, 38 components, equal weights, so mass grows with circumference).
/// At this spacing the sum of the bumps varies by under 2 % along a ring, so each ring looks uniform.
/// Labels: the ring, 0 "inner ring", 1 "middle ring", 2 "outer ring".
Dataset make_rings(int64_t n, uint64_t seed);
GaussianMixture rings_mixture();
/// Which ring (0, 1, 2) each component of rings_mixture() lies on.
std::vector<int64_t> rings_component_ring();

/// n samples of any mixture. Classes follow the mixture JSON's convention (as GaussianMixtureDenoiser):
/// `component_classes` empty: one class per component named "0" … "K−1" when K > 1, unlabelled when K = 1;
/// otherwise one name per component, components sharing a name forming one class (classes in order of first
/// appearance). Throws DatasetError when component_classes has the wrong length. `name` names the dataset.
Dataset make_mixture_dataset(const GaussianMixture& mixture, int64_t n, uint64_t seed, const std::string& name,
                             const std::vector<std::string>& component_classes = {});

}  // namespace difflab
