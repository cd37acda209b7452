/* clock.h - the one clock every layer uses to measure elapsed time */
#ifndef PROTSIM_CLOCK_H
#define PROTSIM_CLOCK_H

/* Seconds on a monotonic clock from an arbitrary origin: differences are elapsed wall
 * time, unaffected by changes of the system time. */
double ps_clock_seconds(void);

#endif
