// vtask-double-await through access paths in C++: a reference parameter or a structured
// binding may name the slot a path names, so writing it (or creating a thread into it) makes
// the path forget; so does waiting on a future another thread completes after restarting the
// thread. A reference bound to a joined thread ID is no copy of it (vtask-use-after-await).
// A std::lock_guard taken between two joins is as pthread_mutex_lock: what another thread wrote
// under the lock is seen after it. Flagged: std::this_thread::sleep_for or a write to std::cerr
// between two joins cannot give the thread another value.
#include <chrono>
#include <future>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <thread>

void *run(void *);

struct Worker {
  pthread_t tid;
};
struct Pool {
  Worker ws[2];
};
struct Slot {
  pthread_t th;
  int gen;
};
struct Srv {
  pthread_t th;
  std::mutex mu;
  int n;
};

void assigned_through_a_reference(Pool &pool, pthread_t &out, pthread_t fresh) {
  pthread_join(pool.ws[0].tid, nullptr);
  out = fresh; /* out may be pool.ws[0].tid */
  pthread_join(pool.ws[0].tid, nullptr);
}

void created_through_a_reference(Pool &pool, pthread_t &out) {
  pthread_join(pool.ws[0].tid, nullptr);
  pthread_create(&out, nullptr, run, nullptr);
  pthread_join(pool.ws[0].tid, nullptr);
}

void through_a_binding(Slot &s, pthread_t fresh) {
  auto &[th, gen] = s;
  pthread_join(s.th, nullptr);
  th = fresh;
  ++gen;
  pthread_join(s.th, nullptr);
}

void after_a_future(Srv *s, std::future<void> &restarted) {
  pthread_join(s->th, nullptr);
  restarted.wait();
  pthread_join(s->th, nullptr);
}

class Sup {
public:
  void cycle(pthread_t fresh) {
    pthread_join(th_, nullptr);
    pthread_t &slot = th_;
    slot = fresh;
    pthread_join(th_, nullptr);
  }

private:
  pthread_t th_;
};

void lock_between(Srv *s) {
  pthread_join(s->th, nullptr);
  {
    std::lock_guard<std::mutex> g(s->mu);
    s->n = 0;
  }
  pthread_join(s->th, nullptr);
}

void log_between(Srv *s) {
  pthread_join(s->th, nullptr);
  std::cerr << "stopped\n";
  pthread_join(s->th, nullptr); // expect: vtask-double-await
}

void sleep_between(Srv *s) {
  pthread_join(s->th, nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  pthread_join(s->th, nullptr); // expect: vtask-double-await
}
