// Sampling recipes (core/sampling/sampling_recipe) survive the trip through text chunks exactly, and bad
// chunks are reported with the key and the value.
#include "sampling/sampling_recipe.h"

#include <doctest/doctest.h>

using namespace difflab;

TEST_CASE("a recipe round-trips through its text, doubles bit-exactly") {
  SamplingRecipe r;
  r.model = "/models/mnist.ckpt";
  r.model_sha256 = "ab12";
  r.sampler.name = "pc";
  r.sampler.steps = 37;
  r.sampler.spacing = TimestepSpacing::Karras;
  r.sampler.karras_rho = 6.5;
  r.sampler.seed = 18446744073709551615ull;
  r.sampler.eta = 0.1;  // not exactly representable: must still read back to the same double
  r.sampler.ddpm_posterior_variance = false;
  r.sampler.langevin_step_size = 3e-6;
  r.sampler.langevin_steps_per_level = 7;
  r.sampler.pc_predictor = "ddim";
  r.sampler.pc_corrector_steps = 2;
  r.sampler.pc_snr = 0.075;
  r.sampler.rtol = 1e-7;
  r.sampler.atol = 2e-8;
  r.schedule.family = ScheduleFamily::Cosine;
  r.schedule.timesteps = 400;
  r.schedule.cosine_s = 0.01;
  r.schedule.zero_terminal_snr = true;
  r.batch = 64;
  r.class_name = "Sneaker";
  r.guidance = 3.25;

  const auto text = recipe_to_text(r);
  CHECK(text.at("difflab:sampler") == "pc");
  CHECK(text.at("difflab:spacing") == "karras");
  CHECK(text.at("Software").find("Diffusion Lab") == 0);
  const SamplingRecipe back = recipe_from_text(text);
  CHECK(back.model == r.model);
  CHECK(back.model_sha256 == r.model_sha256);
  CHECK(back.sampler.name == "pc");
  CHECK(back.sampler.steps == 37);
  CHECK(back.sampler.spacing == TimestepSpacing::Karras);
  CHECK(back.sampler.karras_rho == 6.5);
  CHECK(back.sampler.seed == r.sampler.seed);
  CHECK(back.sampler.eta == r.sampler.eta);
  CHECK_FALSE(back.sampler.ddpm_posterior_variance);
  CHECK(back.sampler.langevin_step_size == r.sampler.langevin_step_size);
  CHECK(back.sampler.langevin_steps_per_level == 7);
  CHECK(back.sampler.pc_predictor == "ddim");
  CHECK(back.sampler.pc_corrector_steps == 2);
  CHECK(back.sampler.pc_snr == r.sampler.pc_snr);
  CHECK(back.sampler.rtol == r.sampler.rtol);
  CHECK(back.sampler.atol == r.sampler.atol);
  CHECK(back.schedule.family == ScheduleFamily::Cosine);
  CHECK(back.schedule.timesteps == 400);
  CHECK(back.schedule.cosine_s == 0.01);
  CHECK(back.schedule.zero_terminal_snr);
  CHECK(back.batch == 64);
  CHECK(back.class_name == "Sneaker");
  CHECK(back.guidance == 3.25);
}

TEST_CASE("missing keys keep their defaults; bad values name the key and value") {
  const SamplingRecipe r = recipe_from_text({{"difflab:sampler", "ddim"}, {"difflab:steps", "12"}});
  CHECK(r.sampler.steps == 12);
  CHECK(r.sampler.eta == SamplerOptions().eta);
  CHECK(r.guidance == 1.0);
  CHECK_THROWS_WITH_AS(recipe_from_text({{"Software", "GIMP"}}), doctest::Contains("no difflab:sampler"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(recipe_from_text({{"difflab:sampler", "ddim"}, {"difflab:steps", "ten"}}),
                       "difflab:steps = 'ten' is not an integer", std::invalid_argument);
  CHECK_THROWS_WITH_AS(recipe_from_text({{"difflab:sampler", "ddim"}, {"difflab:spacing", "sideways"}}),
                       doctest::Contains("difflab:spacing = 'sideways' is not a timestep spacing"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(recipe_from_text({{"difflab:sampler", "ddim"}, {"difflab:seed", "-3"}}),
                       doctest::Contains("difflab:seed"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(recipe_from_text({{"difflab:sampler", "ddim"}, {"difflab:batch", "0"}}),
                       doctest::Contains("difflab:batch = '0' must be >= 1"), std::invalid_argument);
}
