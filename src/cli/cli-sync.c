/* cli-sync.c — zicha-cli sync, receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sync queues finalized reports, runs one pass of the outbox
 * (ZichaSync, ZICHA_SYNC_RUN_ALL: "send now") and prints one line per
 * report. Exit status: 0 everything queued was delivered (or there was
 * nothing to send); 1 something failed or waits for another attempt;
 * 2 bad usage, no platform address or token, an unusable certificate
 * file, or a database that cannot be used.
 *
 * receipts lists the platform's receipts; 1 when the named report has
 * none yet.
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "cli-platform-options.h"
#include "cli-report.h"
#include "cli-sync.h"
#include "zicha-sync.h"

/* sync ---------------------------------------------------------------------- */

/* Queues @report; prints why not and returns the exit status if it
 * cannot be sent; an acknowledged one is shown with its receipt. */
static int
queue_named (ZichaStore  *store,
             ZichaReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cli_short_id (zicha_report_get_uuid (report));

  switch (zicha_report_get_state (report))
    {
    case ZICHA_REPORT_DRAFT:
      fprintf (stderr, _("zicha-cli: the report %s is a draft; finalize it before sending it"), id);
      fputc ('\n', stderr);
      return CLI_EXIT_USAGE;

    case ZICHA_REPORT_ACKNOWLEDGED:
      {
        g_autoptr(ZichaReceipt) receipt = zicha_store_get_receipt (store, zicha_report_get_uuid (report), &error);
        g_autofree char *when = receipt != NULL ? cli_format_time (receipt->received_at) : NULL;

        if (receipt == NULL)
          return cli_fail_error (error, CLI_EXIT_USAGE);
        /* TRANSLATORS: zicha-cli sync: report ID, receipt number, time */
        printf (_("%s already acknowledged: receipt %s, received %s"), id, receipt->number, when);
        putchar ('\n');
        return CLI_EXIT_OK;
      }

    case ZICHA_REPORT_FINALIZED:
    case ZICHA_REPORT_SUBMITTED:
    default:
      break;
    }

  if (!zicha_store_enqueue_report (store, zicha_report_get_uuid (report), &error) ||
      /* Named explicitly: the user asks to try again after a refusal. */
      !zicha_store_retry_outbox_entry (store, zicha_report_get_uuid (report), &error))
    return cli_fail_error (error, CLI_EXIT_USAGE);

  return CLI_EXIT_OK;
}

static int
queue_all_finalized (ZichaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = zicha_store_list_reports (store, &error);

  if (reports == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  for (guint i = 0; i < reports->len; i++)
    {
      ZichaReport *report = reports->pdata[i];

      if (zicha_report_get_state (report) != ZICHA_REPORT_FINALIZED)
        continue;
      if (!zicha_store_enqueue_report (store, zicha_report_get_uuid (report), &error))
        return cli_fail_error (error, CLI_EXIT_USAGE);
    }

  return CLI_EXIT_OK;
}

static gboolean
print_outcome (const ZichaSyncOutcome *outcome)
{
  g_autofree char *id = cli_short_id (outcome->report_uuid);

  switch (outcome->status)
    {
    case ZICHA_SYNC_STATUS_DELIVERED:
    case ZICHA_SYNC_STATUS_ALREADY_DELIVERED:
      {
        g_autofree char *when = cli_format_time (outcome->received_at);

        if (outcome->status == ZICHA_SYNC_STATUS_DELIVERED)
          /* TRANSLATORS: zicha-cli sync: report ID, receipt number, time */
          printf (_("%s sent: receipt %s, received %s"), id, outcome->receipt_number, when);
        else
          /* TRANSLATORS: zicha-cli sync: the platform had the report already */
          printf (_("%s already received by the platform: receipt %s, received %s"),
                  id, outcome->receipt_number, when);
        putchar ('\n');
        return TRUE;
      }

    case ZICHA_SYNC_STATUS_WAITING:
      {
        g_autofree char *when = cli_format_time (outcome->next_attempt_at);

        /* TRANSLATORS: zicha-cli sync: report ID, time, reason */
        printf (_("%s will retry at %s: %s"), id, when, zicha_sync_outcome_get_message (outcome));
        putchar ('\n');
        return FALSE;
      }

    case ZICHA_SYNC_STATUS_FAILED:
    case ZICHA_SYNC_STATUS_QUEUED:
    case ZICHA_SYNC_STATUS_SENDING:
    default:
      /* TRANSLATORS: zicha-cli sync: report ID, the platform's reason */
      printf (_("%s failed: %s"), id, zicha_sync_outcome_get_message (outcome));
      putchar ('\n');
      return FALSE;
    }
}

int
cli_sync_run (int    argc,
              char **argv)
{
  g_auto(CliPlatformOptions) options = { NULL, };
  GOptionEntry entries[] = {
    CLI_PLATFORM_OPTION_ENTRIES (options),
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_after = NULL;
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *outcomes;
  const char *server;
  gboolean all_done = TRUE;

  if (!cli_parse_options_full ("sync", _("[REPORT…]"),
                               _("Sends finalized reports to the platform and stores its receipts. Without REPORT, "
                                 "every finalized report that was not sent yet is queued. The platform address is "
                                 "--server, else $ZICHA_SERVER, else the form’s platform address; the unit token "
                                 "is --token-file, else $ZICHA_TOKEN, else the keyring."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;
  form = cli_load_form (NULL, NULL);
  if (form == NULL)
    return CLI_EXIT_USAGE;

  server = cli_platform_options_get_server (&options, form);
  if (server == NULL)
    return cli_fail_usage ("%s", _("sync: no platform address; give --server URL or set ZICHA_SERVER"));

  sync = cli_platform_options_new_sync (&options, store, form, server);
  if (sync == NULL)
    return CLI_EXIT_USAGE;

  /* Queue first: a report the platform cannot be asked about stays queued
   * for the app or the next run. */
  if (arguments->len > 0)
    {
      for (guint i = 0; i < arguments->len; i++)
        {
          g_autoptr(ZichaReport) report = cli_find_report (store, arguments->pdata[i]);
          int status;

          if (report == NULL)
            return CLI_EXIT_USAGE;
          status = queue_named (store, report);
          if (status != CLI_EXIT_OK)
            return status;
        }
    }
  else
    {
      int status = queue_all_finalized (store);

      if (status != CLI_EXIT_OK)
        return status;
    }

  outcomes = cli_platform_run_pass (sync, &error);
  if (outcomes == NULL)
    return cli_fail_error (error, CLI_EXIT_USAGE);

  for (guint i = 0; i < outcomes->len; i++)
    {
      ZichaSyncOutcome *outcome = outcomes->pdata[i];

      g_hash_table_add (reported, outcome->report_uuid);
      if (!print_outcome (outcome))
        all_done = FALSE;
    }

  /* What was refused before and stays refused. */
  entries_after = zicha_store_list_outbox (store, &error);
  if (entries_after == NULL)
    {
      g_ptr_array_unref (outcomes);
      return cli_fail_error (error, CLI_EXIT_USAGE);
    }
  for (guint i = 0; i < entries_after->len; i++)
    {
      ZichaOutboxEntry *entry = entries_after->pdata[i];
      g_autofree char *id = NULL;

      if (!entry->permanent_failure || g_hash_table_contains (reported, entry->report_uuid))
        continue;
      id = cli_short_id (entry->report_uuid);
      printf (_("%s failed: %s"), id, zicha_outbox_entry_get_message (entry));
      putchar ('\n');
      all_done = FALSE;
    }

  if (outcomes->len == 0 && all_done && arguments->len == 0)
    printf ("%s\n", _("Nothing to send."));

  g_ptr_array_unref (outcomes);
  return all_done ? CLI_EXIT_OK : CLI_EXIT_NEGATIVE;
}

/* receipts ------------------------------------------------------------------ */

static void
print_receipts_json (GPtrArray *receipts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < receipts->len; i++)
    {
      ZichaReceipt *receipt = receipts->pdata[i];
      g_autofree char *received = g_date_time_format_iso8601 (receipt->received_at);
      JsonNode *body = json_from_string (receipt->body, NULL);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "report_uuid");
      json_builder_add_string_value (builder, receipt->report_uuid);
      json_builder_set_member_name (builder, "unit_name");
      json_builder_add_string_value (builder, receipt->unit_name);
      json_builder_set_member_name (builder, "unit_code");
      json_builder_add_string_value (builder, receipt->unit_code);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, receipt->year);
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, receipt->revision);
      json_builder_set_member_name (builder, "number");
      json_builder_add_string_value (builder, receipt->number);
      json_builder_set_member_name (builder, "received_at");
      json_builder_add_string_value (builder, received);
      json_builder_set_member_name (builder, "digest");
      json_builder_add_string_value (builder, receipt->digest);
      /* As the platform gave it, signature included. */
      json_builder_set_member_name (builder, "receipt");
      if (body != NULL)
        json_builder_add_value (builder, body);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_receipts_table (GPtrArray *receipts)
{
  enum { ID, UNIT, NUMBER, RECEIVED, DIGEST, N_COLUMNS };
  const char *headers[N_COLUMNS] = {
    _("ID"), _("Unit"), _("Receipt"), _("Received"), _("Digest"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < receipts->len; i++)
    {
      ZichaReceipt *receipt = receipts->pdata[i];
      char *row[N_COLUMNS];

      row[ID] = cli_short_id (receipt->report_uuid);
      row[UNIT] = g_strdup (receipt->unit_name != NULL ? receipt->unit_name : "");
      row[NUMBER] = g_strdup (receipt->number);
      row[RECEIVED] = cli_format_time (receipt->received_at);
      row[DIGEST] = g_strdup (receipt->digest);

      for (guint c = 0; c < N_COLUMNS; c++)
        g_ptr_array_add (cells, row[c]);
    }

  cli_print_table (headers, N_COLUMNS, cells);
}

int
cli_receipts_run (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the receipts as a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) arguments = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options_full ("receipts", _("[REPORT]"),
                               _("Lists the platform’s receipts for delivered reports, newest first."),
                               entries, &argc, &argv))
    return CLI_EXIT_USAGE;

  arguments = cli_collect_arguments (argc, argv);
  if (arguments->len > 1)
    return cli_fail_usage ("%s", _("receipts: expected at most one REPORT (usage: zicha-cli receipts [REPORT] [--json])"));

  store = cli_open_store ();
  if (store == NULL)
    return CLI_EXIT_USAGE;

  if (arguments->len == 1)
    {
      g_autoptr(ZichaReport) report = cli_find_report (store, arguments->pdata[0]);
      ZichaReceipt *receipt;

      if (report == NULL)
        return CLI_EXIT_USAGE;
      receipt = zicha_store_get_receipt (store, zicha_report_get_uuid (report), &error);
      if (receipt == NULL)
        return cli_fail_error (error, g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND)
                                      ? CLI_EXIT_NEGATIVE : CLI_EXIT_USAGE);
      receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_receipt_free);
      g_ptr_array_add (receipts, receipt);
    }
  else
    {
      receipts = zicha_store_list_receipts (store, &error);
      if (receipts == NULL)
        return cli_fail_error (error, CLI_EXIT_USAGE);
    }

  if (json)
    print_receipts_json (receipts);
  else if (receipts->len == 0)
    printf ("%s\n", _("No receipts yet: no report has been delivered to the platform."));
  else
    print_receipts_table (receipts);

  return CLI_EXIT_OK;
}
