/* store/store-tag.c: placeholder until its module lands */
typedef int crier_placeholder_store_store_tag_c;
