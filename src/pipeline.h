/* pipeline.h: to be written */
#ifndef CRIER_PIPELINE_H
#define CRIER_PIPELINE_H
#endif
