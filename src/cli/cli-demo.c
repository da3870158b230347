/* cli-demo.c — zicha-cli demo: a fully filled example report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads data/demo/ (zicha_demo_default_path()) and writes it into the
 * store as a new draft, row by row and value by value through the store,
 * as if someone had typed it. Rows get new UUIDs, so every run makes
 * another, independent report.
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-demo.h"
#include "cli-report.h"
#include "zicha-demo.h"

int
cli_demo_run (int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options_full ("demo", "",
                               _("Creates a fully filled example report for a fictional school (from the "
                                 "demo data) and prints its ID. Each run creates another demo report."),
                               NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 0)
    return cli_fail_usage ("%s", _("demo: expected no arguments (usage: zicha-cli demo)"));

  form = cli_load_form (NULL, NULL);
  if (form == NULL)
    return CLI_EXIT_USAGE;

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  report = zicha_demo_create_report (store, form, &error);
  if (report == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  printf ("%s\n", zicha_report_get_uuid (report));
  return CLI_EXIT_OK;
}
