/* store/store-mark.c: placeholder until its module lands */
typedef int crier_placeholder_store_store_mark_c;
