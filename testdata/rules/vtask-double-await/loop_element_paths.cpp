// vtask-double-await and vtask-use-after-await through a range-for's element or an element
// assigned in the body: `for (auto &w : workers)` and `w = ws[i];` name another worker in each
// round, so joining w.tid once per round is quiet; twice in one round, or a pthread_kill after
// the join, is not.
#include <pthread.h>
#include <signal.h>
#include <vector>

struct Worker {
  pthread_t tid;
};

void twice_in_a_round(std::vector<Worker> &ws) {
  for (auto &w : ws) {
    pthread_join(w.tid, nullptr);
    pthread_join(w.tid, nullptr); // expect: vtask-double-await
  }
}

void kill_after_join(std::vector<Worker> &ws) {
  for (auto &w : ws) {
    pthread_join(w.tid, nullptr);
    pthread_kill(w.tid, SIGTERM); // expect: vtask-use-after-await
  }
}

void joined_in_inner_rounds(std::vector<Worker> &ws) {
  for (auto &w : ws)
    for (int r = 0; r < 2; r++)
      pthread_join(w.tid, nullptr); // expect: vtask-double-await
}

/* ---- near misses ---- */

void assigned_before_join(std::vector<Worker> &ws) {
  Worker w;
  for (size_t i = 0; i < ws.size(); i++) {
    w = ws[i];
    pthread_join(w.tid, nullptr);
  }
}

void join_each(std::vector<Worker> &ws) {
  for (Worker &w : ws)
    pthread_join(w.tid, nullptr);
}

void join_each_auto(std::vector<Worker> &ws) {
  for (auto &w : ws)
    pthread_join(w.tid, nullptr);
}

void join_each_array(Worker (&ws)[4]) {
  for (auto &w : ws)
    pthread_join(w.tid, nullptr);
}
