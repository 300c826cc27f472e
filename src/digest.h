/* digest.h: to be written */
#ifndef CRIER_DIGEST_H
#define CRIER_DIGEST_H
#endif
