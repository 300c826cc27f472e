/* event.c: placeholder until its module lands */
typedef int crier_placeholder_event_c;
