#include "cli/arg_parser.h"

#include <cerrno>
#include <cstdlib>

namespace difflab::cli {

ArgParser::ArgParser(const std::vector<std::string>& args, std::set<std::string> valued,
                     std::set<std::string> switches) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) throw CliError("unexpected argument '" + a + "'");
    std::string name = a.substr(2);
    std::string value;
    bool has_inline = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline = true;
    }
    if (switches.count(name)) {
      if (has_inline) throw CliError("--" + name + " takes no value");
      switches_set_.insert(name);
    } else if (valued.count(name)) {
      if (!has_inline) {
        if (i + 1 >= args.size()) throw CliError("--" + name + " needs a value");
        value = args[++i];
      }
      values_[name] = value;
    } else {
      throw CliError("unknown option --" + name);
    }
  }
}

bool ArgParser::has(const std::string& flag) const { return values_.count(flag) > 0; }

std::optional<std::string> ArgParser::get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string ArgParser::get_or(const std::string& flag, const std::string& fallback) const {
  return get(flag).value_or(fallback);
}

std::string ArgParser::required(const std::string& flag) const {
  auto v = get(flag);
  if (!v) throw CliError("missing required option --" + flag);
  return *v;
}

double ArgParser::get_double(const std::string& flag, double fallback) const {
  auto v = get(flag);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0') throw CliError("--" + flag + " expects a number, got '" + *v + "'");
  return d;
}

long long ArgParser::get_int(const std::string& flag, long long fallback) const {
  auto v = get(flag);
  if (!v) return fallback;
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0') throw CliError("--" + flag + " expects an integer, got '" + *v + "'");
  if (errno == ERANGE) throw CliError("--" + flag + " " + *v + " is out of range");
  return n;
}

}  // namespace difflab::cli
