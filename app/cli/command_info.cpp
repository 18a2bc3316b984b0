// difflab-cli info: describes a checkpoint (after verifying its header, lengths and checksum).
#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "io/checkpoint.h"

#include <iostream>

namespace difflab::cli {

const char* const kInfoUsage =
    "difflab-cli info CKPT [--json]\n"
    "  Verifies a checkpoint (magic, format version, lengths, CRC-32) and describes it: network, parameters,\n"
    "  data shape and normalisation, classes, schedule, objective, training state and sections.\n"
    "  --json prints the metadata as JSON. Exit status 1 when the file is truncated, corrupt or foreign.\n";

namespace {
std::string join(const nlohmann::json& a) {
  std::string s;
  for (const auto& v : a) s += (s.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
  return s;
}
}  // namespace

int run_info(const Args& args) {
  std::vector<std::string> flags;
  std::string path;
  for (const auto& a : args) (a.rfind("--", 0) == 0 ? flags.emplace_back(a) : path = a);
  ArgParser p(flags, {}, {"json"});
  if (path.empty()) throw CliError("missing the checkpoint file");
  const Checkpoint c = read_checkpoint(path);
  const nlohmann::json& m = c.metadata;
  if (p.flag("json")) {
    std::cout << m.dump(2) << '\n';
    return 0;
  }
  const auto get = [&](const nlohmann::json& j, const char* k) { return j.contains(k) ? j.at(k) : nlohmann::json("?"); };
  const auto& net = m.value("network", nlohmann::json::object());
  const auto& data = m.value("data", nlohmann::json::object());
  const auto& sch = m.value("schedule", nlohmann::json::object());
  const auto& obj = m.value("objective", nlohmann::json::object());
  const auto& tr = m.value("trainer", nlohmann::json::object());
  std::cout << "checkpoint   " << path << " (format " << get(m, "format_version") << ", " << get(m, "created_by").dump() << ")\n"
            << "network      " << get(net, "kind").get<std::string>() << ':' << get(net, "preset").get<std::string>()
            << ", " << get(m, "parameters") << " parameters, options " << get(net, "options").dump() << '\n'
            << "data         " << get(data, "name").dump() << ", " << get(data, "kind").dump() << ", sample shape ["
            << join(get(data, "sample_shape")) << "], " << get(data, "num_samples") << " samples\n"
            << "normalise    " << get(data, "normalization").dump() << '\n'
            << "classes      " << (m.value("class_names", nlohmann::json::array()).empty() ? "none" : join(m["class_names"]))
            << (get(net, "num_classes") > 0 ? " (class-conditional, null class -1)" : " (unconditional)") << '\n'
            << "schedule     " << sch.dump() << '\n'
            << "objective    predict " << get(obj, "prediction").get<std::string>() << ", loss " << get(obj, "loss").get<std::string>()
            << ", weighting " << get(obj, "weighting").get<std::string>() << ", t ~ " << get(obj, "t_sampling").get<std::string>()
            << ", p_uncond " << get(obj, "p_uncond") << '\n'
            << "training     step " << get(m, "step") << " of " << get(tr, "total_steps") << ", last loss " << get(m, "last_loss")
            << ", batch " << get(tr, "batch_size") << ", lr " << get(tr, "lr") << ", EMA " << get(tr, "ema_decay")
            << ", seed " << get(tr, "seed") << ", device " << get(tr, "device") << '\n'
            << "sections    ";
  for (const auto& [name, bytes] : c.sections) std::cout << ' ' << name << " (" << bytes.size() << " bytes)";
  std::cout << '\n';
  return 0;
}

}  // namespace difflab::cli
