/* tag.h: to be written */
#ifndef CRIER_TAG_H
#define CRIER_TAG_H
#endif
