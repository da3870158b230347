/* zicha-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zicha-types.h"

const char *
zicha_severity_to_string (ZichaSeverity severity)
{
  switch (severity)
    {
    case ZICHA_SEVERITY_ERROR:
      return "error";
    case ZICHA_SEVERITY_WARNING:
      return "warning";
    default:
      g_return_val_if_reached ("error");
    }
}
