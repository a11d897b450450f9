// Counts heap allocations by interposing malloc, calloc and realloc in the benchmark
// executable and forwarding to glibc's implementations. Used to show that the simulation's
// steady state allocates nothing per event.
#include "MallocCounter.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <stddef.h>

static uint64_t calls;
// This thread's calls: what the kernel benchmark's timed loop makes, without a stray
// allocation of another thread (a Dispatch worker left over from the runner winding down).
// Initial-exec TLS in the executable: reading it never allocates.
static __thread uint64_t thread_calls __attribute__((tls_model("initial-exec")));

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static inline void count(void) {
    __atomic_fetch_add(&calls, 1, __ATOMIC_RELAXED);
    thread_calls += 1;
}

void *malloc(size_t size) {
    count();
    return __libc_malloc(size);
}

void *calloc(size_t count_, size_t size) {
    count();
    return __libc_calloc(count_, size);
}

void *realloc(void *pointer, size_t size) {
    count();
    return __libc_realloc(pointer, size);
}

uint64_t spotsim_malloc_calls(void) { return __atomic_load_n(&calls, __ATOMIC_RELAXED); }
uint64_t spotsim_thread_malloc_calls(void) { return thread_calls; }
#else
uint64_t spotsim_malloc_calls(void) { return 0; }
uint64_t spotsim_thread_malloc_calls(void) { return 0; }
#endif
