#pragma once
// LocalLauncher: starts ranks 1 .. N−1 of a local training group as child processes, the way torchrun does on
// one machine. The caller is rank 0: it opens the group's TCPStore (TrainingGroup::create on port 0), and in
// on_store_ready starts the launcher with the port, so no port is guessed.
//
// Each child runs `executable args...` with RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR
// (127.0.0.1) and MASTER_PORT set, stdout discarded and stderr written to log_dir/rank-R.log. A child gets
// SIGTERM when the thread that launched it ends (Linux PR_SET_PDEATHSIG), so no rank outlives its run.
// The destructor ends children still running (SIGTERM, then SIGKILL after 5 s) and reaps them.
// std only (POSIX); no LibTorch.

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace difflab {

class LocalLauncher {
 public:
  struct Options {
    std::string executable;         ///< absolute path of the program each rank runs
    std::vector<std::string> args;  ///< its arguments (without argv[0])
    int world_size = 2;
    int master_port = 0;
    std::string log_dir;                     ///< existing directory for rank-R.log
    std::map<std::string, std::string> env;  ///< added to (or replacing in) the inherited environment
  };

  /// Starts ranks 1 .. world_size − 1. Throws std::runtime_error when a process cannot be started.
  explicit LocalLauncher(Options options);
  ~LocalLauncher();
  LocalLauncher(const LocalLauncher&) = delete;
  LocalLauncher& operator=(const LocalLauncher&) = delete;

  /// Non-blocking: one line for the first child that has ended with an error ("rank 1 was killed by signal
  /// 9 (Killed)", "rank 1 exited with status 1: <last line of its log>"), or nullopt while all run or ended
  /// cleanly.
  std::optional<std::string> failure();
  /// Waits up to `seconds` for every child to end, then ends the rest (SIGTERM, SIGKILL). Returns failure().
  std::optional<std::string> wait(double seconds);
  /// The log file of rank r (1 .. world_size − 1).
  std::string log_path(int rank) const;
  /// The last non-empty line of rank r's log ("" when none).
  std::string last_log_line(int rank) const;

  /// The running program's own path (/proc/self/exe), for starting more copies of it.
  static std::string self_executable();
  /// A new private directory under $TMPDIR (or /tmp) named difflab-<what>-XXXXXX. Throws on failure.
  static std::string make_temp_dir(const std::string& what);

 private:
  struct Child {
    int rank = 0;
    pid_t pid = -1;
    bool done = false;
    int status = 0;
  };
  void reap(bool block);
  void terminate_all();
  std::optional<std::string> describe_failure() const;

  Options options_;
  std::vector<Child> children_;
};

}  // namespace difflab
