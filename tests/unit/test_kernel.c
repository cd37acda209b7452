/* test_kernel.c - the fast refugee kernel against a straightforward reference of
 * docs/model.md §7.5 written here: every agent's competing risks computed from the rules
 * one by one and raced as exponential clocks (the move is the first clock to ring
 * within the month). The two must give the same transition frequencies; and the
 * kernel's bytes must depend neither on the number of threads nor on the code path
 * (scalar, AVX2, AVX-512).
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "kernel_refugee.h"
#include "tiny.h"

static ps_scenario sc;

/* Two states, two origins, 1,000,000 agents each: a state procedure with a patron that
 * wants one origin refouled, and a UNHCR procedure. Start in March: no compaction. */
static const char *WORLD =
    "name = \"kernel\"; time = { start = \"2010-03\"; end = \"2010-12\"; };\n"
    "origins = ( { name = \"A\"; recognition = 0.6; mandate_recognition = 0.8;\n"
    "              return_per_year = 0.05; },\n"
    "            { name = \"B\"; recognition = 0.3; mandate_recognition = 0.7; } );\n"
    "refugees = { access_per_year = 0.5; services_boost = 0.4; legal_aid_boost = 0.3;\n"
    "  status_per_year = 0.4; refoulement_per_year = 0.6; integration_per_year = 0.3;\n"
    "  detention_months = 4.0; detention = { unregistered = 0.3; pending = 0.1;\n"
    "  rejected = 0.5; mandate = 0.2; }; };\n"
    "unhcr = { decisions_per_year = 24000.0; resettlement_per_year = 6000.0;\n"
    "          resettlement_wait_gain = 1.5; };\n"
    "states = { list = (\n"
    "  { name = \"Own\"; rsd = \"state\"; ratified = true; decisions_per_year = "
    "12000.0;\n"
    "    origin_mix = [0.5, 0.5]; stock = { refugees = 1000000.0; };\n"
    "    patron = { name = \"Big\"; since = \"2009-01\"; leverage = 0.8;\n"
    "               demand_refoulement = 0.75; refoulement_origins = [\"B\"]; }; },\n"
    "  { name = \"Big\"; rsd = \"unhcr\"; origin_mix = [0.3, 0.7];\n"
    "    stock = { refugees = 1000000.0; }; } ); };\n";

static const double P[2][PS_N_COMPONENTS] = {{0.6, 0.5, 0.7, 0.4, 0.6, 0.5},
                                             {0.3, 0.4, 0.1, 0.2, 0.5, 0.3}};
static const double A[2][PS_N_CHANNELS] = {{0.1, 0.2, 0.3, 0.25, 0.0},
                                           {0.2, 0.1, 0.15, 0.4, 0.0}};
static const double S[2] = {0.5, 0.7};
static const int MONTHS[4] = {2, 10, 30, 100};

/* Spread agents over every status, duration class and previous status, and set the
 * policies the table is built from. */
static ps_world *prepared_world(void)
{
    ps_world *w = tiny_world(WORLD, &sc);
    for (size_t r = 0; r < w->ref.n; r++) {
        int code = (int)(r % PS_N_PRESENT), months = MONTHS[(r / 7) % 4];
        int prev = code == PS_RS_DETAINED || code == PS_RS_ATD ? (int)((r / 28) % 4) : 0;
        w->ref.state[r] = ps_agent_state(code, prev, months);
    }
    ps_refugee_tally(w);
    for (int i = 0; i < 2; i++) {
        memcpy(&w->state_P[i * PS_N_COMPONENTS], P[i], sizeof P[i]);
        memcpy(&w->state_A[i * PS_N_CHANNELS], A[i], sizeof A[i]);
        w->state_S[i] = S[i];
    }
    w->unhcr_capacity = 24000.0 / 12.0;
    w->unhcr_quota = 6000.0 / 12.0;
    return w;
}

/* ---- the reference: docs/model.md §7.5 rule by rule -----------------------------------
 */

static double yearly(double h) /* a yearly probability as a monthly hazard */
{
    h = h < 0.0 ? 0.0 : (h > 1.0 ? 1.0 : h);
    return h >= 1.0 ? 1e9 : -log(1.0 - h) / 12.0;
}

static double chance(double p) /* a monthly probability as a hazard */
{
    return p >= 1.0 ? 1e9 : -log(1.0 - p);
}

typedef struct {
    int move;
    double hazard;
} clock;

typedef struct {
    double resettle[PS_DCLASSES];
    double decide[2];
} shared;

static double agents(const ps_world *w, size_t i, int code, int d)
{
    return (double)
        w->count[(i * PS_STATUS_CODES + (size_t)code) * PS_DCLASSES + (size_t)d];
}

/* Places by waiting class and decision chances, from the counts before the step. */
static shared shared_chances(const ps_world *w)
{
    shared sh;
    double weighted = 0.0, pending[2];
    for (size_t i = 0; i < 2; i++) {
        pending[i] = 0.0;
        for (int d = 0; d < PS_DCLASSES; d++) {
            weighted +=
                (agents(w, i, PS_RS_MANDATE, d) + agents(w, i, PS_RS_PROTECTED, d)) *
                (1.0 + 1.5 * d);
            pending[i] += agents(w, i, PS_RS_PENDING, d);
        }
    }
    for (int d = 0; d < PS_DCLASSES; d++) {
        sh.resettle[d] = fmin(1.0, 500.0 * (1.0 + 1.5 * d) / weighted);
    }
    sh.decide[0] = fmin(1.0, 1000.0 / pending[0]); /* the state's own procedure */
    sh.decide[1] = fmin(1.0, 2000.0 / pending[1]); /* UNHCR's, only state 1 */
    return sh;
}

/* The clocks of one agent; returns how many. */
static int clocks(const shared *sh, int h, int o, int code, int months, clock *c)
{
    int n = 0, d = ps_dclass(months);
    double det_rate[4] = {0.3, 0.1, 0.2, 0.5}; /* unregistered pending mandate rejected */
    double ret = yearly(o == 0 ? 0.05 : 0.0);
    double patron = h == 0 && o == 1 ? 0.8 * 0.75 : 0.0;
    double ref = yearly(0.6 * S[h] * S[h] * (1.0 - P[h][PS_P_NONREF]) * (1.0 + patron));
    double detain =
        code < 4 ? yearly(det_rate[code] * (1.0 - P[h][PS_P_LIBERTY]) * (1.0 + S[h]))
                 : 0.0;
    double atd = P[h][PS_P_LIBERTY] * A[h][PS_CH_IMP];
    double aid = 1.0 + 0.3 * A[h][PS_CH_SRV];
    double rec = h == 0 ? P[h][PS_P_FAIR] * aid * (o == 0 ? 0.6 : 0.3)
                        : aid * (o == 0 ? 0.8 : 0.7);
    int recognised = h == 0 ? PS_MV_RECOG_STATE : PS_MV_RECOG_UNHCR;
    switch (code) {
    case PS_RS_UNREGISTERED:
        c[n++] = (clock){PS_MV_RETURN, ret};
        c[n++] = (clock){PS_MV_REFOULE, ref};
        c[n++] = (clock){PS_MV_REGISTER,
                         yearly(0.5 * (P[h][PS_P_ACCESS] + 0.4 * A[h][PS_CH_SRV]))};
        break;
    case PS_RS_PENDING:
        c[n++] = (clock){PS_MV_RETURN, ret};
        c[n++] = (clock){recognised, chance(sh->decide[h]) * rec};
        c[n++] = (clock){PS_MV_REJECT, chance(sh->decide[h]) * (1.0 - rec)};
        break;
    case PS_RS_MANDATE:
        c[n++] = (clock){PS_MV_RESETTLE, chance(sh->resettle[d])};
        c[n++] = (clock){PS_MV_RETURN, ret};
        c[n++] = (clock){PS_MV_REFOULE, 0.5 * ref};
        c[n++] = (clock){PS_MV_GRANT, yearly(0.4 * P[h][PS_P_STATUS])};
        break;
    case PS_RS_REJECTED:
        c[n++] = (clock){PS_MV_RETURN, ret};
        c[n++] = (clock){PS_MV_REFOULE, ref};
        break;
    case PS_RS_PROTECTED:
        c[n++] = (clock){PS_MV_RESETTLE, chance(sh->resettle[d])};
        c[n++] = (clock){PS_MV_RETURN, ret};
        if (d == 3 && h == 0) { /* a party: durable; state 1 is neither party nor L3 */
            c[n++] = (clock){PS_MV_INTEGRATE, yearly(0.3 * P[h][PS_P_RIGHTS])};
        }
        break;
    case PS_RS_DETAINED:
        c[n++] = (clock){PS_MV_REFOULE, ref};
        c[n++] = (clock){PS_MV_RELEASE, 1.0 / 4.0};
        break;
    default: /* ATD */
        c[n++] = (clock){PS_MV_RELEASE, 1.0 / 4.0};
        break;
    }
    if (detain > 0.0) {
        c[n++] = (clock){PS_MV_DETAIN, detain * (1.0 - atd)};
        c[n++] = (clock){PS_MV_ATD, detain * atd};
    }
    return n;
}

/* Race the clocks: the first to ring within the month is the move. */
static int race(gsl_rng *rng, const clock *c, int n)
{
    int move = PS_MV_STAY;
    double first = 1.0;
    for (int k = 0; k < n; k++) {
        if (c[k].hazard > 0.0) {
            double t = gsl_ran_exponential(rng, 1.0 / c[k].hazard);
            if (t < first) {
                first = t;
                move = c[k].move;
            }
        }
    }
    return move;
}

/* ---- the comparison ---------------------------------------------------------------- */

Test(kernel, same_transition_frequencies_as_the_reference)
{
    ps_world *w = prepared_world();
    shared sh = shared_chances(w);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 2024);
    double ref_moves[2][PS_N_MOVES] = {{0}};
    size_t n = w->ref.n;
    for (size_t r = 0; r < n; r++) {
        int st = w->ref.state[r], h = (int)(w->ref.group[r] / w->n_origins);
        int o = (int)(w->ref.group[r] % w->n_origins);
        clock c[8];
        int k = clocks(&sh, h, o, ps_agent_code(st), ps_agent_months(st), c);
        ref_moves[h][race(rng, c, k)] += 1.0;
    }
    ps_error err = {0};
    cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
    /* Two independent samples of 1,000,000 agents per state: a move with frequency
     * p differs between them by sd sqrt(2 p (1 - p) / n); allow 5 sd plus 2 agents. */
    int checked = 0;
    for (int h = 0; h < 2; h++) {
        double n_h =
            ps_world_present(w, (size_t)h) + ps_world_in_status(w, (size_t)h, PS_GONE);
        for (int m = 1; m < PS_N_MOVES; m++) {
            double fast = (double)w->moves[h * PS_N_MOVES + m], ref = ref_moves[h][m];
            double p = (fast + ref) / (2.0 * n_h);
            double tol = 5.0 * sqrt(2.0 * p * (1.0 - p) * n_h) + 2.0;
            cr_assert(fabs(fast - ref) <= tol,
                      "state %d move %d: kernel %g, reference %g", h, m, fast, ref);
            checked += fast + ref > 100.0;
        }
    }
    cr_assert_geq(checked, 18, "too few moves were frequent enough to compare: %d",
                  checked);
    gsl_rng_free(rng);
    ps_world_destroy(w);
}

Test(kernel, one_and_two_threads_give_identical_bytes)
{
    ps_world *one = prepared_world(), *two = prepared_world();
    ps_world_set_threads(one, 1);
    ps_world_set_threads(two, 2);
    cr_assert_gt(one->ref.n, 3 * PS_BLOCK_AGENTS);
    ps_error err = {0};
    for (int t = 0; t < 3; t++) {
        cr_assert_eq(ps_step_refugee(one, &err), PS_OK);
        cr_assert_eq(ps_step_refugee(two, &err), PS_OK);
        one->t++;
        two->t++;
    }
    size_t n = one->ref.n;
    cr_assert_eq(n, two->ref.n);
    cr_assert_arr_eq(one->ref.state, two->ref.state, n * sizeof *one->ref.state);
    cr_assert_arr_eq(one->ref.group, two->ref.group, n * sizeof *one->ref.group);
    cr_assert_arr_eq(one->count, two->count,
                     2 * PS_STATUS_CODES * PS_DCLASSES * sizeof *one->count);
    ps_world_destroy(one);
    ps_world_destroy(two);
}

/* Three steps of the prepared world, cut to n agents (so that the last block ends
 * inside a group of 16) with every number of months (so that agents cross every
 * duration class and saturate), on the kernel path called name. */
static ps_world *stepped_world(const char *name, size_t n)
{
    ps_world *w = prepared_world();
    ps_error err = {0};
    cr_assert_eq(ps_world_set_kernel(w, name, &err), PS_OK, "%s", err.msg);
    cr_assert_str_eq(ps_world_kernel(w), name);
    w->ref.n = n;
    for (size_t r = 0; r < n; r++) {
        int st = w->ref.state[r], months = (int)((r / 7) % (PS_MONTHS_MAX + 1));
        w->ref.state[r] = ps_agent_state(ps_agent_code(st), ps_agent_prev(st), months);
    }
    ps_refugee_tally(w);
    for (int t = 0; t < 3; t++) {
        cr_assert_eq(ps_step_refugee(w, &err), PS_OK);
        w->t++;
    }
    return w;
}

static void assert_same_world(const ps_world *a, const ps_world *b, const char *what)
{
    size_t n = a->ref.n;
    cr_assert_eq(n, b->ref.n, "%s: %zu agents, scalar %zu", what, b->ref.n, n);
    cr_assert_arr_eq(a->ref.state, b->ref.state, n * sizeof *a->ref.state, "%s", what);
    cr_assert_arr_eq(a->ref.group, b->ref.group, n * sizeof *a->ref.group, "%s", what);
    cr_assert_arr_eq(a->count, b->count,
                     2 * PS_STATUS_CODES * PS_DCLASSES * sizeof *a->count, "%s", what);
    cr_assert_arr_eq(a->moves, b->moves, 2 * PS_N_MOVES * sizeof *a->moves, "%s", what);
    cr_assert_arr_eq(a->wait, b->wait, 2 * sizeof *a->wait, "%s", what);
    cr_assert_arr_eq(a->saturated, b->saturated, 2 * sizeof *a->saturated, "%s", what);
}

Test(kernel, every_vector_path_gives_the_scalar_bytes)
{
    size_t n = 5 * PS_BLOCK_AGENTS + 16 * 40 + 9; /* a short last block, a tail of 9 */
    ps_world *scalar = stepped_world("scalar", n);
    int compared = 0;
    for (int k = PS_KERNEL_SCALAR + 1; k < PS_N_KERNELS; k++) {
        if (!ps_kernel_supported((ps_kernel_path)k)) {
            cr_log_warn("kernel path %s: not supported by this CPU, not compared",
                        ps_kernel_name((ps_kernel_path)k));
            continue;
        }
        ps_world *w = stepped_world(ps_kernel_name((ps_kernel_path)k), n);
        assert_same_world(scalar, w, ps_kernel_name((ps_kernel_path)k));
        ps_world_destroy(w);
        compared++;
    }
    ps_world_destroy(scalar);
    if (compared == 0) {
        cr_skip_test("no vector path runs on this CPU");
    }
}

Test(kernel, unknown_path_is_refused_with_its_name)
{
    ps_world *w = prepared_world();
    ps_error err = {0};
    cr_assert_eq(ps_world_set_kernel(w, "sse9", &err), PS_EINVAL);
    cr_assert_str_eq(err.msg, "kernel = sse9: expected auto, scalar, avx2 or avx512");
    cr_assert_eq(ps_world_set_kernel(w, "auto", &err), PS_OK);
    cr_assert(ps_kernel_supported(w->kernel));
    ps_world_destroy(w);
}
