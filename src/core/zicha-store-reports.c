/* zicha-store-reports.c — the report life cycle in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-report-private.h"
#include "zicha-store-private.h"

#define REPORT_COLUMNS \
  "uuid, form_id, form_version, unit_name, unit_code, year, state, revision, " \
  "based_on_uuid, created_at, modified_at, finalized_at, digest"

static ZichaReport *
report_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created = _zicha_store_column_time (stmt, 9);
  g_autoptr(GDateTime) modified = _zicha_store_column_time (stmt, 10);
  g_autoptr(GDateTime) finalized = _zicha_store_column_time (stmt, 11);
  ZichaReportFields fields = {
    .uuid = (const char *) sqlite3_column_text (stmt, 0),
    .form_id = (const char *) sqlite3_column_text (stmt, 1),
    .form_version = (const char *) sqlite3_column_text (stmt, 2),
    .unit_name = (const char *) sqlite3_column_text (stmt, 3),
    .unit_code = (const char *) sqlite3_column_text (stmt, 4),
    .year = sqlite3_column_int (stmt, 5),
    .revision = sqlite3_column_int (stmt, 7),
    .based_on_uuid = (const char *) sqlite3_column_text (stmt, 8),
    .created = created,
    .modified = modified,
    .finalized = finalized,
    .digest = (const char *) sqlite3_column_text (stmt, 12),
  };

  if (!zicha_report_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &fields.state))
    fields.state = ZICHA_REPORT_FINALIZED;  /* the CHECK constraint makes this unreachable */

  return _zicha_report_new (&fields);
}

ZichaReport *
zicha_store_get_report (ZichaStore  *self,
                        const char  *report_uuid,
                        GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (report_uuid != NULL, NULL);

  stmt = _zicha_store_prepare (self, "SELECT " REPORT_COLUMNS " FROM reports WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  _zicha_store_bind_text (stmt, 1, report_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return report_from_row (stmt);
    case SQLITE_DONE:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("There is no report “%s”."), report_uuid);
      return NULL;
    default:
      _zicha_store_fail (self, error);
      return NULL;
    }
}

GPtrArray *
zicha_store_list_reports (ZichaStore  *self,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  stmt = _zicha_store_prepare (self,
                               "SELECT " REPORT_COLUMNS " FROM reports"
                               " ORDER BY year DESC, modified_at DESC, id DESC",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reports, report_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&reports);
}

static gint64
insert_report (ZichaStore  *self,
               const char  *uuid,
               const char  *form_id,
               const char  *form_version,
               const char  *unit_name,
               const char  *unit_code,
               int          year,
               int          revision,
               const char  *based_on_uuid,
               GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO reports (uuid, form_id, form_version, unit_name, unit_code,"
                               " year, revision, based_on_uuid, created_at, modified_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;

  _zicha_store_bind_text (stmt, 1, uuid);
  _zicha_store_bind_text (stmt, 2, form_id);
  _zicha_store_bind_text (stmt, 3, form_version);
  _zicha_store_bind_text (stmt, 4, unit_name != NULL ? unit_name : "");
  _zicha_store_bind_text (stmt, 5, unit_code != NULL ? unit_code : "");
  sqlite3_bind_int (stmt, 6, year);
  sqlite3_bind_int (stmt, 7, revision);
  _zicha_store_bind_text (stmt, 8, based_on_uuid);
  _zicha_store_bind_text (stmt, 9, now);
  _zicha_store_bind_text (stmt, 10, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
check_year (int      year,
            GError **error)
{
  if (year < 2000 || year > 2100)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("%d is not a campaign year (2000–2100)."), year);
      return FALSE;
    }
  return TRUE;
}

ZichaReport *
zicha_store_create_report (ZichaStore  *self,
                           const char  *form_id,
                           const char  *form_version,
                           const char  *unit_name,
                           const char  *unit_code,
                           int          year,
                           GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (form_id != NULL && form_version != NULL, NULL);

  if (!check_year (year, error))
    return NULL;

  if (!_zicha_store_begin (self, error))
    return NULL;

  if (insert_report (self, uuid, form_id, form_version, unit_name, unit_code,
                     year, 1, NULL, error) == 0)
    {
      _zicha_store_rollback (self);
      return NULL;
    }

  if (!_zicha_store_commit (self, error))
    return NULL;

  return zicha_store_get_report (self, uuid, error);
}

gboolean
zicha_store_set_unit (ZichaStore  *self,
                      const char  *report_uuid,
                      const char  *unit_name,
                      const char  *unit_code,
                      GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  if (_zicha_store_report_id (self, report_uuid, TRUE, error) == 0)
    return FALSE;

  stmt = _zicha_store_prepare (self,
                               "UPDATE reports SET unit_name = ?, unit_code = ?, modified_at = ?"
                               " WHERE uuid = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, unit_name != NULL ? unit_name : "");
  _zicha_store_bind_text (stmt, 2, unit_code != NULL ? unit_code : "");
  _zicha_store_bind_text (stmt, 3, now);
  _zicha_store_bind_text (stmt, 4, report_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  return TRUE;
}

gboolean
zicha_store_delete_report (ZichaStore  *self,
                           const char  *report_uuid,
                           GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  if (_zicha_store_report_id (self, report_uuid, FALSE, error) == 0)
    return FALSE;

  stmt = _zicha_store_prepare (self, "DELETE FROM reports WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, report_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autoptr(GError) local_error = NULL;

      _zicha_store_fail (self, &local_error);
      if (g_error_matches (local_error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY))
        g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY,
                             _("A finalized report cannot be deleted: it is the record of what was submitted."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static ZichaReport *
copy_report (ZichaStore          *self,
             const char          *source_uuid,
             gboolean             as_revision,
             int                  year,
             const char * const  *review_paths,
             GError             **error)
{
  g_autoptr(ZichaReport) source = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 from_id, to_id;

  source = zicha_store_get_report (self, source_uuid, error);
  if (source == NULL)
    return NULL;

  if (as_revision && zicha_report_is_editable (source))
    {
      g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                           _("Only a finalized report gets a new revision; a draft can still be edited directly."));
      return NULL;
    }

  if (!as_revision && !check_year (year, error))
    return NULL;

  if (!_zicha_store_begin (self, error))
    return NULL;

  from_id = _zicha_store_report_id (self, source_uuid, FALSE, error);
  if (from_id == 0)
    goto fail;

  to_id = insert_report (self, uuid,
                         zicha_report_get_form_id (source),
                         zicha_report_get_form_version (source),
                         zicha_report_get_unit_name (source),
                         zicha_report_get_unit_code (source),
                         as_revision ? zicha_report_get_year (source) : year,
                         as_revision ? zicha_report_get_revision (source) + 1 : 1,
                         source_uuid,
                         error);
  if (to_id == 0)
    goto fail;

  if (!_zicha_store_copy_contents (self, from_id, to_id, review_paths, error))
    goto fail;

  if (!_zicha_store_commit (self, error))
    return NULL;

  return zicha_store_get_report (self, uuid, error);

fail:
  _zicha_store_rollback (self);
  return NULL;
}

ZichaReport *
zicha_store_copy_report (ZichaStore          *self,
                         const char          *source_uuid,
                         int                  year,
                         const char * const  *review_paths,
                         GError             **error)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (source_uuid != NULL, NULL);

  return copy_report (self, source_uuid, FALSE, year, review_paths, error);
}

ZichaReport *
zicha_store_new_revision (ZichaStore  *self,
                          const char  *finalized_uuid,
                          GError     **error)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (finalized_uuid != NULL, NULL);

  return copy_report (self, finalized_uuid, TRUE, 0, NULL, error);
}

gboolean
zicha_store_finalize_report (ZichaStore  *self,
                             const char  *report_uuid,
                             const char  *digest,
                             GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (digest != NULL && *digest != '\0', FALSE);

  if (_zicha_store_report_id (self, report_uuid, TRUE, error) == 0)
    return FALSE;

  /* One statement: the digest is written while still a draft, then the
   * triggers freeze it together with everything else. */
  stmt = _zicha_store_prepare (self,
                               "UPDATE reports SET digest = ?, state = 'finalized',"
                               " finalized_at = ?, modified_at = ? WHERE uuid = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, digest);
  _zicha_store_bind_text (stmt, 2, now);
  _zicha_store_bind_text (stmt, 3, now);
  _zicha_store_bind_text (stmt, 4, report_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  /* The moment worth a backup: what was signed off. */
  {
    g_autoptr(GError) backup_error = NULL;
    g_autofree char *backup = zicha_store_backup (self, &backup_error);

    if (backup == NULL)
      g_message ("Could not back up after finalizing: %s", backup_error->message);
  }

  return TRUE;
}

gboolean
zicha_store_advance_state (ZichaStore       *self,
                           const char       *report_uuid,
                           ZichaReportState  state,
                           GError          **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *now = _zicha_store_now ();

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  report = zicha_store_get_report (self, report_uuid, error);
  if (report == NULL)
    return FALSE;

  /* Finalizing has its own call; after it the state only moves on. */
  if (zicha_report_get_state (report) == ZICHA_REPORT_DRAFT ||
      state <= zicha_report_get_state (report))
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("A report cannot go from “%s” to “%s”."),
                   zicha_report_state_get_label (zicha_report_get_state (report)),
                   zicha_report_state_get_label (state));
      return FALSE;
    }

  stmt = _zicha_store_prepare (self, "UPDATE reports SET state = ?, modified_at = ? WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, zicha_report_state_to_string (state));
  _zicha_store_bind_text (stmt, 2, now);
  _zicha_store_bind_text (stmt, 3, report_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  return TRUE;
}
