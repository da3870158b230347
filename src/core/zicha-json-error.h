/* zicha-json-error.h — errors that say where in a JSON document they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets @error to "JSON_PATH: message" (just the message when @json_path is
 * NULL or empty) and returns FALSE, for "return fail (…);". */
gboolean zicha_json_error_set (GError     **error,
                               GQuark       domain,
                               int          code,
                               const char  *json_path,
                               const char  *format,
                               ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
