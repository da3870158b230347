/* zicha-store-outbox.c — the outbox of finalized reports and the
 * platform's receipts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report enters the outbox when it is queued (finalized → submitted) and
 * leaves it when its receipt is stored (submitted → acknowledged), in the
 * same transaction as the receipt. Everything the sync needs to resume
 * after a restart (attempts, next attempt, last error) is here.
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-store-private.h"

/* Freeing ------------------------------------------------------------------ */

void
zicha_outbox_entry_free (ZichaOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->report_uuid);
  g_clear_pointer (&entry->queued_at, g_date_time_unref);
  g_clear_pointer (&entry->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&entry->last_attempt_at, g_date_time_unref);
  g_free (entry->last_error_code);
  g_free (entry->last_error);
  g_free (entry->last_error_zh);
  g_free (entry);
}

static gboolean
prefers_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  /* The rule of zicha_localized_text_get_for_locale(). */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "zh"))
        return TRUE;
      if (g_str_has_prefix (languages[i], "en") ||
          g_str_equal (languages[i], "C") ||
          g_str_equal (languages[i], "POSIX"))
        return FALSE;
    }

  return TRUE;
}

const char *
zicha_outbox_entry_get_message (const ZichaOutboxEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->last_error_zh != NULL && (entry->last_error == NULL || prefers_chinese ()))
    return entry->last_error_zh;

  return entry->last_error;
}

void
zicha_receipt_free (ZichaReceipt *receipt)
{
  if (receipt == NULL)
    return;

  g_free (receipt->report_uuid);
  g_free (receipt->unit_name);
  g_free (receipt->unit_code);
  g_free (receipt->number);
  g_clear_pointer (&receipt->received_at, g_date_time_unref);
  g_free (receipt->digest);
  g_free (receipt->body);
  g_free (receipt);
}

/* Helpers ------------------------------------------------------------------ */

/* Prepares @sql, @uuid bound to its one parameter, and steps to its row:
 * the statement on the row; NULL with *@found FALSE and @error unset when
 * there is none; NULL with *@found TRUE and @error set on failure. */
static ZichaStmt *
select_by_uuid (ZichaStore  *self,
                const char  *sql,
                const char  *uuid,
                gboolean    *found,
                GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  *found = TRUE;
  stmt = _zicha_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return g_steal_pointer (&stmt);
    case SQLITE_DONE:
      *found = FALSE;
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

/* The report's row id, state and digest. Returns 0 with @error set when
 * there is no such report. */
static gint64
lookup_report (ZichaStore        *self,
               const char        *report_uuid,
               ZichaReportState  *state,
               char             **digest,
               GError           **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self, "SELECT id, state, digest FROM reports WHERE uuid = ?", error);
  if (stmt == NULL)
    return 0;
  _zicha_store_bind_text (stmt, 1, report_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("There is no report “%s”."), report_uuid);
      return 0;
    default:
      _zicha_store_fail (self, error);
      return 0;
    }

  if (!zicha_report_state_from_string ((const char *) sqlite3_column_text (stmt, 1), state))
    *state = ZICHA_REPORT_DRAFT;
  if (digest != NULL)
    *digest = _zicha_store_column_text (stmt, 2);

  return sqlite3_column_int64 (stmt, 0);
}

/* The outbox ---------------------------------------------------------------- */

#define ENTRY_COLUMNS                                                    \
  "SELECT r.uuid, o.queued_at, o.attempts, o.next_attempt_at,"          \
  "       o.last_attempt_at, o.last_status, o.last_error_code,"          \
  "       o.last_error, o.last_error_zh, o.permanent_failure"            \
  "  FROM outbox o JOIN reports r ON r.id = o.report_id "

/* A ZichaOutboxEntry (gpointer for _zicha_store_collect_rows()). */
static gpointer
entry_from_row (ZichaStmt *stmt)
{
  ZichaOutboxEntry *entry = g_new0 (ZichaOutboxEntry, 1);

  entry->report_uuid = _zicha_store_column_text (stmt, 0);
  entry->queued_at = _zicha_store_column_time (stmt, 1);
  entry->attempts = (guint) sqlite3_column_int (stmt, 2);
  entry->next_attempt_at = _zicha_store_column_time (stmt, 3);
  entry->last_attempt_at = _zicha_store_column_time (stmt, 4);
  entry->last_status = sqlite3_column_int (stmt, 5);
  entry->last_error_code = _zicha_store_column_text (stmt, 6);
  entry->last_error = _zicha_store_column_text (stmt, 7);
  entry->last_error_zh = _zicha_store_column_text (stmt, 8);
  entry->permanent_failure = sqlite3_column_int (stmt, 9) != 0;

  return entry;
}

static GPtrArray *
collect_entries (ZichaStore  *self,
                 ZichaStmt   *stmt,
                 GError     **error)
{
  return _zicha_store_collect_rows (self, stmt, entry_from_row,
                                    (GDestroyNotify) zicha_outbox_entry_free, error);
}

gboolean
zicha_store_enqueue_report (ZichaStore  *self,
                            const char  *report_uuid,
                            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();
  ZichaReportState state;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);

  if (!_zicha_store_begin (self, error))
    return FALSE;

  report_id = lookup_report (self, report_uuid, &state, NULL, error);
  if (report_id == 0)
    goto fail;

  switch (state)
    {
    case ZICHA_REPORT_DRAFT:
      g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                           _("Only a finalized report can be sent to the platform; finalize it first."));
      goto fail;
    case ZICHA_REPORT_ACKNOWLEDGED:
      g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                           _("The platform has already acknowledged this report."));
      goto fail;
    case ZICHA_REPORT_FINALIZED:
      if (!zicha_store_advance_state (self, report_uuid, ZICHA_REPORT_SUBMITTED, error))
        goto fail;
      break;
    case ZICHA_REPORT_SUBMITTED:
    default:
      break;
    }

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO outbox (report_id, queued_at) VALUES (?, ?)"
                               " ON CONFLICT (report_id) DO NOTHING",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }

  return _zicha_store_commit (self, error);

fail:
  _zicha_store_rollback (self);
  return FALSE;
}

GPtrArray *
zicha_store_list_outbox (ZichaStore  *self,
                         GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self, ENTRY_COLUMNS "ORDER BY o.queued_at, o.report_id", error);
  if (stmt == NULL)
    return NULL;

  return collect_entries (self, stmt, error);
}

GPtrArray *
zicha_store_list_due (ZichaStore  *self,
                      GDateTime   *now,
                      GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now_text = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  stmt = _zicha_store_prepare (self,
                               ENTRY_COLUMNS
                               "WHERE o.permanent_failure = 0 AND r.state = 'submitted'"
                               "  AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)"
                               " ORDER BY o.queued_at, o.report_id",
                               error);
  if (stmt == NULL)
    return NULL;
  now_text = _zicha_store_format_time (now);
  _zicha_store_bind_text (stmt, 1, now_text);

  return collect_entries (self, stmt, error);
}

ZichaOutboxEntry *
zicha_store_get_outbox_entry (ZichaStore  *self,
                              const char  *report_uuid,
                              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);

  stmt = select_by_uuid (self, ENTRY_COLUMNS "WHERE r.uuid = ?", report_uuid, &found, error);
  if (stmt != NULL)
    return entry_from_row (stmt);
  if (!found)
    g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                 _("The report “%s” is not waiting to be sent."), report_uuid);
  return NULL;
}

GDateTime *
_zicha_store_select_time (ZichaStore  *self,
                          const char  *sql,
                          GTimeZone   *default_tz,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  const char *text;

  stmt = _zicha_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  text = (const char *) sqlite3_column_text (stmt, 0);
  if (text == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (text, default_tz);
}

GDateTime *
zicha_store_get_next_due (ZichaStore  *self,
                          GError     **error)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  return _zicha_store_select_time (self,
                                   "SELECT MIN (COALESCE (o.next_attempt_at, o.queued_at))"
                                   "  FROM outbox o JOIN reports r ON r.id = o.report_id"
                                   " WHERE o.permanent_failure = 0 AND r.state = 'submitted'",
                                   NULL, error);
}

int
_zicha_store_record_attempt (ZichaStore                *self,
                             const char                *sql,
                             const char                *uuid,
                             const ZichaOutboxAttempt  *attempt,
                             GError                   **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *attempted_at = NULL;
  g_autofree char *next_attempt_at = NULL;

  attempted_at = attempt->attempted_at != NULL ? _zicha_store_format_time (attempt->attempted_at) : _zicha_store_now ();
  next_attempt_at = attempt->permanent ? NULL : _zicha_store_format_time (attempt->next_attempt_at);

  /* One statement: its own transaction. */
  stmt = _zicha_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  _zicha_store_bind_text (stmt, 1, attempted_at);
  _zicha_store_bind_text (stmt, 2, next_attempt_at);
  sqlite3_bind_int (stmt, 3, attempt->permanent ? 1 : 0);
  sqlite3_bind_int (stmt, 4, attempt->status);
  _zicha_store_bind_text (stmt, 5, attempt->code);
  _zicha_store_bind_text (stmt, 6, attempt->message);
  _zicha_store_bind_text (stmt, 7, attempt->message_zh);
  _zicha_store_bind_text (stmt, 8, uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return -1;
    }

  return sqlite3_changes (self->db);
}

gboolean
zicha_store_record_attempt (ZichaStore                *self,
                            const char                *report_uuid,
                            const ZichaOutboxAttempt  *attempt,
                            GError                   **error)
{
  int changes;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);
  g_return_val_if_fail (attempt != NULL, FALSE);

  changes = _zicha_store_record_attempt (self,
                                         "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?,"
                                         " next_attempt_at = ?, permanent_failure = ?, last_status = ?,"
                                         " last_error_code = ?, last_error = ?, last_error_zh = ?"
                                         " WHERE report_id = (SELECT id FROM reports WHERE uuid = ?)",
                                         report_uuid, attempt, error);
  if (changes < 0)
    return FALSE;

  if (changes == 0)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("The report “%s” is not waiting to be sent."), report_uuid);
      return FALSE;
    }

  return TRUE;
}

gboolean
zicha_store_retry_outbox_entry (ZichaStore  *self,
                                const char  *report_uuid,
                                GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);

  stmt = _zicha_store_prepare (self,
                               "UPDATE outbox SET permanent_failure = 0, next_attempt_at = NULL"
                               " WHERE report_id = (SELECT id FROM reports WHERE uuid = ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, report_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("The report “%s” is not waiting to be sent."), report_uuid);
      return FALSE;
    }

  return TRUE;
}

/* Receipts ------------------------------------------------------------------ */

#define RECEIPT_COLUMNS                                                  \
  "SELECT r.uuid, r.unit_name, r.unit_code, r.year, r.revision,"        \
  "       c.receipt_number, c.received_at, c.digest, c.body"             \
  "  FROM receipts c JOIN reports r ON r.id = c.report_id "

static ZichaReceipt *
receipt_from_row (ZichaStmt *stmt)
{
  ZichaReceipt *receipt = g_new0 (ZichaReceipt, 1);

  receipt->report_uuid = _zicha_store_column_text (stmt, 0);
  receipt->unit_name = _zicha_store_column_text (stmt, 1);
  receipt->unit_code = _zicha_store_column_text (stmt, 2);
  receipt->year = sqlite3_column_int (stmt, 3);
  receipt->revision = sqlite3_column_int (stmt, 4);
  receipt->number = _zicha_store_column_text (stmt, 5);
  receipt->received_at = _zicha_store_column_time (stmt, 6);
  receipt->digest = _zicha_store_column_text (stmt, 7);
  receipt->body = _zicha_store_column_text (stmt, 8);

  return receipt;
}

gboolean
zicha_store_add_receipt (ZichaStore  *self,
                         const char  *report_uuid,
                         const char  *number,
                         GDateTime   *received_at,
                         const char  *digest,
                         const char  *body,
                         GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *report_digest = NULL;
  g_autofree char *received_text = NULL;
  ZichaReportState state;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (report_uuid != NULL, FALSE);
  g_return_val_if_fail (number != NULL && *number != '\0', FALSE);
  g_return_val_if_fail (received_at != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  received_text = _zicha_store_format_time (received_at);

  if (!_zicha_store_begin (self, error))
    return FALSE;

  report_id = lookup_report (self, report_uuid, &state, &report_digest, error);
  if (report_id == 0)
    goto fail;

  if (state == ZICHA_REPORT_DRAFT || g_strcmp0 (report_digest, digest) != 0)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("The receipt is for other contents (digest %s) than this report has."), digest);
      goto fail;
    }

  stmt = _zicha_store_prepare (self, "SELECT receipt_number, digest FROM receipts WHERE report_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, report_id);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      {
        gboolean same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), number) == 0 &&
                        g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), digest) == 0;

        g_clear_pointer (&stmt, _zicha_stmt_release);
        _zicha_store_rollback (self);
        if (!same)
          {
            g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                         _("This report already has another receipt than %s."), number);
            return FALSE;
          }
        return TRUE;
      }
    case SQLITE_DONE:
      break;
    default:
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO receipts (report_id, receipt_number, received_at, digest, body)"
                               " VALUES (?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, number);
  _zicha_store_bind_text (stmt, 3, received_text);
  _zicha_store_bind_text (stmt, 4, digest);
  _zicha_store_bind_text (stmt, 5, body);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  stmt = _zicha_store_prepare (self, "DELETE FROM outbox WHERE report_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, report_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  if (state != ZICHA_REPORT_ACKNOWLEDGED &&
      !zicha_store_advance_state (self, report_uuid, ZICHA_REPORT_ACKNOWLEDGED, error))
    goto fail;

  return _zicha_store_commit (self, error);

fail:
  g_clear_pointer (&stmt, _zicha_stmt_release);
  _zicha_store_rollback (self);
  return FALSE;
}

ZichaReceipt *
zicha_store_get_receipt (ZichaStore  *self,
                         const char  *report_uuid,
                         GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);

  stmt = select_by_uuid (self, RECEIPT_COLUMNS "WHERE r.uuid = ?", report_uuid, &found, error);
  if (stmt != NULL)
    return receipt_from_row (stmt);
  if (!found)
    g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                 _("The platform has not yet acknowledged the report “%s”."), report_uuid);
  return NULL;
}

GPtrArray *
zicha_store_list_receipts (ZichaStore  *self,
                           GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) receipts = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_receipt_free);
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self, RECEIPT_COLUMNS "ORDER BY c.received_at DESC, r.uuid", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (receipts, receipt_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&receipts);
}
