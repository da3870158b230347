/* main.c — zicha, the desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zicha-application.h"
#include "zicha-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(ZichaApplication) app = NULL;

  zicha_i18n_init ();

  app = zicha_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
