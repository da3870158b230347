/* cli-pdf.c — zicha-cli pdf REPORT --table FILE.pdf --report FILE.pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli-commands.h"
#include "cli-pdf.h"
#include "zicha-document.h"
#include "zicha-report-session.h"

typedef struct
{
  const char *name;   /* 自查表 / 自查报告, as the progress line shows it */
  gboolean    tty;
} Progress;

static void
show_progress (guint    pages_done,
               guint    n_pages,
               gpointer user_data)
{
  Progress *progress = user_data;

  if (!progress->tty)
    return;
  fputc ('\r', stderr);
  /* TRANSLATORS: progress while writing a PDF: document name, pages done, pages */
  fprintf (stderr, _("%s: page %u of %u"), progress->name, pages_done, n_pages);
  if (pages_done == n_pages)
    fputs ("\033[K\r", stderr);
  fflush (stderr);
}

typedef struct
{
  ZichaDocumentKind  kind;
  const char        *path;
  gboolean           existed;
  gboolean           written;
} Output;

int
cli_pdf_run (int    argc,
             char **argv)
{
  g_autofree char *table_path = NULL;
  g_autofree char *report_path = NULL;
  GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_FILENAME, &table_path, N_("Write the self-inspection table to FILE"),
      N_("FILE") },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path, N_("Write the self-inspection report to FILE"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  Output outputs[2];
  guint n_outputs = 0;
  int first = 1;

  if (!cli_parse_options ("pdf", _("REPORT [--table FILE] [--report FILE]"), entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  if (argc > 1 && g_str_equal (argv[1], "--"))
    first = 2;
  if (argc - first != 1)
    return cli_fail_usage ("%s", _("pdf: expected one REPORT (usage: zicha-cli pdf REPORT --table FILE --report FILE)"));
  if (table_path == NULL && report_path == NULL)
    return cli_fail_usage ("%s", _("pdf: name at least one output with --table FILE or --report FILE"));
  if (table_path != NULL && report_path != NULL && g_str_equal (table_path, report_path))
    return cli_fail_usage ("%s", _("pdf: --table and --report must name different files"));

  if (table_path != NULL)
    outputs[n_outputs++] = (Output) { ZICHA_DOCUMENT_TABLE, table_path, g_file_test (table_path, G_FILE_TEST_EXISTS), FALSE };
  if (report_path != NULL)
    outputs[n_outputs++] = (Output) { ZICHA_DOCUMENT_REPORT, report_path, g_file_test (report_path, G_FILE_TEST_EXISTS), FALSE };

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;
  report = cli_find_report (store, argv[first]);
  if (report == NULL)
    return CLI_EXIT_USAGE;
  form = cli_load_form (zicha_report_get_form_id (report), zicha_report_get_form_version (report));
  if (form == NULL)
    return CLI_EXIT_USAGE;
  answers = zicha_store_load_answers (store, form, zicha_report_get_uuid (report), &error);
  if (answers == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  receipt = zicha_store_get_receipt (store, zicha_report_get_uuid (report), NULL);

  for (guint i = 0; i < n_outputs; i++)
    {
      g_autoptr(ZichaDocument) document = zicha_document_new (outputs[i].kind, answers);
      Progress progress = {
        outputs[i].kind == ZICHA_DOCUMENT_TABLE ? _("Self-inspection table") : _("Self-inspection report"),
        isatty (fileno (stderr)),
      };

      zicha_document_set_report (document, report);
      if (receipt != NULL)
        zicha_document_set_receipt (document, receipt->number, receipt->received_at);
      if (!zicha_document_save_pdf (document, outputs[i].path, show_progress, &progress, NULL, &error))
        {
          if (progress.tty)
            fputs ("\033[K\r", stderr);
          /* All or nothing: what this run created goes again. */
          for (guint j = 0; j < i; j++)
            if (outputs[j].written && !outputs[j].existed)
              g_unlink (outputs[j].path);
          return cli_fail_error (error, CLI_EXIT_USAGE);
        }
      outputs[i].written = TRUE;

      /* TRANSLATORS: after writing a PDF: its path and page count */
      printf (ngettext ("%s: %u page", "%s: %u pages", zicha_document_get_n_pages (document)),
              outputs[i].path, zicha_document_get_n_pages (document));
      putchar ('\n');
    }

  return CLI_EXIT_OK;
}
