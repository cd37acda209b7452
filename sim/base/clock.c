/* clock.c - the clocks every layer uses to measure elapsed time */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "clock.h"

#include <time.h>

static double seconds_on(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double ps_clock_seconds(void)
{
    return seconds_on(CLOCK_MONOTONIC);
}

double ps_clock_cpu_seconds(void)
{
    return seconds_on(CLOCK_THREAD_CPUTIME_ID);
}
