#include "sampling/sampling_recipe.h"

#include "sampling/sampler_parameters.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace difflab {
namespace {

const std::string kPrefix = "difflab:";

// Shortest text that reads back to the same double ("%.17g" round-trips every IEEE double).
std::string number(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

class Reader {
 public:
  explicit Reader(const std::map<std::string, std::string>& text) : text_(text) {}

  const std::string* find(const std::string& key) const {
    auto it = text_.find(kPrefix + key);
    return it == text_.end() ? nullptr : &it->second;
  }
  void read(const std::string& key, std::string& out) const {
    if (const std::string* v = find(key)) out = *v;
  }
  void read(const std::string& key, double& out) const {
    const std::string* v = find(key);
    if (!v) return;
    char* end = nullptr;
    const double value = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0') fail(key, *v, "is not a number");
    out = value;
  }
  void read(const std::string& key, int64_t& out) const {
    const std::string* v = find(key);
    if (!v) return;
    char* end = nullptr;
    const long long value = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0') fail(key, *v, "is not an integer");
    out = value;
  }
  void read(const std::string& key, uint64_t& out) const {
    const std::string* v = find(key);
    if (!v) return;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || (*v)[0] == '-') fail(key, *v, "is not a non-negative integer");
    out = value;
  }
  void read(const std::string& key, bool& out, const std::string& yes, const std::string& no) const {
    const std::string* v = find(key);
    if (!v) return;
    if (*v == yes)
      out = true;
    else if (*v == no)
      out = false;
    else
      fail(key, *v, "must be '" + yes + "' or '" + no + "'");
  }
  [[noreturn]] static void fail(const std::string& key, const std::string& value, const std::string& fault) {
    throw std::invalid_argument(kPrefix + key + " = '" + value + "' " + fault);
  }

 private:
  const std::map<std::string, std::string>& text_;
};

}  // namespace

std::map<std::string, std::string> recipe_to_text(const SamplingRecipe& r) {
  const SamplerOptions& s = r.sampler;
  const ScheduleOptions& sc = r.schedule;
  std::map<std::string, std::string> text = {
      {"Software", std::string("Diffusion Lab ") + DIFFLAB_VERSION},
      {kPrefix + "model", r.model},
      {kPrefix + "model-sha256", r.model_sha256},
      {kPrefix + "sampler", s.name},
      {kPrefix + "steps", std::to_string(s.steps)},
      {kPrefix + "spacing", timestep_spacing_name(s.spacing)},
      {kPrefix + "seed", std::to_string(s.seed)},
      {kPrefix + "batch", std::to_string(r.batch)},
      {kPrefix + "class", r.class_name},
      {kPrefix + "guidance", number(r.guidance)},
      {kPrefix + "schedule", schedule_family_name(sc.family)},
      {kPrefix + "timesteps", std::to_string(sc.timesteps)},
      {kPrefix + "beta-start", number(sc.beta_start)},
      {kPrefix + "beta-end", number(sc.beta_end)},
      {kPrefix + "cosine-s", number(sc.cosine_s)},
      {kPrefix + "zero-terminal-snr", sc.zero_terminal_snr ? "1" : "0"},
  };
  for (const auto& p : sampler_parameters()) text[kPrefix + p.key] = p.get(s);
  if (s.spacing == TimestepSpacing::Custom) {
    std::string grid;
    for (double t : s.custom_timesteps) grid += (grid.empty() ? "" : ",") + number(t);
    text[kPrefix + "custom-timesteps"] = grid;
  }
  return text;
}

SamplingRecipe recipe_from_text(const std::map<std::string, std::string>& text) {
  Reader in(text);
  if (!in.find("sampler")) throw std::invalid_argument("not a Diffusion Lab sample: no " + kPrefix + "sampler");
  SamplingRecipe r;
  SamplerOptions& s = r.sampler;
  ScheduleOptions& sc = r.schedule;
  in.read("model", r.model);
  in.read("model-sha256", r.model_sha256);
  in.read("sampler", s.name);
  in.read("steps", s.steps);
  if (const std::string* v = in.find("spacing")) {
    try {
      s.spacing = parse_timestep_spacing(*v);
    } catch (const std::invalid_argument&) {
      Reader::fail("spacing", *v, "is not a timestep spacing");
    }
  }
  in.read("seed", s.seed);
  in.read("batch", r.batch);
  for (const auto& p : sampler_parameters())
    if (const std::string* v = in.find(p.key)) {
      try {
        set_sampler_parameter(s, p.key, *v);
      } catch (const std::invalid_argument& e) {
        Reader::fail(p.key, *v, std::string("is not valid (") + e.what() + ")");
      }
    }
  if (const std::string* v = in.find("custom-timesteps")) {
    s.custom_timesteps.clear();
    size_t start = 0;
    while (start <= v->size()) {
      const size_t comma = std::min(v->find(',', start), v->size());
      const std::string item = v->substr(start, comma - start);
      char* end = nullptr;
      const double t = std::strtod(item.c_str(), &end);
      if (item.empty() || *end != '\0') Reader::fail("custom-timesteps", *v, "is not a comma-separated list of times");
      s.custom_timesteps.push_back(t);
      start = comma + 1;
    }
    s.steps = static_cast<int64_t>(s.custom_timesteps.size()) - 1;
  }
  in.read("class", r.class_name);
  in.read("guidance", r.guidance);
  if (const std::string* v = in.find("schedule")) {
    try {
      sc.family = parse_schedule_family(*v);
    } catch (const std::invalid_argument&) {
      Reader::fail("schedule", *v, "is not a schedule family");
    }
  }
  in.read("timesteps", sc.timesteps);
  in.read("beta-start", sc.beta_start);
  in.read("beta-end", sc.beta_end);
  in.read("cosine-s", sc.cosine_s);
  in.read("zero-terminal-snr", sc.zero_terminal_snr, "1", "0");
  if (s.steps < 1) Reader::fail("steps", std::to_string(s.steps), "must be >= 1");
  if (r.batch < 1) Reader::fail("batch", std::to_string(r.batch), "must be >= 1");
  return r;
}

}  // namespace difflab
