/* zicha-form-error.h — errors of the form definition loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZICHA_FORM_ERROR (zicha_form_error_quark ())

/* Messages are English and precise (JSON path, line:column); the UI
 * translates by code. See docs/form-format.md, "Loader errors". */
typedef enum
{
  ZICHA_FORM_ERROR_SYNTAX,              /* not JSON / not UTF-8 / empty: "L:C: …" */
  ZICHA_FORM_ERROR_INVALID,             /* missing, wrong-typed or unknown member */
  ZICHA_FORM_ERROR_UNKNOWN_TYPE,        /* item "type" not known */
  ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND,   /* "kind" of a code item not known */
  ZICHA_FORM_ERROR_DUPLICATE_ID,        /* two sections/items/columns/groups/options/rules share an id */
  ZICHA_FORM_ERROR_UNKNOWN_FIELD,       /* a field path naming nothing */
  ZICHA_FORM_ERROR_RELEVANCE_CYCLE,     /* "relevant" conditions depend on each other in a circle */
  ZICHA_FORM_ERROR_UNSUPPORTED_VERSION, /* "format_version" not understood */
} ZichaFormError;

GQuark      zicha_form_error_quark     (void);
const char *zicha_form_error_to_string (ZichaFormError code);

G_END_DECLS
