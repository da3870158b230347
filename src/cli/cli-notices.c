/* cli-notices.c — zicha-cli notices, feedback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * notices lists the platform's threat notices as last fetched (--sync
 * fetches first, with one pass like `sync`): each one's ID, target, type,
 * severity, the hours left of its 72 (counted by the platform's clock:
 * the local clock plus the offset kept from the platform's Date header)
 * or how long it is overdue, and its state. Exit status: 0; 1 when --sync
 * could not fetch; 2 bad usage or an unusable database.
 *
 * feedback makes rectification feedback (整改反馈) for a notice, with its
 * evidence files, queues it and runs one pass like `sync`, then prints
 * the platform's receipt, or that it waits for another attempt. Exit
 * status: 0 receipt; 1 waiting or refused (it stays queued for the app
 * or the next run unless refused for good); 2 bad usage. With --pdf it
 * then writes the 整改反馈单 (cli-feedback-pdf.c), receipt and all when
 * there is one; a form that cannot be written is exit status 2.
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-feedback-pdf.h"
#include "cli-notices.h"
#include "cli-platform-options.h"
#include "cli-report.h"
#include "zicha-notice.h"

/* One pass ------------------------------------------------------------------ */

/* The sync for --server/$ZICHA_SERVER/the form's address and the token;
 * prints why not and returns NULL. */
static ZichaSync *
make_sync (ZichaStore               *store,
           const CliPlatformOptions *options,
           const char               *command)
{
  g_autoptr(ZichaForm) form = cli_load_form (NULL, NULL);
  const char *server;

  if (form == NULL)
    return NULL;

  server = cli_platform_options_get_server (options, form);
  if (server == NULL)
    {
      /* TRANSLATORS: %s is the command, notices or feedback */
      cli_fail_usage (_("%s: no platform address; give --server URL or set ZICHA_SERVER"), command);
      return NULL;
    }

  return cli_platform_options_new_sync (options, store, form, server);
}

/* "Send now", like `zicha-cli sync`. FALSE (printed) when the pass could
 * not run at all. */
static gboolean
run_pass (ZichaSync *sync)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = cli_platform_run_pass (sync, &error);

  if (outcomes == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return FALSE;
    }

  return TRUE;
}

/* notices ------------------------------------------------------------------- */

static gboolean
has_waiting_feedback (ZichaStore  *store,
                      ZichaNotice *notice)
{
  g_autoptr(GPtrArray) feedback = zicha_store_list_feedback (store, zicha_notice_get_id (notice), NULL);

  for (guint i = 0; feedback != NULL && i < feedback->len; i++)
    if (((ZichaFeedback *) feedback->pdata[i])->state == ZICHA_FEEDBACK_QUEUED)
      return TRUE;

  return FALSE;
}

static void
print_notices (ZichaStore *store,
               GPtrArray  *notices)
{
  enum { ID, TARGET, TYPE, SEVERITY, LEFT, STATE, N_COLUMNS };
  const char *headers[N_COLUMNS] = {
    _("ID"), _("Target"), _("Type"), _("Severity"), _("Time left"), _("State"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) platform_now = zicha_store_get_platform_now (store, NULL);

  for (guint i = 0; i < notices->len; i++)
    {
      ZichaNotice *notice = notices->pdata[i];
      char *row[N_COLUMNS];

      row[ID] = cli_short_id (zicha_notice_get_id (notice));
      row[TARGET] = g_strdup (zicha_notice_get_target (notice));
      row[TYPE] = g_strdup (zicha_notice_type_to_label (zicha_notice_get_notice_type (notice)));
      row[SEVERITY] = g_strdup (zicha_notice_severity_to_label (zicha_notice_get_severity (notice)));
      if (zicha_notice_is_pending (notice))
        row[LEFT] = zicha_notice_format_time_left (notice, platform_now);
      else
        row[LEFT] = g_strdup ("-");
      if (zicha_notice_is_pending (notice) && has_waiting_feedback (store, notice))
        /* TRANSLATORS: the state of a notice whose feedback is queued */
        row[STATE] = g_strdup_printf (_("%s, feedback waiting to be sent"),
                                      zicha_notice_state_to_label (zicha_notice_get_state (notice)));
      else
        row[STATE] = g_strdup (zicha_notice_state_to_label (zicha_notice_get_state (notice)));

      for (guint c = 0; c < N_COLUMNS; c++)
        g_ptr_array_add (cells, row[c]);
    }

  cli_print_table (headers, N_COLUMNS, cells);
}

int
cli_notices_run (int    argc,
                 char **argv)
{
  g_auto(CliPlatformOptions) options = { NULL, };
  gboolean sync_first = FALSE;
  GOptionEntry entries[] = {
    { "sync", 0, 0, G_OPTION_ARG_NONE, &sync_first,
      N_("Fetch the notices from the platform first (one pass, as “sync” does)"), NULL },
    CLI_PLATFORM_OPTION_ENTRIES (options),
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  int status = CLI_EXIT_OK;

  if (!cli_parse_options_full ("notices", _("[--sync]"),
                               _("Lists the platform’s threat notices: each one’s target, type, severity, the hours "
                                 "left of the 72 to rectify it (by the platform’s clock) and its state."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len > 0)
    return cli_fail_usage ("%s", _("notices: unexpected arguments (usage: zicha-cli notices [--sync])"));

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  if (sync_first)
    {
      g_autoptr(ZichaSync) sync = make_sync (store, &options, "notices");
      const GError *fetch_error;

      if (sync == NULL || !run_pass (sync))
        return CLI_EXIT_USAGE;

      fetch_error = zicha_sync_get_notices_error (sync);
      if (fetch_error != NULL)
        {
          /* What was fetched before is still listed. */
          fprintf (stderr, _("zicha-cli: the notices could not be fetched: %s"), fetch_error->message);
          fputc ('\n', stderr);
          status = CLI_EXIT_NEGATIVE;
        }
    }

  notices = zicha_store_list_notices (store, &error);
  if (notices == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  if (notices->len == 0)
    printf ("%s\n", _("No threat notices."));
  else
    print_notices (store, notices);

  return status;
}

/* feedback ------------------------------------------------------------------ */

static int
print_feedback_state (ZichaStore *store,
                      const char *feedback_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaFeedback) feedback = zicha_store_get_feedback (store, feedback_uuid, &error);
  g_autofree char *id = NULL;
  g_autofree char *notice_id = NULL;

  if (feedback == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  id = cli_short_id (feedback->uuid);
  notice_id = cli_short_id (feedback->notice_id);

  if (feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED)
    {
      g_autofree char *when = cli_format_time (feedback->received_at);

      if (feedback->late)
        /* TRANSLATORS: zicha-cli feedback: feedback ID, notice ID, receipt number, time */
        printf (_("Feedback %s on notice %s received late: receipt %s, received %s"),
                id, notice_id, feedback->receipt_number, when);
      else
        /* TRANSLATORS: zicha-cli feedback: feedback ID, notice ID, receipt number, time */
        printf (_("Feedback %s on notice %s received on time: receipt %s, received %s"),
                id, notice_id, feedback->receipt_number, when);
      putchar ('\n');
      return CLI_EXIT_OK;
    }

  if (feedback->permanent_failure)
    /* TRANSLATORS: zicha-cli feedback: feedback ID, the platform's reason */
    printf (_("Feedback %s failed: %s"), id, zicha_feedback_get_message (feedback));
  else
    {
      g_autofree char *when = cli_format_time (feedback->next_attempt_at);
      const char *message = zicha_feedback_get_message (feedback);

      /* TRANSLATORS: zicha-cli feedback: feedback ID, time, reason */
      printf (_("Feedback %s is queued and will be sent again at %s: %s"), id, when,
              message != NULL ? message : "-");
    }
  putchar ('\n');
  return CLI_EXIT_NEGATIVE;
}

int
cli_feedback_run (int    argc,
                  char **argv)
{
  g_auto(CliPlatformOptions) options = { NULL, };
  g_autofree char *measures = NULL;
  g_autofree char *completed_text = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *retest = NULL;
  g_auto(GStrv) evidence_paths = NULL;
  g_autofree char *pdf_path = NULL;
  gboolean in_progress = FALSE;
  GOptionEntry entries[] = {
    { "measures", 0, 0, G_OPTION_ARG_STRING, &measures, N_("What was done to rectify the problem"), N_("TEXT") },
    { "completed", 0, 0, G_OPTION_ARG_STRING, &completed_text,
      N_("When the rectification was completed, ISO 8601 (local time unless it says otherwise)"), N_("TIME") },
    { "in-progress", 0, 0, G_OPTION_ARG_NONE, &in_progress,
      N_("The rectification is not finished yet (instead of --completed)"), NULL },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("The person responsible"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The responsible person’s phone number"), N_("PHONE") },
    { "retest", 0, 0, G_OPTION_ARG_STRING, &retest, N_("The result of re-testing"), N_("TEXT") },
    { "evidence", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &evidence_paths,
      N_("An evidence file (screenshot, scan report…); may be given several times"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path,
      N_("Then write the rectification feedback form (整改反馈单) to FILE as PDF"), N_("FILE") },
    CLI_PLATFORM_OPTION_ENTRIES (options),
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaSync) sync = NULL;
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(GDateTime) completed = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_null_terminated (0, g_object_unref, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *feedback_uuid = NULL;
  ZichaFeedbackRequest request = { NULL, };
  int status;

  if (!cli_parse_options_full ("feedback",
                               _("NOTICE --measures TEXT --completed TIME --responsible NAME --retest TEXT "
                                 "[--evidence FILE]…"),
                               _("Sends rectification feedback on a threat notice, with its evidence files, through "
                                 "the outbox, and prints the platform’s receipt. NOTICE is a notice ID or the start "
                                 "of one (see “zicha-cli notices”)."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len != 1)
    return cli_fail_usage ("%s", _("feedback: expected one NOTICE (usage: zicha-cli feedback NOTICE --measures TEXT "
                                   "--completed TIME --responsible NAME --retest TEXT [--evidence FILE]…)"));
  if (measures == NULL || responsible == NULL || retest == NULL)
    return cli_fail_usage ("%s", _("feedback: --measures, --responsible and --retest are required"));
  if ((completed_text == NULL) == !in_progress)
    return cli_fail_usage ("%s", _("feedback: give either --completed TIME or --in-progress"));

  if (completed_text != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      completed = g_date_time_new_from_iso8601 (completed_text, local);
      /* People write 16:30; ISO 8601 as GLib reads it wants seconds. */
      if (completed == NULL)
        {
          g_autofree char *with_seconds = g_strconcat (completed_text, ":00", NULL);

          completed = g_date_time_new_from_iso8601 (with_seconds, local);
        }
      if (completed == NULL)
        return cli_fail_usage (_("feedback: “%s” is not an ISO 8601 time (--completed), e.g. 2019-07-10T16:30"),
                               completed_text);
    }

  for (guint i = 0; evidence_paths != NULL && evidence_paths[i] != NULL; i++)
    {
      if (!g_file_test (evidence_paths[i], G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *display = g_filename_display_name (evidence_paths[i]);

          return cli_fail_usage (_("feedback: the evidence file “%s” cannot be read"), display);
        }
      g_ptr_array_add (files, g_file_new_for_commandline_arg (evidence_paths[i]));
    }

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  notice = zicha_store_get_notice (store, arguments->pdata[0], &error);
  if (notice == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  /* The platform and the token first: nothing is queued that this run
   * could not even try to send. */
  sync = make_sync (store, &options, "feedback");
  if (sync == NULL)
    return CLI_EXIT_USAGE;

  request.notice_id = zicha_notice_get_id (notice);
  request.rectified = !in_progress;
  request.completed_at = completed;
  request.measures = measures;
  request.responsible = responsible;
  request.phone = phone;
  request.retest_result = retest;
  request.evidence = (GFile * const *) files->pdata;

  feedback_uuid = zicha_store_add_feedback (store, &request, &error);
  if (feedback_uuid == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  if (!run_pass (sync))
    return CLI_EXIT_USAGE;

  status = print_feedback_state (store, feedback_uuid);
  /* After the pass, so a receipt that came is on the form. */
  if (pdf_path != NULL && !cli_write_feedback_form (store, feedback_uuid, NULL, pdf_path))
    return CLI_EXIT_USAGE;

  return status;
}
