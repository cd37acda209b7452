/* world_names.c - names and meanings of the world's vocabularies, from their lists:
 * refugee statuses (statuses.h), flows (flows.h) and event types (events.h) */
#include "protsim/world.h"

#include <stddef.h>

/* Out-of-range values give "?" rather than reading past the arrays. */
static const char *pick(const char *const *texts, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? texts[i] : "?";
}

#define NAME_OF(id, name, ...) [id] = name,
#define DOC_OF(id, name, doc) [id] = doc,
#define VALUE_OF(id, name, state, ngo, value) [id] = value,

static const char *const RSTATUS_NAMES[] = {PS_RSTATUS_LIST(NAME_OF)};
static const char *const RSTATUS_DOCS[] = {PS_RSTATUS_LIST(DOC_OF)};
static const char *const FLOW_NAMES[] = {PS_FLOW_LIST(NAME_OF)};
static const char *const FLOW_DOCS[] = {PS_FLOW_LIST(DOC_OF)};
static const char *const EVENT_NAMES[] = {PS_EVENT_TYPE_LIST(NAME_OF)};
/* NOLINTNEXTLINE(bugprone-suspicious-missing-comma): a value's doc is two literals */
static const char *const EVENT_VALUES[] = {PS_EVENT_TYPE_LIST(VALUE_OF)};

const char *ps_rstatus_name(ps_rstatus s)
{
    return pick(RSTATUS_NAMES, PS_N_RSTATUS, (int)s);
}

const char *ps_rstatus_doc(ps_rstatus s)
{
    return pick(RSTATUS_DOCS, PS_N_RSTATUS, (int)s);
}

const char *ps_flow_name(ps_flow f)
{
    return pick(FLOW_NAMES, PS_N_FLOWS, (int)f);
}

const char *ps_flow_doc(ps_flow f)
{
    return pick(FLOW_DOCS, PS_N_FLOWS, (int)f);
}

const char *ps_event_type_name(ps_event_type e)
{
    return pick(EVENT_NAMES, PS_N_EVENT_TYPES, (int)e);
}

const char *ps_event_value_doc(ps_event_type e)
{
    return pick(EVENT_VALUES, PS_N_EVENT_TYPES, (int)e);
}
