/* zicha-store-edit.c — answers, table rows, the change log, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is one transaction that writes the new state, appends its
 * changes to the log as one group, pushes the group on the undo stack and
 * empties the redo stack. Undo applies a group's inverse as a new group
 * (origin "undo") and moves the group to the redo stack; redo re-applies
 * it (origin "redo") and moves it back. Both stacks live in the database,
 * so undo survives a restart.
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-store-private.h"

/* Row key for plain items: SQLite has no NULL in primary keys here. */
#define NO_ROW ""

static const char *
row_key (const char *row_uuid)
{
  return row_uuid != NULL ? row_uuid : NO_ROW;
}

static char *
node_to_text (JsonNode *value)
{
  return value != NULL ? json_to_string (value, FALSE) : NULL;
}

/* Low-level writes, no logging ---------------------------------------- */

static gboolean
read_value_text (ZichaStore  *self,
                 gint64       report_id,
                 const char  *field_path,
                 const char  *row_uuid,
                 char       **text,
                 gboolean    *needs_review,
                 GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  *text = NULL;
  if (needs_review != NULL)
    *needs_review = FALSE;

  stmt = _zicha_store_prepare (self,
                               "SELECT value, needs_review FROM answers"
                               " WHERE report_id = ? AND field_path = ? AND row_uuid = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, field_path);
  _zicha_store_bind_text (stmt, 3, row_key (row_uuid));

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (needs_review != NULL)
        *needs_review = sqlite3_column_int (stmt, 1) != 0;
      return TRUE;
    case SQLITE_DONE:
      return TRUE;
    default:
      return _zicha_store_fail (self, error);
    }
}

static gboolean
write_value_text (ZichaStore  *self,
                  gint64       report_id,
                  const char  *field_path,
                  const char  *row_uuid,
                  const char  *text,
                  GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  if (text == NULL)
    stmt = _zicha_store_prepare (self,
                                 "DELETE FROM answers"
                                 " WHERE report_id = ? AND field_path = ? AND row_uuid = ?",
                                 error);
  else
    stmt = _zicha_store_prepare (self,
                                 "INSERT INTO answers (report_id, field_path, row_uuid, value, needs_review)"
                                 " VALUES (?, ?, ?, ?, 0)"
                                 " ON CONFLICT (report_id, field_path, row_uuid)"
                                 " DO UPDATE SET value = excluded.value, needs_review = 0",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, field_path);
  _zicha_store_bind_text (stmt, 3, row_key (row_uuid));
  if (text != NULL)
    _zicha_store_bind_text (stmt, 4, text);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* The table a row belongs to and its position; FALSE with NOT_FOUND. */
static gboolean
lookup_row (ZichaStore  *self,
            gint64       report_id,
            const char  *row_uuid,
            char       **table_path,
            double      *position,
            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self,
                               "SELECT table_path, position FROM table_rows"
                               " WHERE report_id = ? AND row_uuid = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, row_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      if (table_path != NULL)
        *table_path = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (position != NULL)
        *position = sqlite3_column_double (stmt, 1);
      return TRUE;
    case SQLITE_DONE:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND,
                   _("The table row “%s” does not exist in this report."), row_uuid);
      return FALSE;
    default:
      return _zicha_store_fail (self, error);
    }
}

static gboolean
insert_row (ZichaStore  *self,
            gint64       report_id,
            const char  *table_path,
            const char  *row_uuid,
            double       position,
            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO table_rows (report_id, table_path, row_uuid, position)"
                               " VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, table_path);
  _zicha_store_bind_text (stmt, 3, row_uuid);
  sqlite3_bind_double (stmt, 4, position);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

static gboolean
delete_row (ZichaStore  *self,
            gint64       report_id,
            const char  *row_uuid,
            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self, "DELETE FROM table_rows WHERE report_id = ? AND row_uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, row_uuid);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* Position after the last row, or between @after and the row following it. */
static gboolean
next_position (ZichaStore  *self,
               gint64       report_id,
               const char  *table_path,
               gboolean     has_after,
               double       after,
               double      *position,
               GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  if (!has_after)
    {
      stmt = _zicha_store_prepare (self,
                                   "SELECT COALESCE (MAX (position), 0) FROM table_rows"
                                   " WHERE report_id = ? AND table_path = ?",
                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, report_id);
      _zicha_store_bind_text (stmt, 2, table_path);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return _zicha_store_fail (self, error);
      *position = sqlite3_column_double (stmt, 0) + 1.0;
      return TRUE;
    }

  stmt = _zicha_store_prepare (self,
                               "SELECT MIN (position) FROM table_rows"
                               " WHERE report_id = ? AND table_path = ? AND position > ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, table_path);
  sqlite3_bind_double (stmt, 3, after);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zicha_store_fail (self, error);

  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    *position = after + 1.0;
  else
    *position = (after + sqlite3_column_double (stmt, 0)) / 2.0;

  /* Halving runs out of precision after ~50 duplicates in one gap. */
  if (*position == after)
    {
      g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                           _("Too many rows were inserted at this place; add the row at the end instead."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
touch_report (ZichaStore  *self,
              gint64       report_id,
              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();

  stmt = _zicha_store_prepare (self, "UPDATE reports SET modified_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _zicha_store_bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, report_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* The change log -------------------------------------------------------- */

typedef struct
{
  gint64  report_id;
  gint64  group_id;
  const char *origin;
  gboolean joined;  /* an open undo step's group, already on the undo stack */
} ChangeGroup;

static gboolean
begin_group (ZichaStore   *self,
             gint64        report_id,
             const char   *origin,
             ChangeGroup  *group,
             GError      **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self, "SELECT COALESCE (MAX (group_id), 0) + 1 FROM changes", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zicha_store_fail (self, error);

  group->report_id = report_id;
  group->group_id = sqlite3_column_int64 (stmt, 0);
  group->origin = origin;
  group->joined = FALSE;
  return TRUE;
}

static gboolean
record_change (ZichaStore   *self,
               ChangeGroup  *group,
               const char   *kind,
               const char   *field_path,
               const char   *row_uuid,
               gboolean      has_position,
               double        position,
               const char   *old_value,
               const char   *new_value,
               GError      **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autofree char *now = _zicha_store_now ();

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO changes (report_id, group_id, origin, at, author, kind,"
                               " field_path, row_uuid, position, old_value, new_value)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, group->report_id);
  sqlite3_bind_int64 (stmt, 2, group->group_id);
  _zicha_store_bind_text (stmt, 3, group->origin);
  _zicha_store_bind_text (stmt, 4, now);
  _zicha_store_bind_text (stmt, 5, self->author);
  _zicha_store_bind_text (stmt, 6, kind);
  _zicha_store_bind_text (stmt, 7, field_path);
  _zicha_store_bind_text (stmt, 8, row_key (row_uuid));
  if (has_position)
    sqlite3_bind_double (stmt, 9, position);
  else
    sqlite3_bind_null (stmt, 9);
  _zicha_store_bind_text (stmt, 10, old_value);
  _zicha_store_bind_text (stmt, 11, new_value);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* Sets a value and logs it in @group. */
static gboolean
logged_set (ZichaStore   *self,
            ChangeGroup  *group,
            const char   *field_path,
            const char   *row_uuid,
            const char   *old_text,
            const char   *new_text,
            GError      **error)
{
  return write_value_text (self, group->report_id, field_path, row_uuid, new_text, error) &&
         record_change (self, group, "set", field_path, row_uuid, FALSE, 0, old_text, new_text, error);
}

/* Clears every value of a row, logging each, so removing or undoing the
 * row can restore them. */
static gboolean
logged_clear_row (ZichaStore   *self,
                  ChangeGroup  *group,
                  const char   *row_uuid,
                  GError      **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _zicha_store_prepare (self,
                               "SELECT field_path, value FROM answers"
                               " WHERE report_id = ? AND row_uuid = ? ORDER BY field_path",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group->report_id);
  _zicha_store_bind_text (stmt, 2, row_uuid);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (paths, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return _zicha_store_fail (self, error);

  for (guint i = 0; i < paths->len; i++)
    if (!logged_set (self, group, paths->pdata[i], row_uuid, values->pdata[i], NULL, error))
      return FALSE;

  return TRUE;
}

static gboolean
logged_add_row (ZichaStore   *self,
                ChangeGroup  *group,
                const char   *table_path,
                const char   *row_uuid,
                double        position,
                GError      **error)
{
  return insert_row (self, group->report_id, table_path, row_uuid, position, error) &&
         record_change (self, group, "add-row", table_path, row_uuid, TRUE, position, NULL, NULL, error);
}

static gboolean
logged_remove_row (ZichaStore   *self,
                   ChangeGroup  *group,
                   const char   *row_uuid,
                   GError      **error)
{
  g_autofree char *table_path = NULL;
  double position = 0;

  return lookup_row (self, group->report_id, row_uuid, &table_path, &position, error) &&
         logged_clear_row (self, group, row_uuid, error) &&
         delete_row (self, group->report_id, row_uuid, error) &&
         record_change (self, group, "remove-row", table_path, row_uuid, TRUE, position, NULL, NULL, error);
}

/* The undo and redo stacks ---------------------------------------------- */

static gboolean
push_history (ZichaStore  *self,
              gint64       report_id,
              const char  *stack,
              gint64       group_id,
              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self,
                               "INSERT INTO history (report_id, stack, seq, group_id)"
                               " SELECT ?1, ?2, COALESCE (MAX (seq), 0) + 1, ?3 FROM history"
                               " WHERE report_id = ?1 AND stack = ?2",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, stack);
  sqlite3_bind_int64 (stmt, 3, group_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* The group on top of @stack, or 0 when it is empty. */
static gint64
peek_history (ZichaStore  *self,
              gint64       report_id,
              const char  *stack,
              gint64      *seq,
              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self,
                               "SELECT seq, group_id FROM history WHERE report_id = ? AND stack = ?"
                               " ORDER BY seq DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, stack);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      if (seq != NULL)
        *seq = sqlite3_column_int64 (stmt, 0);
      return sqlite3_column_int64 (stmt, 1);
    case SQLITE_DONE:
      return 0;
    default:
      _zicha_store_fail (self, error);
      return -1;
    }
}

static gboolean
drop_history (ZichaStore  *self,
              gint64       report_id,
              const char  *stack,
              gint64       from_seq,
              GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;

  stmt = _zicha_store_prepare (self,
                               "DELETE FROM history WHERE report_id = ? AND stack = ? AND seq >= ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, stack);
  sqlite3_bind_int64 (stmt, 3, from_seq);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* The group of a user edit: the open undo step's, when it is still the
 * newest undo step (an edit that was rolled back left none), or a new
 * one, which then becomes the step's. */
static gboolean
begin_edit (ZichaStore   *self,
            gint64        report_id,
            ChangeGroup  *group,
            GError      **error)
{
  if (self->step_report_id == report_id && self->step_group_id != 0)
    {
      gint64 newest = peek_history (self, report_id, "undo", NULL, error);

      if (newest < 0)
        return FALSE;
      if (newest == self->step_group_id)
        {
          group->report_id = report_id;
          group->group_id = self->step_group_id;
          group->origin = "edit";
          group->joined = TRUE;
          return TRUE;
        }
    }

  if (!begin_group (self, report_id, "edit", group, error))
    return FALSE;
  if (self->step_report_id == report_id)
    self->step_group_id = group->group_id;
  return TRUE;
}

/* Closes a user edit: it can be undone, and nothing can be redone. */
static gboolean
finish_edit (ZichaStore   *self,
             ChangeGroup  *group,
             GError      **error)
{
  if (group->joined)
    return touch_report (self, group->report_id, error);
  return push_history (self, group->report_id, "undo", group->group_id, error) &&
         drop_history (self, group->report_id, "redo", 0, error) &&
         touch_report (self, group->report_id, error);
}

/* Public API: values ------------------------------------------------------- */

/* The newest undo step, if the user is still typing into the same field:
 * it changed only this field, a moment ago, and nothing was undone since. */
static gboolean
find_coalescing_group (ZichaStore   *self,
                       gint64        report_id,
                       const char   *field_path,
                       const char   *row_uuid,
                       ChangeGroup  *group,
                       GError      **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = NULL;
  gint64 group_id;

  group_id = peek_history (self, report_id, "undo", NULL, error);
  if (group_id <= 0 || peek_history (self, report_id, "redo", NULL, error) != 0)
    return FALSE;

  stmt = _zicha_store_prepare (self,
                               "SELECT COUNT (*), MIN (kind), MIN (field_path), MAX (field_path),"
                               " MIN (row_uuid), MAX (row_uuid), MAX (at), MIN (origin)"
                               " FROM changes WHERE group_id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _zicha_store_fail (self, error);

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "set") != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), field_path) != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), field_path) != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), row_key (row_uuid)) != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), row_key (row_uuid)) != 0 ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), "edit") != 0)
    return FALSE;

  at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 6), NULL);
  if (at == NULL || g_date_time_difference (now, at) > ZICHA_STORE_COALESCE_SECONDS * G_TIME_SPAN_SECOND)
    return FALSE;

  group->report_id = report_id;
  group->group_id = group_id;
  group->origin = "edit";
  return TRUE;
}

gboolean
zicha_store_set_value_full (ZichaStore          *self,
                            const char          *report_uuid,
                            const char          *field_path,
                            const char          *row_uuid,
                            JsonNode            *value,
                            ZichaStoreSetFlags   flags,
                            GError             **error)
{
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = node_to_text (value);
  ChangeGroup group;
  gboolean needs_review;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (report_uuid != NULL && field_path != NULL, FALSE);

  if (!_zicha_store_begin (self, error))
    return FALSE;

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0)
    goto fail;

  if (row_uuid != NULL && !lookup_row (self, report_id, row_uuid, NULL, NULL, error))
    goto fail;

  if (!read_value_text (self, report_id, field_path, row_uuid, &old_text, &needs_review, error))
    goto fail;

  if (g_strcmp0 (old_text, new_text) == 0)
    {
      /* Nothing changed; saving the same value confirms a flagged one. */
      if (needs_review && !zicha_store_mark_reviewed (self, report_uuid, field_path, row_uuid, error))
        goto fail;
      return _zicha_store_commit (self, error);
    }

  if ((flags & ZICHA_STORE_SET_COALESCE) != 0 && self->step_report_id != report_id)
    {
      g_autoptr(GError) local_error = NULL;

      if (find_coalescing_group (self, report_id, field_path, row_uuid, &group, &local_error))
        {
          if (!logged_set (self, &group, field_path, row_uuid, old_text, new_text, error) ||
              !touch_report (self, report_id, error))
            goto fail;
          return _zicha_store_commit (self, error);
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto fail;
        }
    }

  if (!begin_edit (self, report_id, &group, error) ||
      !logged_set (self, &group, field_path, row_uuid, old_text, new_text, error) ||
      !finish_edit (self, &group, error))
    goto fail;

  return _zicha_store_commit (self, error);

fail:
  _zicha_store_rollback (self);
  return FALSE;
}

gboolean
zicha_store_set_value (ZichaStore  *self,
                       const char  *report_uuid,
                       const char  *field_path,
                       const char  *row_uuid,
                       JsonNode    *value,
                       GError     **error)
{
  return zicha_store_set_value_full (self, report_uuid, field_path, row_uuid, value,
                                     ZICHA_STORE_SET_NONE, error);
}

JsonNode *
zicha_store_get_value (ZichaStore  *self,
                       const char  *report_uuid,
                       const char  *field_path,
                       const char  *row_uuid,
                       GError     **error)
{
  g_autofree char *text = NULL;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  report_id = _zicha_store_report_id (self, report_uuid, FALSE, error);
  if (report_id == 0)
    return NULL;

  if (!read_value_text (self, report_id, field_path, row_uuid, &text, NULL, error) || text == NULL)
    return NULL;

  return json_from_string (text, error);
}

gboolean
zicha_store_foreach_answer (ZichaStore            *self,
                            const char            *report_uuid,
                            ZichaStoreAnswerFunc   func,
                            gpointer               user_data,
                            GError               **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  gint64 report_id;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  report_id = _zicha_store_report_id (self, report_uuid, FALSE, error);
  if (report_id == 0)
    return FALSE;

  stmt = _zicha_store_prepare (self,
                               "SELECT field_path, row_uuid, value, needs_review FROM answers"
                               " WHERE report_id = ? ORDER BY field_path, row_uuid",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(JsonNode) value = json_from_string ((const char *) sqlite3_column_text (stmt, 2), error);

      if (value == NULL)
        return FALSE;

      func ((const char *) sqlite3_column_text (stmt, 0),
            *row != '\0' ? row : NULL,
            value,
            sqlite3_column_int (stmt, 3) != 0,
            user_data);
    }

  if (rc != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

gboolean
zicha_store_mark_reviewed (ZichaStore  *self,
                           const char  *report_uuid,
                           const char  *field_path,
                           const char  *row_uuid,
                           GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0)
    return FALSE;

  stmt = _zicha_store_prepare (self,
                               "UPDATE answers SET needs_review = 0"
                               " WHERE report_id = ? AND field_path = ? AND row_uuid = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, field_path);
  _zicha_store_bind_text (stmt, 3, row_key (row_uuid));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zicha_store_fail (self, error);
  return TRUE;
}

/* Public API: rows ----------------------------------------------------------- */

char *
zicha_store_add_row (ZichaStore  *self,
                     const char  *report_uuid,
                     const char  *table_path,
                     GError     **error)
{
  g_autofree char *row_uuid = g_uuid_string_random ();
  ChangeGroup group;
  gint64 report_id;
  double position = 0;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (table_path != NULL, NULL);

  if (!_zicha_store_begin (self, error))
    return NULL;

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0 ||
      !next_position (self, report_id, table_path, FALSE, 0, &position, error) ||
      !begin_edit (self, report_id, &group, error) ||
      !logged_add_row (self, &group, table_path, row_uuid, position, error) ||
      !finish_edit (self, &group, error) ||
      !_zicha_store_commit (self, error))
    {
      _zicha_store_rollback (self);
      return NULL;
    }

  return g_steal_pointer (&row_uuid);
}

char *
zicha_store_duplicate_row (ZichaStore  *self,
                           const char  *report_uuid,
                           const char  *row_uuid,
                           GError     **error)
{
  g_autofree char *copy_uuid = g_uuid_string_random ();
  g_autofree char *table_path = NULL;
  g_autoptr(ZichaStmt) stmt = NULL;
  ChangeGroup group;
  gint64 report_id;
  double position = 0, copy_position = 0;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);
  g_return_val_if_fail (row_uuid != NULL, NULL);

  if (!_zicha_store_begin (self, error))
    return NULL;

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0 ||
      !lookup_row (self, report_id, row_uuid, &table_path, &position, error) ||
      !next_position (self, report_id, table_path, TRUE, position, &copy_position, error) ||
      !begin_edit (self, report_id, &group, error) ||
      !logged_add_row (self, &group, table_path, copy_uuid, copy_position, error))
    goto fail;

  stmt = _zicha_store_prepare (self,
                               "SELECT field_path, value FROM answers"
                               " WHERE report_id = ? AND row_uuid = ? ORDER BY field_path",
                               error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, row_uuid);

  /* Reading and writing the same table: collect first. */
  {
    g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_ptr_array_add (paths, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
    if (rc != SQLITE_DONE)
      {
        _zicha_store_fail (self, error);
        goto fail;
      }
    g_clear_pointer (&stmt, _zicha_stmt_release);

    for (guint i = 0; i < paths->len; i++)
      if (!logged_set (self, &group, paths->pdata[i], copy_uuid, NULL, values->pdata[i], error))
        goto fail;
  }

  if (!finish_edit (self, &group, error) || !_zicha_store_commit (self, error))
    goto fail;

  return g_steal_pointer (&copy_uuid);

fail:
  _zicha_store_rollback (self);
  return NULL;
}

gboolean
zicha_store_remove_row (ZichaStore  *self,
                        const char  *report_uuid,
                        const char  *row_uuid,
                        GError     **error)
{
  ChangeGroup group;
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (row_uuid != NULL, FALSE);

  if (!_zicha_store_begin (self, error))
    return FALSE;

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0 ||
      !begin_edit (self, report_id, &group, error) ||
      !logged_remove_row (self, &group, row_uuid, error) ||
      !finish_edit (self, &group, error) ||
      !_zicha_store_commit (self, error))
    {
      _zicha_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

GStrv
zicha_store_list_rows (ZichaStore  *self,
                       const char  *report_uuid,
                       const char  *table_path,
                       GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) rows = g_strv_builder_new ();
  gint64 report_id;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  report_id = _zicha_store_report_id (self, report_uuid, FALSE, error);
  if (report_id == 0)
    return NULL;

  stmt = _zicha_store_prepare (self,
                               "SELECT row_uuid FROM table_rows WHERE report_id = ? AND table_path = ?"
                               " ORDER BY position",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, report_id);
  _zicha_store_bind_text (stmt, 2, table_path);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (rows, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_strv_builder_end (rows);
}

/* Public API: undo and redo ----------------------------------------------- */

typedef struct
{
  char   *kind;
  char   *field_path;
  char   *row_uuid;
  double  position;
  char   *old_value;
  char   *new_value;
} LoggedChange;

static void
logged_change_clear (gpointer data)
{
  LoggedChange *change = data;

  g_free (change->kind);
  g_free (change->field_path);
  g_free (change->row_uuid);
  g_free (change->old_value);
  g_free (change->new_value);
}

static GArray *
load_group (ZichaStore  *self,
            gint64       group_id,
            GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (LoggedChange));
  int rc;

  g_array_set_clear_func (changes, logged_change_clear);

  stmt = _zicha_store_prepare (self,
                               "SELECT kind, field_path, row_uuid, position, old_value, new_value"
                               " FROM changes WHERE group_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 2);
      LoggedChange change = {
        .kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        .field_path = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .row_uuid = *row != '\0' ? g_strdup (row) : NULL,
        .position = sqlite3_column_double (stmt, 3),
        .old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        .new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 5)),
      };

      g_array_append_val (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

static gboolean
apply_change (ZichaStore    *self,
              ChangeGroup   *group,
              LoggedChange  *change,
              gboolean       backwards,
              GError       **error)
{
  if (g_str_equal (change->kind, "set"))
    return logged_set (self, group, change->field_path, change->row_uuid,
                       backwards ? change->new_value : change->old_value,
                       backwards ? change->old_value : change->new_value,
                       error);

  if (g_str_equal (change->kind, "add-row") != backwards)
    return logged_add_row (self, group, change->field_path, change->row_uuid, change->position, error);
  else
    return logged_remove_row (self, group, change->row_uuid, error);
}

static gboolean
step_history (ZichaStore  *self,
              const char  *report_uuid,
              gboolean     undo,
              char       **field_path,
              GError     **error)
{
  const char *from = undo ? "undo" : "redo";
  const char *to = undo ? "redo" : "undo";
  g_autoptr(GArray) changes = NULL;
  ChangeGroup group;
  gint64 report_id, group_id, seq = 0;

  if (!_zicha_store_begin (self, error))
    return FALSE;

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0)
    goto fail;

  group_id = peek_history (self, report_id, from, &seq, error);
  if (group_id < 0)
    goto fail;
  if (group_id == 0)
    {
      if (undo)
        g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOTHING_TO_UNDO,
                             _("There is nothing to undo."));
      else
        g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOTHING_TO_REDO,
                             _("There is nothing to redo."));
      goto fail;
    }

  changes = load_group (self, group_id, error);
  if (changes == NULL || !begin_group (self, report_id, from, &group, error))
    goto fail;

  /* Undo walks the group backwards so rows come back before their values. */
  for (guint i = 0; i < changes->len; i++)
    {
      LoggedChange *change = &g_array_index (changes, LoggedChange, undo ? changes->len - 1 - i : i);

      if (!apply_change (self, &group, change, undo, error))
        goto fail;
    }

  if (!drop_history (self, report_id, from, seq, error) ||
      !push_history (self, report_id, to, group_id, error) ||
      !touch_report (self, report_id, error) ||
      !_zicha_store_commit (self, error))
    goto fail;

  if (field_path != NULL && changes->len > 0)
    *field_path = g_strdup (g_array_index (changes, LoggedChange, 0).field_path);

  return TRUE;

fail:
  _zicha_store_rollback (self);
  return FALSE;
}

gboolean
zicha_store_undo (ZichaStore  *self,
                  const char  *report_uuid,
                  char       **field_path,
                  GError     **error)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  return step_history (self, report_uuid, TRUE, field_path, error);
}

gboolean
zicha_store_redo (ZichaStore  *self,
                  const char  *report_uuid,
                  char       **field_path,
                  GError     **error)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  return step_history (self, report_uuid, FALSE, field_path, error);
}

static gboolean
stack_has_entries (ZichaStore *self,
                   const char *report_uuid,
                   const char *stack)
{
  gint64 report_id = _zicha_store_report_id (self, report_uuid, TRUE, NULL);

  return report_id != 0 && peek_history (self, report_id, stack, NULL, NULL) > 0;
}

gboolean
zicha_store_begin_undo_step (ZichaStore  *self,
                             const char  *report_uuid,
                             GError     **error)
{
  gint64 report_id;

  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->step_report_id == 0, FALSE);

  report_id = _zicha_store_report_id (self, report_uuid, TRUE, error);
  if (report_id == 0)
    return FALSE;
  self->step_report_id = report_id;
  self->step_group_id = 0;
  return TRUE;
}

void
zicha_store_end_undo_step (ZichaStore *self)
{
  g_return_if_fail (ZICHA_IS_STORE (self));

  self->step_report_id = 0;
  self->step_group_id = 0;
}

gboolean
zicha_store_can_undo (ZichaStore *self,
                      const char *report_uuid)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  return stack_has_entries (self, report_uuid, "undo");
}

gboolean
zicha_store_can_redo (ZichaStore *self,
                      const char *report_uuid)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), FALSE);

  return stack_has_entries (self, report_uuid, "redo");
}

/* Public API: the change log ------------------------------------------------ */

void
zicha_change_free (ZichaChange *change)
{
  if (change == NULL)
    return;

  g_clear_pointer (&change->time, g_date_time_unref);
  g_free (change->author);
  g_free (change->kind);
  g_free (change->origin);
  g_free (change->field_path);
  g_free (change->row_uuid);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

GPtrArray *
zicha_store_list_changes (ZichaStore  *self,
                          const char  *report_uuid,
                          GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_change_free);
  gint64 report_id;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  report_id = _zicha_store_report_id (self, report_uuid, FALSE, error);
  if (report_id == 0)
    return NULL;

  stmt = _zicha_store_prepare (self,
                               "SELECT id, group_id, at, author, kind, origin, field_path, row_uuid,"
                               " old_value, new_value FROM changes WHERE report_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, report_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZichaChange *change = g_new0 (ZichaChange, 1);
      const char *row = (const char *) sqlite3_column_text (stmt, 7);

      change->id = sqlite3_column_int64 (stmt, 0);
      change->group_id = sqlite3_column_int64 (stmt, 1);
      change->time = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 2), NULL);
      change->author = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      change->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      change->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      change->field_path = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      change->row_uuid = *row != '\0' ? g_strdup (row) : NULL;
      change->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      change->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/* Copying a report's contents ------------------------------------------------ */

gboolean
_zicha_store_copy_contents (ZichaStore          *self,
                            gint64               from_id,
                            gint64               to_id,
                            const char * const  *review_paths,
                            GError             **error)
{
  g_autoptr(ZichaStmt) rows = NULL;
  g_autoptr(ZichaStmt) answers = NULL;
  g_autoptr(ZichaStmt) attachments = NULL;
  g_autoptr(ZichaStmt) flag = NULL;

  /* Row UUIDs stay the same: a system keeps its identity across years. */
  rows = _zicha_store_prepare (self,
                               "INSERT INTO table_rows (report_id, table_path, row_uuid, position)"
                               " SELECT ?2, table_path, row_uuid, position FROM table_rows WHERE report_id = ?1",
                               error);
  answers = _zicha_store_prepare (self,
                                  "INSERT INTO answers (report_id, field_path, row_uuid, value, needs_review)"
                                  " SELECT ?2, field_path, row_uuid, value, 0 FROM answers WHERE report_id = ?1",
                                  error);
  attachments = _zicha_store_prepare (self, "SELECT id FROM attachments WHERE report_id = ? ORDER BY id", error);
  if (rows == NULL || answers == NULL || attachments == NULL)
    return FALSE;

  for (sqlite3_stmt **stmt = (sqlite3_stmt *[]) { rows, answers, NULL }; *stmt != NULL; stmt++)
    {
      sqlite3_bind_int64 (*stmt, 1, from_id);
      sqlite3_bind_int64 (*stmt, 2, to_id);
      if (sqlite3_step (*stmt) != SQLITE_DONE)
        return _zicha_store_fail (self, error);
    }

  /* Attachments get new UUIDs: each report owns its copy. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(ZichaStmt) copy = NULL;
    int rc;

    sqlite3_bind_int64 (attachments, 1, from_id);
    while ((rc = sqlite3_step (attachments)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (attachments, 0);

        g_array_append_val (ids, id);
      }
    if (rc != SQLITE_DONE)
      return _zicha_store_fail (self, error);

    copy = _zicha_store_prepare (self,
                                 "INSERT INTO attachments (uuid, report_id, field_path, row_uuid, file_name,"
                                 " media_type, size, sha256, added_at, data)"
                                 " SELECT ?, ?, field_path, row_uuid, file_name, media_type, size, sha256,"
                                 " added_at, data FROM attachments WHERE id = ?",
                                 error);
    if (copy == NULL)
      return FALSE;

    for (guint i = 0; i < ids->len; i++)
      {
        g_autofree char *uuid = g_uuid_string_random ();

        sqlite3_reset (copy);
        _zicha_store_bind_text (copy, 1, uuid);
        sqlite3_bind_int64 (copy, 2, to_id);
        sqlite3_bind_int64 (copy, 3, g_array_index (ids, gint64, i));
        if (sqlite3_step (copy) != SQLITE_DONE)
          return _zicha_store_fail (self, error);
      }
  }

  if (review_paths == NULL)
    return TRUE;

  flag = _zicha_store_prepare (self,
                               "UPDATE answers SET needs_review = 1 WHERE report_id = ? AND field_path = ?",
                               error);
  if (flag == NULL)
    return FALSE;

  for (guint i = 0; review_paths[i] != NULL; i++)
    {
      sqlite3_reset (flag);
      sqlite3_bind_int64 (flag, 1, to_id);
      _zicha_store_bind_text (flag, 2, review_paths[i]);
      if (sqlite3_step (flag) != SQLITE_DONE)
        return _zicha_store_fail (self, error);
    }

  return TRUE;
}
