/* zicha-store-notices.c — threat notices, rectification feedback and
 * what the sync learns about the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice is stored as the platform last sent it. Feedback is made once
 * (a UUID, its evidence, the digest of its feedback.json) and then frozen
 * by triggers; it waits in the columns of its own outbox, like a report,
 * until its receipt is stored.
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-feedback-package.h"
#include "zicha-store-private.h"

#define CLOCK_OFFSET_KEY "clock_offset_us"
#define UNIT_CODE_KEY "unit_code"

/* Helpers ------------------------------------------------------------------- */

static gboolean not_found (GError     **error,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

static gboolean
not_found (GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* Platform values ----------------------------------------------------------- */

char *
zicha_store_get_platform_value (ZichaStore  *self,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = _zicha_store_prepare (self, "SELECT value FROM platform_values WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, name);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return _zicha_store_column_text (stmt, 0);
    case SQLITE_DONE:
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

gboolean
zicha_store_set_platform_value (ZichaStore  *self,
                                const char  *name,
                                const char  *value,
                                GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO platform_values (name, value) VALUES (?, ?)"
                               " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, name);
  _zicha_store_bind_text (stmt, 2, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  return TRUE;
}

gboolean
zicha_store_set_clock_offset (ZichaStore  *self,
                              GTimeSpan    offset,
                              GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) offset);

  return zicha_store_set_platform_value (self, CLOCK_OFFSET_KEY, text, error);
}

gboolean
zicha_store_get_clock_offset (ZichaStore  *self,
                              GTimeSpan   *offset,
                              GError     **error)
{
  g_autofree char *text = NULL;
  gint64 value;

  if (offset != NULL)
    *offset = 0;

  text = zicha_store_get_platform_value (self, CLOCK_OFFSET_KEY, error);
  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return FALSE;

  if (offset != NULL)
    *offset = value;
  return TRUE;
}

GDateTime *
zicha_store_get_platform_now (ZichaStore *self,
                              GDateTime  *local_now)
{
  g_autoptr(GDateTime) now = local_now != NULL ? g_date_time_ref (local_now) : g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  GTimeSpan offset = 0;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  if (!zicha_store_get_clock_offset (self, &offset, &error) && error != NULL)
    g_debug ("No clock offset: %s", error->message);

  return zicha_notice_platform_now (now, offset);
}

/* Notices ------------------------------------------------------------------- */

#define NOTICE_COLUMNS \
  "SELECT id, detected_at, deadline, target, type, severity, description, state, updated_at," \
  " fetched_at, reminded_at FROM notices "

static ZichaNotice *
notice_from_row (ZichaStmt *stmt)
{
  g_autoptr(GDateTime) detected = _zicha_store_column_time (stmt, 1);
  g_autoptr(GDateTime) deadline = _zicha_store_column_time (stmt, 2);
  g_autoptr(GDateTime) updated = _zicha_store_column_time (stmt, 8);
  g_autoptr(GDateTime) fetched = _zicha_store_column_time (stmt, 9);
  g_autoptr(GDateTime) reminded = _zicha_store_column_time (stmt, 10);
  ZichaNotice *notice;

  /* The columns are NOT NULL; a damaged value reads as the epoch rather
   * than losing the notice. */
  if (detected == NULL)
    detected = g_date_time_new_from_unix_utc (0);

  notice = zicha_notice_new ((const char *) sqlite3_column_text (stmt, 0), detected, deadline,
                             (const char *) sqlite3_column_text (stmt, 3),
                             (const char *) sqlite3_column_text (stmt, 4),
                             (const char *) sqlite3_column_text (stmt, 5),
                             (const char *) sqlite3_column_text (stmt, 6),
                             (const char *) sqlite3_column_text (stmt, 7),
                             updated);
  zicha_notice_set_fetched_at (notice, fetched);
  zicha_notice_set_reminded_at (notice, reminded);
  return notice;
}

gboolean
zicha_store_save_notice (ZichaStore   *self,
                         ZichaNotice  *notice,
                         GDateTime    *fetched_at,
                         gboolean     *changed,
                         GError      **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *fetched = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_NOTICE (notice), FALSE);

  if (changed != NULL)
    *changed = FALSE;

  detected = _zicha_store_format_time (zicha_notice_get_detected_at (notice));
  deadline = _zicha_store_format_time (zicha_notice_get_deadline (notice));
  updated = _zicha_store_format_time (zicha_notice_get_updated_at (notice));
  fetched = fetched_at != NULL ? _zicha_store_format_time (fetched_at) : _zicha_store_now ();

  /* Only what differs is written, so "changed" means something changed. */
  stmt = _zicha_store_prepare (self,
                               "INSERT INTO notices (id, detected_at, deadline, target, type, severity, description,"
                               " state, updated_at, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                               " ON CONFLICT (id) DO UPDATE SET detected_at = ?2, deadline = ?3, target = ?4,"
                               " type = ?5, severity = ?6, description = ?7, state = ?8, updated_at = ?9,"
                               " fetched_at = ?10"
                               " WHERE detected_at IS NOT ?2 OR deadline IS NOT ?3 OR target IS NOT ?4"
                               "    OR type IS NOT ?5 OR severity IS NOT ?6 OR description IS NOT ?7"
                               "    OR state IS NOT ?8 OR updated_at IS NOT ?9",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, zicha_notice_get_id (notice));
  _zicha_store_bind_text (stmt, 2, detected);
  _zicha_store_bind_text (stmt, 3, deadline);
  _zicha_store_bind_text (stmt, 4, zicha_notice_get_target (notice));
  _zicha_store_bind_text (stmt, 5, zicha_notice_get_notice_type (notice));
  _zicha_store_bind_text (stmt, 6, zicha_notice_get_severity (notice));
  _zicha_store_bind_text (stmt, 7, zicha_notice_get_description (notice));
  _zicha_store_bind_text (stmt, 8, zicha_notice_get_state_string (notice));
  _zicha_store_bind_text (stmt, 9, updated);
  _zicha_store_bind_text (stmt, 10, fetched);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  if (changed != NULL)
    *changed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

GPtrArray *
zicha_store_list_notices (ZichaStore  *self,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self, NOTICE_COLUMNS "ORDER BY deadline, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notices, notice_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&notices);
}

ZichaNotice *
zicha_store_get_notice (ZichaStore  *self,
                        const char  *id_or_prefix,
                        GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(ZichaNotice) found = NULL;
  g_autofree char *pattern = NULL;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  if (strlen (id_or_prefix) < 4 || strpbrk (id_or_prefix, "%_") != NULL)
    {
      not_found (error, _("There is no notice “%s”."), id_or_prefix);
      return NULL;
    }

  pattern = g_strconcat (id_or_prefix, "%", NULL);
  stmt = _zicha_store_prepare (self, NOTICE_COLUMNS "WHERE id = ?1 OR id LIKE ?2 ORDER BY id = ?1 DESC LIMIT 2",
                               error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, id_or_prefix);
  _zicha_store_bind_text (stmt, 2, pattern);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ZichaNotice) notice = notice_from_row (stmt);

      if (g_str_equal (zicha_notice_get_id (notice), id_or_prefix))
        return g_steal_pointer (&notice);
      if (found != NULL)
        {
          g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                       _("“%s” names more than one notice; give more of its ID."), id_or_prefix);
          return NULL;
        }
      found = g_steal_pointer (&notice);
    }
  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  if (found == NULL)
    not_found (error, _("There is no notice “%s”."), id_or_prefix);
  return g_steal_pointer (&found);
}

gboolean
zicha_store_set_notice_reminded (ZichaStore  *self,
                                 const char  *notice_id,
                                 GDateTime   *at,
                                 GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (notice_id != NULL && at != NULL, FALSE);

  text = _zicha_store_format_time (at);
  stmt = _zicha_store_prepare (self, "UPDATE notices SET reminded_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, text);
  _zicha_store_bind_text (stmt, 2, notice_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, _("There is no notice “%s”."), notice_id);

  return TRUE;
}

/* Feedback ------------------------------------------------------------------ */

void
zicha_feedback_free (ZichaFeedback *feedback)
{
  if (feedback == NULL)
    return;

  g_free (feedback->uuid);
  g_free (feedback->notice_id);
  g_free (feedback->unit_code);
  g_clear_pointer (&feedback->created, g_date_time_unref);
  g_clear_pointer (&feedback->completed_at, g_date_time_unref);
  g_free (feedback->measures);
  g_free (feedback->responsible);
  g_free (feedback->phone);
  g_free (feedback->retest_result);
  g_free (feedback->digest);
  g_clear_pointer (&feedback->queued_at, g_date_time_unref);
  g_clear_pointer (&feedback->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&feedback->last_attempt_at, g_date_time_unref);
  g_free (feedback->last_error_code);
  g_free (feedback->last_error);
  g_free (feedback->last_error_zh);
  g_free (feedback->receipt_number);
  g_clear_pointer (&feedback->received_at, g_date_time_unref);
  g_free (feedback->receipt);
  g_free (feedback);
}

const char *
zicha_feedback_get_message (const ZichaFeedback *feedback)
{
  ZichaOutboxEntry entry = { NULL, };

  g_return_val_if_fail (feedback != NULL, NULL);

  entry.last_error = feedback->last_error;
  entry.last_error_zh = feedback->last_error_zh;
  return zicha_outbox_entry_get_message (&entry);
}

#define FEEDBACK_COLUMNS                                                          \
  "SELECT uuid, notice_id, unit_code, created_at, rectified, completed_at, measures,"   \
  " responsible, phone, retest_result, digest, state, queued_at, attempts,"             \
  " next_attempt_at, last_attempt_at, last_status, last_error_code, last_error,"        \
  " last_error_zh, permanent_failure, receipt_number, received_at, late, receipt"       \
  " FROM feedback "

/* A ZichaFeedback (gpointer for _zicha_store_collect_rows()). */
static gpointer
feedback_from_row (ZichaStmt *stmt)
{
  ZichaFeedback *feedback = g_new0 (ZichaFeedback, 1);

  feedback->uuid = _zicha_store_column_text (stmt, 0);
  feedback->notice_id = _zicha_store_column_text (stmt, 1);
  feedback->unit_code = _zicha_store_column_text (stmt, 2);
  feedback->created = _zicha_store_column_time (stmt, 3);
  feedback->rectified = sqlite3_column_int (stmt, 4) != 0;
  feedback->completed_at = _zicha_store_column_time (stmt, 5);
  feedback->measures = _zicha_store_column_text (stmt, 6);
  feedback->responsible = _zicha_store_column_text (stmt, 7);
  feedback->phone = _zicha_store_column_text (stmt, 8);
  feedback->retest_result = _zicha_store_column_text (stmt, 9);
  feedback->digest = _zicha_store_column_text (stmt, 10);
  feedback->state = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 11), "acknowledged") == 0
                    ? ZICHA_FEEDBACK_ACKNOWLEDGED : ZICHA_FEEDBACK_QUEUED;
  feedback->queued_at = _zicha_store_column_time (stmt, 12);
  feedback->attempts = (guint) sqlite3_column_int (stmt, 13);
  feedback->next_attempt_at = _zicha_store_column_time (stmt, 14);
  feedback->last_attempt_at = _zicha_store_column_time (stmt, 15);
  feedback->last_status = sqlite3_column_int (stmt, 16);
  feedback->last_error_code = _zicha_store_column_text (stmt, 17);
  feedback->last_error = _zicha_store_column_text (stmt, 18);
  feedback->last_error_zh = _zicha_store_column_text (stmt, 19);
  feedback->permanent_failure = sqlite3_column_int (stmt, 20) != 0;
  feedback->receipt_number = _zicha_store_column_text (stmt, 21);
  feedback->received_at = _zicha_store_column_time (stmt, 22);
  feedback->late = sqlite3_column_int (stmt, 23) != 0;
  feedback->receipt = _zicha_store_column_text (stmt, 24);
  return feedback;
}

static GPtrArray *
collect_feedback (ZichaStore  *self,
                  ZichaStmt   *stmt,
                  GError     **error)
{
  return _zicha_store_collect_rows (self, stmt, feedback_from_row,
                                    (GDestroyNotify) zicha_feedback_free, error);
}

static gboolean
invalid_request (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* The unit the platform named, else the newest report's. */
static char *
default_unit_code (ZichaStore  *self,
                   GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  char *code = zicha_store_get_platform_value (self, UNIT_CODE_KEY, error);

  if (code != NULL && *code != '\0')
    return code;
  g_free (code);

  stmt = _zicha_store_prepare (self,
                               "SELECT unit_code FROM reports WHERE unit_code <> ''"
                               " ORDER BY created_at DESC, id DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _zicha_store_column_text (stmt, 0);
  return NULL;
}

static gboolean
check_text (const char  *text,
            gboolean     required,
            guint        max_chars,
            const char  *missing,
            const char  *too_long,
            GError     **error)
{
  if (text == NULL || *text == '\0')
    return required ? invalid_request (error, missing) : TRUE;
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max_chars)
    return invalid_request (error, too_long);
  return TRUE;
}

/* Reads one evidence file into the feedback being made. */
static ZichaAttachment *
add_evidence (ZichaStore  *self,
              gint64       feedback_id,
              GFile       *file,
              const char  *added_at,
              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(ZichaAttachment) attachment = g_new0 (ZichaAttachment, 1);
  const char *content_type;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("“%s” is not a regular file."), g_file_info_get_display_name (info));
      return NULL;
    }
  if (g_file_info_get_size (info) > ZICHA_STORE_MAX_ATTACHMENT_SIZE)
    {
      g_autofree char *limit = g_format_size (ZICHA_STORE_MAX_ATTACHMENT_SIZE);

      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_LARGE,
                   _("“%s” is larger than %s, the most an evidence file may be."),
                   g_file_info_get_display_name (info), limit);
      return NULL;
    }

  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return NULL;

  content_type = g_file_info_get_content_type (info);
  attachment->uuid = g_uuid_string_random ();
  attachment->file_name = g_strdup (g_file_info_get_display_name (info));
  attachment->media_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (attachment->media_type == NULL)
    attachment->media_type = g_strdup ("application/octet-stream");
  attachment->size = g_bytes_get_size (contents);
  attachment->sha256 = zicha_sha256_hex_for_bytes (contents);
  attachment->added = g_date_time_new_from_iso8601 (added_at, NULL);
  attachment->field_path = g_strdup ("");

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO feedback_attachments (uuid, feedback_id, file_name, media_type, size,"
                               " sha256, added_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, attachment->uuid);
  sqlite3_bind_int64 (stmt, 2, feedback_id);
  _zicha_store_bind_text (stmt, 3, attachment->file_name);
  _zicha_store_bind_text (stmt, 4, attachment->media_type);
  sqlite3_bind_int64 (stmt, 5, attachment->size);
  _zicha_store_bind_text (stmt, 6, attachment->sha256);
  _zicha_store_bind_text (stmt, 7, added_at);
  sqlite3_bind_blob64 (stmt, 8, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&attachment);
}

char *
zicha_store_add_feedback (ZichaStore                 *self,
                          const ZichaFeedbackRequest *request,
                          GError                    **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);
  g_autoptr(ZichaFeedback) feedback = g_new0 (ZichaFeedback, 1);
  g_autofree char *now = _zicha_store_now ();
  g_autofree char *completed = NULL;
  g_autofree char *document = NULL;
  gint64 feedback_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (request != NULL && request->notice_id != NULL, NULL);

  if (!check_text (request->measures, TRUE, ZICHA_FEEDBACK_MAX_TEXT,
                   _("Say what was done to rectify the problem."),
                   _("The measures taken are too long (at most 8000 characters)."), error) ||
      !check_text (request->retest_result, TRUE, ZICHA_FEEDBACK_MAX_TEXT,
                   _("Give the result of re-testing."),
                   _("The result of re-testing is too long (at most 8000 characters)."), error) ||
      !check_text (request->responsible, TRUE, ZICHA_FEEDBACK_MAX_SHORT_TEXT,
                   _("Name the person responsible for the rectification."),
                   _("The name of the person responsible is too long."), error) ||
      !check_text (request->phone, FALSE, ZICHA_FEEDBACK_MAX_SHORT_TEXT, NULL,
                   _("The phone number is too long."), error))
    return NULL;
  if (request->rectified && request->completed_at == NULL)
    {
      invalid_request (error, _("Give the time the rectification was completed."));
      return NULL;
    }

  if (!_zicha_store_begin (self, error))
    return NULL;

  notice = zicha_store_get_notice (self, request->notice_id, error);
  if (notice == NULL)
    goto fail;
  if (zicha_notice_get_state (notice) == ZICHA_NOTICE_WITHDRAWN)
    {
      invalid_request (error, _("The platform withdrew this notice; it takes no feedback."));
      goto fail;
    }

  feedback->uuid = g_uuid_string_random ();
  feedback->notice_id = g_strdup (zicha_notice_get_id (notice));
  feedback->unit_code = request->unit_code != NULL ? g_strdup (request->unit_code) : default_unit_code (self, error);
  if (feedback->unit_code == NULL || *feedback->unit_code == '\0')
    {
      if (error == NULL || *error == NULL)
        invalid_request (error, _("The unit’s code is not known yet: synchronize with the platform first."));
      goto fail;
    }
  feedback->created = g_date_time_new_from_iso8601 (now, NULL);
  feedback->rectified = request->rectified;
  feedback->completed_at = request->completed_at != NULL ? g_date_time_to_utc (request->completed_at) : NULL;
  feedback->measures = g_strdup (request->measures);
  feedback->responsible = g_strdup (request->responsible);
  feedback->phone = g_strdup (request->phone != NULL ? request->phone : "");
  feedback->retest_result = g_strdup (request->retest_result);
  completed = _zicha_store_format_time (feedback->completed_at);

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO feedback (uuid, notice_id, unit_code, created_at, rectified, completed_at,"
                               " measures, responsible, phone, retest_result, queued_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    goto fail;
  _zicha_store_bind_text (stmt, 1, feedback->uuid);
  _zicha_store_bind_text (stmt, 2, feedback->notice_id);
  _zicha_store_bind_text (stmt, 3, feedback->unit_code);
  _zicha_store_bind_text (stmt, 4, now);
  sqlite3_bind_int (stmt, 5, feedback->rectified ? 1 : 0);
  _zicha_store_bind_text (stmt, 6, completed);
  _zicha_store_bind_text (stmt, 7, feedback->measures);
  _zicha_store_bind_text (stmt, 8, feedback->responsible);
  _zicha_store_bind_text (stmt, 9, feedback->phone);
  _zicha_store_bind_text (stmt, 10, feedback->retest_result);
  _zicha_store_bind_text (stmt, 11, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);
  feedback_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; request->evidence != NULL && request->evidence[i] != NULL; i++)
    {
      ZichaAttachment *attachment = add_evidence (self, feedback_id, request->evidence[i], now, error);

      if (attachment == NULL)
        goto fail;
      g_ptr_array_add (attachments, attachment);
    }

  /* Fixed now: every later delivery sends these very bytes. */
  document = zicha_feedback_document_to_string (feedback, attachments);
  feedback->digest = zicha_sha256_hex (document, strlen (document));

  stmt = _zicha_store_prepare (self, "UPDATE feedback SET digest = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _zicha_store_bind_text (stmt, 1, feedback->digest);
  sqlite3_bind_int64 (stmt, 2, feedback_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  if (!_zicha_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&feedback->uuid);

fail:
  g_clear_pointer (&stmt, _zicha_stmt_release);
  _zicha_store_rollback (self);
  return NULL;
}

ZichaFeedback *
zicha_store_get_feedback (ZichaStore  *self,
                          const char  *feedback_uuid,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (feedback_uuid != NULL, NULL);

  stmt = _zicha_store_prepare (self, FEEDBACK_COLUMNS "WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, feedback_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return feedback_from_row (stmt);
    case SQLITE_DONE:
      not_found (error, _("There is no feedback “%s”."), feedback_uuid);
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

GPtrArray *
zicha_store_list_feedback (ZichaStore  *self,
                           const char  *notice_id,
                           GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self, FEEDBACK_COLUMNS "WHERE ?1 IS NULL OR notice_id = ?1 ORDER BY created_at, id",
                               error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, notice_id);

  return collect_feedback (self, stmt, error);
}

GPtrArray *
zicha_store_list_feedback_attachments (ZichaStore  *self,
                                       const char  *feedback_uuid,
                                       GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (feedback_uuid != NULL, NULL);

  stmt = _zicha_store_prepare (self,
                               "SELECT a.uuid, a.file_name, a.media_type, a.size, a.sha256, a.added_at"
                               "  FROM feedback_attachments a JOIN feedback f ON f.id = a.feedback_id"
                               " WHERE f.uuid = ? ORDER BY a.id",
                               error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, feedback_uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZichaAttachment *attachment = g_new0 (ZichaAttachment, 1);

      attachment->uuid = _zicha_store_column_text (stmt, 0);
      attachment->field_path = g_strdup ("");
      attachment->file_name = _zicha_store_column_text (stmt, 1);
      attachment->media_type = _zicha_store_column_text (stmt, 2);
      attachment->size = sqlite3_column_int64 (stmt, 3);
      attachment->sha256 = _zicha_store_column_text (stmt, 4);
      attachment->added = _zicha_store_column_time (stmt, 5);
      g_ptr_array_add (list, attachment);
    }
  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

GBytes *
zicha_store_read_feedback_attachment (ZichaStore  *self,
                                      const char  *attachment_uuid,
                                      GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (attachment_uuid != NULL, NULL);

  stmt = _zicha_store_prepare (self, "SELECT data FROM feedback_attachments WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, attachment_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    case SQLITE_DONE:
      not_found (error, _("There is no evidence file “%s”."), attachment_uuid);
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

GPtrArray *
zicha_store_list_due_feedback (ZichaStore  *self,
                               GDateTime   *now,
                               GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now_text = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self,
                               FEEDBACK_COLUMNS
                               "WHERE state = 'queued' AND permanent_failure = 0"
                               "  AND (?1 IS NULL OR next_attempt_at IS NULL OR next_attempt_at <= ?1)"
                               " ORDER BY queued_at, id",
                               error);
  if (stmt == NULL)
    return NULL;
  now_text = _zicha_store_format_time (now);
  _zicha_store_bind_text (stmt, 1, now_text);

  return collect_feedback (self, stmt, error);
}

GDateTime *
zicha_store_get_next_feedback_due (ZichaStore  *self,
                                   GError     **error)
{
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  utc = g_time_zone_new_utc ();
  return _zicha_store_select_time (self,
                                   "SELECT MIN (COALESCE (next_attempt_at, queued_at)) FROM feedback"
                                   " WHERE state = 'queued' AND permanent_failure = 0",
                                   utc, error);
}

gboolean
zicha_store_record_feedback_attempt (ZichaStore                *self,
                                     const char                *feedback_uuid,
                                     const ZichaOutboxAttempt  *attempt,
                                     GError                   **error)
{
  int changes;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (feedback_uuid != NULL && attempt != NULL, FALSE);

  changes = _zicha_store_record_attempt (self,
                                         "UPDATE feedback SET attempts = attempts + 1, last_attempt_at = ?,"
                                         " next_attempt_at = ?, permanent_failure = ?, last_status = ?,"
                                         " last_error_code = ?, last_error = ?, last_error_zh = ?"
                                         " WHERE uuid = ? AND state = 'queued'",
                                         feedback_uuid, attempt, error);
  if (changes < 0)
    return FALSE;
  if (changes == 0)
    return not_found (error, _("The feedback “%s” is not waiting to be sent."), feedback_uuid);

  return TRUE;
}

gboolean
zicha_store_retry_feedback (ZichaStore  *self,
                            const char  *feedback_uuid,
                            const char  *code,
                            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  stmt = _zicha_store_prepare (self,
                               "UPDATE feedback SET permanent_failure = 0, next_attempt_at = NULL"
                               " WHERE state = 'queued' AND (?1 IS NULL OR uuid = ?1)"
                               "   AND (?2 IS NULL OR (permanent_failure = 1 AND last_error_code = ?2))",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, feedback_uuid);
  _zicha_store_bind_text (stmt, 2, code);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  return TRUE;
}

gboolean
zicha_store_add_feedback_receipt (ZichaStore  *self,
                                  const char  *feedback_uuid,
                                  const char  *number,
                                  GDateTime   *received_at,
                                  gboolean     late,
                                  const char  *body,
                                  GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autofree char *received_text = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (feedback_uuid != NULL && number != NULL && received_at != NULL && body != NULL, FALSE);

  received_text = _zicha_store_format_time (received_at);

  if (!_zicha_store_begin (self, error))
    return FALSE;

  feedback = zicha_store_get_feedback (self, feedback_uuid, error);
  if (feedback == NULL)
    goto fail;

  if (feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED)
    {
      _zicha_store_rollback (self);
      if (g_strcmp0 (feedback->receipt_number, number) != 0)
        {
          g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                       _("This feedback already has another receipt than %s."), number);
          return FALSE;
        }
      return TRUE;
    }

  stmt = _zicha_store_prepare (self,
                               "UPDATE feedback SET state = 'acknowledged', receipt_number = ?, received_at = ?,"
                               " late = ?, receipt = ?, next_attempt_at = NULL, permanent_failure = 0,"
                               " last_error_code = NULL, last_error = NULL, last_error_zh = NULL"
                               " WHERE uuid = ?",
                               error);
  if (stmt == NULL)
    goto fail;
  _zicha_store_bind_text (stmt, 1, number);
  _zicha_store_bind_text (stmt, 2, received_text);
  sqlite3_bind_int (stmt, 3, late ? 1 : 0);
  _zicha_store_bind_text (stmt, 4, body);
  _zicha_store_bind_text (stmt, 5, feedback_uuid);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  /* What the platform does on its side; the next fetch confirms it. */
  stmt = _zicha_store_prepare (self, "UPDATE notices SET state = 'answered' WHERE id = ? AND state = 'open'", error);
  if (stmt == NULL)
    goto fail;
  _zicha_store_bind_text (stmt, 1, feedback->notice_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      goto fail;
    }
  g_clear_pointer (&stmt, _zicha_stmt_release);

  return _zicha_store_commit (self, error);

fail:
  g_clear_pointer (&stmt, _zicha_stmt_release);
  _zicha_store_rollback (self);
  return FALSE;
}
