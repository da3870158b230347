/* cli-package.c — zicha-cli export REPORT -o FILE.zicha, import FILE.zicha
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * export writes the report's .zicha package (docs/package-format.md) and
 * prints its path and the report digest. import checks a package and adds
 * its report, printing the report's ID and whether it is new or was
 * already here. Exit status: 0 done; 1 the package or report was refused
 * (damaged, tampered with, for another form, a conflicting report…);
 * 2 bad usage, or a file or the database that cannot be read or written.
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-cli"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-package.h"
#include "zicha-package.h"

/* Refusals of the package or report are answers; the rest is trouble. */
static int
status_for (const GError *error)
{
  return error->domain == ZICHA_PACKAGE_ERROR ? CLI_EXIT_NEGATIVE : CLI_EXIT_USAGE;
}

static gboolean
load_optional_file (const char  *path,
                    GBytes     **bytes,
                    GError     **error)
{
  g_autoptr(GFile) file = NULL;

  *bytes = NULL;
  if (path == NULL)
    return TRUE;

  file = g_file_new_for_commandline_arg (path);
  *bytes = g_file_load_bytes (file, NULL, NULL, error);
  return *bytes != NULL;
}

int
cli_export_run (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *table_pdf_path = NULL;
  g_autofree char *report_pdf_path = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the package to FILE"), N_("FILE") },
    { "table-pdf", 0, 0, G_OPTION_ARG_FILENAME, &table_pdf_path,
      N_("Include FILE as the self-inspection table (documents/table.pdf)"), N_("FILE") },
    { "report-pdf", 0, 0, G_OPTION_ARG_FILENAME, &report_pdf_path,
      N_("Include FILE as the self-inspection report (documents/report.pdf)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(GBytes) table_pdf = NULL;
  g_autoptr(GBytes) report_pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;

  if (!cli_parse_options ("export", _("REPORT -o FILE.zicha"), entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    return cli_fail_usage ("%s", _("export: expected one REPORT (usage: zicha-cli export REPORT -o FILE.zicha)"));
  if (output == NULL)
    return cli_fail_usage ("%s", _("export: say where to write the package with -o FILE.zicha"));

  if (!load_optional_file (table_pdf_path, &table_pdf, &error) ||
      !load_optional_file (report_pdf_path, &report_pdf, &error))
    return cli_fail_error (error, CLI_EXIT_USAGE);

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  report = cli_find_report (store, argv[1]);
  if (report == NULL)
    return CLI_EXIT_USAGE;

  form = cli_load_form (zicha_report_get_form_id (report), zicha_report_get_form_version (report));
  if (form == NULL)
    return CLI_EXIT_USAGE;

  if (!zicha_package_export_full (store, form, zicha_report_get_uuid (report), table_pdf, report_pdf,
                                  output, &digest, &error))
    return cli_fail_error (error, status_for (error));

  /* TRANSLATORS: zicha-cli export, first line: the file written */
  printf (_("Package: %s"), output);
  putchar ('\n');
  /* TRANSLATORS: zicha-cli export, second line: the report digest (SHA-256) */
  printf (_("Digest: %s"), digest);
  putchar ('\n');
  return CLI_EXIT_OK;
}

int
cli_import_run (int    argc,
                char **argv)
{
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GError) error = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_NEW;
  const char *status = NULL;

  if (!cli_parse_options ("import", _("FILE.zicha"), NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc != 2)
    return cli_fail_usage ("%s", _("import: expected one FILE.zicha (usage: zicha-cli import FILE.zicha)"));

  package = zicha_package_load_file (argv[1], &error);
  if (package == NULL)
    return cli_fail_error (error, error->domain == ZICHA_PACKAGE_ERROR ? CLI_EXIT_NEGATIVE : CLI_EXIT_USAGE);

  /* The forms this build knows: the default one. */
  form = cli_load_form (NULL, NULL);
  if (form == NULL)
    return CLI_EXIT_USAGE;

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  report = zicha_package_import_bytes (store, form, package, NULL, &outcome, &error);
  if (report == NULL)
    return cli_fail_error (error, status_for (error));

  switch (outcome)
    {
    case ZICHA_PACKAGE_IMPORT_NEW:
      status = _("imported (new)");
      break;
    case ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT:
      status = _("already present, nothing changed");
      break;
    case ZICHA_PACKAGE_IMPORT_FINALIZED_DRAFT:
      status = _("already present as a draft, now finalized as in the package");
      break;
    default:
      g_assert_not_reached ();
    }

  /* TRANSLATORS: zicha-cli import, first line: the report's ID */
  printf (_("Report: %s"), zicha_report_get_uuid (report));
  putchar ('\n');
  /* TRANSLATORS: zicha-cli import, second line: what happened */
  printf (_("Status: %s"), status);
  putchar ('\n');
  return CLI_EXIT_OK;
}
