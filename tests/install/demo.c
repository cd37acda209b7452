/* demo.c - a program built against an installed protsim (tests/install.sh): load a
 * shipped scenario, create its world, step it a year and print the regional index */
#include <stdio.h>
#include <string.h>

#include <protsim/protsim.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: demo SCENARIO\n");
        return 2;
    }
    if (strcmp(ps_version(), PROTSIM_VERSION) != 0) {
        fprintf(stderr, "demo: library %s, headers %s\n", ps_version(), PROTSIM_VERSION);
        return 1;
    }
    static ps_scenario sc; /* large: kept off the stack */
    ps_error err = {0};
    ps_world *w = NULL;
    ps_indicators *ind = NULL;
    if (ps_scenario_load(argv[1], NULL, 0, &sc, &err) != PS_OK ||
        ps_world_create(&sc, sc.seed, &w, &err) != PS_OK ||
        ps_indicators_create(w, &ind, &err) != PS_OK) {
        fprintf(stderr, "demo: %s\n", err.msg);
        ps_world_destroy(w);
        return 1;
    }
    int rc = 0;
    for (int t = 0; t < 12 && rc == 0; t++) {
        rc = ps_world_step(w, &err) != PS_OK;
    }
    if (rc == 0) {
        ps_indicators_compute(w, ind);
        printf("protsim %s: %zu states, %zu steps, %zu agents, regional POI %.4f\n",
               ps_version(), ps_world_n_states(w), ps_world_steps_done(w),
               ps_world_n_agents(w), ind->region_poi);
    } else {
        fprintf(stderr, "demo: %s\n", err.msg);
    }
    ps_indicators_destroy(ind);
    ps_world_destroy(w);
    return rc;
}
