/* zicha-store-attachments.c — evidence files, kept inside the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-digest.h"
#include "zicha-store-private.h"

void
zicha_attachment_free (ZichaAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->uuid);
  g_free (attachment->field_path);
  g_free (attachment->row_uuid);
  g_free (attachment->file_name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_clear_pointer (&attachment->added, g_date_time_unref);
  g_free (attachment);
}

static void
set_too_large_error (GError     **error,
                     const char  *file_name,
                     guint64      size)
{
  g_autofree char *actual = g_format_size (size);
  g_autofree char *limit = g_format_size (ZICHA_STORE_MAX_ATTACHMENT_SIZE);

  g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_LARGE,
               _("“%s” is %s; evidence files can be at most %s."), file_name, actual, limit);
}

char *
zicha_store_attach_bytes (ZichaStore  *self,
                          const char  *report_uuid,
                          const char  *field_path,
                          const char  *row_uuid,
                          const char  *file_name,
                          const char  *media_type,
                          GBytes      *contents,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = _zicha_store_now ();
  g_autofree char *sha256 = NULL;
  gsize size = g_bytes_get_size (contents);
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (field_path != NULL && file_name != NULL && contents != NULL, NULL);

  if (size > ZICHA_STORE_MAX_ATTACHMENT_SIZE)
    {
      set_too_large_error (error, file_name, size);
      return NULL;
    }

  sha256 = zicha_sha256_hex_for_bytes (contents);

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0)
    return NULL;

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO attachments (uuid, report_id, field_path, row_uuid, file_name,"
                               " media_type, size, sha256, added_at, data)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return NULL;

  _zicha_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, report_id);
  _zicha_store_bind_text (stmt, 3, field_path);
  _zicha_store_bind_text (stmt, 4, row_uuid != NULL ? row_uuid : "");
  _zicha_store_bind_text (stmt, 5, file_name);
  _zicha_store_bind_text (stmt, 6, media_type != NULL ? media_type : "application/octet-stream");
  sqlite3_bind_int64 (stmt, 7, size);
  _zicha_store_bind_text (stmt, 8, sha256);
  _zicha_store_bind_text (stmt, 9, now);
  sqlite3_bind_blob64 (stmt, 10, g_bytes_get_data (contents, NULL), size, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&uuid);
}

char *
zicha_store_attach_file (ZichaStore  *self,
                         const char  *report_uuid,
                         const char  *field_path,
                         const char  *row_uuid,
                         GFile       *file,
                         GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *media_type = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

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

  /* Refuse before reading a huge file into memory. */
  if (g_file_info_get_size (info) > ZICHA_STORE_MAX_ATTACHMENT_SIZE)
    {
      set_too_large_error (error, g_file_info_get_display_name (info), g_file_info_get_size (info));
      return NULL;
    }

  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return NULL;

  if (g_file_info_get_content_type (info) != NULL)
    media_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));

  return zicha_store_attach_bytes (self, report_uuid, field_path, row_uuid,
                                   g_file_info_get_display_name (info), media_type,
                                   contents, error);
}

GPtrArray *
zicha_store_list_attachments (ZichaStore  *self,
                              const char  *report_uuid,
                              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_attachment_free);
  gint64 report_id;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  report_id = _zicha_store_report_id (self, report_uuid, FALSE, error);
  if (report_id == 0)
    return NULL;

  stmt = _zicha_store_prepare (self,
                               "SELECT uuid, field_path, row_uuid, file_name, media_type, size, sha256, added_at"
                               " FROM attachments WHERE report_id = ? ORDER BY field_path, row_uuid, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, report_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZichaAttachment *attachment = g_new0 (ZichaAttachment, 1);
      const char *row = (const char *) sqlite3_column_text (stmt, 2);

      attachment->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      attachment->field_path = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      attachment->row_uuid = *row != '\0' ? g_strdup (row) : NULL;
      attachment->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      attachment->media_type = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      attachment->size = sqlite3_column_int64 (stmt, 5);
      attachment->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      attachment->added = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 7), NULL);
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
zicha_store_read_attachment (ZichaStore  *self,
                             const char  *attachment_uuid,
                             GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self, "SELECT data FROM attachments WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, attachment_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    case SQLITE_DONE:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("There is no attachment “%s”."), attachment_uuid);
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

gboolean
zicha_store_remove_attachment (ZichaStore  *self,
                               const char  *attachment_uuid,
                               GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  stmt = _zicha_store_prepare (self, "DELETE FROM attachments WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, attachment_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("There is no attachment “%s”."), attachment_uuid);
      return FALSE;
    }

  return TRUE;
}
