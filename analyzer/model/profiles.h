/* profiles.h: the names of the model's library profiles, for the configuration reader (which
 * must not depend on libclang). The profiles themselves are records in profiles.c. */
#ifndef VTL_MODEL_PROFILES_H
#define VTL_MODEL_PROFILES_H

/* The most profiles the model may have: the configuration's per-profile settings are arrays of
 * this size. profiles.c fails to compile when its table outgrows it. */
enum { MODEL_MAX_PROFILES = 32 };

/* model_profile_config_name: the i-th profile the configuration may name ("vtask",
 * "std-future", ...), in table order; NULL past the last. */
const char *model_profile_config_name(int i);
/* model_profile_index: the index of the profile named `name` (for struct model_settings and
 * struct vtype.profile), or -1. */
int model_profile_index(const char *name);
/* model_profile_name: the name of profile `index`: "vtask", "std-future", ..., "custom" for
 * annotated and configured types; "?" for anything else. */
const char *model_profile_name(int index);

#endif
