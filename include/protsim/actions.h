/* actions.h - states' adoption actions (docs/model.md §7.3): the one list behind the
 * enum, the names in scenario files and outputs (/states/action_names) and their
 * meanings */
#ifndef PROTSIM_ACTIONS_H
#define PROTSIM_ACTIONS_H

/* The order of every [PS_N_ACTIONS] array. X(enum, name, meaning) */
#define PS_ACTION_LIST(X)                                                                \
    X(PS_ACT_RATIFY, "ratify", "accede to the 1951 Convention or its 1967 Protocol")     \
    X(PS_ACT_ADMIN, "admin", "framework level 0 to 1: administrative practice")          \
    X(PS_ACT_REGULATE, "regulate", "framework level 1 to 2: regulation")                 \
    X(PS_ACT_BILL, "bill", "introduce a refugee bill")                                   \
    X(PS_ACT_PASS, "pass", "pass the pending bill: framework level 3")

#define PS_AS_ACTION_ENUM(id, name, doc) id,
typedef enum { PS_ACTION_LIST(PS_AS_ACTION_ENUM) PS_N_ACTIONS } ps_action;
#undef PS_AS_ACTION_ENUM

/* Name and meaning of an action; "?" out of range. */
const char *ps_action_name(ps_action x);
const char *ps_action_doc(ps_action x);

#endif
