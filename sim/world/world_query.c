/* world_query.c - what kernels, indicators and drivers may ask of the world: sizes,
 * counts by status, flows, events, and the small maths every kernel shares */
#include "protsim/world.h"

#include <math.h>

#include "kernel_refugee.h"
#include "world_impl.h"

size_t ps_world_steps_done(const ps_world *w)
{
    return w->t;
}

size_t ps_world_steps_total(const ps_world *w)
{
    return w->n_steps;
}

size_t ps_world_n_states(const ps_world *w)
{
    return w->n_states;
}

size_t ps_world_n_ngos(const ps_world *w)
{
    return w->n_ngos;
}

size_t ps_world_n_agents(const ps_world *w)
{
    int64_t alive = 0;
    for (size_t i = 0; i < w->n_states; i++) {
        alive += (int64_t)ps_world_present(w, i);
    }
    return (size_t)alive;
}

const size_t *ps_world_ngo_home(const ps_world *w)
{
    return w->ngo_home;
}

const ps_event *ps_world_events(const ps_world *w, size_t *n_events)
{
    *n_events = w->n_events;
    return w->events;
}

double ps_world_refugee_seconds(const ps_world *w)
{
    return w->refugee_seconds;
}

void ps_world_set_threads(ps_world *w, int n_threads)
{
    w->n_threads = n_threads;
}

ps_status ps_world_set_kernel(ps_world *w, const char *name, ps_error *err)
{
    return ps_kernel_choose("kernel", name, &w->kernel, err);
}

const char *ps_world_kernel(const ps_world *w)
{
    return ps_kernel_name(w->kernel);
}

void ps_world_add_event(ps_world *w, ps_event_type type, long state, long ngo,
                        double value)
{
    if (w->n_events < w->cap_events) { /* capacity covers every event a step can make */
        w->events[w->n_events++] = (ps_event){
            .date = w->month, .type = type, .state = state, .ngo = ngo, .value = value};
    }
}

double ps_world_in_status(const ps_world *w, size_t i, int code)
{
    const int64_t *c = &w->count[(i * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES];
    return (double)(c[0] + c[1] + c[2] + c[3]);
}

double ps_world_present(const ps_world *w, size_t i)
{
    double n = 0.0;
    for (int code = 0; code < PS_N_PRESENT; code++) {
        n += ps_world_in_status(w, i, code);
    }
    return n;
}

double ps_world_share(const ps_world *w, size_t i, int code)
{
    double present = ps_world_present(w, i);
    return present > 0.0 ? ps_world_in_status(w, i, code) / present : 0.0;
}

double ps_world_mean_P(const ps_world *w, size_t i)
{
    double sum = 0.0;
    for (int k = 0; k < PS_N_COMPONENTS; k++) {
        sum += w->state_P[i * PS_N_COMPONENTS + (size_t)k];
    }
    return sum / PS_N_COMPONENTS;
}

double ps_world_institutionalisation(const ps_world *w, size_t i)
{
    return w->sc->w_ratify * (w->state_ratified[i] ? 1.0 : 0.0) +
           w->sc->w_law * w->state_law[i] / 3.0;
}

int64_t ps_world_flow_now(const ps_world *w, size_t i, ps_flow f)
{
    if (w->t == 0) {
        return 0;
    }
    size_t slot = (w->t - 1) % 12;
    return w->flow_history[(slot * w->n_states + i) * PS_N_FLOWS + (size_t)f];
}

int64_t ps_world_flow_12m(const ps_world *w, size_t i, ps_flow f)
{
    int64_t sum = 0;
    for (size_t slot = 0; slot < 12; slot++) {
        sum += w->flow_history[(slot * w->n_states + i) * PS_N_FLOWS + (size_t)f];
    }
    return sum;
}

double ps_world_unhcr_share(const ps_world *w)
{
    double backlog = 0.0;
    for (size_t i = 0; i < w->n_states; i++) {
        if (w->state_rsd[i] == PS_RSD_UNHCR || w->state_rsd[i] == PS_RSD_JOINT) {
            backlog += ps_world_in_status(w, i, PS_RS_PENDING);
        }
    }
    return backlog > 0.0 ? fmin(1.0, w->unhcr_capacity / backlog) : 1.0;
}

bool ps_world_patron_active(const ps_world *w, size_t i)
{
    const ps_state_spec *s = &w->sc->states[i];
    return s->patron[0] != '\0' && w->month >= s->patron_since;
}

double ps_clamp01(double x)
{
    return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
}

double ps_monthly(double h_per_year)
{
    double h = ps_clamp01(h_per_year);
    return h >= 1.0 ? 1.0 : -expm1(log1p(-h) / 12.0);
}

double ps_logistic(double x)
{
    return 1.0 / (1.0 + exp(-x));
}
