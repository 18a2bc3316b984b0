#pragma once
// ScheduleOptions <-> JSON, the one representation of a schedule in checkpoints, training configs and GUI
// session files. Field names (append-only; documented in docs/file-formats.md, "Schedule options (JSON)"):
//
//   {"family": "linear"|"scaled-linear"|"cosine"|"sigmoid"|"custom", "timesteps": 1000,
//    "beta_start": 1e-4, "beta_end": 0.02, "cosine_s": 0.008, "cosine_max_beta": 0.999,
//    "zero_terminal_snr": false,
//    // custom schedules only:
//    "custom_kind": "beta-table"|"alpha-bar-table"|"log-snr-points",
//    "custom_values": [..], "control_points": [[u, log_snr], ..]}
//
// Every field is optional when reading (missing fields keep ScheduleOptions' defaults), so old files stay
// readable when fields are added. Reading checks types only; NoiseSchedule::from_options checks values.

#include "schedule/noise_schedule.h"

#include <nlohmann/json.hpp>

#include <string>

namespace difflab {

/// "beta-table", "alpha-bar-table", "log-snr-points"; the parser throws std::invalid_argument naming the value.
CustomScheduleKind parse_custom_schedule_kind(const std::string& name);
std::string custom_schedule_kind_name(CustomScheduleKind kind);

/// Writes every scalar field; the custom fields only for ScheduleFamily::Custom.
nlohmann::json schedule_options_to_json(const ScheduleOptions& options);
/// Throws std::invalid_argument naming the field and the fault ("schedule field 'timesteps' must be an
/// integer, got \"ten\"") for a non-object, a wrong type, an unknown family or custom kind, or an unknown field.
ScheduleOptions schedule_options_from_json(const nlohmann::json& json);

}  // namespace difflab
