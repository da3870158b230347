/* test-delivery-faults.c — 200 reports from 20 units through a faulty network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 8's fault-injection acceptance test, on 127.0.0.1 only:
 *
 *   20 × (client store + ZichaSync) → fault proxy (this process) → zicha-platform
 *
 * The proxy (fault-proxy.c) drops connections before and after
 * forwarding, holds requests up to 2 s, answers 500/502/503 itself and
 * cuts answers in half, chosen per request by a seeded GRand. The real
 * server is restarted twice while deliveries are in flight: once with
 * SIGTERM, once with SIGKILL, each time on the same database and a new
 * port (the proxy's upstream follows it). Each client runs sync passes
 * (ZICHA_SYNC_RUN_DUE, backoff of 1–2 s) until its outbox is empty.
 *
 * At the end every client must hold a receipt for each of its 10 reports,
 * and `zicha-platform list-submissions` must list exactly the 200 reports,
 * each once, under its unit, with the client's digest; the stored receipt
 * must be byte for byte the one the client kept.
 *
 * The seed is printed; ZICHA_FAULT_SEED=N replays a run's choices (the
 * timing of the network and of the restarts still varies).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "fault-proxy.h"
#include "zicha-code.h"
#include "zicha-demo.h"
#include "zicha-package.h"
#include "zicha-platform-test.h"
#include "zicha-report-session.h"
#include "zicha-store.h"
#include "zicha-sync.h"
#include "zicha-test.h"
#include "zicha-token.h"

#define N_UNITS            20
#define REPORTS_PER_UNIT   10
#define N_REPORTS          (N_UNITS * REPORTS_PER_UNIT)
#define MAX_PASSES         200         /* per client */
#define DEADLINE_S         (8 * 60)    /* for the deliveries */
#define DRAIN_MS           30000       /* for the passes in flight after the deadline */
#define MIN_GAP_MS         100
#define MAX_GAP_MS         3000
#define CLIENT_TIMEOUT_S   10
#define MONITOR_MS         100
/* The restarts: SIGTERM after a quarter of the receipts, SIGKILL after
 * 60 %; each time the server stays down a moment before it comes back. */
#define RESTART_1_AT       (N_REPORTS / 4)
#define RESTART_2_AT       (N_REPORTS * 3 / 5)
#define RESTART_FALLBACK_S 30
#define MIN_DOWN_MS        200
#define MAX_DOWN_MS        1200

typedef struct
{
  guint       index;
  char       *uscc;
  char       *name;
  char       *token;
  ZichaStore *store;
  ZichaSync  *sync;
  char       *uuids[REPORTS_PER_UNIT];
  char       *digests[REPORTS_PER_UNIT];

  guint       passes;
  guint       timer_id;
  gboolean    busy;
  gboolean    done;        /* outbox empty, or nothing left to retry */
  guint       n_receipts;  /* DELIVERED + ALREADY_DELIVERED outcomes */
  guint       n_already;
  guint       n_waiting;
  guint       n_failed;
} Client;

typedef struct
{
  gint64   started;        /* monotonic µs */
  gboolean stopping;
  guint    n_restarts;
  gboolean down;
  guint    restart_timer;
  guint    receipts_at_restart[2];
  double   restart_at_s[2];
  guint    down_ms[2];
  GHashTable *codes;       /* outcome code → count (WAITING and FAILED) */
} Run;

static char *tmpdir;
static char *platform_db;
static ZichaForm *form;
static ZichaTestPlatform *platform;
static FaultProxy *proxy;
static Client clients[N_UNITS];
static GRand *fault_rand;
static guint32 seed;
static Run run;

/* The server's pid, for SIGKILL and for the crash handler: a test that
 * dies must not leave a server behind. */
static volatile sig_atomic_t platform_pid;

static void
crash_handler (int signum)
{
  pid_t pid = (pid_t) platform_pid;

  if (pid > 0)
    kill (pid, SIGKILL);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
install_crash_handler (void)
{
  static const int signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTERM, SIGINT };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    signal (signals[i], crash_handler);
}

/* The zicha-platform child of this process (ZichaTestPlatform keeps its
 * GSubprocess to itself): from /proc, by parent and name. 0 if none. */
static pid_t
find_platform_pid (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  pid_t self = getpid ();
  pid_t found = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *stat = NULL;
      const char *open, *close;
      int ppid = 0;
      char state;

      if (!g_ascii_isdigit (*name))
        continue;
      path = g_build_filename ("/proc", name, "stat", NULL);
      if (!g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      open = strchr (stat, '(');
      close = strrchr (stat, ')');
      if (open == NULL || close == NULL || close < open)
        continue;
      if (sscanf (close + 1, " %c %d", &state, &ppid) != 2 || ppid != self || state == 'Z')
        continue;
      if ((gsize) (close - open - 1) == strlen ("zicha-platform") &&
          strncmp (open + 1, "zicha-platform", strlen ("zicha-platform")) == 0)
        found = (pid_t) atoi (name);
    }

  return found;
}

static gboolean
start_platform (void)
{
  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return FALSE;
  platform_pid = find_platform_pid ();
  return platform_pid > 0;
}

static void
stop_platform (gboolean kill_it)
{
  if (kill_it && platform_pid > 0)
    kill ((pid_t) platform_pid, SIGKILL);
  /* SIGTERM, SIGKILL after a bounded wait; reaps a killed one. */
  g_clear_pointer (&platform, zicha_test_platform_stop);
  platform_pid = 0;
}

/* Output of a zicha-platform admin command, or NULL. */
static char *
platform_command (const char *first,
                  ...) G_GNUC_NULL_TERMINATED;

static char *
platform_command (const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) ZICHA_PLATFORM_PATH);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("zicha-platform %s: %s\n", first, error != NULL ? error->message : "failed");
      g_free (out);
      return NULL;
    }
  return out;
}

/* Units ------------------------------------------------------------------- */

/* A valid 统一社会信用代码 (GB 32100): 12 (机构类别: 事业单位) + 350200
 * (厦门市) + a 9-character organization code with its GB 11714 MOD 11
 * check + the MOD 31 check character. */
static char *
make_uscc (guint n)
{
  static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const guint org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  static const guint weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  char code[19];
  guint sum = 0;
  guint check;

  g_snprintf (code, sizeof code, "12350200%08u", 42630000 + n * 7919);
  for (guint i = 0; i < 8; i++)
    sum += (guint) (code[8 + i] - '0') * org_weights[i];
  check = 11 - sum % 11;
  code[16] = check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);

  sum = 0;
  for (guint i = 0; i < 17; i++)
    sum += (guint) (strchr (charset, code[i]) - charset) * weights[i];
  check = (31 - sum % 31) % 31;
  code[17] = charset[check];
  code[18] = '\0';
  return g_strdup (code);
}

static void
set_text (ZichaStore *store,
          const char *uuid,
          const char *path,
          const char *text)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;

  json_node_set_string (value, text);
  if (!zicha_store_set_value (store, uuid, path, NULL, value, &error))
    g_printerr ("%s: %s\n", path, error->message);
  CU_ASSERT_PTR_NULL_FATAL (error);
}

/* Evidence that makes every report's digest its own. */
static GBytes *
random_evidence (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 word = g_rand_int (fault_rand);

      memcpy (data + i, &word, MIN (4, size - i));
    }
  return g_bytes_new_take (data, size);
}

/* The client's 10 reports: the demo, moved to this unit, and 9 copies of
 * it, each with evidence of its own, finalized (validated) and queued. */
static void
make_reports (Client *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) template = NULL;
  const char *template_uuid;

  template = zicha_demo_create_report (client->store, form, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (template);
  template_uuid = zicha_report_get_uuid (template);

  CU_ASSERT_FATAL (zicha_store_set_unit (client->store, template_uuid, client->name, client->uscc, &error));
  set_text (client->store, template_uuid, "basic.uscc", client->uscc);
  set_text (client->store, template_uuid, "basic.unit_name", client->name);
  set_text (client->store, template_uuid, "header.unit_name", client->name);

  for (guint r = 0; r < REPORTS_PER_UNIT; r++)
    {
      g_autoptr(ZichaReport) report = NULL;
      g_autoptr(ZichaReport) finalized = NULL;
      g_autoptr(ZichaReportSession) session = NULL;
      g_autoptr(GBytes) evidence = random_evidence (4096 + (gsize) g_rand_int_range (fault_rand, 0, 28 * 1024));
      g_autofree char *file_name = g_strdup_printf ("自查记录-%02u-%02u.bin", client->index, r);
      g_autofree char *attachment = NULL;
      const char *uuid;

      if (r == 0)
        report = g_object_ref (template);
      else
        report = zicha_store_copy_report (client->store, template_uuid, zicha_report_get_year (template), NULL,
                                          &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (report);
      uuid = zicha_report_get_uuid (report);

      attachment = zicha_store_attach_bytes (client->store, uuid, "work.organization", NULL, file_name,
                                             "application/octet-stream", evidence, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (attachment);

      session = zicha_report_session_new (client->store, form, report);
      if (!zicha_report_session_finalize (session, NULL, &error))
        g_printerr ("finalize: %s\n", error->message);
      CU_ASSERT_PTR_NULL_FATAL (error);

      finalized = zicha_store_get_report (client->store, uuid, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (finalized);
      CU_ASSERT_EQUAL_FATAL (zicha_report_get_state (finalized), ZICHA_REPORT_FINALIZED);
      ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_code (finalized), client->uscc);
      client->uuids[r] = g_strdup (uuid);
      client->digests[r] = g_strdup (zicha_report_get_digest (finalized));
      CU_ASSERT_FATAL (client->digests[r] != NULL && strlen (client->digests[r]) == 64);

      CU_ASSERT_FATAL (zicha_store_enqueue_report (client->store, uuid, &error));
    }
}

/* Suite --------------------------------------------------------------------- */

static int
suite_init (void)
{
  g_autofree char *path = zicha_form_default_path ();
  const char *seed_text = g_getenv ("ZICHA_FAULT_SEED");

  install_crash_handler ();
  /* Never the user's keyring. */
  g_unsetenv (ZICHA_TOKEN_ENV);

  if (seed_text != NULL && *seed_text != '\0')
    seed = (guint32) g_ascii_strtoull (seed_text, NULL, 10);
  else
    seed = g_random_int ();
  printf ("\n# ZICHA_FAULT_SEED=%u\n", seed);
  fflush (stdout);
  fault_rand = g_rand_new_with_seed (seed);

  tmpdir = zicha_test_make_tmpdir ();
  form = path != NULL ? zicha_form_new_from_file (path, NULL) : NULL;
  if (form == NULL)
    return 1;
  platform_db = g_build_filename (tmpdir, "platform.db", NULL);
  return 0;
}

static int
suite_cleanup (void)
{
  /* Whatever happened: no server left behind. */
  stop_platform (TRUE);
  g_clear_pointer (&proxy, fault_proxy_free);

  for (guint i = 0; i < N_UNITS; i++)
    {
      Client *client = &clients[i];

      g_clear_handle_id (&client->timer_id, g_source_remove);
      g_clear_object (&client->sync);
      g_clear_object (&client->store);
      g_free (client->uscc);
      g_free (client->name);
      g_free (client->token);
      for (guint r = 0; r < REPORTS_PER_UNIT; r++)
        {
          g_free (client->uuids[r]);
          g_free (client->digests[r]);
        }
    }
  memset (clients, 0, sizeof clients);

  /* Let what the cancelled forwards left behind finish. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;

  g_clear_pointer (&run.codes, g_hash_table_unref);
  g_clear_object (&form);
  g_clear_pointer (&fault_rand, g_rand_free);
  if (tmpdir != NULL)
    zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&platform_db, g_free);
  return 0;
}

/* Driving the clients ------------------------------------------------------------ */

static double
elapsed_s (void)
{
  return (g_get_monotonic_time () - run.started) / 1e6;
}

static guint
total_receipts (void)
{
  guint n = 0;

  for (guint i = 0; i < N_UNITS; i++)
    n += clients[i].n_receipts;
  return n;
}

static void
count_code (const char *code)
{
  gpointer count = g_hash_table_lookup (run.codes, code != NULL ? code : "(none)");

  g_hash_table_insert (run.codes, g_strdup (code != NULL ? code : "(none)"),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

static void
report_changed_cb (ZichaSync        *sync,
                   ZichaSyncOutcome *outcome,
                   gpointer          user_data)
{
  Client *client = user_data;

  switch (outcome->status)
    {
    case ZICHA_SYNC_STATUS_DELIVERED:
      client->n_receipts++;
      break;
    case ZICHA_SYNC_STATUS_ALREADY_DELIVERED:
      client->n_receipts++;
      client->n_already++;
      break;
    case ZICHA_SYNC_STATUS_WAITING:
      client->n_waiting++;
      count_code (outcome->code);
      break;
    case ZICHA_SYNC_STATUS_FAILED:
      client->n_failed++;
      count_code (outcome->code);
      g_printerr ("unit %u: %s failed for good: %d %s: %s\n", client->index, outcome->report_uuid,
                  outcome->http_status, outcome->code, outcome->message);
      break;
    case ZICHA_SYNC_STATUS_QUEUED:
    case ZICHA_SYNC_STATUS_SENDING:
    default:
      break;
    }
}

static void start_pass (Client *client);

static gboolean
pass_timer_cb (gpointer user_data)
{
  Client *client = user_data;

  client->timer_id = 0;
  start_pass (client);
  return G_SOURCE_REMOVE;
}

static void
pass_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = zicha_sync_run_finish (ZICHA_SYNC (source), result, &error);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait_ms;

  client->busy = FALSE;
  if (outcomes == NULL)
    g_printerr ("unit %u: pass: %s\n", client->index, error->message);

  outbox = zicha_store_list_outbox (client->store, &error);
  if (outbox != NULL && outbox->len == 0)
    {
      client->done = TRUE;
      return;
    }

  next = zicha_store_get_next_due (client->store, NULL);
  if (next == NULL)
    {
      /* Queued, but nothing will be retried: failed for good. */
      client->done = TRUE;
      return;
    }

  if (run.stopping || client->passes >= MAX_PASSES)
    return;

  now = g_date_time_new_now_utc ();
  wait_ms = g_date_time_difference (next, now) / 1000;
  wait_ms = CLAMP (wait_ms, MIN_GAP_MS, MAX_GAP_MS);
  client->timer_id = g_timeout_add ((guint) wait_ms, pass_timer_cb, client);
}

static void
start_pass (Client *client)
{
  if (run.stopping || client->passes >= MAX_PASSES)
    return;

  client->passes++;
  client->busy = TRUE;
  zicha_sync_run_async (client->sync, ZICHA_SYNC_RUN_DUE, NULL, pass_done_cb, client);
}

/* Restarts ------------------------------------------------------------------- */

static gboolean
come_back_cb (gpointer user_data)
{
  run.restart_timer = 0;
  if (!start_platform ())
    {
      g_printerr ("the platform did not come back\n");
      run.stopping = TRUE;
      return G_SOURCE_REMOVE;
    }
  fault_proxy_set_upstream (proxy, zicha_test_platform_get_url (platform));
  run.down = FALSE;
  printf ("# %6.1f s  platform back on %s\n", elapsed_s (), zicha_test_platform_get_url (platform));
  fflush (stdout);
  return G_SOURCE_REMOVE;
}

static void
restart (gboolean kill_it)
{
  guint n = run.n_restarts++;

  run.receipts_at_restart[n] = total_receipts ();
  run.restart_at_s[n] = elapsed_s ();
  run.down_ms[n] = (guint) g_rand_int_range (fault_rand, MIN_DOWN_MS, MAX_DOWN_MS + 1);
  printf ("# %6.1f s  %s the platform with %u receipts, %u requests in the proxy; down for %u ms\n",
          run.restart_at_s[n], kill_it ? "SIGKILL to" : "SIGTERM to", run.receipts_at_restart[n],
          fault_proxy_get_n_in_flight (proxy), run.down_ms[n]);
  fflush (stdout);

  /* The proxy keeps the old address: connections are refused (502)
   * until the server is back. */
  run.down = TRUE;
  stop_platform (kill_it);
  run.restart_timer = g_timeout_add (run.down_ms[n], come_back_cb, NULL);
}

static gboolean
monitor_cb (gpointer user_data)
{
  guint receipts = total_receipts ();

  if (run.down || run.stopping)
    return G_SOURCE_CONTINUE;

  if (run.n_restarts == 0 && (receipts >= RESTART_1_AT || elapsed_s () > RESTART_FALLBACK_S))
    restart (FALSE);
  else if (run.n_restarts == 1 && (receipts >= RESTART_2_AT || elapsed_s () > run.restart_at_s[0] + RESTART_FALLBACK_S) &&
           elapsed_s () > run.restart_at_s[0] + 1.0)
    restart (TRUE);

  return G_SOURCE_CONTINUE;
}

static gboolean
all_done (void)
{
  for (guint i = 0; i < N_UNITS; i++)
    if (!clients[i].done)
      return FALSE;
  return TRUE;
}

static gboolean
any_busy (void)
{
  for (guint i = 0; i < N_UNITS; i++)
    if (clients[i].busy)
      return TRUE;
  return FALSE;
}

static gboolean
any_waiting_for_a_pass (void)
{
  for (guint i = 0; i < N_UNITS; i++)
    if (clients[i].busy || clients[i].timer_id != 0)
      return TRUE;
  return FALSE;
}

/* Checks ------------------------------------------------------------------- */

typedef struct
{
  char *unit_code;
  char *digest;
  guint count;
} Submission;

static void
submission_free (gpointer data)
{
  Submission *submission = data;

  g_free (submission->unit_code);
  g_free (submission->digest);
  g_free (submission);
}

static void
check_clients (void)
{
  guint missing = 0;

  for (guint i = 0; i < N_UNITS; i++)
    {
      Client *client = &clients[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outbox = zicha_store_list_outbox (client->store, &error);
      g_autoptr(GPtrArray) receipts = zicha_store_list_receipts (client->store, &error);

      CU_ASSERT_PTR_NOT_NULL_FATAL (outbox);
      CU_ASSERT_PTR_NOT_NULL_FATAL (receipts);
      CU_ASSERT_EQUAL (outbox->len, 0);
      CU_ASSERT_EQUAL (receipts->len, REPORTS_PER_UNIT);

      for (guint r = 0; r < REPORTS_PER_UNIT; r++)
        {
          g_autoptr(ZichaReceipt) receipt = zicha_store_get_receipt (client->store, client->uuids[r], NULL);
          g_autoptr(ZichaReport) report = zicha_store_get_report (client->store, client->uuids[r], NULL);

          if (receipt == NULL)
            {
              g_printerr ("unit %u: no receipt for %s\n", i, client->uuids[r]);
              missing++;
              continue;
            }
          ZICHA_ASSERT_STR_EQ (receipt->digest, client->digests[r]);
          ZICHA_ASSERT_STR_EQ (receipt->unit_code, client->uscc);
          CU_ASSERT (g_str_has_prefix (receipt->number, "ZP-"));
          CU_ASSERT_PTR_NOT_NULL_FATAL (report);
          CU_ASSERT_EQUAL (zicha_report_get_state (report), ZICHA_REPORT_ACKNOWLEDGED);
        }
    }
  CU_ASSERT_EQUAL (missing, 0);
}

static void
check_server (void)
{
  g_autofree char *out = platform_command ("list-submissions", "--db", platform_db, NULL);
  g_autoptr(GHashTable) submissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, submission_free);
  g_auto(GStrv) lines = NULL;
  guint n_lines = 0;
  guint n_twice = 0;
  guint n_receipts_equal = 0;

  CU_ASSERT_PTR_NOT_NULL_FATAL (out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      Submission *submission;

      if (*lines[i] == '\0')
        continue;
      n_lines++;
      fields = g_strsplit (lines[i], " ", -1);
      CU_ASSERT_FATAL (g_strv_length (fields) == 4);
      submission = g_hash_table_lookup (submissions, fields[1]);
      if (submission != NULL)
        {
          submission->count++;
          n_twice++;
          g_printerr ("listed more than once: %s\n", lines[i]);
          continue;
        }
      submission = g_new0 (Submission, 1);
      submission->unit_code = g_strdup (fields[0]);
      submission->digest = g_strdup (fields[2]);
      submission->count = 1;
      g_hash_table_insert (submissions, g_strdup (fields[1]), submission);
    }

  printf ("# list-submissions: %u lines, %u distinct reports\n", n_lines, g_hash_table_size (submissions));
  CU_ASSERT_EQUAL (n_lines, N_REPORTS);
  CU_ASSERT_EQUAL (g_hash_table_size (submissions), N_REPORTS);
  CU_ASSERT_EQUAL (n_twice, 0);

  for (guint i = 0; i < N_UNITS; i++)
    {
      Client *client = &clients[i];

      for (guint r = 0; r < REPORTS_PER_UNIT; r++)
        {
          Submission *submission = g_hash_table_lookup (submissions, client->uuids[r]);
          g_autoptr(ZichaReceipt) receipt = zicha_store_get_receipt (client->store, client->uuids[r], NULL);
          g_autofree char *stored = NULL;

          if (submission == NULL)
            {
              g_printerr ("not on the platform: unit %u report %s\n", i, client->uuids[r]);
              CU_FAIL ("a report is missing on the platform");
              continue;
            }
          ZICHA_ASSERT_STR_EQ (submission->unit_code, client->uscc);
          ZICHA_ASSERT_STR_EQ (submission->digest, client->digests[r]);
          CU_ASSERT_EQUAL (submission->count, 1);

          /* The receipt the client keeps is the one the platform issued. */
          stored = platform_command ("show-receipt", "--db", platform_db, client->uuids[r], NULL);
          CU_ASSERT_PTR_NOT_NULL (stored);
          if (stored != NULL && receipt != NULL &&
              g_str_equal (g_strchomp (stored), receipt->body))
            n_receipts_equal++;
        }
    }
  printf ("# receipts byte for byte as stored on the platform: %u of %u\n", n_receipts_equal, N_REPORTS);
  CU_ASSERT_EQUAL (n_receipts_equal, N_REPORTS);
}

/* The test --------------------------------------------------------------------- */

static void
test_faults (void)
{
  gint64 setup_start = g_get_monotonic_time ();
  gint64 deadline;
  guint monitor_id;
  guint max_passes = 0, total_passes = 0, n_already = 0, n_waiting = 0, n_failed = 0;
  guint n_faults = 0;

  run.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Units and the server. */
  for (guint i = 0; i < N_UNITS; i++)
    {
      Client *client = &clients[i];
      g_autoptr(ZichaCodeCheck) check = NULL;

      client->index = i;
      client->uscc = make_uscc (i);
      check = zicha_code_check (ZICHA_CODE_USCC, client->uscc);
      if (check->status != ZICHA_CODE_OK)
        g_printerr ("%s: %s\n", client->uscc, check->message_en);
      CU_ASSERT_EQUAL_FATAL (check->status, ZICHA_CODE_OK);
      client->name = g_strdup_printf ("厦门市第%u中学", i + 1);
      client->token = zicha_test_platform_add_unit (platform_db, client->uscc, client->name);
      CU_ASSERT_PTR_NOT_NULL_FATAL (client->token);
    }
  CU_ASSERT_FATAL (start_platform ());
  proxy = fault_proxy_new (zicha_test_platform_get_url (platform), seed);
  CU_ASSERT_PTR_NOT_NULL_FATAL (proxy);

  /* The clients, each with its own store and 10 queued reports. */
  for (guint i = 0; i < N_UNITS; i++)
    {
      Client *client = &clients[i];
      g_autofree char *path = g_strdup_printf ("%s/unit-%02u/zicha.db", tmpdir, i);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;

      CU_ASSERT_FATAL (g_mkdir_with_parents (dir, 0700) == 0);
      client->store = zicha_store_open (path, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (client->store);
      zicha_store_set_author (client->store, "tester");
      make_reports (client);

      client->sync = zicha_sync_new (client->store, form, fault_proxy_get_url (proxy), client->token, &error);
      if (client->sync == NULL)
        g_printerr ("sync: %s\n", error->message);
      CU_ASSERT_PTR_NOT_NULL_FATAL (client->sync);
      zicha_sync_set_backoff (client->sync, 1, 2);
      zicha_sync_set_timeout (client->sync, CLIENT_TIMEOUT_S);
      g_signal_connect (client->sync, "report-changed", G_CALLBACK (report_changed_cb), client);
    }
  printf ("\n# setup: %u units × %u finalized reports in %.1f s; platform %s, proxy %s\n",
          N_UNITS, REPORTS_PER_UNIT, (g_get_monotonic_time () - setup_start) / 1e6,
          zicha_test_platform_get_url (platform), fault_proxy_get_url (proxy));
  fflush (stdout);

  /* Deliver. */
  run.started = g_get_monotonic_time ();
  deadline = run.started + (gint64) DEADLINE_S * G_USEC_PER_SEC;
  for (guint i = 0; i < N_UNITS; i++)
    start_pass (&clients[i]);
  monitor_id = g_timeout_add (MONITOR_MS, monitor_cb, NULL);

  while (!all_done () && any_waiting_for_a_pass () && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* Stop starting passes; the ones in flight end within their timeouts. */
  run.stopping = TRUE;
  for (guint i = 0; i < N_UNITS; i++)
    g_clear_handle_id (&clients[i].timer_id, g_source_remove);
  deadline = g_get_monotonic_time () + (gint64) DRAIN_MS * 1000;
  while ((any_busy () || run.down) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (monitor_id);
  deadline = g_get_monotonic_time () + (gint64) DRAIN_MS * 1000;
  while (fault_proxy_get_n_in_flight (proxy) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* What happened. */
  for (guint i = 0; i < N_UNITS; i++)
    {
      max_passes = MAX (max_passes, clients[i].passes);
      total_passes += clients[i].passes;
      n_already += clients[i].n_already;
      n_waiting += clients[i].n_waiting;
      n_failed += clients[i].n_failed;
    }
  printf ("# delivered %u of %u in %.1f s; passes per client: max %u, total %u\n",
          total_receipts (), N_REPORTS, elapsed_s (), max_passes, total_passes);
  printf ("# outcomes: %u receipts (%u of them 200 \"already delivered\"), %u transient, %u permanent\n",
          total_receipts (), n_already, n_waiting, n_failed);
  {
    g_autoptr(GList) codes = g_hash_table_get_keys (run.codes);

    codes = g_list_sort (codes, (GCompareFunc) g_strcmp0);
    for (GList *l = codes; l != NULL; l = l->next)
      printf ("#   client saw %-14s %u\n", (const char *) l->data,
              GPOINTER_TO_UINT (g_hash_table_lookup (run.codes, l->data)));
  }
  printf ("# proxy: %u requests\n", fault_proxy_get_n_requests (proxy));
  for (FaultProxyKind k = 0; k < FAULT_PROXY_N_KINDS; k++)
    {
      printf ("#   %-20s %u\n", fault_proxy_kind_to_string (k), fault_proxy_get_count (proxy, k));
      if (k != FAULT_PROXY_PASS)
        n_faults += fault_proxy_get_count (proxy, k);
    }
  printf ("#   upstream unreachable (502) %u; upstream answers 2xx %u, 4xx %u, 5xx %u\n",
          fault_proxy_get_n_upstream_errors (proxy), fault_proxy_get_n_upstream_status (proxy, 2),
          fault_proxy_get_n_upstream_status (proxy, 4), fault_proxy_get_n_upstream_status (proxy, 5));
  printf ("#   PUT requests without a body: %u\n", fault_proxy_get_n_empty_puts (proxy));
  for (guint n = 0; n < run.n_restarts; n++)
    printf ("# restart %u (%s) at %.1f s with %u of %u receipts, down %u ms\n", n + 1,
            n == 0 ? "SIGTERM" : "SIGKILL", run.restart_at_s[n], run.receipts_at_restart[n], N_REPORTS,
            run.down_ms[n]);
  fflush (stdout);

  /* The faults and the restarts happened, and while there was work. */
  CU_ASSERT_EQUAL (run.n_restarts, 2);
  for (guint n = 0; n < run.n_restarts; n++)
    CU_ASSERT (run.receipts_at_restart[n] < N_REPORTS);
  for (FaultProxyKind k = 0; k < FAULT_PROXY_N_KINDS; k++)
    CU_ASSERT (fault_proxy_get_count (proxy, k) > 0);
  CU_ASSERT (n_faults > 0);
  /* libsoup resends a PUT by itself when a kept-alive connection closes
   * before any answer, and it drops the request body when it does
   * (soup_message_restarted()): the client must give the package again. */
  if (fault_proxy_get_n_empty_puts (proxy) > 0)
    g_printerr ("%u PUT requests came without their package: a message libsoup restarted was sent "
                "without its body (ZichaSync must set it again on SoupMessage::restarted)\n",
                fault_proxy_get_n_empty_puts (proxy));
  CU_ASSERT_EQUAL (fault_proxy_get_n_empty_puts (proxy), 0);
  CU_ASSERT_EQUAL (n_failed, 0);
  CU_ASSERT_FATAL (platform != NULL);

  check_clients ();
  /* The admin commands read the database beside the running server, as
   * an operator would; then it stops. */
  check_server ();
  stop_platform (FALSE);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/faults/200-reports-20-units", test_faults },
    { NULL, NULL }
  };

  return zicha_test_run ("faults", suite_init, suite_cleanup, cases);
}
