/* main.c — zicha-cli: the core, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-check.h"
#include "cli-commands.h"
#include "cli-dengbao.h"
#include "cli-demo.h"
#include "cli-feedback-pdf.h"
#include "cli-form.h"
#include "cli-kit.h"
#include "cli-notices.h"
#include "cli-package.h"
#include "cli-pdf.h"
#include "cli-report.h"
#include "cli-sync.h"
#include "cli-validate.h"
#include "zicha-i18n.h"

static const CliCommand commands[] = {
  { "demo", "",
    N_("Create a fully filled example report (a fictional school) and print its ID"),
    cli_demo_run },
  { "list", N_("[--json]"),
    N_("List the reports in the database"),
    cli_list_run },
  { "new", N_("--unit NAME [OPTION…]"),
    N_("Create a blank draft report and print its ID"),
    cli_new_run },
  { "copy", N_("REPORT [--year YEAR]"),
    N_("Copy a report into a new draft for another year (dates and counts flagged for review)"),
    cli_copy_run },
  { "set", N_("REPORT FIELD VALUE"),
    N_("Save one answer (FIELD: section.item or section.table[ROW].column; ROW may be “new”)"),
    cli_set_run },
  { "answers", N_("REPORT [--json]"),
    N_("Print a report’s answers, readable or as canonical JSON"),
    cli_answers_run },
  { "attach", N_("REPORT FIELD FILE"),
    N_("Store an evidence file with a report and print its ID, size and SHA-256"),
    cli_attach_run },
  { "finalize", N_("REPORT"),
    N_("Finalize a report that has no validation errors and print its digest"),
    cli_finalize_run },
  { "check", N_("KIND VALUE"),
    N_("Check a code value (uscc, mobile, phone, icp, …) and print its normalized form"),
    cli_check_run },
  { "export", N_("REPORT -o FILE.zicha"),
    N_("Write a report, its evidence files and its digest into a .zicha package"),
    cli_export_run },
  { "import", N_("FILE.zicha"),
    N_("Check a .zicha package and add its report to the database (once)"),
    cli_import_run },
  { "pdf", N_("REPORT [--table FILE] [--report FILE]"),
    N_("Write the printed self-inspection table and/or report as PDF"),
    cli_pdf_run },
  { "sync", N_("[--server URL] [--token-file FILE] [REPORT…]"),
    N_("Send finalized reports to the platform and store its receipts"),
    cli_sync_run },
  { "receipts", N_("[REPORT] [--json]"),
    N_("List the platform’s receipts for delivered reports"),
    cli_receipts_run },
  { "notices", N_("[--sync]"),
    N_("List the platform’s threat notices with the hours left to rectify them"),
    cli_notices_run },
  { "feedback", N_("NOTICE --measures TEXT --completed TIME --responsible NAME --retest TEXT [--evidence FILE]…"),
    N_("Send rectification feedback on a threat notice and print the platform’s receipt"),
    cli_feedback_run },
  { "feedback-pdf", N_("FEEDBACK-OR-NOTICE -o FILE.pdf"),
    N_("Write the rectification feedback form (整改反馈单) of a feedback as PDF"),
    cli_feedback_pdf_run },
  { "dengbao", N_("REPORT [--today YYYY-MM-DD] [--json]"),
    N_("Show the graded-protection filing, assessment and self-check deadlines of the systems"),
    cli_dengbao_run },
  { "inspection-kit", N_("REPORT (-o FILE.zip | --folder DIR)"),
    N_("Export the evidence files with a PDF index for an on-site inspection"),
    cli_kit_run },
  { "validate", N_("ANSWERS.json"),
    N_("Validate an answers file and list its problems"),
    cli_validate_run },
  { "form", N_("show [FILE]"),
    N_("Show the sections of a form definition and how many items each has"),
    cli_form_run },
  { NULL, NULL, NULL, NULL }
};

static char *database_path;

guint
cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

void
cli_print_table (const char * const *headers,
                 guint               n_columns,
                 GPtrArray          *cells)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  guint n_rows = cells->len / n_columns;

  for (guint c = 0; c < n_columns; c++)
    widths[c] = cli_display_width (headers[c]);
  for (guint i = 0; i < cells->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns], cli_display_width (cells->pdata[i]));

  for (guint i = 0; i <= n_rows; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = i == 0 ? headers[c] : cells->pdata[(i - 1) * n_columns + c];

          g_string_append (line, text);
          if (c + 1 < n_columns)
            {
              for (guint w = cli_display_width (text); w < widths[c]; w++)
                g_string_append_c (line, ' ');
              g_string_append (line, "  ");
            }
        }
      printf ("%s\n", line->str);
    }
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: zicha-cli [--help] [--version] [--db PATH] COMMAND [ARGUMENTS…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (const CliCommand *c = commands; c->name != NULL; c++)
    {
      g_autofree char *call = *c->parameters != '\0'
                              ? g_strjoin (" ", c->name, _(c->parameters), NULL)
                              : g_strdup (c->name);
      guint width = cli_display_width (call);

      /* Pad by terminal columns: the translations are Chinese. */
      if (width < 32)
        fprintf (stream, "  %s%*s %s\n", call, (int) (32 - width), "", _(c->summary));
      else
        fprintf (stream, "  %s\n  %32s %s\n", call, "", _(c->summary));
    }
  fprintf (stream, "\n%s\n", _("Run “zicha-cli COMMAND --help” for a command’s options."));
}

int
cli_fail_usage (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "zicha-cli: %s\n", message);
  return CLI_EXIT_USAGE;
}

gboolean
cli_parse_options (const char    *command,
                   const char    *parameter_string,
                   GOptionEntry  *entries,
                   int           *argc,
                   char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command, parameter_string);

  g_set_prgname ("zicha-cli");
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_fail_usage ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

const char *
cli_get_database_path (void)
{
  if (database_path == NULL)
    {
      const char *env = g_getenv ("ZICHA_DB");

      database_path = env != NULL && *env != '\0' ? g_strdup (env) : zicha_store_default_path ();
    }

  return database_path;
}

int
cli_fail_error (const GError *error,
                int           status)
{
  fprintf (stderr, "zicha-cli: %s\n", error->message);
  return status;
}

ZichaStore *
cli_open_store (void)
{
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_store_open (cli_get_database_path (), &error);

  if (store == NULL)
    cli_fail_error (error, CLI_EXIT_USAGE);
  else
    zicha_store_set_author (store, g_get_user_name ());

  return store;
}

ZichaForm *
cli_load_form (const char *form_id,
               const char *form_version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = zicha_form_default_path ();
  g_autofree char *version = NULL;
  g_autoptr(ZichaForm) form = NULL;

  if (path == NULL)
    {
      fprintf (stderr, _("zicha-cli: the self-inspection form “%s” is not installed"),
               ZICHA_FORM_DEFAULT_FILE_NAME);
      fputc ('\n', stderr);
      return NULL;
    }

  form = zicha_form_new_from_file (path, &error);
  if (form == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }

  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  if (form_id != NULL &&
      (g_strcmp0 (form_id, zicha_form_get_id (form)) != 0 || g_strcmp0 (form_version, version) != 0))
    {
      fprintf (stderr, _("zicha-cli: the report uses the form “%s” version %s, which is not installed"),
               form_id, form_version);
      fputc ('\n', stderr);
      return NULL;
    }

  return g_steal_pointer (&form);
}

ZichaReport *
cli_find_report (ZichaStore *store,
                 const char *uuid_or_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  ZichaReport *found = NULL;

  if (strlen (uuid_or_prefix) < 4)
    {
      cli_fail_usage (_("“%s” is too short to name a report; give at least 4 characters of its ID"),
                      uuid_or_prefix);
      return NULL;
    }

  reports = zicha_store_list_reports (store, &error);
  if (reports == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }

  for (guint i = 0; i < reports->len; i++)
    if (g_str_has_prefix (zicha_report_get_uuid (reports->pdata[i]), uuid_or_prefix))
      {
        if (found != NULL)
          {
            cli_fail_usage (_("“%s” matches more than one report; give more of its ID"), uuid_or_prefix);
            return NULL;
          }
        found = reports->pdata[i];
      }

  if (found == NULL)
    {
      cli_fail_usage (_("there is no report “%s” in %s"), uuid_or_prefix, cli_get_database_path ());
      return NULL;
    }

  return g_object_ref (found);
}

int
main (int    argc,
      char **argv)
{
  zicha_i18n_init ();

  /* Global options come before the command. */
  while (argc >= 2 && (g_str_equal (argv[1], "--db") || g_str_has_prefix (argv[1], "--db=")))
    {
      const char *value;

      if (g_str_has_prefix (argv[1], "--db="))
        {
          value = argv[1] + strlen ("--db=");
          argc -= 1;
          argv += 1;
        }
      else if (argc >= 3)
        {
          value = argv[2];
          argc -= 2;
          argv += 2;
        }
      else
        return cli_fail_usage ("%s", _("--db needs a PATH"));

      if (*value == '\0')
        return cli_fail_usage ("%s", _("--db needs a PATH"));
      g_free (database_path);
      database_path = g_strdup (value);
    }

  return zicha_command_line_run ("zicha-cli", commands, print_usage, argc, argv);
}
