/* store/store-int.h: to be written */
#ifndef CRIER_STORE_STORE_INT_H
#define CRIER_STORE_STORE_INT_H
#endif
