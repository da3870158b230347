/* test-store-crash.c — kill -9 a writer at random moments; nothing it was
 * told is saved may be lost, and the database must stay intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "zicha-store.h"
#include "zicha-test.h"

#define N_KILLS 100
#define EDITS_PER_RUN 1000000  /* numbering stride, so runs never collide */

typedef struct
{
  GPid     pid;
  int      out_fd;
} Writer;

static Writer
spawn_writer (const char *db,
              const char *report,
              gint64      first)
{
  g_autofree char *first_text = g_strdup_printf ("%" G_GINT64_FORMAT, first);
  const char *argv[] = { STORE_CRASH_WRITER, db, report, first_text, NULL };
  g_autoptr(GError) error = NULL;
  Writer writer = { 0, -1 };

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &writer.pid, NULL, &writer.out_fd, NULL, &error))
    g_error ("spawn writer: %s", error->message);

  return writer;
}

/* Reads everything the writer printed; only whole lines count. */
static void
collect_saved (int         fd,
               GHashTable *saved)
{
  g_autoptr(GString) output = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;
  g_auto(GStrv) lines = NULL;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n);
  close (fd);

  lines = g_strsplit (output->str, "\n", -1);
  /* The last element is "" or a torn line: not reported as saved. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    g_hash_table_add (saved, g_strdup_printf ("crash.edit%s", lines[i]));
}

static void
check_present (const char *field_path,
               const char *row_uuid,
               JsonNode   *value,
               gboolean    needs_review,
               gpointer    user_data)
{
  GHashTable *saved = user_data;

  g_hash_table_remove (saved, field_path);
}

static void
test_kill_nine_loses_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = zicha_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "zicha.db", NULL);
  g_autofree char *report = NULL;
  g_autoptr(GHashTable) saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = NULL;
  guint32 seed;
  guint total = 0;

  {
    g_autoptr(ZichaStore) store = zicha_store_open (db, &error);
    g_autoptr(ZichaReport) created = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL (store);
    created = zicha_store_create_report (store, "crash-form", "1", "", "", 2019, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (created);
    report = g_strdup (zicha_report_get_uuid (created));
  }

  seed = g_getenv ("ZICHA_CRASH_SEED") != NULL
         ? (guint32) g_ascii_strtoull (g_getenv ("ZICHA_CRASH_SEED"), NULL, 10)
         : (guint32) g_get_real_time ();
  g_print ("crash test seed: %u (set ZICHA_CRASH_SEED to repeat)\n", seed);
  rand = g_rand_new_with_seed (seed);

  for (guint run = 0; run < N_KILLS; run++)
    {
      Writer writer = spawn_writer (db, report, (gint64) run * EDITS_PER_RUN);
      int status = 0;
      guint before = g_hash_table_size (saved);

      /* Anywhere from during start-up to well into the stream of edits. */
      g_usleep (g_rand_int_range (rand, 1, 120) * 1000);
      kill (writer.pid, SIGKILL);
      waitpid (writer.pid, &status, 0);
      g_spawn_close_pid (writer.pid);
      collect_saved (writer.out_fd, saved);

      /* Only a kill may end it: an error exit would hide a failure. */
      CU_ASSERT_TRUE (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      total += g_hash_table_size (saved) - before;
    }

  g_print ("%u edits reported saved across %d kills\n", total, N_KILLS);
  CU_ASSERT_TRUE (total > 0);

  {
    g_autoptr(ZichaStore) store = zicha_store_open (db, &error);
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL (store);
    CU_ASSERT_TRUE (zicha_store_foreach_answer (store, report, check_present, saved, &error));
    /* Everything reported saved was found and removed from the set. */
    CU_ASSERT_EQUAL (g_hash_table_size (saved), 0);
    if (g_hash_table_size (saved) > 0)
      g_printerr ("%u reported edits are missing\n", g_hash_table_size (saved));

    CU_ASSERT_EQUAL_FATAL (sqlite3_open (db, &raw), SQLITE_OK);
    CU_ASSERT_EQUAL_FATAL (sqlite3_prepare_v2 (raw, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
    CU_ASSERT_STRING_EQUAL ((const char *) sqlite3_column_text (stmt, 0), "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  zicha_test_rmdir (dir);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/store/crash/kill-nine-loses-nothing", test_kill_nine_loses_nothing },
    { NULL, NULL }
  };

  return zicha_test_run ("store-crash", NULL, NULL, cases);
}
