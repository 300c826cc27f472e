/* fetch.c: placeholder until its module lands */
typedef int crier_placeholder_fetch_c;
