/* cli-kit.c — zicha-cli inspection-kit REPORT (-o FILE.zip | --folder DIR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-kit.h"
#include "zicha-inspection-kit.h"

static void
show_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  gboolean *tty = user_data;

  if (!*tty)
    return;
  fputc ('\r', stderr);
  /* TRANSLATORS: progress while writing the inspection kit: steps done, steps */
  fprintf (stderr, _("Inspection kit: %u of %u"), done, total);
  if (done == total)
    fputs ("\033[K\r", stderr);
  fflush (stderr);
}

int
cli_kit_run (int    argc,
             char **argv)
{
  g_autofree char *zip_path = NULL;
  g_autofree char *folder_path = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &zip_path, N_("Write the kit as a ZIP file FILE"), N_("FILE") },
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder_path, N_("Write the kit into a new folder DIR"), N_("DIR") },
    { NULL }
  };
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean tty = isatty (fileno (stderr));
  const char *path;
  int first = 1;

  if (!cli_parse_options ("inspection-kit", _("REPORT (-o FILE.zip | --folder DIR)"), entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc > 1 && g_str_equal (argv[1], "--"))
    first = 2;
  if (argc - first != 1)
    return cli_fail_usage ("%s", _("inspection-kit: expected one REPORT (usage: zicha-cli inspection-kit REPORT -o FILE.zip)"));
  if ((zip_path == NULL) == (folder_path == NULL))
    return cli_fail_usage ("%s", _("inspection-kit: name one output, -o FILE.zip or --folder DIR"));
  path = zip_path != NULL ? zip_path : folder_path;

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;
  report = cli_find_report (store, argv[first]);
  if (report == NULL)
    return CLI_EXIT_USAGE;
  form = cli_load_form (zicha_report_get_form_id (report), zicha_report_get_form_version (report));
  if (form == NULL)
    return CLI_EXIT_USAGE;

  /* Listed first only to say how many files went in. */
  listed = zicha_inspection_kit_list (store, form, zicha_report_get_uuid (report), &error);
  if (listed == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  if (!zicha_inspection_kit_export (store, form, zicha_report_get_uuid (report),
                                    zip_path != NULL ? ZICHA_INSPECTION_KIT_ZIP : ZICHA_INSPECTION_KIT_FOLDER,
                                    path, show_progress, &tty, NULL, &error))
    {
      if (tty)
        fputs ("\033[K\r", stderr);
      return cli_fail_error (error, CLI_EXIT_USAGE);
    }

  /* TRANSLATORS: after writing the inspection kit: its path and how many evidence files it holds */
  printf (g_dngettext (GETTEXT_PACKAGE, "%s: index and %u evidence file", "%s: index and %u evidence files",
                       listed->len),
          path, listed->len);
  putchar ('\n');
  return CLI_EXIT_OK;
}
