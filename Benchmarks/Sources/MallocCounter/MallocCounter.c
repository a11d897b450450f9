// Counts heap allocations by interposing malloc, calloc and realloc in the benchmark
// executable and forwarding to glibc's implementations. Used to show that the simulation's
// steady state allocates nothing per event.
#include "MallocCounter.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <stddef.h>

static uint64_t calls;

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

void *malloc(size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    return __libc_realloc(pointer, size);
}

uint64_t spotsim_malloc_calls(void) { return __atomic_load_n(&calls, __ATOMIC_RELAXED); }
#else
uint64_t spotsim_malloc_calls(void) { return 0; }
#endif
