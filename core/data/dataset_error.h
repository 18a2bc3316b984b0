#pragma once
// The one exception type of difflab_data: a reader or generator could not produce a dataset.
// The message names the file (or spec) and the fault, e.g. "train.gz: truncated: expected 47040016 bytes".

#include <stdexcept>
#include <string>

namespace difflab {

class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace difflab
