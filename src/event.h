/* event.h: to be written */
#ifndef CRIER_EVENT_H
#define CRIER_EVENT_H
#endif
