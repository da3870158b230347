/* zicha-platform-sqlite.c — ZichaPlatformStorage in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "zicha-platform-random.h"
#include "zicha-platform-sqlite.h"

#define RECEIPT_KEY_SIZE 32

/* One SQLite connection, used by one thread at a time. */
typedef struct
{
  GMutex      lock;        /* one thread at a time on the connection and the cache */
  const char *path;        /* the object's */
  sqlite3    *db;
  GHashTable *statements;  /* SQL text → prepared sqlite3_stmt, reused */
} ZichaPlatformConnection;

struct _ZichaPlatformSqlite
{
  GObject                  parent_instance;

  char                    *path;
  /* Every write, one transaction at a time: a commit holds it until
   * fsync returns. */
  ZichaPlatformConnection  writer;
  /* Every look-up outside a write. WAL lets it read the last commit
   * while the writer is busy, so requests answered from their headers
   * (authentication, a report delivered before) do not wait for another
   * upload's fsync, and neither does the main loop that answers them. */
  ZichaPlatformConnection  reader;
};

static void zicha_platform_sqlite_storage_init (ZichaPlatformStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ZichaPlatformSqlite, zicha_platform_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ZICHA_TYPE_PLATFORM_STORAGE,
                                                      zicha_platform_sqlite_storage_init))

/* Schema version 1. Later versions append a migration; never edit a
 * released one. Submissions and their packages are never changed or
 * removed once stored: the triggers keep the bytes as received. */
static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  name TEXT PRIMARY KEY,"
  "  value BLOB NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE units ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE tokens ("
  "  token_sha256 TEXT PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  created_at TEXT NOT NULL,"
  "  revoked_at TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE submissions ("
  "  id INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  report_uuid TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  form_id TEXT NOT NULL,"
  "  form_version INTEGER NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  received_at TEXT NOT NULL,"
  "  package_size INTEGER NOT NULL,"
  "  package_sha256 TEXT NOT NULL,"
  "  receipt_number TEXT NOT NULL UNIQUE,"
  "  receipt TEXT NOT NULL,"
  "  UNIQUE (unit_id, report_uuid)"
  ");"
  "CREATE TABLE packages ("
  "  submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE notices ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  detected_at TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),"
  "  description TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'open'"
  "    CHECK (state IN ('open', 'answered', 'resolved', 'withdrawn')),"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX notices_by_unit ON notices (unit_id, updated_at, uuid);"
  "CREATE TRIGGER submissions_unchanged BEFORE UPDATE ON submissions"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: submissions are kept as received'); END;"
  "CREATE TRIGGER submissions_kept BEFORE DELETE ON submissions"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: submissions are kept as received'); END;"
  "CREATE TRIGGER packages_unchanged BEFORE UPDATE ON packages"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: packages are kept as received'); END;"
  "CREATE TRIGGER packages_kept BEFORE DELETE ON packages"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: packages are kept as received'); END;";

/* Schema version 2: feedback on notices, kept as received like
 * submissions, and when and whether on time each notice was answered. */
static const char migration_v2[] =
  "ALTER TABLE notices ADD COLUMN answered_at TEXT;"
  "ALTER TABLE notices ADD COLUMN late INTEGER;"
  "CREATE TABLE feedback ("
  "  id INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  notice_id INTEGER NOT NULL REFERENCES notices (id),"
  "  feedback_uuid TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  rectified INTEGER NOT NULL,"
  "  received_at TEXT NOT NULL,"
  "  late INTEGER NOT NULL,"
  "  package_size INTEGER NOT NULL,"
  "  package_sha256 TEXT NOT NULL,"
  "  receipt_number TEXT NOT NULL UNIQUE,"
  "  receipt TEXT NOT NULL,"
  "  UNIQUE (unit_id, feedback_uuid)"
  ");"
  "CREATE TABLE feedback_packages ("
  "  feedback_id INTEGER PRIMARY KEY REFERENCES feedback (id),"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TRIGGER feedback_unchanged BEFORE UPDATE ON feedback"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: feedback is kept as received'); END;"
  "CREATE TRIGGER feedback_kept BEFORE DELETE ON feedback"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: feedback is kept as received'); END;"
  "CREATE TRIGGER feedback_packages_unchanged BEFORE UPDATE ON feedback_packages"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: feedback is kept as received'); END;"
  "CREATE TRIGGER feedback_packages_kept BEFORE DELETE ON feedback_packages"
  " BEGIN SELECT RAISE (ABORT, 'zicha-platform: feedback is kept as received'); END;";

/* migrations[n] takes user_version n to n + 1. */
static const char * const migrations[] = {
  schema_v1,
  migration_v2,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZICHA_PLATFORM_SQLITE_SCHEMA_VERSION);

typedef sqlite3_stmt ZichaPlatformStmt;

static void
release_statement (ZichaPlatformStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPlatformStmt, release_statement)

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
connection_init (ZichaPlatformConnection *conn)
{
  g_mutex_init (&conn->lock);
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

static void
connection_clear (ZichaPlatformConnection *conn)
{
  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  g_clear_pointer (&conn->db, sqlite3_close);
  g_mutex_clear (&conn->lock);
}

static void
zicha_platform_sqlite_finalize (GObject *object)
{
  ZichaPlatformSqlite *self = ZICHA_PLATFORM_SQLITE (object);

  connection_clear (&self->reader);
  connection_clear (&self->writer);
  g_free (self->path);

  G_OBJECT_CLASS (zicha_platform_sqlite_parent_class)->finalize (object);
}

static void
zicha_platform_sqlite_class_init (ZichaPlatformSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_platform_sqlite_finalize;
}

static void
zicha_platform_sqlite_init (ZichaPlatformSqlite *self)
{
  connection_init (&self->writer);
  connection_init (&self->reader);
}

/* Helpers ------------------------------------------------------------------- */

static gboolean
fail (ZichaPlatformConnection *conn,
      GError                 **error)
{
  int code = sqlite3_extended_errcode (conn->db) & 0xff;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_BUSY,
                 "The database is busy: %s", sqlite3_errmsg (conn->db));
  else if (code == SQLITE_CONSTRAINT)
    g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_EXISTS,
                 "%s", sqlite3_errmsg (conn->db));
  else
    g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_FAILED,
                 "The database %s reported an error: %s", conn->path, sqlite3_errmsg (conn->db));
  return FALSE;
}

static ZichaPlatformStmt *
prepare (ZichaPlatformConnection *conn,
         const char              *sql,
         GError                 **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      fail (conn, error);
      return NULL;
    }

  g_hash_table_insert (conn->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec (ZichaPlatformConnection *conn,
      const char              *sql,
      GError                 **error)
{
  if (sqlite3_exec (conn->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (conn, error);
  return TRUE;
}

static void
rollback (ZichaPlatformConnection *conn)
{
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
commit (ZichaPlatformConnection *conn,
        GError                 **error)
{
  if (!exec (conn, "COMMIT", error))
    {
      rollback (conn);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (ZichaPlatformStmt *stmt,
           int                index,
           const char        *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (ZichaPlatformStmt *stmt,
             int                index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
not_found (GError     **error,
           const char  *what)
{
  g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND,
               "There is no %s.", what);
  return FALSE;
}

/* Opening ------------------------------------------------------------------- */

static gboolean
migrate (ZichaPlatformConnection *conn,
         GError                 **error)
{
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  int version;

  if (!exec (conn, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (conn, "PRAGMA user_version", error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      gboolean prepared = stmt != NULL;

      if (prepared)
        fail (conn, error);
      rollback (conn);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, release_statement);

  if (version > ZICHA_PLATFORM_SQLITE_SCHEMA_VERSION)
    {
      rollback (conn);
      g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_TOO_NEW,
                   "The database %s was written by a newer zicha-platform (schema %d; this one reads up to %d).",
                   conn->path, version, ZICHA_PLATFORM_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < ZICHA_PLATFORM_SQLITE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      g_debug ("Migrating %s from schema %d to %d", conn->path, v, v + 1);
      if (!exec (conn, migrations[v], error) || !exec (conn, set_version, error))
        {
          rollback (conn);
          return FALSE;
        }
    }

  return commit (conn, error);
}

/* The receipt key is made once, with the database, from /dev/urandom. */
static gboolean
ensure_receipt_key (ZichaPlatformConnection *conn,
                    GError                 **error)
{
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  g_autoptr(GBytes) key = zicha_platform_random_bytes (RECEIPT_KEY_SIZE, error);

  if (key == NULL)
    return FALSE;

  stmt = prepare (conn, "INSERT OR IGNORE INTO settings (name, value) VALUES ('receipt_key', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (key, NULL), g_bytes_get_size (key), SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (conn, error);

  return TRUE;
}

static gboolean
connection_open (ZichaPlatformConnection  *conn,
                 const char               *path,
                 int                       flags,
                 GError                  **error)
{
  conn->path = path;
  if (sqlite3_open_v2 (path, &conn->db, flags, NULL) != SQLITE_OK)
    {
      if (conn->db == NULL)
        g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_FAILED,
                     "Out of memory while opening %s", path);
      else
        fail (conn, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (conn->db, 1);
  sqlite3_busy_timeout (conn->db, 5000);
  return TRUE;
}

/* Turns WAL on and checks it took: without it the read-only connection
 * would wait behind every commit's fsync. */
static gboolean
enable_wal (ZichaPlatformConnection  *conn,
            GError                  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal;

  if (sqlite3_prepare_v2 (conn->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK)
    return fail (conn, error);
  wal = sqlite3_step (stmt) == SQLITE_ROW &&
        g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The platform database cannot use write-ahead logging (WAL); it must be a file on a "
                             "local file system"));
      return FALSE;
    }
  return TRUE;
}

ZichaPlatformSqlite *
zicha_platform_sqlite_open (const char  *path,
                            GError     **error)
{
  g_autoptr(ZichaPlatformSqlite) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* Two connections must reach the same database: a file. */
  if (*path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The platform database must be a file, not “%s”"), path);
      return NULL;
    }

  self = g_object_new (ZICHA_TYPE_PLATFORM_SQLITE, NULL);
  self->path = g_strdup (path);

  /* WAL keeps readers and the writer apart; synchronous=FULL makes every
   * commit durable across power loss before its receipt is sent. */
  if (!connection_open (&self->writer, self->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) ||
      !enable_wal (&self->writer, error) ||
      !exec (&self->writer, "PRAGMA synchronous = FULL", error) ||
      !exec (&self->writer, "PRAGMA foreign_keys = ON", error) ||
      !migrate (&self->writer, error) ||
      !ensure_receipt_key (&self->writer, error))
    return NULL;

  /* Opened once the schema is current; it never writes. */
  if (!connection_open (&self->reader, self->path, SQLITE_OPEN_READWRITE, error) ||
      !exec (&self->reader, "PRAGMA query_only = ON", error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Units and tokens ---------------------------------------------------------- */

static gboolean
zicha_platform_sqlite_add_unit (ZichaPlatformStorage  *storage,
                                const char            *code,
                                const char            *name,
                                const char            *token_sha256,
                                GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->writer;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autofree char *now = now_string ();
  ZichaPlatformStmt *stmt;
  gint64 unit_id;

  if (!exec (conn, "BEGIN IMMEDIATE", error))
    return FALSE;

  stmt = prepare (conn, "INSERT INTO units (code, name, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, code);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (conn->db) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_EXISTS,
                     "The unit %s is registered already.", code);
      else
        fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);
  unit_id = sqlite3_last_insert_rowid (conn->db);

  stmt = prepare (conn, "INSERT INTO tokens (token_sha256, unit_id, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, token_sha256);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  bind_text (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);

  return commit (conn, error);

failed:
  rollback (conn);
  return FALSE;
}

static ZichaPlatformUnit *
zicha_platform_sqlite_find_unit_by_token (ZichaPlatformStorage  *storage,
                                          const char            *token_sha256,
                                          GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  ZichaPlatformUnit *unit;

  stmt = prepare (conn,
                  "SELECT units.id, units.code, units.name FROM tokens JOIN units ON units.id = tokens.unit_id"
                  " WHERE tokens.token_sha256 = ? AND tokens.revoked_at IS NULL",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, token_sha256);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      not_found (error, "unit with this token");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }

  unit = g_new0 (ZichaPlatformUnit, 1);
  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->code = column_text (stmt, 1);
  unit->name = column_text (stmt, 2);
  return unit;
}

/* Submissions --------------------------------------------------------------- */

#define SUBMISSION_COLUMNS \
  "submissions.unit_id, units.code, submissions.report_uuid, submissions.digest, submissions.form_id," \
  " submissions.form_version, submissions.revision, submissions.year, submissions.received_at," \
  " submissions.package_size, submissions.package_sha256, submissions.receipt_number, submissions.receipt"

static ZichaPlatformSubmission *
read_submission (ZichaPlatformStmt *stmt)
{
  ZichaPlatformSubmission *submission = g_new0 (ZichaPlatformSubmission, 1);

  submission->unit_id = sqlite3_column_int64 (stmt, 0);
  submission->unit_code = column_text (stmt, 1);
  submission->report_uuid = column_text (stmt, 2);
  submission->digest = column_text (stmt, 3);
  submission->form_id = column_text (stmt, 4);
  submission->form_version = sqlite3_column_int (stmt, 5);
  submission->revision = sqlite3_column_int (stmt, 6);
  submission->year = sqlite3_column_int (stmt, 7);
  submission->received_at = column_text (stmt, 8);
  submission->package_size = sqlite3_column_int64 (stmt, 9);
  submission->package_sha256 = column_text (stmt, 10);
  submission->receipt_number = column_text (stmt, 11);
  submission->receipt = column_text (stmt, 12);
  return submission;
}

/* Called with the lock held. */
static ZichaPlatformSubmission *
lookup_submission (ZichaPlatformConnection *conn,
                   gint64                   unit_id,
                   const char              *report_uuid,
                   GError                 **error)
{
  g_autoptr(ZichaPlatformStmt) stmt = NULL;

  stmt = prepare (conn,
                  "SELECT " SUBMISSION_COLUMNS " FROM submissions JOIN units ON units.id = submissions.unit_id"
                  " WHERE submissions.unit_id = ? AND submissions.report_uuid = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, report_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return read_submission (stmt);
    case SQLITE_DONE:
      not_found (error, "such submission");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }
}

static ZichaPlatformSubmission *
zicha_platform_sqlite_get_submission (ZichaPlatformStorage  *storage,
                                      gint64                 unit_id,
                                      const char            *report_uuid,
                                      GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);

  return lookup_submission (conn, unit_id, report_uuid, error);
}

static ZichaPlatformSubmission *
zicha_platform_sqlite_add_submission (ZichaPlatformStorage           *storage,
                                      const ZichaPlatformSubmission  *submission,
                                      GBytes                         *package,
                                      gboolean                       *created,
                                      GError                        **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->writer;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(GError) local_error = NULL;
  ZichaPlatformSubmission *existing;
  ZichaPlatformStmt *stmt;
  gint64 submission_id;

  *created = FALSE;

  /* IMMEDIATE: the write lock before the look-up, so no other writer can
   * slip the same report in between. */
  if (!exec (conn, "BEGIN IMMEDIATE", error))
    return NULL;

  existing = lookup_submission (conn, submission->unit_id, submission->report_uuid, &local_error);
  if (existing != NULL)
    {
      rollback (conn);
      return existing;
    }
  if (!g_error_matches (local_error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  stmt = prepare (conn,
                  "INSERT INTO submissions (unit_id, report_uuid, digest, form_id, form_version, revision, year,"
                  " received_at, package_size, package_sha256, receipt_number, receipt)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, submission->unit_id);
  bind_text (stmt, 2, submission->report_uuid);
  bind_text (stmt, 3, submission->digest);
  bind_text (stmt, 4, submission->form_id);
  sqlite3_bind_int (stmt, 5, submission->form_version);
  sqlite3_bind_int (stmt, 6, submission->revision);
  sqlite3_bind_int (stmt, 7, submission->year);
  bind_text (stmt, 8, submission->received_at);
  sqlite3_bind_int64 (stmt, 9, g_bytes_get_size (package));
  bind_text (stmt, 10, submission->package_sha256);
  bind_text (stmt, 11, submission->receipt_number);
  bind_text (stmt, 12, submission->receipt);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);
  submission_id = sqlite3_last_insert_rowid (conn->db);

  stmt = prepare (conn, "INSERT INTO packages (submission_id, data) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, submission_id);
  /* The bytes stay alive until the step is done: no copy. */
  sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (package, NULL), g_bytes_get_size (package), SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);

  if (!commit (conn, error))
    return NULL;

  *created = TRUE;
  return lookup_submission (conn, submission->unit_id, submission->report_uuid, error);

failed:
  rollback (conn);
  return NULL;
}

static GBytes *
zicha_platform_sqlite_read_package (ZichaPlatformStorage  *storage,
                                    gint64                 unit_id,
                                    const char            *report_uuid,
                                    GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;

  stmt = prepare (conn,
                  "SELECT packages.data FROM packages JOIN submissions ON submissions.id = packages.submission_id"
                  " WHERE submissions.unit_id = ? AND submissions.report_uuid = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, report_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    case SQLITE_DONE:
      not_found (error, "such submission");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }
}

static GPtrArray *
zicha_platform_sqlite_list_submissions (ZichaPlatformStorage  *storage,
                                        GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_platform_submission_free);
  int status;

  stmt = prepare (conn,
                  "SELECT " SUBMISSION_COLUMNS " FROM submissions JOIN units ON units.id = submissions.unit_id"
                  " ORDER BY submissions.id",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (submissions, read_submission (stmt));
  if (status != SQLITE_DONE)
    {
      fail (conn, error);
      return NULL;
    }

  return g_steal_pointer (&submissions);
}

/* Notices ------------------------------------------------------------------- */

static GPtrArray *
zicha_platform_sqlite_list_notices (ZichaPlatformStorage  *storage,
                                    gint64                 unit_id,
                                    const char            *since,
                                    guint                  limit,
                                    GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_platform_notice_free);
  int status;

  stmt = prepare (conn,
                  "SELECT uuid, detected_at, target, type, severity, description, state, updated_at FROM notices"
                  " WHERE unit_id = ?1 AND (?2 IS NULL OR updated_at > ?2)"
                  " ORDER BY updated_at, uuid LIMIT ?3",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, limit);

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ZichaPlatformNotice *notice = g_new0 (ZichaPlatformNotice, 1);

      notice->id = column_text (stmt, 0);
      notice->detected_at = column_text (stmt, 1);
      notice->target = column_text (stmt, 2);
      notice->type = column_text (stmt, 3);
      notice->severity = column_text (stmt, 4);
      notice->description = column_text (stmt, 5);
      notice->state = column_text (stmt, 6);
      notice->updated_at = column_text (stmt, 7);
      g_ptr_array_add (notices, notice);
    }
  if (status != SQLITE_DONE)
    {
      fail (conn, error);
      return NULL;
    }

  return g_steal_pointer (&notices);
}

static ZichaPlatformUnit *
zicha_platform_sqlite_find_unit_by_code (ZichaPlatformStorage  *storage,
                                         const char            *code,
                                         GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  ZichaPlatformUnit *unit;

  stmt = prepare (conn, "SELECT id, code, name FROM units WHERE code = ?", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, code);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      not_found (error, "such unit");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }

  unit = g_new0 (ZichaPlatformUnit, 1);
  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->code = column_text (stmt, 1);
  unit->name = column_text (stmt, 2);
  return unit;
}

static gboolean
zicha_platform_sqlite_add_notice (ZichaPlatformStorage       *storage,
                                  gint64                      unit_id,
                                  const ZichaPlatformNotice  *notice,
                                  GError                    **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->writer;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;

  stmt = prepare (conn,
                  "INSERT INTO notices (uuid, unit_id, detected_at, target, type, severity, description, state,"
                  " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, notice->id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  bind_text (stmt, 3, notice->detected_at);
  bind_text (stmt, 4, notice->target);
  bind_text (stmt, 5, notice->type);
  bind_text (stmt, 6, notice->severity);
  bind_text (stmt, 7, notice->description);
  bind_text (stmt, 8, notice->updated_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (conn, error);

  return TRUE;
}

#define NOTICE_COLUMNS \
  "notices.uuid, notices.detected_at, notices.target, notices.type, notices.severity, notices.description," \
  " notices.state, notices.updated_at, notices.unit_id, units.code, notices.answered_at, notices.late"

static ZichaPlatformNotice *
read_notice (ZichaPlatformStmt *stmt)
{
  ZichaPlatformNotice *notice = g_new0 (ZichaPlatformNotice, 1);

  notice->id = column_text (stmt, 0);
  notice->detected_at = column_text (stmt, 1);
  notice->target = column_text (stmt, 2);
  notice->type = column_text (stmt, 3);
  notice->severity = column_text (stmt, 4);
  notice->description = column_text (stmt, 5);
  notice->state = column_text (stmt, 6);
  notice->updated_at = column_text (stmt, 7);
  notice->unit_id = sqlite3_column_int64 (stmt, 8);
  notice->unit_code = column_text (stmt, 9);
  notice->answered_at = column_text (stmt, 10);
  notice->late = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 11);
  return notice;
}

static ZichaPlatformNotice *
zicha_platform_sqlite_get_notice (ZichaPlatformStorage  *storage,
                                  gint64                 unit_id,
                                  const char            *notice_id,
                                  GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;

  stmt = prepare (conn,
                  "SELECT " NOTICE_COLUMNS " FROM notices JOIN units ON units.id = notices.unit_id"
                  " WHERE notices.unit_id = ? AND notices.uuid = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, notice_id);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return read_notice (stmt);
    case SQLITE_DONE:
      not_found (error, "such notice");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }
}

static GPtrArray *
zicha_platform_sqlite_list_all_notices (ZichaPlatformStorage  *storage,
                                        GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_platform_notice_free);
  int status;

  stmt = prepare (conn,
                  "SELECT " NOTICE_COLUMNS " FROM notices JOIN units ON units.id = notices.unit_id"
                  " ORDER BY notices.id",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notices, read_notice (stmt));
  if (status != SQLITE_DONE)
    {
      fail (conn, error);
      return NULL;
    }

  return g_steal_pointer (&notices);
}

/* Feedback ------------------------------------------------------------------ */

/* Called with the lock held. */
static ZichaPlatformFeedback *
lookup_feedback (ZichaPlatformConnection *conn,
                 gint64                   unit_id,
                 const char              *feedback_uuid,
                 GError                 **error)
{
  g_autoptr(ZichaPlatformStmt) stmt = NULL;
  ZichaPlatformFeedback *feedback;

  stmt = prepare (conn,
                  "SELECT feedback.unit_id, notices.uuid, feedback.feedback_uuid, feedback.digest,"
                  " feedback.rectified, feedback.received_at, feedback.late, feedback.package_size,"
                  " feedback.package_sha256, feedback.receipt_number, feedback.receipt"
                  " FROM feedback JOIN notices ON notices.id = feedback.notice_id"
                  " WHERE feedback.unit_id = ? AND feedback.feedback_uuid = ?",
                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, feedback_uuid);

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      not_found (error, "such feedback");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }

  feedback = g_new0 (ZichaPlatformFeedback, 1);
  feedback->unit_id = sqlite3_column_int64 (stmt, 0);
  feedback->notice_id = column_text (stmt, 1);
  feedback->feedback_uuid = column_text (stmt, 2);
  feedback->digest = column_text (stmt, 3);
  feedback->rectified = sqlite3_column_int (stmt, 4) != 0;
  feedback->received_at = column_text (stmt, 5);
  feedback->late = sqlite3_column_int (stmt, 6) != 0;
  feedback->package_size = sqlite3_column_int64 (stmt, 7);
  feedback->package_sha256 = column_text (stmt, 8);
  feedback->receipt_number = column_text (stmt, 9);
  feedback->receipt = column_text (stmt, 10);
  return feedback;
}

static ZichaPlatformFeedback *
zicha_platform_sqlite_get_feedback (ZichaPlatformStorage  *storage,
                                    gint64                 unit_id,
                                    const char            *feedback_uuid,
                                    GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);

  return lookup_feedback (conn, unit_id, feedback_uuid, error);
}

static ZichaPlatformFeedback *
zicha_platform_sqlite_add_feedback (ZichaPlatformStorage         *storage,
                                    const ZichaPlatformFeedback  *feedback,
                                    GBytes                       *package,
                                    gboolean                     *created,
                                    GError                      **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->writer;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(GError) local_error = NULL;
  ZichaPlatformFeedback *existing;
  ZichaPlatformStmt *stmt;
  gint64 notice_row = 0;
  gint64 feedback_id;

  *created = FALSE;

  if (!exec (conn, "BEGIN IMMEDIATE", error))
    return NULL;

  existing = lookup_feedback (conn, feedback->unit_id, feedback->feedback_uuid, &local_error);
  if (existing != NULL)
    {
      rollback (conn);
      return existing;
    }
  if (!g_error_matches (local_error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  stmt = prepare (conn, "SELECT id FROM notices WHERE unit_id = ? AND uuid = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, feedback->unit_id);
  bind_text (stmt, 2, feedback->notice_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    notice_row = sqlite3_column_int64 (stmt, 0);
  release_statement (stmt);
  if (notice_row == 0)
    {
      not_found (error, "such notice");
      goto failed;
    }

  stmt = prepare (conn,
                  "INSERT INTO feedback (unit_id, notice_id, feedback_uuid, digest, rectified, received_at, late,"
                  " package_size, package_sha256, receipt_number, receipt)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, feedback->unit_id);
  sqlite3_bind_int64 (stmt, 2, notice_row);
  bind_text (stmt, 3, feedback->feedback_uuid);
  bind_text (stmt, 4, feedback->digest);
  sqlite3_bind_int (stmt, 5, feedback->rectified ? 1 : 0);
  bind_text (stmt, 6, feedback->received_at);
  sqlite3_bind_int (stmt, 7, feedback->late ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, g_bytes_get_size (package));
  bind_text (stmt, 9, feedback->package_sha256);
  bind_text (stmt, 10, feedback->receipt_number);
  bind_text (stmt, 11, feedback->receipt);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);
  feedback_id = sqlite3_last_insert_rowid (conn->db);

  stmt = prepare (conn, "INSERT INTO feedback_packages (feedback_id, data) VALUES (?, ?)", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, feedback_id);
  sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (package, NULL), g_bytes_get_size (package), SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);

  /* The first feedback answers the notice, on time or late. */
  stmt = prepare (conn,
                  "UPDATE notices SET state = 'answered', answered_at = ?1, late = ?2,"
                  " updated_at = MAX (updated_at, ?1) WHERE id = ?3 AND state = 'open'",
                  error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, feedback->received_at);
  sqlite3_bind_int (stmt, 2, feedback->late ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, notice_row);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (conn, error);
      release_statement (stmt);
      goto failed;
    }
  release_statement (stmt);

  if (!commit (conn, error))
    return NULL;

  *created = TRUE;
  return lookup_feedback (conn, feedback->unit_id, feedback->feedback_uuid, error);

failed:
  rollback (conn);
  return NULL;
}

/* The receipt key ----------------------------------------------------------- */

static GBytes *
zicha_platform_sqlite_get_receipt_key (ZichaPlatformStorage  *storage,
                                       GError               **error)
{
  ZichaPlatformConnection *conn = &ZICHA_PLATFORM_SQLITE (storage)->reader;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&conn->lock);
  g_autoptr(ZichaPlatformStmt) stmt = NULL;

  stmt = prepare (conn, "SELECT value FROM settings WHERE name = 'receipt_key'", error);
  if (stmt == NULL)
    return NULL;

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      if (sqlite3_column_bytes (stmt, 0) != RECEIPT_KEY_SIZE)
        {
          g_set_error (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_FAILED,
                       "The receipt key in %s is damaged.", conn->path);
          return NULL;
        }
      return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    case SQLITE_DONE:
      not_found (error, "receipt key");
      return NULL;
    default:
      fail (conn, error);
      return NULL;
    }
}

static void
zicha_platform_sqlite_storage_init (ZichaPlatformStorageInterface *iface)
{
  iface->add_unit = zicha_platform_sqlite_add_unit;
  iface->find_unit_by_token = zicha_platform_sqlite_find_unit_by_token;
  iface->get_submission = zicha_platform_sqlite_get_submission;
  iface->add_submission = zicha_platform_sqlite_add_submission;
  iface->read_package = zicha_platform_sqlite_read_package;
  iface->list_submissions = zicha_platform_sqlite_list_submissions;
  iface->list_notices = zicha_platform_sqlite_list_notices;
  iface->get_receipt_key = zicha_platform_sqlite_get_receipt_key;
  iface->find_unit_by_code = zicha_platform_sqlite_find_unit_by_code;
  iface->add_notice = zicha_platform_sqlite_add_notice;
  iface->get_notice = zicha_platform_sqlite_get_notice;
  iface->list_all_notices = zicha_platform_sqlite_list_all_notices;
  iface->get_feedback = zicha_platform_sqlite_get_feedback;
  iface->add_feedback = zicha_platform_sqlite_add_feedback;
}
