/* store/store-item.c: placeholder until its module lands */
typedef int crier_placeholder_store_store_item_c;
