/* zicha-types.h — small enums shared across the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZICHA_SEVERITY_ERROR,   /* blocks finalization */
  ZICHA_SEVERITY_WARNING, /* shown, does not block */
} ZichaSeverity;

const char *zicha_severity_to_string (ZichaSeverity severity);

G_END_DECLS
