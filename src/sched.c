/* sched.c: placeholder until its module lands */
typedef int crier_placeholder_sched_c;
