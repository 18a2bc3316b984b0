#include "schedule/noise_schedule.h"

#include <doctest/doctest.h>

using namespace difflab;

TEST_CASE("linear schedule endpoints") {
  auto s = NoiseSchedule::from_options({});
  CHECK(s.timesteps() == 1000);
  CHECK(s.beta(1) == doctest::Approx(1e-4));
  CHECK(s.beta(1000) == doctest::Approx(0.02));
}
