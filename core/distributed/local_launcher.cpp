// Child processes for a local training group. See local_launcher.h.
#include "distributed/local_launcher.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace difflab {

LocalLauncher::LocalLauncher(Options options) : options_(std::move(options)) {
  if (options_.world_size < 2) throw std::runtime_error("a local launch needs at least 2 processes");
  if (options_.master_port < 1 || options_.master_port > 65535)
    throw std::runtime_error("a local launch needs the rendezvous port, got " + std::to_string(options_.master_port));
  for (int rank = 1; rank < options_.world_size; ++rank) {
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
    std::map<std::string, std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      const size_t eq = kv.find('=');
      if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : options_.env) env[k] = v;
    env["RANK"] = std::to_string(rank);
    env["LOCAL_RANK"] = std::to_string(rank);
    env["WORLD_SIZE"] = std::to_string(options_.world_size);
    env["LOCAL_WORLD_SIZE"] = std::to_string(options_.world_size);
    env["MASTER_ADDR"] = "127.0.0.1";
    env["MASTER_PORT"] = std::to_string(options_.master_port);
    std::vector<std::string> env_text;
    for (const auto& [k, v] : env) env_text.push_back(k + "=" + v);
    std::vector<char*> envp, argv;
    for (auto& s : env_text) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string exe = options_.executable;
    argv.push_back(exe.data());
    std::vector<std::string> args = options_.args;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string log = log_path(rank);
    const pid_t parent = getpid();

    const pid_t pid = fork();
    if (pid < 0) {
      terminate_all();
      throw std::runtime_error("cannot start rank " + std::to_string(rank) + ": fork failed (" + std::strerror(errno) +
                               ")");
    }
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(125);  // the parent ended before prctl
      const int out = open("/dev/null", O_WRONLY);
      const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out >= 0) dup2(out, STDOUT_FILENO);
      if (err >= 0) dup2(err, STDERR_FILENO);
      const int in = open("/dev/null", O_RDONLY);
      if (in >= 0) dup2(in, STDIN_FILENO);
      execve(exe.c_str(), argv.data(), envp.data());
      const char msg[] = "exec failed\n";
      (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
      _exit(127);
    }
    children_.push_back({rank, pid, false, 0});
  }
}

LocalLauncher::~LocalLauncher() { terminate_all(); }

std::string LocalLauncher::log_path(int rank) const {
  return options_.log_dir + "/rank-" + std::to_string(rank) + ".log";
}

std::string LocalLauncher::last_log_line(int rank) const {
  std::ifstream in(log_path(rank));
  std::string line, last;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) last = line;
  }
  return last;
}

void LocalLauncher::reap(bool block) {
  for (auto& c : children_) {
    if (c.done) continue;
    int status = 0;
    const pid_t r = waitpid(c.pid, &status, block ? 0 : WNOHANG);
    if (r == c.pid || (r < 0 && errno == ECHILD)) {
      c.done = true;
      c.status = r == c.pid ? status : 0;
    }
  }
}

std::optional<std::string> LocalLauncher::describe_failure() const {
  for (const auto& c : children_) {
    if (!c.done) continue;
    std::string what;
    if (WIFSIGNALED(c.status)) {
      const int sig = WTERMSIG(c.status);
      what = "rank " + std::to_string(c.rank) + " was killed by signal " + std::to_string(sig) + " (" + strsignal(sig) +
             ")";
    } else if (WIFEXITED(c.status) && WEXITSTATUS(c.status) != 0) {
      what = "rank " + std::to_string(c.rank) + " exited with status " + std::to_string(WEXITSTATUS(c.status));
    } else {
      continue;
    }
    const std::string last = last_log_line(c.rank);
    return last.empty() ? what : what + ": " + last;
  }
  return std::nullopt;
}

std::optional<std::string> LocalLauncher::failure() {
  reap(false);
  return describe_failure();
}

std::optional<std::string> LocalLauncher::wait(double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    reap(false);
    bool all = true;
    for (const auto& c : children_) all = all && c.done;
    if (all || std::chrono::steady_clock::now() >= end) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto f = describe_failure();
  terminate_all();
  return f;
}

void LocalLauncher::terminate_all() {
  reap(false);
  bool any = false;
  for (const auto& c : children_)
    if (!c.done) {
      kill(c.pid, SIGTERM);
      any = true;
    }
  if (!any) return;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (;;) {
    reap(false);
    bool all = true;
    for (const auto& c : children_) all = all && c.done;
    if (all) return;
    if (std::chrono::steady_clock::now() >= end) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (const auto& c : children_)
    if (!c.done) kill(c.pid, SIGKILL);
  reap(true);
}

std::string LocalLauncher::self_executable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot find this program's own path (/proc/self/exe)");
  return std::string(buf, static_cast<size_t>(n));
}

std::string LocalLauncher::make_temp_dir(const std::string& what) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/difflab-" + what + "-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr)
    throw std::runtime_error("cannot create a temporary directory like '" + pattern + "': " + std::strerror(errno));
  return std::string(buf.data());
}

}  // namespace difflab
