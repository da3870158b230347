/* bench-store.c — save latency and open time of the store, against raw SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints plain text, one measurement per line with its unit, and the ratio
 * of each store measurement to a raw SQLite baseline measured in the same
 * run, on the same file system, with the same journal_mode and synchronous
 * settings. Machines are noisy: compare the ratios, not the absolute
 * numbers, and never turn them into a pass/fail threshold in a test. A
 * missed target prints MISS; the exit status is non-zero only when an
 * operation fails.
 *
 *   bench-store [--quick] [--keep]
 *
 * Files go to a fresh directory from g_dir_make_tmp() (set TMPDIR to
 * measure another file system) and are removed afterwards unless --keep.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-common.h"
#include "zicha-store.h"

/* 200 distinct (field, row) targets: plain items plus the fields of a few
 * table rows, as a user filling the form touches them. */
#define N_PLAIN_TARGETS   180
#define N_TABLE_ROWS      4
#define N_ROW_FIELDS      5
#define N_TARGETS         (N_PLAIN_TARGETS + N_TABLE_ROWS * N_ROW_FIELDS)
#define SAVES_SEED        20240521
#define N_WARMUP_SAVES    1000  /* per workload, not measured */

#define TARGET_PERCENT    300  /* "within 3× the raw baseline" */

typedef struct
{
  const char *name;
  guint       n_saves;             /* per workload */
  guint       n_blocks;
  guint       n_reports;           /* in the store that is opened */
  guint       answers_per_report;
  guint       rows_per_report;
  guint       n_opens;
} BenchConfig;

static const BenchConfig full_config = {
  .name = "full",
  .n_saves = 10000,
  .n_blocks = 10,
  .n_reports = 50,
  .answers_per_report = 100,
  .rows_per_report = 2,
  .n_opens = 20,
};

static const BenchConfig quick_config = {
  .name = "quick",
  .n_saves = 1000,
  .n_blocks = 10,
  .n_reports = 10,
  .answers_per_report = 100,
  .rows_per_report = 2,
  .n_opens = 5,
};

static const char * const row_fields[N_ROW_FIELDS] = {
  "name", "level", "record_number", "operator", "url",
};

/* Helpers ----------------------------------------------------------------- */

static const char *
pass_or_miss (double store,
              double raw)
{
  return store * 100.0 <= raw * TARGET_PERCENT ? "PASS" : "MISS";
}

static char *
filesystem_type (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE))
    return g_strdup ("unknown");
  return g_strdup (g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_FILESYSTEM_TYPE));
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

/* Raw SQLite baseline ---------------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *begin;
  sqlite3_stmt *upsert;
  sqlite3_stmt *commit;
} RawDb;

static gboolean
raw_fail (sqlite3     *db,
          const char  *what,
          GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "raw SQLite: %s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* Runs a one-row statement and returns its first column as text. */
static char *
raw_query_text (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      raw_fail (db, sql, error);
      return NULL;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    raw_fail (db, sql, error);
  sqlite3_finalize (stmt);
  return text;
}

static void
raw_close (RawDb *raw)
{
  g_clear_pointer (&raw->begin, sqlite3_finalize);
  g_clear_pointer (&raw->upsert, sqlite3_finalize);
  g_clear_pointer (&raw->commit, sqlite3_finalize);
  g_clear_pointer (&raw->db, sqlite3_close);
}

/* The same settings as zicha_store_open(): WAL, and @synchronous. */
static gboolean
raw_open (RawDb       *raw,
          const char  *path,
          const char  *synchronous,
          GError     **error)
{
  g_autofree char *set_sync = g_strdup_printf ("PRAGMA synchronous = %s", synchronous);
  g_autofree char *mode = NULL;

  memset (raw, 0, sizeof *raw);
  if (sqlite3_open_v2 (path, &raw->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    return raw_fail (raw->db, path, error);

  mode = raw_query_text (raw->db, "PRAGMA journal_mode = WAL", error);
  if (mode == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "raw SQLite: journal_mode is %s, not wal", mode);
      return FALSE;
    }

  if (sqlite3_exec (raw->db, set_sync, NULL, NULL, NULL) != SQLITE_OK)
    return raw_fail (raw->db, set_sync, error);
  if (sqlite3_exec (raw->db, "CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    NULL, NULL, NULL) != SQLITE_OK)
    return raw_fail (raw->db, "CREATE TABLE", error);

  if (sqlite3_prepare_v2 (raw->db, "BEGIN IMMEDIATE", -1, &raw->begin, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw->db,
                          "INSERT INTO kv (key, value) VALUES (?, ?)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &raw->upsert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw->db, "COMMIT", -1, &raw->commit, NULL) != SQLITE_OK)
    return raw_fail (raw->db, "prepare", error);

  return TRUE;
}

static gboolean
raw_step (RawDb         *raw,
          sqlite3_stmt  *stmt,
          const char    *what,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      if (!sqlite3_get_autocommit (raw->db))
        sqlite3_exec (raw->db, "ROLLBACK", NULL, NULL, NULL);
      return raw_fail (raw->db, what, error);
    }
  return TRUE;
}

/* One single-row transaction, statements reused. */
static gboolean
raw_save (RawDb       *raw,
          const char  *key,
          const char  *value,
          GError     **error)
{
  if (!raw_step (raw, raw->begin, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_bind_text (raw->upsert, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->upsert, 2, value, -1, SQLITE_STATIC);
  if (!raw_step (raw, raw->upsert, "INSERT", error))
    return FALSE;
  sqlite3_clear_bindings (raw->upsert);

  return raw_step (raw, raw->commit, "COMMIT", error);
}

/* Saves ------------------------------------------------------------------- */

typedef struct
{
  char       *field_path;
  const char *row_uuid;     /* NULL for a plain item */
  char       *key;          /* the same target in the raw table */
} SaveTarget;

typedef struct
{
  guint  target;
  char  *text;              /* the value as JSON text, for the raw table */
} PlannedSave;

typedef enum
{
  WORKLOAD_STORE,
  WORKLOAD_RAW_FULL,
  WORKLOAD_RAW_NORMAL,
  N_WORKLOADS
} Workload;

static const char * const workload_names[N_WORKLOADS] = {
  "store", "raw", "raw-normal",
};

/* Every save changes the value (a save of the value already stored records
 * nothing and would flatter the store); types vary like a form's do. */
static JsonNode *
planned_value (guint i)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (i % 3)
    {
    case 0:
      {
        g_autofree char *text = g_strdup_printf ("第 %u 次保存：某某单位信息系统 (save %u)", i, i);

        json_node_set_string (node, text);
      }
      break;
    case 1:
      json_node_set_int (node, (gint64) i);
      break;
    default:
      json_node_set_double (node, i + 0.25);
      break;
    }

  return node;
}

static gboolean
run_store_save (ZichaStore         *store,
                const char         *report_uuid,
                const SaveTarget   *target,
                guint               i,
                double             *elapsed,
                GError            **error)
{
  g_autoptr(JsonNode) value = planned_value (i);
  double start = bench_now_us ();

  if (!zicha_store_set_value (store, report_uuid, target->field_path, target->row_uuid, value, error))
    return FALSE;
  *elapsed = bench_now_us () - start;
  return TRUE;
}

static gboolean
run_raw_save (RawDb             *raw,
              const SaveTarget  *target,
              const char        *text,
              double            *elapsed,
              GError           **error)
{
  double start = bench_now_us ();

  if (!raw_save (raw, target->key, text, error))
    return FALSE;
  *elapsed = bench_now_us () - start;
  return TRUE;
}

static gboolean
run_save (ZichaStore        *store,
          const char        *report_uuid,
          RawDb             *raw,
          Workload           w,
          const SaveTarget  *target,
          guint              i,
          const char        *text,
          double            *elapsed,
          GError           **error)
{
  if (w == WORKLOAD_STORE)
    return run_store_save (store, report_uuid, target, i, elapsed, error);
  return run_raw_save (&raw[w], target, text, elapsed, error);
}

static gboolean
bench_saves (const BenchConfig  *config,
             const char         *dir,
             GError            **error)
{
  g_autofree char *store_path = g_build_filename (dir, "saves", "zicha.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "raw-full.db", NULL);
  g_autofree char *normal_path = g_build_filename (dir, "raw-normal.db", NULL);
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SAVES_SEED);
  GArray *samples[N_WORKLOADS] = { NULL, };
  RawDb raw[N_WORKLOADS] = { { NULL, }, };
  SaveTarget targets[N_TARGETS] = { { NULL, }, };
  PlannedSave *plan = NULL;
  const char *report_uuid;
  guint block_size = config->n_saves / config->n_blocks;
  guint n_planned = 0;
  gboolean ok = FALSE;
  double store_p50, store_p99, raw_p50, raw_p99;

  store = zicha_store_open (store_path, error);
  if (store == NULL)
    return FALSE;
  zicha_store_set_author (store, "bench");
  report = zicha_store_create_report (store, "bench-form", "1", "某某单位", "91110000000000000X", 2024, error);
  if (report == NULL)
    return FALSE;
  report_uuid = zicha_report_get_uuid (report);

  if (!raw_open (&raw[WORKLOAD_RAW_FULL], raw_path, "FULL", error) ||
      !raw_open (&raw[WORKLOAD_RAW_NORMAL], normal_path, "NORMAL", error))
    goto out;

  /* The targets: plain items, then the fields of a few table rows. */
  for (guint t = 0; t < N_PLAIN_TARGETS; t++)
    {
      targets[t].field_path = g_strdup_printf ("section%02u.item%03u", t / 20 + 1, t);
      targets[t].key = g_strdup (targets[t].field_path);
    }
  for (guint r = 0; r < N_TABLE_ROWS; r++)
    {
      char *row_uuid = zicha_store_add_row (store, report_uuid, "systems", error);

      if (row_uuid == NULL)
        goto out;
      for (guint f = 0; f < N_ROW_FIELDS; f++)
        {
          SaveTarget *target = &targets[N_PLAIN_TARGETS + r * N_ROW_FIELDS + f];

          target->field_path = g_strdup_printf ("systems.%s", row_fields[f]);
          /* Owned by the first field of the row. */
          target->row_uuid = f == 0 ? row_uuid : targets[N_PLAIN_TARGETS + r * N_ROW_FIELDS].row_uuid;
          target->key = g_strdup_printf ("%s/%s", target->field_path, target->row_uuid);
        }
    }

  /* Random targets from a fixed seed: new fields at first, overwrites
   * later, the same sequence for every workload. */
  n_planned = N_WARMUP_SAVES + config->n_saves;
  plan = g_new0 (PlannedSave, n_planned);
  for (guint i = 0; i < n_planned; i++)
    {
      g_autoptr(JsonNode) value = planned_value (i);

      plan[i].target = (guint) g_rand_int_range (rand, 0, N_TARGETS);
      plan[i].text = json_to_string (value, FALSE);
    }

  for (guint w = 0; w < N_WORKLOADS; w++)
    samples[w] = g_array_sized_new (FALSE, FALSE, sizeof (double), config->n_saves);

  /* Unmeasured warm-up: until a WAL file has grown to its working size
   * (the first automatic checkpoint, at 1000 pages), every commit also
   * extends the file, which costs more; without this a short run would
   * compare a store past that point with a baseline still inside it. */
  for (guint w = 0; w < N_WORKLOADS; w++)
    for (guint i = 0; i < N_WARMUP_SAVES; i++)
      {
        double elapsed = 0;

        if (!run_save (store, report_uuid, raw, w, &targets[plan[i].target], i, plan[i].text,
                       &elapsed, error))
          goto out;
      }

  /* The workloads run in alternating blocks, and the order within a block
   * rotates, so that machine noise (other processes, the disk's cache,
   * thermal throttling) hits all of them alike instead of whichever
   * happened to run during a bad second. */
  for (guint b = 0; b < config->n_blocks; b++)
    for (guint k = 0; k < N_WORKLOADS; k++)
      {
        Workload w = (b + k) % N_WORKLOADS;
        guint first = N_WARMUP_SAVES + b * block_size;

        for (guint i = first; i < first + block_size; i++)
          {
            double elapsed = 0;

            if (!run_save (store, report_uuid, raw, w, &targets[plan[i].target], i, plan[i].text,
                           &elapsed, error))
              goto out;
            g_array_append_val (samples[w], elapsed);
          }
      }

  store_p50 = bench_percentile (samples[WORKLOAD_STORE], 0, samples[WORKLOAD_STORE]->len, 50);
  store_p99 = bench_percentile (samples[WORKLOAD_STORE], 0, samples[WORKLOAD_STORE]->len, 99);
  raw_p50 = bench_percentile (samples[WORKLOAD_RAW_FULL], 0, samples[WORKLOAD_RAW_FULL]->len, 50);
  raw_p99 = bench_percentile (samples[WORKLOAD_RAW_FULL], 0, samples[WORKLOAD_RAW_FULL]->len, 99);

  printf ("\n## Saves: %u of each workload, %u alternating blocks of %u, %u distinct fields,\n"
          "## after %u unmeasured warm-up saves of each\n",
          config->n_saves, config->n_blocks, block_size, N_TARGETS, N_WARMUP_SAVES);
  printf ("# store: zicha_store_set_value() on one draft (read old value, upsert, change log,\n"
          "#        undo stack, clear redo, touch report; one BEGIN IMMEDIATE transaction)\n");
  printf ("# raw:   BEGIN IMMEDIATE; INSERT ... ON CONFLICT DO UPDATE (1 row, TEXT key); COMMIT,\n"
          "#        prepared statements reused; journal_mode=WAL, synchronous=FULL like the store\n");
  printf ("# raw-normal: the same with synchronous=NORMAL, for information only (not the baseline)\n");
  for (guint w = 0; w < N_WORKLOADS; w++)
    {
      printf ("saves %-10s p50: %10.1f µs\n", workload_names[w], bench_percentile (samples[w], 0, samples[w]->len, 50));
      printf ("saves %-10s p99: %10.1f µs\n", workload_names[w], bench_percentile (samples[w], 0, samples[w]->len, 99));
    }
  printf ("saves ratio store/raw p50: %.2f ×\n", store_p50 / raw_p50);
  printf ("saves ratio store/raw p99: %.2f ×\n", store_p99 / raw_p99);
  printf ("saves target store within 3× raw, p50: %s\n", pass_or_miss (store_p50, raw_p50));
  printf ("saves target store within 3× raw, p99: %s\n", pass_or_miss (store_p99, raw_p99));

  /* Per block, in the order they ran: shows whether a save gets slower as
   * the change log and the undo stack grow. */
  printf ("# p50 per block (the change log holds %u entries before block 1 and grows\n"
          "# by %u per block)\n", N_WARMUP_SAVES + N_TABLE_ROWS, block_size);
  for (guint b = 0; b < config->n_blocks; b++)
    {
      double s = bench_percentile (samples[WORKLOAD_STORE], b * block_size, block_size, 50);
      double r = bench_percentile (samples[WORKLOAD_RAW_FULL], b * block_size, block_size, 50);

      printf ("saves block %2u store p50: %10.1f µs\n", b + 1, s);
      printf ("saves block %2u raw   p50: %10.1f µs\n", b + 1, r);
    }

  ok = TRUE;

out:
  for (guint w = 0; w < N_WORKLOADS; w++)
    {
      raw_close (&raw[w]);
      g_clear_pointer (&samples[w], g_array_unref);
    }
  for (guint t = 0; t < N_TARGETS; t++)
    {
      g_free (targets[t].field_path);
      g_free (targets[t].key);
    }
  for (guint r = 0; r < N_TABLE_ROWS; r++)
    g_free ((char *) targets[N_PLAIN_TARGETS + r * N_ROW_FIELDS].row_uuid);
  if (plan != NULL)
    for (guint i = 0; i < n_planned; i++)
      g_free (plan[i].text);
  g_free (plan);
  return ok;
}

/* Opening ------------------------------------------------------------------ */

/* A store like a user's after a few campaigns: reports with answers and
 * table rows, each written through the store as the app writes them. */
static gboolean
fill_store (const BenchConfig  *config,
            const char         *path,
            GError            **error)
{
  g_autoptr(ZichaStore) store = zicha_store_open (path, error);

  if (store == NULL)
    return FALSE;
  zicha_store_set_author (store, "bench");

  for (guint r = 0; r < config->n_reports; r++)
    {
      g_autofree char *unit = g_strdup_printf ("某某单位 %u", r);
      g_autoptr(ZichaReport) report = NULL;
      g_auto(GStrv) rows = NULL;
      const char *uuid;
      guint n_row_fields = config->rows_per_report * N_ROW_FIELDS;

      report = zicha_store_create_report (store, "bench-form", "1", unit, "91110000000000000X",
                                          2015 + r % 10, error);
      if (report == NULL)
        return FALSE;
      uuid = zicha_report_get_uuid (report);

      rows = g_new0 (char *, config->rows_per_report + 1);
      for (guint k = 0; k < config->rows_per_report; k++)
        {
          rows[k] = zicha_store_add_row (store, uuid, "systems", error);
          if (rows[k] == NULL)
            return FALSE;
        }

      for (guint a = 0; a < config->answers_per_report; a++)
        {
          g_autoptr(JsonNode) value = planned_value (r * config->answers_per_report + a);
          g_autofree char *field = NULL;
          const char *row = NULL;

          if (a < n_row_fields)
            {
              field = g_strdup_printf ("systems.%s", row_fields[a % N_ROW_FIELDS]);
              row = rows[a / N_ROW_FIELDS];
            }
          else
            field = g_strdup_printf ("section%02u.item%03u", a / 20 + 1, a);

          if (!zicha_store_set_value (store, uuid, field, row, value, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
time_store_open (const char  *path,
                 double      *elapsed,
                 GError     **error)
{
  g_autoptr(ZichaStore) store = NULL;
  double start = bench_now_us ();

  store = zicha_store_open (path, error);
  if (store == NULL)
    return FALSE;
  *elapsed = bench_now_us () - start;
  return TRUE;  /* closing is not timed */
}

static gboolean
time_raw_open (const char  *path,
               double      *elapsed,
               GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *result = NULL;
  double start = bench_now_us ();

  /* Read-only, as the store's own check does: on SQLite 3.40 quick_check
   * through a read-write connection takes over twice the CPU time, and
   * the baseline should be the cheapest verified open. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      raw_fail (db, path, error);
      sqlite3_close (db);
      return FALSE;
    }
  result = raw_query_text (db, "PRAGMA quick_check", error);
  *elapsed = bench_now_us () - start;
  sqlite3_close (db);

  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "quick_check: %s", result);
      return FALSE;
    }
  return TRUE;
}

static gboolean
time_backup (const char  *path,
             guint        n,
             GArray      *samples,
             GError     **error)
{
  g_autoptr(ZichaStore) store = zicha_store_open (path, error);

  if (store == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *backup = NULL;
      double start = bench_now_us (), elapsed;

      backup = zicha_store_backup (store, error);
      if (backup == NULL)
        return FALSE;
      elapsed = bench_now_us () - start;
      g_array_append_val (samples, elapsed);
    }

  return TRUE;
}

static gboolean
bench_open (const BenchConfig  *config,
            const char         *dir,
            GError            **error)
{
  g_autofree char *path = g_build_filename (dir, "open", "zicha.db", NULL);
  g_autoptr(GArray) store_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) backup_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) backups = NULL;
  double start, fill_time, store_median, raw_median;

  start = bench_now_us ();
  if (!fill_store (config, path, error))
    return FALSE;
  fill_time = bench_now_us () - start;

  /* Alternating, store first on even rounds, for the same reason as the
   * save blocks. */
  for (guint i = 0; i < config->n_opens; i++)
    for (guint k = 0; k < 2; k++)
      {
        double elapsed = 0;

        if ((i + k) % 2 == 0
            ? !time_store_open (path, &elapsed, error)
            : !time_raw_open (path, &elapsed, error))
          return FALSE;
        g_array_append_val ((i + k) % 2 == 0 ? store_samples : raw_samples, elapsed);
      }

  if (!time_backup (path, config->n_opens, backup_samples, error))
    return FALSE;
  backups = zicha_store_list_backups (path);

  /* Here, as for the saves, the median is the nearest-rank p50. */
  store_median = bench_percentile (store_samples, 0, store_samples->len, 50);
  raw_median = bench_percentile (raw_samples, 0, raw_samples->len, 50);

  printf ("\n## Open: a store with %u reports × %u answers and %u table rows, opened %u times\n",
          config->n_reports, config->answers_per_report, config->rows_per_report, config->n_opens);
  printf ("# store: zicha_store_open() of an existing file: header and schema version check,\n"
          "#        PRAGMA quick_check, then migrations; a rotating backup only when the newest\n"
          "#        is older than 10 minutes, so not in these repeated opens (timed apart below)\n");
  printf ("# raw:   sqlite3_open_v2() read-only + PRAGMA quick_check on the same file\n");
  printf ("open database size: %" G_GOFFSET_FORMAT " bytes\n", file_size (path));
  printf ("open fill time (setup, not a measurement of open): %.1f s\n", fill_time / 1e6);
  printf ("open store median: %10.1f µs\n", store_median);
  printf ("open raw   median: %10.1f µs\n", raw_median);
  printf ("open ratio store/raw median: %.2f ×\n", store_median / raw_median);
  printf ("open backup alone median (zicha_store_backup, %u runs): %10.1f µs\n",
          backup_samples->len, bench_percentile (backup_samples, 0, backup_samples->len, 50));
  printf ("open backups kept after the run: %u\n", g_strv_length (backups));

  return TRUE;
}

/* Main -------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fs = NULL;
  gboolean quick = FALSE;
  gboolean keep = FALSE;
  const BenchConfig *config;
  gboolean ok;
  double start;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Fewer iterations, as a smoke test", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the database files afterwards", NULL },
    { NULL }
  };

  context = g_option_context_new ("— measure the store against raw SQLite");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      return 2;
    }
  config = quick ? &quick_config : &full_config;

  dir = g_dir_make_tmp ("zicha-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      return 1;
    }
  fs = filesystem_type (dir);

  printf ("# Zicha store benchmark (%s run)\n", config->name);
  printf ("# SQLite %s; files in %s (%s)\n", sqlite3_libversion (), dir, fs);
  printf ("# Each store measurement is compared with a raw SQLite baseline measured in the\n"
          "# same run on the same file system: read the ratios, not the absolute times.\n");
  if (g_strcmp0 (fs, "tmpfs") == 0 || g_strcmp0 (fs, "ramfs") == 0)
    printf ("# WARNING: %s ignores fsync, so synchronous=FULL costs nothing here;\n"
            "# set TMPDIR to a directory on a real disk.\n", fs);
  fflush (stdout);

  start = bench_now_us ();
  ok = bench_saves (config, dir, &error) && bench_open (config, dir, &error);
  printf ("\n# total time: %.1f s\n", (bench_now_us () - start) / 1e6);

  if (keep)
    printf ("# files kept in %s\n", dir);
  else
    bench_remove_tree (dir);

  if (!ok)
    {
      fprintf (stderr, "bench-store: %s\n", error->message);
      return 1;
    }

  return 0;
}
