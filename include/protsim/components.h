/* components.h - implementation components P (docs/model.md §7.4): the one list behind
 * the enum, the names in scenario files and outputs (/states/component_names) and their
 * meanings */
#ifndef PROTSIM_COMPONENTS_H
#define PROTSIM_COMPONENTS_H

/* The order of every [PS_N_COMPONENTS] array. X(enum, name, meaning) */
#define PS_COMPONENT_LIST(X)                                                             \
    X(PS_P_ACCESS, "access", "access to territory and to the asylum procedure")          \
    X(PS_P_FAIR, "fair", "fair and efficient status determination")                      \
    X(PS_P_STATUS, "status", "a lawful status for those recognised")                     \
    X(PS_P_LIBERTY, "liberty", "liberty: detention only as a last resort")               \
    X(PS_P_NONREF, "nonref", "protection from refoulement")                              \
    X(PS_P_RIGHTS, "rights", "rights in the host state, which open local integration")

#define PS_AS_COMPONENT_ENUM(id, name, doc) id,
typedef enum { PS_COMPONENT_LIST(PS_AS_COMPONENT_ENUM) PS_N_COMPONENTS } ps_component;
#undef PS_AS_COMPONENT_ENUM

/* Name and meaning of a component; "?" out of range. */
const char *ps_component_name(ps_component k);
const char *ps_component_doc(ps_component k);

#endif
