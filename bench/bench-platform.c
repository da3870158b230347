/* bench-platform.c — deliveries to zicha-platform on loopback, against raw SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 8's `bench/platform`: N concurrent clients (threads, one
 * SoupSession and at most one PUT in flight each) upload P packages of
 * realistic size — the demo report with 200 KiB of evidence, each its
 * own report of one of 20 units — to a real `zicha-platform serve` on
 * 127.0.0.1 (--rate-limit 0). It prints the accepted packages per second,
 * the PUT latency (p50, p99), the server's peak memory (VmHWM) and the
 * CPU time the server and the clients spent per package (which, unlike
 * the rates, other processes on the machine hardly change), next to
 * the raw rate of inserting the same package bytes into a SQLite table
 * (WAL, synchronous=FULL, one transaction per blob, as the platform's
 * storage is configured) on the same file system in the same run. Target:
 * the platform accepts at least 30 % of the raw rate, and nothing is lost
 * (every package acknowledged with a receipt for its digest, and listed
 * exactly once by `zicha-platform list-submissions`).
 *
 * Uploads and raw inserts run in alternating blocks (the order within a
 * block alternates too) so that machine noise hits both alike. A missed
 * target prints MISS; the exit status is non-zero only when something
 * fails or a package is lost, never on a timing.
 *
 *   bench-platform [--quick] [--keep] [--clients N] [--packages N]
 *
 * The packages are made and exported before anything is timed. Files go
 * to a fresh directory from g_dir_make_tmp() (set TMPDIR to measure
 * another file system) and are removed afterwards unless --keep.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "bench-common.h"
#include "zicha-demo.h"
#include "zicha-package.h"
#include "zicha-report-session.h"
#include "zicha-store.h"

#define PACKAGE_MEDIA_TYPE  "application/vnd.zicha.package+zip"
#define N_UNITS             20
#define REPORTS_PER_STORE   10     /* finalizing backs the store up: keep stores small */
#define EVIDENCE_SEED       20240611
#define TARGET_PERCENT      30     /* "at least 30 % of the raw rate" */
#define MAX_ATTEMPTS        50     /* per package */
#define RETRY_PAUSE_US      20000
#define CLIENT_TIMEOUT_S    60
#define START_TIMEOUT_MS    20000
#define STOP_TIMEOUT_MS     10000

typedef struct
{
  const char *name;
  guint       n_clients;
  guint       n_packages;
  gsize       evidence_size;
  guint       n_blocks;
} BenchConfig;

static const BenchConfig full_config = {
  .name = "full",
  .n_clients = 8,
  .n_packages = 2000,
  .evidence_size = 200 * 1024,
  .n_blocks = 4,
};

static const BenchConfig quick_config = {
  .name = "quick",
  .n_clients = 2,
  .n_packages = 100,
  .evidence_size = 200 * 1024,
  .n_blocks = 2,
};

typedef struct
{
  char *uscc;
  char *name;
  char *token;
} Unit;

typedef struct
{
  char   *path;
  char   *uuid;
  char   *digest;
  guint   unit;
  gsize   size;
} Package;

typedef struct
{
  guint8  *accepted;        /* per package: 201 with its receipt */
  guint8  *already;         /* per package: 200 */
} Results;

static Unit units[N_UNITS];

/* Helpers ------------------------------------------------------------------- */

static const char *
pass_or_miss (double platform_rate,
              double raw_rate)
{
  return platform_rate * 100.0 >= raw_rate * TARGET_PERCENT ? "PASS" : "MISS";
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

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default main context until *done or @timeout_ms. */
static gboolean
wait_for (gboolean *done,
          guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *done;
}

/* A valid 统一社会信用代码 (GB 32100): 12 + 350200 + an organization code
 * with its GB 11714 check + the MOD 31 check character. */
static char *
make_uscc (guint n)
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const guint org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  static const guint weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  char code[19];
  guint sum = 0;
  guint check;

  g_snprintf (code, sizeof code, "12350200%08u", 51730000 + n * 7919);
  for (guint i = 0; i < 8; i++)
    sum += (guint) (code[8 + i] - '0') * org_weights[i];
  check = 11 - sum % 11;
  code[16] = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);

  sum = 0;
  for (guint i = 0; i < 17; i++)
    sum += (guint) (strchr (charset, code[i]) - charset) * weights[i];
  code[17] = charset[(31 - sum % 31) % 31];
  code[18] = '\0';
  return g_strdup (code);
}

/* The zicha-platform server ------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  char        *url;        /* "http://127.0.0.1:PORT" */
} Server;

static void
child_setup (gpointer user_data)
{
  /* Never a server left behind, whatever happens to the benchmark. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs an admin command; its standard output, or NULL. */
static char *
platform_command (GError     **error,
                  const char  *first,
                  ...) G_GNUC_NULL_TERMINATED;

static char *
platform_command (GError     **error,
                  const char  *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) ZICHA_PLATFORM_PATH);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, child_setup, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "zicha-platform %s: ", first);
      g_free (out);
      return NULL;
    }
  return out;
}

typedef struct
{
  gboolean  done;
  char     *line;
} LineRead;

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  read->done = TRUE;
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static void
server_stop (Server *server)
{
  gboolean done = FALSE;

  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait_async (server->process, NULL, waited_cb, &done);
      if (!wait_for (&done, STOP_TIMEOUT_MS))
        {
          g_subprocess_force_exit (server->process);
          wait_for (&done, STOP_TIMEOUT_MS);
        }
      g_clear_object (&server->process);
    }
  g_clear_pointer (&server->url, g_free);
}

static gboolean
server_start (Server      *server,
              const char  *db_path,
              GError     **error)
{
  const char *argv[] = { ZICHA_PLATFORM_PATH, "serve", "--db", db_path, "--port", "0",
                         "--address", "127.0.0.1", "--rate-limit", "0", NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  LineRead read = { FALSE, NULL };

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (server->process == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  if (!wait_for (&read.done, START_TIMEOUT_MS) || read.line == NULL ||
      !g_str_has_prefix (read.line, "listening on http://127.0.0.1:"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "zicha-platform serve did not say where it listens");
      g_free (read.line);
      server_stop (server);
      return FALSE;
    }

  server->url = g_strdup (read.line + strlen ("listening on "));
  g_free (read.line);
  return TRUE;
}

/* "VmHWM" (peak resident set) of the server, in KiB, or 0. */
static guint64
server_status_kib (Server     *server,
                   const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_autofree char *key = g_strconcat (field, ":", NULL);
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, key)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (key), NULL, 10);
}

/* CPU time (user + system) the server used so far, in seconds, or 0:
 * fields 14 and 15 of /proc/PID/stat, after the command's ")". */
static double
server_cpu_s (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_command;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_command = strrchr (text, ')')) == NULL)
    return 0;
  /* fields[0] is the state, field 3 of the file. */
  fields = g_strsplit (after_command + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* CPU time (user + system) of this process so far, in seconds: while the
 * uploads run, that of the client threads. */
static double
own_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Packages ------------------------------------------------------------------ */

static gboolean
set_text (ZichaStore  *store,
          const char  *uuid,
          const char  *path,
          const char  *text,
          GError     **error)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, text);
  return zicha_store_set_value (store, uuid, path, NULL, value, error);
}

static GBytes *
random_evidence (GRand *rand,
                 gsize  size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 word = g_rand_int (rand);

      memcpy (data + i, &word, MIN (4, size - i));
    }
  return g_bytes_new_take (data, size);
}

/* The demo report as a draft package: every store starts from it. */
static char *
export_template (ZichaForm   *form,
                 const char  *dir,
                 GError     **error)
{
  g_autofree char *store_path = g_build_filename (dir, "template", "zicha.db", NULL);
  g_autofree char *store_dir = g_path_get_dirname (store_path);
  g_autofree char *package_path = g_build_filename (dir, "template.zicha", NULL);
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) report = NULL;

  g_mkdir_with_parents (store_dir, 0700);
  store = zicha_store_open (store_path, error);
  if (store == NULL)
    return NULL;
  report = zicha_demo_create_report (store, form, error);
  if (report == NULL ||
      !zicha_package_export (store, form, zicha_report_get_uuid (report), NULL, NULL, package_path, error))
    return NULL;

  g_clear_object (&store);
  bench_remove_tree (store_dir);
  return g_steal_pointer (&package_path);
}

/* Reports first..last-1 of one unit in a store of their own: the template
 * moved to the unit, then for each a copy with its own evidence,
 * finalized (validated) and exported. */
static gboolean
make_store_packages (const BenchConfig  *config,
                     ZichaForm          *form,
                     const char         *dir,
                     const char         *template_path,
                     guint               store_index,
                     Package            *packages,
                     guint               first,
                     guint               last,
                     GRand              *rand,
                     GError            **error)
{
  g_autofree char *store_dir = g_strdup_printf ("%s/store-%04u", dir, store_index);
  g_autofree char *store_path = g_build_filename (store_dir, "zicha.db", NULL);
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaReport) template = NULL;
  Unit *unit = &units[store_index % N_UNITS];
  const char *template_uuid;

  g_mkdir_with_parents (store_dir, 0700);
  store = zicha_store_open (store_path, error);
  if (store == NULL)
    return FALSE;
  zicha_store_set_author (store, "bench");

  template = zicha_package_import (store, form, template_path, error);
  if (template == NULL)
    return FALSE;
  template_uuid = zicha_report_get_uuid (template);
  if (!zicha_store_set_unit (store, template_uuid, unit->name, unit->uscc, error) ||
      !set_text (store, template_uuid, "basic.uscc", unit->uscc, error) ||
      !set_text (store, template_uuid, "basic.unit_name", unit->name, error) ||
      !set_text (store, template_uuid, "header.unit_name", unit->name, error))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      Package *package = &packages[i];
      g_autoptr(ZichaReport) report = NULL;
      g_autoptr(ZichaReportSession) session = NULL;
      g_autoptr(GBytes) evidence = random_evidence (rand, config->evidence_size);
      g_autofree char *attachment = NULL;
      g_autofree char *file_name = g_strdup_printf ("等级测评报告-%04u.pdf", i);
      GStatBuf st;

      report = zicha_store_copy_report (store, template_uuid, zicha_report_get_year (template), NULL, error);
      if (report == NULL)
        return FALSE;
      attachment = zicha_store_attach_bytes (store, zicha_report_get_uuid (report), "work.organization", NULL,
                                             file_name, "application/pdf", evidence, error);
      if (attachment == NULL)
        return FALSE;
      session = zicha_report_session_new (store, form, report);
      if (!zicha_report_session_finalize (session, NULL, error))
        return FALSE;

      package->path = g_strdup_printf ("%s/packages/%04u.zicha", dir, i);
      package->uuid = g_strdup (zicha_report_get_uuid (report));
      package->unit = store_index % N_UNITS;
      if (!zicha_package_export_full (store, form, package->uuid, NULL, NULL, package->path,
                                      &package->digest, error))
        return FALSE;
      if (g_stat (package->path, &st) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: not written", package->path);
          return FALSE;
        }
      package->size = (gsize) st.st_size;
    }

  g_clear_object (&store);
  bench_remove_tree (store_dir);
  return TRUE;
}

static gboolean
make_packages (const BenchConfig  *config,
               ZichaForm          *form,
               const char         *dir,
               Package            *packages,
               GError            **error)
{
  g_autofree char *packages_dir = g_build_filename (dir, "packages", NULL);
  g_autofree char *template_path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (EVIDENCE_SEED);
  guint n_stores = (config->n_packages + REPORTS_PER_STORE - 1) / REPORTS_PER_STORE;

  g_mkdir_with_parents (packages_dir, 0700);
  template_path = export_template (form, dir, error);
  if (template_path == NULL)
    return FALSE;

  for (guint s = 0; s < n_stores; s++)
    {
      guint first = s * REPORTS_PER_STORE;
      guint last = MIN (first + REPORTS_PER_STORE, config->n_packages);

      if (!make_store_packages (config, form, dir, template_path, s, packages, first, last, rand, error))
        return FALSE;
    }
  return TRUE;
}

/* Raw SQLite ---------------------------------------------------------------- */

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *begin;
  sqlite3_stmt *insert;
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

static gboolean
raw_exec (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return raw_fail (db, sql, error);
  return TRUE;
}

static void
raw_close (RawDb *raw)
{
  sqlite3_finalize (raw->begin);
  sqlite3_finalize (raw->insert);
  sqlite3_finalize (raw->commit);
  sqlite3_close (raw->db);
  memset (raw, 0, sizeof *raw);
}

/* The platform's settings (docs/platform-api.md): WAL, synchronous=FULL,
 * prepared statements reused, one transaction per package. */
static gboolean
raw_open (RawDb       *raw,
          const char  *path,
          GError     **error)
{
  if (sqlite3_open (path, &raw->db) != SQLITE_OK)
    return raw_fail (raw->db, path, error);
  if (!raw_exec (raw->db, "PRAGMA journal_mode = WAL", error) ||
      !raw_exec (raw->db, "PRAGMA synchronous = FULL", error) ||
      !raw_exec (raw->db,
                 "CREATE TABLE blobs (id INTEGER PRIMARY KEY, report_uuid TEXT NOT NULL UNIQUE,"
                 " digest TEXT NOT NULL, package BLOB NOT NULL)", error))
    return FALSE;
  if (sqlite3_prepare_v2 (raw->db, "BEGIN IMMEDIATE", -1, &raw->begin, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw->db, "INSERT INTO blobs (report_uuid, digest, package) VALUES (?, ?, ?)", -1,
                          &raw->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (raw->db, "COMMIT", -1, &raw->commit, NULL) != SQLITE_OK)
    return raw_fail (raw->db, "prepare", error);
  return TRUE;
}

static gboolean
raw_step (RawDb         *raw,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return raw_fail (raw->db, sqlite3_sql (stmt), error);
  return TRUE;
}

/* The package's bytes as the platform gets them, mapped from its file. */
static gboolean
raw_insert (RawDb          *raw,
            const Package  *package,
            GError        **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (package->path, FALSE, error);
  gboolean ok;

  if (mapped == NULL)
    return FALSE;

  if (!raw_step (raw, raw->begin, error))
    return FALSE;
  sqlite3_bind_text (raw->insert, 1, package->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (raw->insert, 2, package->digest, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (raw->insert, 3, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                       SQLITE_STATIC);
  ok = raw_step (raw, raw->insert, error) && raw_step (raw, raw->commit, error);
  sqlite3_clear_bindings (raw->insert);
  if (!ok)
    sqlite3_exec (raw->db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* Uploads ------------------------------------------------------------------- */

typedef struct
{
  const Package *packages;
  guint          n_packages;
  Results       *results;
  const char    *base_url;
  guint          first;       /* this block */
  guint          last;
  gint          *next;        /* the shared queue: next package to send */

  /* Per client, merged by the caller. */
  GArray        *latencies;   /* ms of each PUT answered 200/201 (double) */
  guint          n_retries;   /* transient answers and network errors */
  guint          n_503;
  GString       *failures;
} Client;

static gboolean
receipt_matches (GBytes        *body,
                 const Package *package)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *receipt;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  receipt = json_object_get_object_member (json_node_get_object (root), "receipt");
  return receipt != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (receipt, "digest", NULL), package->digest) == 0 &&
         g_strcmp0 (json_object_get_string_member_with_default (receipt, "report_uuid", NULL), package->uuid) == 0;
}

/* libsoup resends an idempotent request by itself when the kept-alive
 * connection closed before any answer, and clears its body when it does. */
static void
restarted_cb (SoupMessage *message,
              gpointer     user_data)
{
  soup_message_set_request_body_from_bytes (message, PACKAGE_MEDIA_TYPE, user_data);
}

/* One package, retried on transient answers (bounded). */
static void
upload_one (Client      *client,
            SoupSession *session,
            guint        index)
{
  const Package *package = &client->packages[index];
  g_autofree char *url = g_strdup_printf ("%s/api/v1/reports/%s", client->base_url, package->uuid);
  g_autofree char *authorization = g_strconcat ("Bearer ", units[package->unit].token, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (package->path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (mapped == NULL)
    {
      g_string_append_printf (client->failures, "%s: %s\n", package->path, error->message);
      return;
    }
  bytes = g_mapped_file_get_bytes (mapped);

  for (guint attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("PUT", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) send_error = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (message);
      double start, elapsed;
      guint status;

      soup_message_headers_replace (headers, "Authorization", authorization);
      soup_message_headers_replace (headers, "X-Zicha-Digest", package->digest);
      soup_message_set_request_body_from_bytes (message, PACKAGE_MEDIA_TYPE, bytes);
      g_signal_connect (message, "restarted", G_CALLBACK (restarted_cb), bytes);

      start = bench_now_us ();
      body = soup_session_send_and_read (session, message, NULL, &send_error);
      elapsed = (bench_now_us () - start) / 1000.0;
      status = soup_message_get_status (message);

      if (body != NULL && (status == SOUP_STATUS_CREATED || status == SOUP_STATUS_OK))
        {
          if (!receipt_matches (body, package))
            {
              g_string_append_printf (client->failures, "%s: %u with a receipt for something else\n",
                                      package->uuid, status);
              return;
            }
          g_array_append_val (client->latencies, elapsed);
          if (status == SOUP_STATUS_CREATED)
            client->results->accepted[index] = 1;
          else
            client->results->already[index] = 1;
          return;
        }

      /* Transient, as the client treats them: retry at once (a short
       * pause, not Retry-After: this measures throughput). */
      if (body == NULL || status == 429 || status >= 500)
        {
          client->n_retries++;
          if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
            client->n_503++;
          g_usleep (RETRY_PAUSE_US);
          continue;
        }

      g_string_append_printf (client->failures, "%s: refused with %u: %.*s\n", package->uuid, status,
                              (int) MIN (g_bytes_get_size (body), 300), (const char *) g_bytes_get_data (body, NULL));
      return;
    }

  g_string_append_printf (client->failures, "%s: no answer after %u attempts\n", package->uuid, MAX_ATTEMPTS);
}

static gpointer
client_thread (gpointer user_data)
{
  Client *client = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;

  /* Its own session, made and used in this thread. */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", CLIENT_TIMEOUT_S, "idle-timeout", CLIENT_TIMEOUT_S,
                                           "max-conns-per-host", 1, NULL);
  for (;;)
    {
      guint index = client->first + (guint) g_atomic_int_add (client->next, 1);

      if (index >= client->last)
        break;
      upload_one (client, session, index);
    }
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* The block's packages through @n_clients concurrent clients; its
 * duration in seconds. */
static double
upload_block (Client *clients,
              guint   n_clients,
              guint   first,
              guint   last)
{
  g_autofree GThread **threads = g_new0 (GThread *, n_clients);
  gint next = 0;
  double start = bench_now_s ();

  for (guint c = 0; c < n_clients; c++)
    {
      clients[c].first = first;
      clients[c].last = last;
      clients[c].next = &next;
      threads[c] = g_thread_new ("bench-client", client_thread, &clients[c]);
    }
  for (guint c = 0; c < n_clients; c++)
    g_thread_join (threads[c]);
  return bench_now_s () - start;
}

/* Nothing lost: list-submissions names every package once, with its
 * digest and unit. Returns the number found as sent. */
static guint
check_submissions (const char     *db_path,
                   const Package  *packages,
                   guint           n_packages,
                   guint          *n_lines,
                   GError        **error)
{
  g_autofree char *out = platform_command (error, "list-submissions", "--db", db_path, NULL);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = NULL;
  guint found = 0;

  *n_lines = 0;
  if (out == NULL)
    return 0;

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (*lines[i] == '\0')
        continue;
      (*n_lines)++;
      if (g_strv_length (fields) != 4)
        continue;
      g_hash_table_replace (listed, g_strdup (fields[1]), g_strdup_printf ("%s %s", fields[0], fields[2]));
    }

  for (guint i = 0; i < n_packages; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s %s", units[packages[i].unit].uscc, packages[i].digest);

      if (g_strcmp0 (g_hash_table_lookup (listed, packages[i].uuid), expected) == 0)
        found++;
    }
  return found;
}

/* The run ------------------------------------------------------------------- */

static gboolean
bench_platform (const BenchConfig  *config,
                const char         *dir,
                gboolean           *lost,
                GError            **error)
{
  g_autoptr(ZichaForm) form = NULL;
  g_autofree char *platform_db = g_build_filename (dir, "platform.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "raw.db", NULL);
  g_autofree Package *packages = g_new0 (Package, config->n_packages);
  g_autofree Client *clients = g_new0 (Client, config->n_clients);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Results results = { NULL, NULL };
  Server server = { NULL, NULL };
  RawDb raw = { NULL, };
  double start, prepare_s, upload_s = 0, raw_s = 0;
  double upload_rate, raw_rate;
  double server_cpu_total = 0, client_cpu_total = 0;
  guint64 total_bytes = 0;
  guint64 peak_kib, rss_kib;
  guint n_accepted = 0, n_already = 0, n_retries = 0, n_503 = 0, n_found, n_lines;
  guint block_size = (config->n_packages + config->n_blocks - 1) / config->n_blocks;
  gboolean ok = FALSE;

  *lost = FALSE;
  form = bench_load_default_form ("bench-platform", NULL);
  if (form == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no form");
      return FALSE;
    }

  /* Units, then the server. */
  for (guint u = 0; u < N_UNITS; u++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;

      units[u].uscc = make_uscc (u);
      units[u].name = g_strdup_printf ("某某市第%u中学", u + 1);
      out = platform_command (error, "add-unit", "--db", platform_db, units[u].uscc, units[u].name, NULL);
      if (out == NULL)
        return FALSE;
      lines = g_strsplit (g_strchomp (out), "\n", -1);
      units[u].token = g_strdup (lines[g_strv_length (lines) - 1]);
    }

  /* Packages, untimed. */
  start = bench_now_s ();
  if (!make_packages (config, form, dir, packages, error))
    goto out;
  prepare_s = bench_now_s () - start;
  for (guint i = 0; i < config->n_packages; i++)
    total_bytes += packages[i].size;

  printf ("# %u packages (%u units), %.0f KiB on average (demo report + %" G_GSIZE_FORMAT " KiB evidence),\n"
          "# made and exported in %.1f s (not timed)\n",
          config->n_packages, N_UNITS, total_bytes / 1024.0 / config->n_packages, config->evidence_size / 1024,
          prepare_s);
  fflush (stdout);

  if (!server_start (&server, platform_db, error) || !raw_open (&raw, raw_path, error))
    goto out;
  printf ("# zicha-platform (pid %s) on %s, --rate-limit 0; %u concurrent clients, %u alternating blocks\n",
          g_subprocess_get_identifier (server.process), server.url, config->n_clients, config->n_blocks);
  fflush (stdout);

  results.accepted = g_new0 (guint8, config->n_packages);
  results.already = g_new0 (guint8, config->n_packages);
  for (guint c = 0; c < config->n_clients; c++)
    {
      clients[c].packages = packages;
      clients[c].n_packages = config->n_packages;
      clients[c].results = &results;
      clients[c].base_url = server.url;
      clients[c].latencies = g_array_new (FALSE, FALSE, sizeof (double));
      clients[c].failures = g_string_new (NULL);
    }

  for (guint b = 0; b < config->n_blocks; b++)
    {
      guint first = b * block_size;
      guint last = MIN (first + block_size, config->n_packages);
      double block_upload = 0, block_raw = 0;

      if (first >= last)
        break;

      for (guint k = 0; k < 2; k++)
        {
          if ((b + k) % 2 == 0)
            {
              double server_cpu = server_cpu_s (&server);
              double client_cpu = own_cpu_s ();

              block_upload = upload_block (clients, config->n_clients, first, last);
              upload_s += block_upload;
              server_cpu_total += server_cpu_s (&server) - server_cpu;
              client_cpu_total += own_cpu_s () - client_cpu;
            }
          else
            {
              double t = bench_now_s ();

              for (guint i = first; i < last; i++)
                if (!raw_insert (&raw, &packages[i], error))
                  goto out;
              block_raw = bench_now_s () - t;
              raw_s += block_raw;
            }
        }
      printf ("block %u: %4u packages  platform %7.1f /s  raw %7.1f /s\n", b + 1, last - first,
              (last - first) / block_upload, (last - first) / block_raw);
      fflush (stdout);
    }

  peak_kib = server_status_kib (&server, "VmHWM");
  rss_kib = server_status_kib (&server, "VmRSS");
  server_stop (&server);

  for (guint c = 0; c < config->n_clients; c++)
    {
      g_array_append_vals (latencies, clients[c].latencies->data, clients[c].latencies->len);
      n_retries += clients[c].n_retries;
      n_503 += clients[c].n_503;
      if (clients[c].failures->len > 0)
        fprintf (stderr, "%s", clients[c].failures->str);
    }
  for (guint i = 0; i < config->n_packages; i++)
    {
      n_accepted += results.accepted[i];
      n_already += results.already[i];
    }
  n_found = check_submissions (platform_db, packages, config->n_packages, &n_lines, error);
  if (n_found == 0 && error != NULL && *error != NULL)
    goto out;

  upload_rate = config->n_packages / upload_s;
  raw_rate = config->n_packages / raw_s;
  printf ("\n## %u packages, %.1f MiB in all\n", config->n_packages, total_bytes / 1048576.0);
  printf ("# platform: PUT /api/v1/reports/{uuid} from %u client threads (a SoupSession each,\n"
          "#           one PUT in flight each); the server verifies every package and stores it\n"
          "#           with its receipt (WAL, synchronous=FULL, one transaction)\n", config->n_clients);
  printf ("# raw:      INSERT of the same package bytes into one SQLite table, one transaction\n"
          "#           each (BEGIN IMMEDIATE; INSERT; COMMIT), WAL, synchronous=FULL, one thread\n");
  printf ("platform accepted:          %8.1f packages/s  (%.1f MiB/s)\n", upload_rate,
          total_bytes / 1048576.0 / upload_s);
  if (latencies->len > 0)
    {
      printf ("platform PUT latency p50:   %8.1f ms\n", bench_percentile (latencies, 0, latencies->len, 50));
      printf ("platform PUT latency p99:   %8.1f ms\n", bench_percentile (latencies, 0, latencies->len, 99));
    }
  printf ("platform retries:           %8u  (%u of them 503 at the server's upload limit)\n", n_retries, n_503);
  printf ("platform server CPU:        %8.2f ms per package  (%.2f of %u cores while uploading)\n",
          1000.0 * server_cpu_total / config->n_packages, server_cpu_total / upload_s, g_get_num_processors ());
  printf ("client threads CPU:         %8.2f ms per package  (%.2f cores)\n",
          1000.0 * client_cpu_total / config->n_packages, client_cpu_total / upload_s);
  printf ("platform server peak RSS:   %8.1f MiB  (VmHWM; %.1f MiB resident at the end)\n", peak_kib / 1024.0,
          rss_kib / 1024.0);
  printf ("raw SQLite inserts:         %8.1f blobs/s     (%.1f MiB/s)\n", raw_rate, total_bytes / 1048576.0 / raw_s);
  printf ("ratio platform/raw:         %8.1f %%\n", 100.0 * upload_rate / raw_rate);
  printf ("target platform at least %d%% of raw: %s\n", TARGET_PERCENT, pass_or_miss (upload_rate, raw_rate));
  printf ("accepted with a receipt:    %8u of %u  (201: %u, 200: %u)\n", n_accepted + n_already,
          config->n_packages, n_accepted, n_already);
  printf ("list-submissions:           %8u lines, %u of %u packages listed with their unit and digest\n",
          n_lines, n_found, config->n_packages);

  *lost = n_accepted + n_already != config->n_packages || n_found != config->n_packages ||
          n_lines != config->n_packages;
  printf ("nothing lost: %s\n", *lost ? "NO" : "yes");
  ok = TRUE;

out:
  server_stop (&server);
  raw_close (&raw);
  for (guint c = 0; c < config->n_clients; c++)
    {
      g_clear_pointer (&clients[c].latencies, g_array_unref);
      if (clients[c].failures != NULL)
        g_string_free (clients[c].failures, TRUE);
    }
  for (guint i = 0; i < config->n_packages; i++)
    {
      g_free (packages[i].path);
      g_free (packages[i].uuid);
      g_free (packages[i].digest);
    }
  for (guint u = 0; u < N_UNITS; u++)
    {
      g_clear_pointer (&units[u].uscc, g_free);
      g_clear_pointer (&units[u].name, g_free);
      g_clear_pointer (&units[u].token, g_free);
    }
  g_free (results.accepted);
  g_free (results.already);
  return ok;
}

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
  gboolean lost = FALSE;
  int n_clients = 0;
  int n_packages = 0;
  BenchConfig config;
  gboolean ok;
  double start;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Fewer packages and clients, as a smoke test", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the files afterwards", NULL },
    { "clients", 'c', 0, G_OPTION_ARG_INT, &n_clients, "Concurrent clients (1–64)", "N" },
    { "packages", 'n', 0, G_OPTION_ARG_INT, &n_packages, "Packages to upload (1–100000)", "N" },
    { NULL }
  };

  context = g_option_context_new ("— deliveries to zicha-platform on loopback against raw SQLite");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-platform: %s\n", error->message);
      return 2;
    }

  config = quick ? quick_config : full_config;
  if (n_clients != 0)
    config.n_clients = (guint) CLAMP (n_clients, 1, 64);
  if (n_packages != 0)
    config.n_packages = (guint) CLAMP (n_packages, 1, 100000);
  config.n_blocks = MIN (config.n_blocks, config.n_packages);

  dir = g_dir_make_tmp ("zicha-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-platform: %s\n", error->message);
      return 1;
    }
  fs = filesystem_type (dir);

  printf ("# Zicha platform benchmark (%s run)\n", config.name);
  printf ("# SQLite %s, libsoup %u.%u.%u; files in %s (%s)\n", sqlite3_libversion (),
          soup_get_major_version (), soup_get_minor_version (), soup_get_micro_version (), dir, fs);
  printf ("# The platform's rate is compared with raw SQLite inserts of the same bytes measured\n"
          "# in the same run on the same file system: read the ratio, not the absolute rates.\n");
  if (g_strcmp0 (fs, "tmpfs") == 0 || g_strcmp0 (fs, "ramfs") == 0)
    printf ("# WARNING: %s ignores fsync, so synchronous=FULL costs nothing here;\n"
            "# set TMPDIR to a directory on a real disk.\n", fs);
  fflush (stdout);

  start = bench_now_s ();
  ok = bench_platform (&config, dir, &lost, &error);
  printf ("\n# total time: %.1f s\n", bench_now_s () - start);

  if (keep)
    printf ("# files kept in %s\n", dir);
  else
    bench_remove_tree (dir);

  if (!ok)
    {
      fprintf (stderr, "bench-platform: %s\n", error != NULL ? error->message : "failed");
      return 1;
    }
  if (lost)
    {
      fprintf (stderr, "bench-platform: packages were lost (see above)\n");
      return 1;
    }
  return 0;
}
