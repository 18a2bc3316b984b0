#pragma once
// A small "--flag value" / "--switch" parser for difflab-cli subcommands. Unknown flags and missing or
// malformed values throw CliError with a message naming the flag.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace difflab::cli {

struct CliError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ArgParser {
 public:
  /// valued: flags that take a value (without "--"); switches: flags without a value.
  ArgParser(const std::vector<std::string>& args, std::set<std::string> valued, std::set<std::string> switches);

  bool has(const std::string& flag) const;
  std::optional<std::string> get(const std::string& flag) const;
  std::string get_or(const std::string& flag, const std::string& fallback) const;
  std::string required(const std::string& flag) const;
  double get_double(const std::string& flag, double fallback) const;
  long long get_int(const std::string& flag, long long fallback) const;
  bool flag(const std::string& name) const { return switches_set_.count(name) > 0; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> switches_set_;
};

}  // namespace difflab::cli
