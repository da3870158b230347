/* cli-feedback-pdf.c — zicha-cli feedback-pdf FEEDBACK-OR-NOTICE -o FILE.pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-feedback-pdf.h"
#include "cli-report.h"
#include "zicha-document.h"

gboolean
cli_write_feedback_form (ZichaStore *store,
                         const char *feedback_uuid,
                         const char *unit_name,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaFeedbackSheet) sheet = zicha_feedback_sheet_load (store, feedback_uuid, unit_name, &error);
  guint n_pages = 0;

  if (sheet == NULL || !zicha_feedback_sheet_save_pdf (sheet, path, &n_pages, NULL, &error))
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return FALSE;
    }

  /* TRANSLATORS: after writing a PDF: its path and page count */
  printf (ngettext ("%s: %u page", "%s: %u pages", n_pages), path, n_pages);
  putchar ('\n');
  return TRUE;
}

/* The UUID of the feedback @id names: a notice's (by its ID or the start
 * of it) newest feedback not refused for good, or a feedback by its ID or
 * the start of it. NULL (printed) when none. */
static char *
find_feedback (ZichaStore *store,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(GPtrArray) feedback = NULL;
  const char *found = NULL;

  if (strlen (id) < 4)
    {
      cli_fail_usage (_("“%s” is too short to name a feedback or a notice; give at least 4 characters of its ID"),
                      id);
      return NULL;
    }

  notice = zicha_store_get_notice (store, id, &error);
  if (notice == NULL && !g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND))
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }
  g_clear_error (&error);

  feedback = zicha_store_list_feedback (store, notice != NULL ? zicha_notice_get_id (notice) : NULL, &error);
  if (feedback == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }

  if (notice != NULL)
    {
      if (feedback->len == 0)
        {
          cli_fail_usage (_("the notice “%s” has no feedback yet (see “zicha-cli feedback”)"), id);
          return NULL;
        }
      /* Oldest first: the newest the platform has not refused for good is
       * what the unit stands by; when all were refused, the newest (its
       * form says so). */
      for (guint i = feedback->len; i > 0; i--)
        {
          const ZichaFeedback *one = feedback->pdata[i - 1];

          if (!one->permanent_failure || one->state == ZICHA_FEEDBACK_ACKNOWLEDGED)
            return g_strdup (one->uuid);
        }
      return g_strdup (((ZichaFeedback *) feedback->pdata[feedback->len - 1])->uuid);
    }

  for (guint i = 0; i < feedback->len; i++)
    {
      const char *uuid = ((ZichaFeedback *) feedback->pdata[i])->uuid;

      if (!g_str_has_prefix (uuid, id))
        continue;
      if (found != NULL)
        {
          cli_fail_usage (_("“%s” matches more than one feedback; give more of its ID"), id);
          return NULL;
        }
      found = uuid;
    }

  if (found == NULL)
    {
      cli_fail_usage (_("there is no feedback or notice “%s” in %s"), id, cli_get_database_path ());
      return NULL;
    }
  return g_strdup (found);
}

int
cli_feedback_pdf_run (int    argc,
                      char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *unit_name = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the form to FILE"), N_("FILE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name,
      N_("The unit’s name on the form (default: from the unit’s newest report)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autofree char *feedback_uuid = NULL;

  if (!cli_parse_options_full ("feedback-pdf", _("FEEDBACK-OR-NOTICE -o FILE.pdf"),
                               _("Writes the rectification feedback form (整改反馈单) as PDF, to sign, stamp and "
                                 "file: the notice, the feedback, its evidence files with their SHA-256, whether it "
                                 "came within the 72 hours and the platform’s receipt. A notice’s ID gives its newest "
                                 "feedback."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 1)
    return cli_fail_usage ("%s", _("feedback-pdf: expected one FEEDBACK-OR-NOTICE (usage: zicha-cli feedback-pdf "
                                   "FEEDBACK-OR-NOTICE -o FILE.pdf)"));
  if (output == NULL || *output == '\0')
    return cli_fail_usage ("%s", _("feedback-pdf: name the PDF with -o FILE.pdf"));

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  feedback_uuid = find_feedback (store, arguments->pdata[0]);
  if (feedback_uuid == NULL)
    return CLI_EXIT_USAGE;

  return cli_write_feedback_form (store, feedback_uuid, unit_name, output) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
