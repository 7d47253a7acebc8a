// Lexing as the preprocessor does: a digraph directive, a splice inside a macro name, a comment
// between # and define, one between define and the name.
#include <vtask.h>
vtask_t vtask_from_fd(int fd);
%:define DROP1(fd) vtask_from_fd(fd)
#define DR\
OP2(fd) vtask_from_fd(fd)
# /* x */ define DROP3(fd) vtask_from_fd(fd)
#define /* public */ DROP4(fd) vtask_from_fd(fd)
void d1(int fd) { DROP1(fd); } // expect: vtask-discarded
void d2(int fd) { DROP2(fd); } // expect: vtask-discarded
void d3(int fd) { DROP3(fd); } // expect: vtask-discarded
void d4(int fd) { DROP4(fd); } // expect: vtask-discarded
