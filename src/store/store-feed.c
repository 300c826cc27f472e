/* store/store-feed.c: placeholder until its module lands */
typedef int crier_placeholder_store_store_feed_c;
