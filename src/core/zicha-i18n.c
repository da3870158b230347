/* zicha-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "zicha-i18n.h"

void
zicha_i18n_init (void)
{
  /* `meson devenv` and the tests point ZICHA_LOCALEDIR at the catalogs in
   * the build tree so an uninstalled build speaks Chinese too. */
  const char *localedir = g_getenv ("ZICHA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
