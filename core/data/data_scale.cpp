#include "data/data_scale.h"

#include "data/dataset.h"

#include <torch/torch.h>

#include <stdexcept>

namespace difflab {

namespace {
constexpr double kHalfLevels = 127.5;  // (256 − 1) / 2: uint8 [0, 255] ↔ [−1, 1]
}  // namespace

DataScale DataScale::images() {
  DataScale s;
  s.kind = "images";
  s.normalization = kImagesNormalization;
  s.scale = s.offset = kHalfLevels;
  return s;
}

DataScale DataScale::unit_images() {
  DataScale s;
  s.kind = "images";
  s.normalization = kUnitImagesNormalization;
  s.scale = 255.0;
  s.offset = 0.0;
  return s;
}

bool DataScale::normalization_is(const std::string& normalization, const std::string& formula) {
  return normalization == formula || normalization.rfind(formula + " (", 0) == 0;
}

DataScale DataScale::identity() { return DataScale{}; }

DataScale DataScale::for_kind(DataKind kind) { return kind == DataKind::Images ? images() : identity(); }

DataScale DataScale::from_checkpoint(const std::string& kind, const std::string& normalization) {
  DataScale s = identity();
  if (normalization_is(normalization, "x / 255"))
    s = unit_images();
  else if (normalization.rfind("identity", 0) != 0 &&
           (normalization.rfind("x / 127.5 - 1", 0) == 0 || kind == "images"))
    s = images();
  s.kind = kind;
  s.normalization = normalization;
  return s;
}

at::Tensor DataScale::to_model(const at::Tensor& data) const {
  const at::Tensor x = at::isFloatingType(data.scalar_type()) ? data : data.to(at::kFloat);
  if (scale == 1.0 && offset == 0.0) return x;
  return (x - offset) / scale;
}

at::Tensor DataScale::to_data(const at::Tensor& x) const {
  if (scale == 1.0 && offset == 0.0) return x;
  return x * scale + offset;
}

at::Tensor DataScale::quantize_8bit(const at::Tensor& x) const {
  if (!is_images()) throw std::logic_error("DataScale::quantize_8bit: " + kind + " have no 8-bit form");
  return to_data(x.clamp(model_min(), model_max())).round().to(at::kByte);
}

at::Tensor DataScale::on_8bit_grid(const at::Tensor& x) const {
  if (!is_images()) return x;
  return to_model(to_data(x.clamp(model_min(), model_max())).round());
}

}  // namespace difflab
