/* zicha-store.c — opening, schema, migrations and the report life cycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zicha-report-private.h"
#include "zicha-store-private.h"

G_DEFINE_QUARK (zicha-store-error-quark, zicha_store_error)

G_DEFINE_FINAL_TYPE (ZichaStore, zicha_store, G_TYPE_OBJECT)

/* Schema version 1. Later versions append a migration below; never edit a
 * released one. The triggers make finalized reports read-only inside the
 * database itself. */
static const char schema_v1[] =
  "CREATE TABLE reports ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  form_id TEXT NOT NULL,"
  "  form_version TEXT NOT NULL,"
  "  unit_name TEXT NOT NULL DEFAULT '',"
  "  unit_code TEXT NOT NULL DEFAULT '',"
  "  year INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft', 'finalized', 'submitted', 'acknowledged')),"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  based_on_uuid TEXT,"
  "  created_at TEXT NOT NULL,"
  "  modified_at TEXT NOT NULL,"
  "  finalized_at TEXT,"
  "  digest TEXT"
  ");"
  "CREATE TABLE table_rows ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  table_path TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL,"
  "  position REAL NOT NULL,"
  "  PRIMARY KEY (report_id, row_uuid)"
  ");"
  "CREATE INDEX table_rows_by_table ON table_rows (report_id, table_path, position);"
  "CREATE TABLE answers ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  field_path TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL DEFAULT '',"
  "  value TEXT NOT NULL,"
  "  needs_review INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (report_id, field_path, row_uuid)"
  ") WITHOUT ROWID;"
  "CREATE TABLE changes ("
  "  id INTEGER PRIMARY KEY,"
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  group_id INTEGER NOT NULL,"
  "  origin TEXT NOT NULL CHECK (origin IN ('edit', 'undo', 'redo', 'copy')),"
  "  at TEXT NOT NULL,"
  "  author TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('set', 'add-row', 'remove-row')),"
  "  field_path TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL DEFAULT '',"
  "  position REAL,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX changes_by_group ON changes (group_id);"
  /* The undo and redo stacks: groups of changes, newest on top. */
  "CREATE TABLE history ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),"
  "  seq INTEGER NOT NULL,"
  "  group_id INTEGER NOT NULL,"
  "  PRIMARY KEY (report_id, stack, seq)"
  ");"
  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  field_path TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL DEFAULT '',"
  "  file_name TEXT NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE outbox ("
  "  report_id INTEGER PRIMARY KEY REFERENCES reports (id),"
  "  queued_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at TEXT,"
  "  last_error TEXT,"
  "  permanent_failure INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE receipts ("
  "  report_id INTEGER PRIMARY KEY REFERENCES reports (id),"
  "  receipt_number TEXT NOT NULL,"
  "  received_at TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  body TEXT NOT NULL"
  ");"
  /* The change log is append-only. */
  "CREATE TRIGGER changes_append_only BEFORE UPDATE ON changes"
  " BEGIN SELECT RAISE (ABORT, 'zicha: the change log is append-only'); END;"
  /* Finalized reports are frozen. */
  "CREATE TRIGGER answers_frozen_insert BEFORE INSERT ON answers"
  " WHEN (SELECT state FROM reports WHERE id = NEW.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER answers_frozen_update BEFORE UPDATE ON answers"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER answers_frozen_delete BEFORE DELETE ON answers"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER rows_frozen_insert BEFORE INSERT ON table_rows"
  " WHEN (SELECT state FROM reports WHERE id = NEW.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER rows_frozen_update BEFORE UPDATE ON table_rows"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER rows_frozen_delete BEFORE DELETE ON table_rows"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER attachments_frozen_insert BEFORE INSERT ON attachments"
  " WHEN (SELECT state FROM reports WHERE id = NEW.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER attachments_frozen_update BEFORE UPDATE ON attachments"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER attachments_frozen_delete BEFORE DELETE ON attachments"
  " WHEN (SELECT state FROM reports WHERE id = OLD.report_id) <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER reports_frozen_update"
  " BEFORE UPDATE OF uuid, form_id, form_version, unit_name, unit_code, year,"
  "                  revision, based_on_uuid, created_at, digest ON reports"
  " WHEN OLD.state <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER reports_frozen_delete BEFORE DELETE ON reports"
  " WHEN OLD.state <> 'draft'"
  " BEGIN SELECT RAISE (ABORT, 'zicha: report is read-only'); END;"
  "CREATE TRIGGER reports_state_forward BEFORE UPDATE OF state ON reports"
  " WHEN (CASE NEW.state WHEN 'draft' THEN 0 WHEN 'finalized' THEN 1"
  "       WHEN 'submitted' THEN 2 ELSE 3 END)"
  "   <= (CASE OLD.state WHEN 'draft' THEN 0 WHEN 'finalized' THEN 1"
  "       WHEN 'submitted' THEN 2 ELSE 3 END)"
  " BEGIN SELECT RAISE (ABORT, 'zicha: a report state only moves forward'); END;";

/* Schema version 2: the outbox remembers the last attempt's time, HTTP
 * status, the platform's error code and its Chinese message. */
static const char migration_v2[] =
  "ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;"
  "ALTER TABLE outbox ADD COLUMN last_status INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN last_error_code TEXT;"
  "ALTER TABLE outbox ADD COLUMN last_error_zh TEXT;";

/* Schema version 3: threat notices as fetched from the platform, the
 * rectification feedback made for them with its evidence, its own outbox
 * columns and receipt, and small values the sync keeps (the platform's
 * clock offset, the notices cursor, the unit code). Feedback is frozen
 * once made: only its delivery columns change. */
static const char migration_v3[] =
  "CREATE TABLE notices ("
  "  id TEXT PRIMARY KEY,"
  "  detected_at TEXT NOT NULL,"
  "  deadline TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  severity TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  fetched_at TEXT NOT NULL,"
  "  reminded_at TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE feedback ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  notice_id TEXT NOT NULL REFERENCES notices (id),"
  "  unit_code TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  rectified INTEGER NOT NULL,"
  "  completed_at TEXT,"
  "  measures TEXT NOT NULL,"
  "  responsible TEXT NOT NULL,"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  retest_result TEXT NOT NULL,"
  "  digest TEXT,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'acknowledged')),"
  "  queued_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at TEXT,"
  "  last_attempt_at TEXT,"
  "  last_status INTEGER NOT NULL DEFAULT 0,"
  "  last_error_code TEXT,"
  "  last_error TEXT,"
  "  last_error_zh TEXT,"
  "  permanent_failure INTEGER NOT NULL DEFAULT 0,"
  "  receipt_number TEXT,"
  "  received_at TEXT,"
  "  late INTEGER,"
  "  receipt TEXT"
  ");"
  "CREATE INDEX feedback_by_notice ON feedback (notice_id, created_at);"
  "CREATE TABLE feedback_attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  feedback_id INTEGER NOT NULL REFERENCES feedback (id),"
  "  file_name TEXT NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE platform_values ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER feedback_frozen"
  " BEFORE UPDATE OF uuid, notice_id, unit_code, created_at, rectified, completed_at, measures,"
  "                  responsible, phone, retest_result ON feedback"
  " WHEN OLD.digest IS NOT NULL"
  " BEGIN SELECT RAISE (ABORT, 'zicha: feedback is read-only'); END;"
  "CREATE TRIGGER feedback_kept BEFORE DELETE ON feedback"
  " BEGIN SELECT RAISE (ABORT, 'zicha: feedback is read-only'); END;"
  "CREATE TRIGGER feedback_attachments_frozen BEFORE UPDATE ON feedback_attachments"
  " BEGIN SELECT RAISE (ABORT, 'zicha: feedback is read-only'); END;"
  "CREATE TRIGGER feedback_attachments_added BEFORE INSERT ON feedback_attachments"
  " WHEN (SELECT digest FROM feedback WHERE id = NEW.feedback_id) IS NOT NULL"
  " BEGIN SELECT RAISE (ABORT, 'zicha: feedback is read-only'); END;";

/* migrations[n] takes user_version n to n + 1. */
static const char * const migrations[] = {
  schema_v1,
  migration_v2,
  migration_v3,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZICHA_STORE_SCHEMA_VERSION);

static void
zicha_store_finalize (GObject *object)
{
  ZichaStore *self = ZICHA_STORE (object);

  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->path);
  g_free (self->author);

  G_OBJECT_CLASS (zicha_store_parent_class)->finalize (object);
}

static void
zicha_store_class_init (ZichaStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
zicha_store_init (ZichaStore *self)
{
  self->author = g_strdup (g_get_user_name ());
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

/* Helpers shared with the other zicha-store-*.c files ------------------ */

gboolean
_zicha_store_fail (ZichaStore  *self,
                   GError     **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *message = sqlite3_errmsg (self->db);

  if (g_str_has_prefix (message, "zicha: report is read-only"))
    g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY,
                         _("This report is finalized and can no longer be changed. "
                           "Start a new revision to make corrections."));
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_LOCKED,
                         _("The database is in use by another program. Close other copies of Zicha and try again."));
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_FAILED,
                         _("The disk is full. Nothing was saved; free some space and try again."));
  else
    g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_FAILED,
                 _("The database reported an error: %s"), message);
  return FALSE;
}

ZichaStmt *
_zicha_store_prepare (ZichaStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
_zicha_stmt_release (ZichaStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

gboolean
_zicha_store_exec (ZichaStore  *self,
                   const char  *sql,
                   GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _zicha_store_fail (self, error);
  return TRUE;
}

gboolean
_zicha_store_begin (ZichaStore  *self,
                    GError     **error)
{
  /* IMMEDIATE takes the write lock up front, so a busy database fails
   * here, before anything was read on a stale snapshot. */
  return _zicha_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_zicha_store_commit (ZichaStore  *self,
                     GError     **error)
{
  if (!_zicha_store_exec (self, "COMMIT", error))
    {
      _zicha_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_zicha_store_rollback (ZichaStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

void
_zicha_store_bind_text (ZichaStmt    *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_zicha_store_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_zicha_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _zicha_store_format_time (now);
}

GDateTime *
_zicha_store_column_time (ZichaStmt *stmt,
                          int        column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

char *
_zicha_store_column_text (ZichaStmt *stmt,
                          int        column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
_zicha_store_collect_rows (ZichaStore      *self,
                           ZichaStmt       *stmt,
                           gpointer       (*from_row) (ZichaStmt *stmt),
                           GDestroyNotify   free_func,
                           GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _zicha_store_fail (self, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

gint64
_zicha_store_report_id (ZichaStore  *self,
                        const char  *report_uuid,
                        gboolean     must_be_draft,
                        GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  gint64 id;

  stmt = _zicha_store_prepare (self, "SELECT id, state FROM reports WHERE uuid = ?", error);
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

  id = sqlite3_column_int64 (stmt, 0);
  if (must_be_draft && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "draft") != 0)
    {
      g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_READ_ONLY,
                           _("This report is finalized and can no longer be changed. "
                             "Start a new revision to make corrections."));
      return 0;
    }

  return id;
}

/* Opening ----------------------------------------------------------------- */

static gboolean
migrate (ZichaStore  *self,
         GError     **error)
{
  g_autoptr(ZichaStmt) stmt = NULL;
  int version;

  if (!_zicha_store_begin (self, error))
    return FALSE;

  stmt = _zicha_store_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      _zicha_store_rollback (self);
      return stmt == NULL ? FALSE : _zicha_store_fail (self, error);
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, _zicha_stmt_release);

  /* _zicha_store_check_file() refused newer files; this guards a race
   * with a newer Zicha that upgraded the file in between. */
  if (version > ZICHA_STORE_SCHEMA_VERSION)
    {
      _zicha_store_rollback (self);
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Zicha (schema %d; this version reads up to %d). "
                     "Install the newer version; the file was not changed."),
                   version, ZICHA_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < ZICHA_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      g_debug ("Migrating %s from schema %d to %d", self->path, v, v + 1);
      if (!_zicha_store_exec (self, migrations[v], error) ||
          !_zicha_store_exec (self, set_version, error))
        {
          _zicha_store_rollback (self);
          return FALSE;
        }
    }

  return _zicha_store_commit (self, error);
}

char *
zicha_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "zicha", "zicha.db", NULL);
}

ZichaStore *
zicha_store_open (const char  *path,
                  GError     **error)
{
  g_autoptr(ZichaStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && !_zicha_store_check_file (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (ZICHA_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error_literal (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_FAILED,
                               _("Out of memory while opening the database."));
          return NULL;
        }
      _zicha_store_fail (self, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 2000);

  /* WAL keeps readers and the writer apart; synchronous=FULL makes every
   * commit durable across power loss, not only across crashes. */
  if (!_zicha_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_zicha_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_zicha_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_zicha_store_exec (self, "PRAGMA secure_delete = ON", error))
    return NULL;

  if (existed && _zicha_store_backup_due (path))
    {
      g_autoptr(GError) backup_error = NULL;
      g_autofree char *backup = zicha_store_backup (self, &backup_error);

      /* A failed backup must not keep the user from their work. */
      if (backup == NULL)
        g_message ("Could not back up %s: %s", path, backup_error->message);
    }

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
zicha_store_get_path (ZichaStore *self)
{
  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  return self->path;
}

void
zicha_store_set_author (ZichaStore *self,
                        const char *author)
{
  g_return_if_fail (ZICHA_IS_STORE (self));
  g_return_if_fail (author != NULL);

  g_free (self->author);
  self->author = g_strdup (author);
}
