/* sched.h: to be written */
#ifndef CRIER_SCHED_H
#define CRIER_SCHED_H
#endif
