/* zicha-json-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>

#include "zicha-json-error.h"

gboolean
zicha_json_error_set (GError     **error,
                      GQuark       domain,
                      int          code,
                      const char  *json_path,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (json_path != NULL && *json_path != '\0')
    g_set_error (error, domain, code, "%s: %s", json_path, message);
  else
    g_set_error_literal (error, domain, code, message);

  return FALSE;
}
