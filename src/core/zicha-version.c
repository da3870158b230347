/* zicha-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zicha-version.h"

const char *
zicha_version_string (void)
{
  return PACKAGE_VERSION;
}
