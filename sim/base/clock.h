/* clock.h - the clocks every layer uses to measure elapsed time */
#ifndef PROTSIM_CLOCK_H
#define PROTSIM_CLOCK_H

/* Seconds on a monotonic clock from an arbitrary origin: differences are elapsed wall
 * time, unaffected by changes of the system time. */
double ps_clock_seconds(void);

/* Seconds of CPU time the calling thread has used: what one core spends on a piece of
 * work, whatever else the machine runs (benchmarks on a shared machine). */
double ps_clock_cpu_seconds(void);

#endif
