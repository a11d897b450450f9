#ifndef SPOTSIM_MALLOC_COUNTER_H
#define SPOTSIM_MALLOC_COUNTER_H

#include <stdint.h>

/// Calls to malloc, calloc and realloc made by this process so far, on every thread (glibc
/// only; 0 elsewhere).
uint64_t spotsim_malloc_calls(void);

/// Calls to malloc, calloc and realloc made by the calling thread so far (glibc only; 0
/// elsewhere).
uint64_t spotsim_thread_malloc_calls(void);

#endif
