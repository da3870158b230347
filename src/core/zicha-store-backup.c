/* zicha-store-backup.c — damage checks, rotating backups, quarantine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule: a database we cannot trust is never written to, overwritten or
 * recreated. Zicha reports what is wrong and leaves the file for the user
 * (and for recovery); moving it aside is an explicit step.
 */
#define G_LOG_DOMAIN "zicha-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "zicha-store-private.h"

#define SQLITE_HEADER "SQLite format 3"

static gboolean
set_error_from_code (int          code,
                     const char  *path,
                     const char  *detail,
                     GError     **error)
{
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Zicha database. It was left unchanged."), path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). It was left unchanged; "
                     "restore the newest backup or move the file aside."), path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_LOCKED,
                   _("The database “%s” is in use by another program. "
                     "Close other copies of Zicha and try again."), path);
      break;
    default:
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_FAILED,
                   _("The database “%s” could not be read: %s"), path, detail);
      break;
    }
  return FALSE;
}

static gboolean
check_header (const char  *path,
              gboolean    *empty,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  char header[16] = { 0 };
  gsize n_read = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, error))
    return FALSE;

  /* SQLite itself treats an empty file as a new database. */
  *empty = n_read == 0;
  if (*empty)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, SQLITE_HEADER, sizeof SQLITE_HEADER) != 0)
    return set_error_from_code (SQLITE_NOTADB, path, NULL, error);

  return TRUE;
}

gboolean
_zicha_store_check_file (const char  *path,
                         GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean empty = FALSE;
  gboolean ok = FALSE;
  int rc, version;

  if (!check_header (path, &empty, error))
    return FALSE;
  if (empty)
    return TRUE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (rc, path, db != NULL ? sqlite3_errmsg (db) : "", error);
      goto out;
    }
  sqlite3_busy_timeout (db, 1000);

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_code (sqlite3_extended_errcode (db), path, sqlite3_errmsg (db), error);
      goto out;
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (version > ZICHA_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Zicha (schema %d; this version reads up to %d). "
                     "Install the newer version; the file was not changed."),
                   version, ZICHA_STORE_SCHEMA_VERSION);
      goto out;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_code (sqlite3_extended_errcode (db), path, sqlite3_errmsg (db), error);
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      set_error_from_code (SQLITE_CORRUPT, path, (const char *) sqlite3_column_text (stmt, 0), error);
      goto out;
    }

  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return ok;
}

/* Backups -------------------------------------------------------------------- */

static char *
backup_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_build_filename (dir, "backups", NULL);
}

static char *
backup_prefix (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_strconcat (base, "-", NULL);
}

static gint
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
zicha_store_list_backups (const char *path)
{
  g_autofree char *dir = backup_dir (path);
  g_autofree char *prefix = backup_prefix (path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);

  if (folder != NULL)
    while ((name = g_dir_read_name (folder)) != NULL)
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".db"))
        g_ptr_array_add (names, g_build_filename (dir, name, NULL));

  /* Names carry a sortable UTC timestamp. */
  g_ptr_array_sort (names, compare_names_descending);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
_zicha_store_backup_due (const char *path)
{
  g_auto(GStrv) backups = zicha_store_list_backups (path);
  GStatBuf info;

  if (backups[0] == NULL || g_stat (backups[0], &info) != 0)
    return TRUE;

  return g_get_real_time () / G_USEC_PER_SEC - info.st_mtime >= ZICHA_STORE_BACKUP_INTERVAL;
}

static void
rotate_backups (const char *path)
{
  g_auto(GStrv) backups = zicha_store_list_backups (path);
  guint n = g_strv_length (backups);

  for (guint i = ZICHA_STORE_BACKUPS_KEPT; i < n; i++)
    if (g_unlink (backups[i]) != 0)
      g_message ("Could not remove old backup %s: %s", backups[i], g_strerror (errno));
}

char *
zicha_store_backup (ZichaStore  *self,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *target = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (ZICHA_IS_STORE (self), NULL);

  dir = backup_dir (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  prefix = backup_prefix (self->path);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  target = g_strdup_printf ("%s/%s%s-%06d.db", dir, prefix, stamp, g_date_time_get_microsecond (now));
  partial = g_strconcat (target, ".partial", NULL);

  /* Into a side file, renamed when complete: a backup is whole or absent. */
  rc = sqlite3_open_v2 (partial, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
      else
        rc = sqlite3_errcode (dest);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_FAILED,
                   _("Could not write the backup “%s”: %s"), target,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (partial);
      return NULL;
    }
  sqlite3_close (dest);

  if (g_rename (partial, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup “%s”: %s"), target, g_strerror (saved_errno));
      g_unlink (partial);
      return NULL;
    }

  rotate_backups (self->path);
  return g_steal_pointer (&target);
}

/* Quarantine and restore ----------------------------------------------------- */

char *
zicha_store_quarantine (const char  *path,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;
  static const char * const companions[] = { "-wal", "-shm", "-journal" };

  g_return_val_if_fail (path != NULL, NULL);

  aside = g_strdup_printf ("%s.damaged-%s", path, stamp);
  for (int n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%d", path, stamp, n);
    }

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move “%s” aside: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* The journal files belong to the damaged file; keep them with it. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_message ("Could not move %s aside: %s", from, g_strerror (errno));
    }

  return g_steal_pointer (&aside);
}

static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);

  saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s” to disk: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
zicha_store_restore_backup (const char  *backup_path,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *partial_path = NULL;

  g_return_val_if_fail (backup_path != NULL && path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID,
                   _("“%s” still exists; move it aside before restoring a backup."), path);
      return FALSE;
    }

  if (!_zicha_store_check_file (backup_path, error))
    return FALSE;

  source = g_file_new_for_path (backup_path);
  partial_path = g_strconcat (path, ".partial", NULL);
  partial = g_file_new_for_path (partial_path);
  target = g_file_new_for_path (path);

  if (!g_file_copy (source, partial, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error) ||
      !sync_file (partial_path, error))
    return FALSE;

  /* Renamed only once the copy is on disk: a power cut leaves the old
   * state or the new one, never half a database. */
  return g_file_move (partial, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}
