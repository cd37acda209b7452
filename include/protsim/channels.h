/* channels.h - NGO channels (docs/model.md §2): the one list behind the enum, the names
 * in scenario files and outputs (/states/channel_names) and their meanings */
#ifndef PROTSIM_CHANNELS_H
#define PROTSIM_CHANNELS_H

/* The order of every [PS_N_CHANNELS] array. X(enum, name, meaning) */
#define PS_CHANNEL_LIST(X)                                                               \
    X(PS_CH_RAT, "ratification", "RAT: ratification advocacy")                           \
    X(PS_CH_LEG, "legislation", "LEG: national legislation advocacy")                    \
    X(PS_CH_IMP, "implementation", "IMP: detention alternatives, monitoring, pilots")    \
    X(PS_CH_SRV, "services", "SRV: services and legal aid")                              \
    X(PS_CH_GLB, "global", "GLB: global engagement through UNHCR and the network")

#define PS_AS_CHANNEL_ENUM(id, name, doc) id,
typedef enum { PS_CHANNEL_LIST(PS_AS_CHANNEL_ENUM) PS_N_CHANNELS } ps_channel;
#undef PS_AS_CHANNEL_ENUM

/* Name and meaning of a channel; "?" out of range. */
const char *ps_channel_name(ps_channel k);
const char *ps_channel_doc(ps_channel k);

#endif
