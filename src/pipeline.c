/* pipeline.c: placeholder until its module lands */
typedef int crier_placeholder_pipeline_c;
