#pragma once
// Sets LibTorch's intra-op thread count for a job's duration on a worker thread and puts the previous count
// back at the end. at::set_num_threads also sets the count that other threads take up at their first
// parallel operation, so a job that runs on fewer threads (a small network) must not leave it changed for the
// other views' workers. Include after <ATen/Parallel.h> or <torch/torch.h>.

#include <ATen/Parallel.h>

class IntraOpThreads {
 public:
  explicit IntraOpThreads(int threads) { at::set_num_threads(threads); }
  ~IntraOpThreads() { at::set_num_threads(m_saved); }
  IntraOpThreads(const IntraOpThreads&) = delete;
  IntraOpThreads& operator=(const IntraOpThreads&) = delete;

 private:
  int m_saved = at::get_num_threads();
};
