/* zicha-store-import.c — a whole report from elsewhere, with its own ids,
 * in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-store-private.h"

/* A time the package gives, or now when it gives none. */
static char *
format_time_or_now (GDateTime *time)
{
  return time != NULL ? _zicha_store_format_time (time) : _zicha_store_now ();
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_import (const ZichaStoreImport  *import,
              GError                 **error)
{
  if (import->uuid == NULL || !g_uuid_string_is_valid (import->uuid))
    return invalid (error, _("The imported report has no valid ID."));
  if (import->form_id == NULL || import->form_version == NULL)
    return invalid (error, _("The imported report does not say which form it uses."));
  if (import->year < 2000 || import->year > 2100)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("%d is not a campaign year (2000–2100)."), import->year);
      return FALSE;
    }
  if (import->revision < 1)
    return invalid (error, _("The imported report has no valid revision number."));
  if (import->state != ZICHA_REPORT_DRAFT && import->state != ZICHA_REPORT_FINALIZED)
    return invalid (error, _("Only drafts and finalized reports can be imported."));
  if (import->state != ZICHA_REPORT_DRAFT && (import->digest == NULL || *import->digest == '\0'))
    return invalid (error, _("The imported report is finalized but has no digest."));

  for (gsize i = 0; i < import->n_rows; i++)
    if (import->rows[i].table_path == NULL || import->rows[i].row_uuid == NULL)
      return invalid (error, _("An imported table row has no table or no ID."));

  for (gsize i = 0; i < import->n_values; i++)
    if (import->values[i].field_path == NULL)
      return invalid (error, _("An imported answer has no field."));

  for (gsize i = 0; i < import->n_attachments; i++)
    {
      const ZichaAttachment *attachment = import->attachments[i].attachment;
      GBytes *contents = import->attachments[i].contents;
      g_autofree char *sha256 = NULL;

      if (attachment == NULL || contents == NULL || attachment->uuid == NULL ||
          attachment->field_path == NULL || attachment->file_name == NULL)
        return invalid (error, _("An imported attachment lacks its ID, field, name or contents."));

      if (g_bytes_get_size (contents) > ZICHA_STORE_MAX_ATTACHMENT_SIZE)
        {
          g_autofree char *size = g_format_size (g_bytes_get_size (contents));
          g_autofree char *limit = g_format_size (ZICHA_STORE_MAX_ATTACHMENT_SIZE);

          g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_LARGE,
                       _("“%s” is %s; evidence files can be at most %s."),
                       attachment->file_name, size, limit);
          return FALSE;
        }

      sha256 = zicha_sha256_hex_for_bytes (contents);
      if (attachment->size != (gint64) g_bytes_get_size (contents) ||
          g_strcmp0 (attachment->sha256, sha256) != 0)
        {
          g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                       _("The contents of the imported attachment “%s” do not match its size and SHA-256."),
                       attachment->file_name);
          return FALSE;
        }
    }

  return TRUE;
}

/* Whether @sql (one ? parameter) finds a row for @text. */
static gboolean
exists (ZichaStore  *self,
        const char  *sql,
        const char  *text,
        gboolean    *found,
        GError     **error)
{
  g_autoptr(ZichaStmt) stmt = _zicha_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, text);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      *found = TRUE;
      return TRUE;
    case SQLITE_DONE:
      *found = FALSE;
      return TRUE;
    default:
      return _zicha_store_fail (self, error);
    }
}

static gint64
insert_report (ZichaStore              *self,
               const ZichaStoreImport  *import,
               GError                 **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *created = format_time_or_now (import->created);
  g_autofree char *now = _zicha_store_now ();

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO reports (uuid, form_id, form_version, unit_name, unit_code,"
                               " year, state, revision, based_on_uuid, created_at, modified_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  _zicha_store_bind_text (stmt, 1, import->uuid);
  _zicha_store_bind_text (stmt, 2, import->form_id);
  _zicha_store_bind_text (stmt, 3, import->form_version);
  _zicha_store_bind_text (stmt, 4, import->unit_name != NULL ? import->unit_name : "");
  _zicha_store_bind_text (stmt, 5, import->unit_code != NULL ? import->unit_code : "");
  sqlite3_bind_int (stmt, 6, import->year);
  sqlite3_bind_int (stmt, 7, import->revision);
  _zicha_store_bind_text (stmt, 8, import->based_on_uuid);
  _zicha_store_bind_text (stmt, 9, created);
  _zicha_store_bind_text (stmt, 10, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
insert_rows (ZichaStore              *self,
             gint64                   report_id,
             const ZichaStoreImport  *import,
             GError                 **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  /* table path → the next position in it */
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (import->n_rows == 0)
    return TRUE;

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO table_rows (report_id, table_path, row_uuid, position)"
                               " VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (gsize i = 0; i < import->n_rows; i++)
    {
      const ZichaStoreImportRow *row = &import->rows[i];
      double *position = g_hash_table_lookup (positions, row->table_path);

      if (position == NULL)
        {
          position = g_new0 (double, 1);
          g_hash_table_insert (positions, (gpointer) row->table_path, position);
        }
      /* 1, 2, 3…: as zicha_store_add_row() numbers appended rows. */
      *position += 1.0;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, report_id);
      _zicha_store_bind_text (stmt, 2, row->table_path);
      _zicha_store_bind_text (stmt, 3, row->row_uuid);
      sqlite3_bind_double (stmt, 4, *position);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zicha_store_fail (self, error);
    }

  return TRUE;
}

static gboolean
insert_values (ZichaStore              *self,
               gint64                   report_id,
               const ZichaStoreImport  *import,
               GError                 **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  if (import->n_values == 0)
    return TRUE;

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO answers (report_id, field_path, row_uuid, value, needs_review)"
                               " VALUES (?, ?, ?, ?, 0)",
                               error);
  if (stmt == NULL)
    return FALSE;

  for (gsize i = 0; i < import->n_values; i++)
    {
      const ZichaStoreImportValue *value = &import->values[i];
      g_autofree char *text = NULL;

      if (value->value == NULL || JSON_NODE_HOLDS_NULL (value->value))
        continue;

      /* The same text zicha_store_set_value() stores. */
      text = json_to_string (value->value, FALSE);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, report_id);
      _zicha_store_bind_text (stmt, 2, value->field_path);
      _zicha_store_bind_text (stmt, 3, value->row_uuid != NULL ? value->row_uuid : "");
      _zicha_store_bind_text (stmt, 4, text);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zicha_store_fail (self, error);
    }

  return TRUE;
}

static gboolean
insert_attachments (ZichaStore              *self,
                    gint64                   report_id,
                    const ZichaStoreImport  *import,
                    GError                 **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  for (gsize i = 0; i < import->n_attachments; i++)
    {
      const ZichaAttachment *attachment = import->attachments[i].attachment;
      GBytes *contents = import->attachments[i].contents;
      g_autofree char *added = format_time_or_now (attachment->added);
      gboolean found = FALSE;

      /* Attachment UUIDs are unique across the whole store. */
      if (!exists (self, "SELECT 1 FROM attachments WHERE uuid = ?", attachment->uuid, &found, error))
        return FALSE;
      if (found)
        {
          g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                       _("An attachment with the ID “%s” is already in the database."), attachment->uuid);
          return FALSE;
        }

      if (stmt == NULL)
        {
          stmt = _zicha_store_prepare (self,
                                       "INSERT INTO attachments (uuid, report_id, field_path, row_uuid, file_name,"
                                       " media_type, size, sha256, added_at, data)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
          if (stmt == NULL)
            return FALSE;
        }

      sqlite3_reset (stmt);
      _zicha_store_bind_text (stmt, 1, attachment->uuid);
      sqlite3_bind_int64 (stmt, 2, report_id);
      _zicha_store_bind_text (stmt, 3, attachment->field_path);
      _zicha_store_bind_text (stmt, 4, attachment->row_uuid != NULL ? attachment->row_uuid : "");
      _zicha_store_bind_text (stmt, 5, attachment->file_name);
      _zicha_store_bind_text (stmt, 6, attachment->media_type != NULL ? attachment->media_type
                                                                       : "application/octet-stream");
      sqlite3_bind_int64 (stmt, 7, attachment->size);
      _zicha_store_bind_text (stmt, 8, attachment->sha256);
      _zicha_store_bind_text (stmt, 9, added);
      /* An empty GBytes has no data pointer, and a NULL blob is SQL NULL. */
      if (g_bytes_get_size (contents) == 0)
        sqlite3_bind_zeroblob (stmt, 10, 0);
      else
        sqlite3_bind_blob64 (stmt, 10, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                             SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zicha_store_fail (self, error);
    }

  return TRUE;
}

/* Last: from here on the triggers freeze a finalized report. */
static gboolean
set_state (ZichaStore              *self,
           gint64                   report_id,
           const ZichaStoreImport  *import,
           GError                 **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *finalized = NULL;

  if (import->state == ZICHA_REPORT_DRAFT)
    return TRUE;

  finalized = format_time_or_now (import->finalized);
  stmt = _zicha_store_prepare (self,
                               "UPDATE reports SET digest = ?, state = ?, finalized_at = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;

  _zicha_store_bind_text (stmt, 1, import->digest);
  _zicha_store_bind_text (stmt, 2, zicha_report_state_to_string (import->state));
  _zicha_store_bind_text (stmt, 3, finalized);
  sqlite3_bind_int64 (stmt, 4, report_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  return TRUE;
}

ZichaReport *
zicha_store_import_report (ZichaStore              *self,
                           const ZichaStoreImport  *import,
                           GError                 **error)
{
  gboolean found = FALSE;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (import != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything that needs no database first, outside the transaction. */
  if (!check_import (import, error))
    return NULL;

  if (!_zicha_store_begin (self, error))
    return NULL;

  if (!exists (self, "SELECT 1 FROM reports WHERE uuid = ?", import->uuid, &found, error))
    goto fail;
  if (found)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("A report with the ID “%s” is already in the database."), import->uuid);
      goto fail;
    }

  report_id = insert_report (self, import, error);
  if (report_id == 0 ||
      !insert_rows (self, report_id, import, error) ||
      !insert_values (self, report_id, import, error) ||
      !insert_attachments (self, report_id, import, error) ||
      !set_state (self, report_id, import, error))
    goto fail;

  if (!_zicha_store_commit (self, error))
    return NULL;

  return zicha_store_get_report (self, import->uuid, error);

fail:
  _zicha_store_rollback (self);
  return NULL;
}
