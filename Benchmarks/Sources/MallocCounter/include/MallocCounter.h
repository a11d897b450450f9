#ifndef SPOTSIM_MALLOC_COUNTER_H
#define SPOTSIM_MALLOC_COUNTER_H

#include <stdint.h>

/// Calls to malloc, calloc and realloc made by this process so far (glibc only; 0 elsewhere).
uint64_t spotsim_malloc_calls(void);

#endif
