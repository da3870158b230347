/* test-sync.c — the outbox, ZichaSync and the unit token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deliveries go to the real reference server (`zicha-platform serve` on
 * 127.0.0.1, port 0, a unit made with `add-unit`). What the real server
 * does not do on request — 503 with Retry-After, a receipt for something
 * else, a receipt cut short, another Date, a self-signed certificate — a
 * small SoupServer in this process on 127.0.0.1 does ("the fake").
 * Every wait is bounded.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "zicha-demo.h"
#include "zicha-digest.h"
#include "zicha-form.h"
#include "zicha-package.h"
#include "zicha-platform-test.h"
#include "zicha-report-session.h"
#include "zicha-store.h"
#include "zicha-sync.h"
#include "zicha-test.h"
#include "zicha-token.h"

#define DEMO_USCC "123502004263091794"
#define OTHER_USCC "123502004266000896"
#define WAIT_MS 20000

static char *tmpdir;
static ZichaForm *form;
static ZichaTestPlatform *platform;
static char *platform_db;
static const char *platform_url;  /* owned by platform */
static char *token;
static char *other_token;
static guint store_counter;

/* The reference server, and the suite ----------------------------------------- */

static int
suite_init (void)
{
  g_autofree char *path = zicha_form_default_path ();

  tmpdir = zicha_test_make_tmpdir ();
  form = path != NULL ? zicha_form_new_from_file (path, NULL) : NULL;
  if (form == NULL)
    return 1;

  platform_db = g_build_filename (tmpdir, "platform.db", NULL);
  token = zicha_test_platform_add_unit (platform_db, DEMO_USCC, "测试学校");
  other_token = zicha_test_platform_add_unit (platform_db, OTHER_USCC, "测试学校");
  if (token == NULL || other_token == NULL)
    return 1;
  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return 1;
  platform_url = zicha_test_platform_get_url (platform);

  /* Never the user's keyring. */
  g_unsetenv (ZICHA_TOKEN_ENV);
  return 0;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&platform, zicha_test_platform_stop);
  platform_url = NULL;
  g_clear_object (&form);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&platform_db, g_free);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&other_token, g_free);
  return 0;
}

/* Reports --------------------------------------------------------------------- */

static ZichaStore *
new_store (void)
{
  g_autofree char *path = g_strdup_printf ("%s/client-%u.db", tmpdir, ++store_counter);
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  return store;
}

static char *
digest_of (ZichaStore *store,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = zicha_store_load_answers (store, form, uuid, &error);
  g_autoptr(GPtrArray) attachments = zicha_store_list_attachments (store, uuid, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  CU_ASSERT_PTR_NOT_NULL_FATAL (attachments);
  return zicha_report_digest (answers, attachments);
}

static void
finalize (ZichaStore *store,
          const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = digest_of (store, uuid);

  CU_ASSERT_FATAL (zicha_store_finalize_report (store, uuid, digest, &error));
}

/* A draft demo report; its UUID. */
static char *
make_draft (ZichaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = zicha_demo_create_report (store, form, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  return g_strdup (zicha_report_get_uuid (report));
}

/* A finalized demo report, queued. */
static char *
make_queued (ZichaStore *store)
{
  g_autoptr(GError) error = NULL;
  char *uuid = make_draft (store);

  finalize (store, uuid);
  CU_ASSERT (zicha_store_enqueue_report (store, uuid, &error));
  CU_ASSERT_PTR_NULL (error);
  return uuid;
}

static ZichaReportState
state_of (ZichaStore *store,
          const char *uuid)
{
  g_autoptr(ZichaReport) report = zicha_store_get_report (store, uuid, NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  return zicha_report_get_state (report);
}

/* Passes ---------------------------------------------------------------------- */

typedef struct
{
  gboolean   done;
  GPtrArray *outcomes;
} PassWait;

static void
pass_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PassWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  wait->outcomes = zicha_sync_run_finish (ZICHA_SYNC (source), result, &error);
  if (error != NULL)
    g_printerr ("pass: %s\n", error->message);
  wait->done = TRUE;
}

static GPtrArray *
run_pass (ZichaSync         *sync,
          ZichaSyncRunFlags  flags)
{
  PassWait wait = { FALSE, NULL };

  zicha_sync_run_async (sync, flags, NULL, pass_cb, &wait);
  CU_ASSERT_FATAL (zicha_test_wait_for (&wait.done, WAIT_MS));
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait.outcomes);
  return wait.outcomes;
}

static ZichaSync *
new_sync (ZichaStore *store,
          const char *url,
          const char *unit_token)
{
  g_autoptr(GError) error = NULL;
  ZichaSync *sync = zicha_sync_new (store, form, url, unit_token, &error);

  if (sync == NULL)
    g_printerr ("sync: %s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sync);
  zicha_sync_set_timeout (sync, 10);
  return sync;
}

static ZichaSyncOutcome *
only_outcome (GPtrArray *outcomes)
{
  CU_ASSERT_EQUAL_FATAL (outcomes->len, 1);
  return outcomes->pdata[0];
}

/* The fake ----------------------------------------------------------------- */

typedef enum
{
  FAKE_RECEIPT,          /* 201 and a receipt for what was sent */
  FAKE_STATUS,           /* status, Retry-After, an error body */
  FAKE_OTHER_DIGEST,     /* 201 and a receipt for another digest */
  FAKE_CUT_RECEIPT,      /* 200 and half a receipt */
} FakeKind;

typedef struct
{
  FakeKind  kind;
  guint     status;
  guint     retry_after;
} FakeAnswer;

typedef struct
{
  SoupServer *server;
  char       *url;
  GQueue      script;          /* FakeAnswer*, then FAKE_RECEIPT for ever */
  guint       n_requests;
  gint64      times[8];        /* g_get_monotonic_time() of the first requests */
  char       *user_agent;
  char       *date;            /* the Date header to send, or NULL */
} Fake;

static void
fake_script (Fake     *fake,
             FakeKind  kind,
             guint     status,
             guint     retry_after)
{
  FakeAnswer *answer = g_new0 (FakeAnswer, 1);

  answer->kind = kind;
  answer->status = status;
  answer->retry_after = retry_after;
  g_queue_push_tail (&fake->script, answer);
}

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  g_autofree FakeAnswer *answer = g_queue_pop_head (&fake->script);
  const char *uuid = path + strlen ("/api/v1/reports/");
  const char *digest = soup_message_headers_get_one (request, "X-Zicha-Digest");
  g_autofree char *body = NULL;
  FakeKind kind = answer != NULL ? answer->kind : FAKE_RECEIPT;

  if (fake->n_requests < G_N_ELEMENTS (fake->times))
    fake->times[fake->n_requests] = g_get_monotonic_time ();
  fake->n_requests++;
  g_free (fake->user_agent);
  fake->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  if (fake->date != NULL)
    soup_message_headers_replace (response, "Date", fake->date);

  switch (kind)
    {
    case FAKE_STATUS:
      if (answer->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", answer->retry_after);

          soup_message_headers_replace (response, "Retry-After", seconds);
        }
      body = g_strdup ("{\"error\":{\"code\":\"unavailable\",\"message\":\"Busy.\",\"message_zh\":\"繁忙。\"}}");
      soup_server_message_set_status (message, answer->status, NULL);
      break;
    case FAKE_CUT_RECEIPT:
      body = g_strdup ("{\"receipt\":{\"digest\":\"");
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      break;
    case FAKE_OTHER_DIGEST:
    case FAKE_RECEIPT:
    default:
      body = g_strdup_printf ("{\"receipt\":{\"digest\":\"%s\",\"kind\":\"report\",\"number\":\"ZP-20190709-FAKE%08u\","
                              "\"received_at\":\"2019-07-09T02:14:07Z\",\"report_uuid\":\"%s\"},"
                              "\"signature\":{\"algorithm\":\"none\"}}",
                              kind == FAKE_OTHER_DIGEST ? "00" : digest, fake->n_requests, uuid);
      soup_server_message_set_status (message, SOUP_STATUS_CREATED, NULL);
      break;
    }

  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static Fake *
fake_new (GTlsCertificate *certificate)
{
  Fake *fake = g_new0 (Fake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;

  g_queue_init (&fake->script);
  fake->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (fake->server, "/api/v1/reports/", fake_handler, fake, NULL);
  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  CU_ASSERT_FATAL (soup_server_listen_local (fake->server, 0, options, &error));

  uris = soup_server_get_uris (fake->server);
  CU_ASSERT_PTR_NOT_NULL_FATAL (uris);
  fake->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

static void
fake_free (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_queue_clear_full (&fake->script, g_free);
  g_free (fake->url);
  g_free (fake->user_agent);
  g_free (fake->date);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

/* A clock the tests move. */
static GDateTime *fake_now;

static GDateTime *
fake_clock (gpointer user_data)
{
  return g_date_time_ref (fake_now);
}

static void
set_fake_now (GDateTime *now)
{
  g_clear_pointer (&fake_now, g_date_time_unref);
  fake_now = g_date_time_ref (now);
}

/* Backoff -------------------------------------------------------------------- */

static void
test_backoff (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20190709);

  for (guint attempt = 1; attempt <= 40; attempt++)
    {
      guint64 ceiling = MIN ((guint64) ZICHA_SYNC_BACKOFF_BASE << MIN (attempt - 1, 20),
                             (guint64) ZICHA_SYNC_BACKOFF_CAP);
      guint lowest = G_MAXUINT;
      guint highest = 0;

      for (guint i = 0; i < 2000; i++)
        {
          guint delay = zicha_sync_compute_backoff (attempt, ZICHA_SYNC_BACKOFF_BASE, ZICHA_SYNC_BACKOFF_CAP, rand);

          CU_ASSERT (delay <= ceiling);
          CU_ASSERT (delay <= 15 * 60);
          lowest = MIN (lowest, delay);
          highest = MAX (highest, delay);
        }

      /* Full jitter: spread over the whole range. */
      CU_ASSERT (lowest < ceiling / 10 + 1);
      CU_ASSERT (highest > ceiling * 9 / 10);
    }

  /* The global generator too. */
  for (guint i = 0; i < 100; i++)
    CU_ASSERT (zicha_sync_compute_backoff (1000, 30, 900, NULL) <= 900);
}

/* The store ------------------------------------------------------------------ */

/* Schema version 1, copied from zicha-store.c as released. */
static const char schema_v1[] =
  "CREATE TABLE reports (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, form_id TEXT NOT NULL,"
  "  form_version TEXT NOT NULL, unit_name TEXT NOT NULL DEFAULT '', unit_code TEXT NOT NULL DEFAULT '',"
  "  year INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft', 'finalized', 'submitted', 'acknowledged')),"
  "  revision INTEGER NOT NULL DEFAULT 1, based_on_uuid TEXT, created_at TEXT NOT NULL,"
  "  modified_at TEXT NOT NULL, finalized_at TEXT, digest TEXT);"
  "CREATE TABLE table_rows (report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  table_path TEXT NOT NULL, row_uuid TEXT NOT NULL, position REAL NOT NULL,"
  "  PRIMARY KEY (report_id, row_uuid));"
  "CREATE INDEX table_rows_by_table ON table_rows (report_id, table_path, position);"
  "CREATE TABLE answers (report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  field_path TEXT NOT NULL, row_uuid TEXT NOT NULL DEFAULT '', value TEXT NOT NULL,"
  "  needs_review INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (report_id, field_path, row_uuid)) WITHOUT ROWID;"
  "CREATE TABLE changes (id INTEGER PRIMARY KEY,"
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE, group_id INTEGER NOT NULL,"
  "  origin TEXT NOT NULL CHECK (origin IN ('edit', 'undo', 'redo', 'copy')), at TEXT NOT NULL,"
  "  author TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('set', 'add-row', 'remove-row')),"
  "  field_path TEXT NOT NULL, row_uuid TEXT NOT NULL DEFAULT '', position REAL, old_value TEXT,"
  "  new_value TEXT);"
  "CREATE INDEX changes_by_group ON changes (group_id);"
  "CREATE TABLE history (report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')), seq INTEGER NOT NULL,"
  "  group_id INTEGER NOT NULL, PRIMARY KEY (report_id, stack, seq));"
  "CREATE TABLE attachments (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE, field_path TEXT NOT NULL,"
  "  row_uuid TEXT NOT NULL DEFAULT '', file_name TEXT NOT NULL, media_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL, sha256 TEXT NOT NULL, added_at TEXT NOT NULL, data BLOB NOT NULL);"
  "CREATE TABLE outbox (report_id INTEGER PRIMARY KEY REFERENCES reports (id), queued_at TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT, last_error TEXT,"
  "  permanent_failure INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE receipts (report_id INTEGER PRIMARY KEY REFERENCES reports (id),"
  "  receipt_number TEXT NOT NULL, received_at TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL);";

static void
test_migrate_from_version_1 (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) store = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autoptr(ZichaReceipt) receipt = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3 *db;
  sqlite3_stmt *stmt;
  const char *digest_b = "2222222222222222222222222222222222222222222222222222222222222222";

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL_FATAL (sqlite3_exec (db, schema_v1, NULL, NULL, NULL), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_exec (db,
    "INSERT INTO reports (uuid, form_id, form_version, unit_name, unit_code, year, state, created_at, modified_at, finalized_at, digest)"
    " VALUES ('aaaaaaaa-0000-4000-8000-000000000001', 'f', '1', '甲校', '" DEMO_USCC "', 2019, 'submitted',"
    "         '2019-07-01T00:00:00Z', '2019-07-01T00:00:00Z', '2019-07-01T00:00:00Z',"
    "         '1111111111111111111111111111111111111111111111111111111111111111'),"
    "        ('bbbbbbbb-0000-4000-8000-000000000002', 'f', '1', '乙校', '" DEMO_USCC "', 2019, 'acknowledged',"
    "         '2019-07-01T00:00:00Z', '2019-07-01T00:00:00Z', '2019-07-01T00:00:00Z',"
    "         '2222222222222222222222222222222222222222222222222222222222222222');"
    "INSERT INTO outbox (report_id, queued_at, attempts, next_attempt_at, last_error)"
    " VALUES (1, '2019-07-01T01:00:00Z', 3, '2019-07-01T02:00:00Z', 'timed out');"
    "INSERT INTO receipts VALUES (2, 'ZP-20190701-OLD', '2019-07-01T03:00:00Z',"
    " '2222222222222222222222222222222222222222222222222222222222222222', '{\"receipt\":{}}');"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  store = zicha_store_open (path, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);

  entry = zicha_store_get_outbox_entry (store, "aaaaaaaa-0000-4000-8000-000000000001", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (entry);
  CU_ASSERT_EQUAL (entry->attempts, 3);
  ZICHA_ASSERT_STR_EQ (entry->last_error, "timed out");
  CU_ASSERT_PTR_NULL (entry->last_error_zh);
  CU_ASSERT_PTR_NULL (entry->last_error_code);
  CU_ASSERT_PTR_NULL (entry->last_attempt_at);
  CU_ASSERT_EQUAL (entry->last_status, 0);
  CU_ASSERT_FALSE (entry->permanent_failure);
  CU_ASSERT_PTR_NOT_NULL (entry->next_attempt_at);
  due = zicha_store_list_due (store, now, &error);
  CU_ASSERT_EQUAL (due->len, 1);

  receipt = zicha_store_get_receipt (store, "bbbbbbbb-0000-4000-8000-000000000002", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt);
  ZICHA_ASSERT_STR_EQ (receipt->number, "ZP-20190701-OLD");
  ZICHA_ASSERT_STR_EQ (receipt->digest, digest_b);
  ZICHA_ASSERT_STR_EQ (receipt->unit_name, "乙校");

  /* The new columns work. */
  {
    ZichaOutboxAttempt attempt = { NULL, NULL, TRUE, 409, "conflict", "Conflict.", "冲突。" };
    g_autoptr(ZichaOutboxEntry) after = NULL;

    CU_ASSERT (zicha_store_record_attempt (store, "aaaaaaaa-0000-4000-8000-000000000001", &attempt, &error));
    after = zicha_store_get_outbox_entry (store, "aaaaaaaa-0000-4000-8000-000000000001", &error);
    CU_ASSERT_EQUAL (after->attempts, 4);
    ZICHA_ASSERT_STR_EQ (after->last_error_zh, "冲突。");
    CU_ASSERT_EQUAL (after->last_status, 409);
  }
  g_clear_object (&store);

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_EQUAL (sqlite3_column_int (stmt, 0), ZICHA_STORE_SCHEMA_VERSION);
  CU_ASSERT (ZICHA_STORE_SCHEMA_VERSION >= 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_store_outbox (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = make_draft (store);
  g_autofree char *digest = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) much_later = g_date_time_add_hours (now, 2);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) receipts = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autoptr(GDateTime) next = NULL;
  ZichaOutboxAttempt attempt = { NULL, };

  /* Drafts are not sent. */
  CU_ASSERT_FALSE (zicha_store_enqueue_report (store, uuid, &error));
  CU_ASSERT (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  finalize (store, uuid);
  digest = digest_of (store, uuid);
  CU_ASSERT (zicha_store_enqueue_report (store, uuid, &error));
  CU_ASSERT (zicha_store_enqueue_report (store, uuid, &error));
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);
  due = zicha_store_list_due (store, now, &error);
  CU_ASSERT_EQUAL (due->len, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A transient failure: due again later. */
  attempt.next_attempt_at = later;
  attempt.status = 503;
  attempt.code = "unavailable";
  attempt.message = "Busy.";
  CU_ASSERT (zicha_store_record_attempt (store, uuid, &attempt, &error));
  due = zicha_store_list_due (store, now, &error);
  CU_ASSERT_EQUAL (due->len, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = zicha_store_list_due (store, later, &error);
  CU_ASSERT_EQUAL (due->len, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  next = zicha_store_get_next_due (store, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (next);
  CU_ASSERT_EQUAL (g_date_time_to_unix (next), g_date_time_to_unix (later));
  g_clear_pointer (&next, g_date_time_unref);

  /* A permanent one: never due, until retried. */
  attempt.permanent = TRUE;
  attempt.status = 409;
  attempt.code = "conflict";
  attempt.message = "Conflict.";
  attempt.message_zh = "冲突。";
  CU_ASSERT (zicha_store_record_attempt (store, uuid, &attempt, &error));
  due = zicha_store_list_due (store, much_later, &error);
  CU_ASSERT_EQUAL (due->len, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  next = zicha_store_get_next_due (store, &error);
  CU_ASSERT_PTR_NULL (next);
  CU_ASSERT_PTR_NULL (error);
  entry = zicha_store_get_outbox_entry (store, uuid, &error);
  CU_ASSERT_EQUAL (entry->attempts, 2);
  CU_ASSERT (entry->permanent_failure);
  ZICHA_ASSERT_STR_EQ (entry->last_error_code, "conflict");
  ZICHA_ASSERT_STR_EQ (zicha_outbox_entry_get_message (entry), "Conflict.");  /* LC_ALL=C */
  CU_ASSERT (zicha_store_retry_outbox_entry (store, uuid, &error));
  due = zicha_store_list_due (store, now, &error);
  CU_ASSERT_EQUAL (due->len, 1);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A receipt for other contents is refused; the right one acknowledges. */
  CU_ASSERT_FALSE (zicha_store_add_receipt (store, uuid, "ZP-1", now,
                                            "0000000000000000000000000000000000000000000000000000000000000000",
                                            "{}", &error));
  CU_ASSERT (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);

  CU_ASSERT (zicha_store_add_receipt (store, uuid, "ZP-1", now, digest, "{\"receipt\":1}", &error));
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_ACKNOWLEDGED);
  CU_ASSERT_PTR_NULL (zicha_store_get_outbox_entry (store, uuid, NULL));
  /* Again: nothing changes; another number: refused. */
  CU_ASSERT (zicha_store_add_receipt (store, uuid, "ZP-1", now, digest, "{\"receipt\":1}", &error));
  CU_ASSERT_FALSE (zicha_store_add_receipt (store, uuid, "ZP-2", now, digest, "{}", &error));
  CU_ASSERT (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);
  CU_ASSERT_FALSE (zicha_store_enqueue_report (store, uuid, &error));
  g_clear_error (&error);

  receipts = zicha_store_list_receipts (store, &error);
  CU_ASSERT_EQUAL_FATAL (receipts->len, 1);
  ZICHA_ASSERT_STR_EQ (((ZichaReceipt *) receipts->pdata[0])->number, "ZP-1");
  ZICHA_ASSERT_STR_EQ (((ZichaReceipt *) receipts->pdata[0])->body, "{\"receipt\":1}");
  ZICHA_ASSERT_STR_EQ (((ZichaReceipt *) receipts->pdata[0])->unit_code, DEMO_USCC);
}

/* Against the reference server ---------------------------------------------- */

static void
test_deliver (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, platform_url, token);
  g_autoptr(GPtrArray) outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  ZichaSyncOutcome *outcome = only_outcome (outcomes);
  g_autoptr(ZichaReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *digest = digest_of (store, uuid);
  g_autofree char *listed = NULL;
  GTimeSpan offset = G_MAXINT64;

  CU_ASSERT_EQUAL (outcome->status, ZICHA_SYNC_STATUS_DELIVERED);
  CU_ASSERT_EQUAL (outcome->http_status, 201);
  CU_ASSERT (g_str_has_prefix (outcome->receipt_number, "ZP-"));
  CU_ASSERT_PTR_NOT_NULL (outcome->received_at);

  receipt = zicha_store_get_receipt (store, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt);
  ZICHA_ASSERT_STR_EQ (receipt->number, outcome->receipt_number);
  ZICHA_ASSERT_STR_EQ (receipt->digest, digest);
  CU_ASSERT (strstr (receipt->body, "\"signature\"") != NULL);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_ACKNOWLEDGED);
  CU_ASSERT_PTR_NULL (zicha_store_get_outbox_entry (store, uuid, NULL));

  /* The platform has it, once. */
  CU_ASSERT_EQUAL_FATAL (zicha_test_platform_run (&listed, NULL, "list-submissions", "--db", platform_db, NULL), 0);
  CU_ASSERT (strstr (listed, uuid) != NULL);
  CU_ASSERT (strstr (listed, digest) != NULL);

  /* The Date header gave the platform's clock: the same machine. */
  CU_ASSERT (zicha_sync_get_clock_offset (sync, &offset));
  CU_ASSERT (ABS (offset) < 5 * G_USEC_PER_SEC);

  /* Nothing left to send. */
  again = run_pass (sync, ZICHA_SYNC_RUN_ALL);
  CU_ASSERT_EQUAL (again->len, 0);
}

/* The same report from a second copy of it (a restored backup, another
 * computer): the platform answers with the first receipt, byte for byte. */
static void
test_same_report_twice (void)
{
  g_autoptr(ZichaStore) first = new_store ();
  g_autoptr(ZichaStore) second = new_store ();
  g_autofree char *uuid = make_queued (first);
  g_autofree char *package = g_build_filename (tmpdir, "twice.zicha", NULL);
  g_autoptr(ZichaSync) sync_first = new_sync (first, platform_url, token);
  g_autoptr(ZichaSync) sync_second = NULL;
  g_autoptr(GPtrArray) outcomes_first = NULL;
  g_autoptr(GPtrArray) outcomes_second = NULL;
  g_autoptr(ZichaReport) imported = NULL;
  g_autoptr(ZichaReceipt) receipt_first = NULL;
  g_autoptr(ZichaReceipt) receipt_second = NULL;
  g_autoptr(GError) error = NULL;

  CU_ASSERT_FATAL (zicha_package_export (first, form, uuid, NULL, NULL, package, &error));
  outcomes_first = run_pass (sync_first, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes_first)->status, ZICHA_SYNC_STATUS_DELIVERED);

  imported = zicha_package_import (second, form, package, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (imported);
  CU_ASSERT (zicha_store_enqueue_report (second, uuid, &error));
  sync_second = new_sync (second, platform_url, token);
  outcomes_second = run_pass (sync_second, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes_second)->status, ZICHA_SYNC_STATUS_ALREADY_DELIVERED);
  CU_ASSERT_EQUAL (only_outcome (outcomes_second)->http_status, 200);

  receipt_first = zicha_store_get_receipt (first, uuid, &error);
  receipt_second = zicha_store_get_receipt (second, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt_first);
  CU_ASSERT_PTR_NOT_NULL_FATAL (receipt_second);
  ZICHA_ASSERT_STR_EQ (receipt_second->number, receipt_first->number);
  ZICHA_ASSERT_STR_EQ (receipt_second->body, receipt_first->body);
  CU_ASSERT_EQUAL (state_of (second, uuid), ZICHA_REPORT_ACKNOWLEDGED);
}

/* The same UUID finalized twice with other contents (copies of one
 * draft): 409, permanent, with the platform's messages. */
static void
test_conflict (void)
{
  g_autoptr(ZichaStore) first = new_store ();
  g_autoptr(ZichaStore) second = new_store ();
  g_autofree char *uuid = make_draft (first);
  g_autofree char *package = g_build_filename (tmpdir, "draft.zicha", NULL);
  g_autoptr(ZichaReport) copy = NULL;
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(ZichaSync) sync_first = NULL;
  g_autoptr(ZichaSync) sync_second = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  ZichaSyncOutcome *outcome;

  CU_ASSERT_FATAL (zicha_package_export (first, form, uuid, NULL, NULL, package, &error));
  copy = zicha_package_import (second, form, package, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (copy);
  json_node_set_string (value, "另一位填表人");
  CU_ASSERT_FATAL (zicha_store_set_value (second, uuid, "header.filled_by", NULL, value, &error));

  finalize (first, uuid);
  finalize (second, uuid);
  CU_ASSERT (zicha_store_enqueue_report (first, uuid, &error));
  CU_ASSERT (zicha_store_enqueue_report (second, uuid, &error));

  sync_first = new_sync (first, platform_url, token);
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = run_pass (sync_first, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes)->status, ZICHA_SYNC_STATUS_DELIVERED);
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  sync_second = new_sync (second, platform_url, token);
  outcomes = run_pass (sync_second, ZICHA_SYNC_RUN_DUE);
  outcome = only_outcome (outcomes);
  CU_ASSERT_EQUAL (outcome->status, ZICHA_SYNC_STATUS_FAILED);
  CU_ASSERT_EQUAL (outcome->http_status, 409);
  ZICHA_ASSERT_STR_EQ (outcome->code, "conflict");
  CU_ASSERT_PTR_NOT_NULL (outcome->message);
  CU_ASSERT_PTR_NOT_NULL (outcome->message_zh);

  entry = zicha_store_get_outbox_entry (second, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (entry);
  CU_ASSERT (entry->permanent_failure);
  CU_ASSERT_EQUAL (entry->last_status, 409);
  ZICHA_ASSERT_STR_EQ (entry->last_error, outcome->message);
  ZICHA_ASSERT_STR_EQ (entry->last_error_zh, outcome->message_zh);
  CU_ASSERT_EQUAL (state_of (second, uuid), ZICHA_REPORT_SUBMITTED);

  /* Never retried on its own, not even by "send now". */
  again = run_pass (sync_second, ZICHA_SYNC_RUN_ALL);
  CU_ASSERT_EQUAL (again->len, 0);
}

static void
test_wrong_token (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, platform_url, "zt1_this-is-not-a-token-of-this-platform-0000000");
  g_autoptr(GPtrArray) outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  ZichaSyncOutcome *outcome = only_outcome (outcomes);
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  g_autoptr(GPtrArray) resumed = NULL;
  g_autoptr(GError) error = NULL;

  CU_ASSERT_EQUAL (outcome->status, ZICHA_SYNC_STATUS_FAILED);
  CU_ASSERT_EQUAL (outcome->http_status, 401);
  ZICHA_ASSERT_STR_EQ (outcome->code, "unauthorized");
  CU_ASSERT_EQUAL (zicha_sync_get_block (sync), ZICHA_SYNC_BLOCK_UNAUTHORIZED);
  entry = zicha_store_get_outbox_entry (store, uuid, &error);
  CU_ASSERT (entry->permanent_failure);

  /* Not retried with the same token. */
  blocked = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (blocked->len, 0);

  /* A new token: due again, delivered. */
  CU_ASSERT (zicha_sync_set_token (sync, token, &error));
  CU_ASSERT_EQUAL (zicha_sync_get_block (sync), ZICHA_SYNC_BLOCK_NONE);
  resumed = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (resumed)->status, ZICHA_SYNC_STATUS_DELIVERED);
}

/* Another unit's token: the platform refuses the package (422), for good. */
static void
test_other_unit_token (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, platform_url, other_token);
  g_autoptr(GPtrArray) outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  ZichaSyncOutcome *outcome = only_outcome (outcomes);

  CU_ASSERT_EQUAL (outcome->status, ZICHA_SYNC_STATUS_FAILED);
  CU_ASSERT_EQUAL (outcome->http_status, 422);
  ZICHA_ASSERT_STR_EQ (outcome->code, "unit_mismatch");
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);
}

typedef struct
{
  gboolean done;
  guint    n_sending;
  guint    n_delivered;
} Watch;

static void
report_changed_cb (ZichaSync        *sync,
                   ZichaSyncOutcome *outcome,
                   gpointer          user_data)
{
  Watch *watch = user_data;

  if (outcome->status == ZICHA_SYNC_STATUS_SENDING)
    watch->n_sending++;
  if (outcome->status == ZICHA_SYNC_STATUS_DELIVERED || outcome->status == ZICHA_SYNC_STATUS_ALREADY_DELIVERED)
    {
      watch->n_delivered++;
      watch->done = TRUE;
    }
}

static void
spin (guint ms)
{
  gboolean never = FALSE;

  zicha_test_wait_for (&never, ms);
}

static void
test_offline_then_online (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, platform_url, token);
  g_autoptr(ZichaConnectivity) connectivity = zicha_connectivity_new_manual (FALSE);
  Watch watch = { FALSE, 0, 0 };

  zicha_sync_set_connectivity (sync, connectivity);
  g_signal_connect (sync, "report-changed", G_CALLBACK (report_changed_cb), &watch);
  zicha_sync_start (sync);

  spin (500);
  CU_ASSERT_EQUAL (watch.n_sending, 0);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);

  zicha_connectivity_set_online (connectivity, TRUE);
  CU_ASSERT (zicha_test_wait_for (&watch.done, WAIT_MS));
  CU_ASSERT_EQUAL (watch.n_delivered, 1);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_ACKNOWLEDGED);

  zicha_sync_stop (sync);
}

/* Against the fake ----------------------------------------------------------- */

static void
test_user_agent_and_clock_offset (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, fake->url, token);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 2);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autofree char *expected_agent = g_strdup_printf ("Zicha/%s", PACKAGE_VERSION);
  GTimeSpan offset = 0;

  fake->date = soup_date_time_to_string (ahead, SOUP_DATE_HTTP);
  CU_ASSERT_FALSE (zicha_sync_get_clock_offset (sync, NULL));
  outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes)->status, ZICHA_SYNC_STATUS_DELIVERED);
  ZICHA_ASSERT_STR_EQ (fake->user_agent, expected_agent);

  CU_ASSERT (zicha_sync_get_clock_offset (sync, &offset));
  CU_ASSERT (ABS (offset - 2 * G_TIME_SPAN_HOUR) < 5 * G_USEC_PER_SEC);
}

/* 503 with Retry-After: not before that time, then delivered. */
static void
test_retry_after (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, fake->url, token);
  g_autoptr(GDateTime) t0 = g_date_time_new_utc (2030, 1, 1, 8, 0, 0);
  g_autoptr(GDateTime) t60 = g_date_time_add_seconds (t0, 60);
  g_autoptr(GDateTime) t120 = g_date_time_add_seconds (t0, 120);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  ZichaSyncOutcome *outcome;

  zicha_sync_set_clock (sync, fake_clock, NULL);
  fake_script (fake, FAKE_STATUS, 503, 120);

  set_fake_now (t0);
  first = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  outcome = only_outcome (first);
  CU_ASSERT_EQUAL (outcome->status, ZICHA_SYNC_STATUS_WAITING);
  CU_ASSERT_EQUAL (outcome->http_status, 503);
  ZICHA_ASSERT_STR_EQ (outcome->code, "unavailable");
  CU_ASSERT_PTR_NOT_NULL_FATAL (outcome->next_attempt_at);
  /* The first backoff (at most 30 s) is shorter: Retry-After decides. */
  CU_ASSERT_EQUAL (g_date_time_to_unix (outcome->next_attempt_at), g_date_time_to_unix (t120));
  entry = zicha_store_get_outbox_entry (store, uuid, NULL);
  CU_ASSERT_EQUAL (entry->attempts, 1);
  CU_ASSERT_FALSE (entry->permanent_failure);
  CU_ASSERT_EQUAL (g_date_time_to_unix (entry->next_attempt_at), g_date_time_to_unix (t120));

  set_fake_now (t60);
  early = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (early->len, 0);
  CU_ASSERT_EQUAL (fake->n_requests, 1);

  set_fake_now (t120);
  second = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (second)->status, ZICHA_SYNC_STATUS_DELIVERED);
  CU_ASSERT_EQUAL (fake->n_requests, 2);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_ACKNOWLEDGED);
  g_clear_pointer (&fake_now, g_date_time_unref);
}

/* Transient answers back off: 500 and 429 without Retry-After stay within
 * the backoff of their attempt. */
static void
test_transient_backoff (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, fake->url, token);
  g_autoptr(GDateTime) t0 = g_date_time_new_utc (2030, 1, 1, 8, 0, 0);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 wait;

  zicha_sync_set_clock (sync, fake_clock, NULL);
  fake_script (fake, FAKE_STATUS, 500, 0);
  fake_script (fake, FAKE_STATUS, 429, 0);
  set_fake_now (t0);

  first = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (first)->status, ZICHA_SYNC_STATUS_WAITING);
  wait = g_date_time_to_unix (only_outcome (first)->next_attempt_at) - g_date_time_to_unix (t0);
  CU_ASSERT (wait >= 1 && wait <= ZICHA_SYNC_BACKOFF_BASE);

  /* "Send now" does not wait for the backoff. */
  second = run_pass (sync, ZICHA_SYNC_RUN_ALL);
  CU_ASSERT_EQUAL (only_outcome (second)->status, ZICHA_SYNC_STATUS_WAITING);
  CU_ASSERT_EQUAL (only_outcome (second)->http_status, 429);
  wait = g_date_time_to_unix (only_outcome (second)->next_attempt_at) - g_date_time_to_unix (t0);
  CU_ASSERT (wait >= 1 && wait <= 2 * ZICHA_SYNC_BACKOFF_BASE);
  CU_ASSERT_EQUAL (fake->n_requests, 2);
  g_clear_pointer (&fake_now, g_date_time_unref);
}

/* The scheduler waits Retry-After by the real clock, then sends. */
static void
test_scheduler_retries (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, fake->url, token);
  g_autoptr(ZichaConnectivity) connectivity = zicha_connectivity_new_manual (TRUE);
  Watch watch = { FALSE, 0, 0 };
  gint64 gap;

  zicha_sync_set_backoff (sync, 1, 1);
  zicha_sync_set_connectivity (sync, connectivity);
  fake_script (fake, FAKE_STATUS, 503, 1);
  g_signal_connect (sync, "report-changed", G_CALLBACK (report_changed_cb), &watch);
  zicha_sync_start (sync);

  CU_ASSERT_FATAL (zicha_test_wait_for (&watch.done, WAIT_MS));
  CU_ASSERT_EQUAL (fake->n_requests, 2);
  gap = fake->times[1] - fake->times[0];
  CU_ASSERT (gap >= 900 * 1000);
  CU_ASSERT (gap < 5 * G_USEC_PER_SEC);
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_ACKNOWLEDGED);
  zicha_sync_stop (sync);
}

/* All state is in the store: a new ZichaSync resumes at the recorded
 * next attempt, not before. */
static void
test_restart (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  ZichaSync *sync;

  sync = new_sync (store, fake->url, token);
  fake_script (fake, FAKE_STATUS, 503, 3600);
  outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes)->status, ZICHA_SYNC_STATUS_WAITING);
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  g_object_unref (sync);

  entry = zicha_store_get_outbox_entry (store, uuid, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (entry);
  CU_ASSERT_EQUAL (entry->attempts, 1);
  CU_ASSERT (g_date_time_to_unix (entry->next_attempt_at) >= g_date_time_to_unix (now) + 3600);

  /* A new one, as after a restart: not yet. */
  sync = new_sync (store, fake->url, token);
  outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (outcomes->len, 0);
  CU_ASSERT_EQUAL (fake->n_requests, 1);
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  /* At the stored time: sent. */
  set_fake_now (entry->next_attempt_at);
  zicha_sync_set_clock (sync, fake_clock, NULL);
  outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes)->status, ZICHA_SYNC_STATUS_DELIVERED);
  CU_ASSERT_EQUAL (fake->n_requests, 2);
  g_object_unref (sync);
  g_clear_pointer (&fake_now, g_date_time_unref);
}

static void
test_bad_receipts (void)
{
  g_autoptr(Fake) fake = fake_new (NULL);
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = new_sync (store, fake->url, token);
  g_autoptr(GPtrArray) cut = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;

  /* Cut short: transient. */
  fake_script (fake, FAKE_CUT_RECEIPT, 0, 0);
  cut = run_pass (sync, ZICHA_SYNC_RUN_ALL);
  CU_ASSERT_EQUAL (only_outcome (cut)->status, ZICHA_SYNC_STATUS_WAITING);
  ZICHA_ASSERT_STR_EQ (only_outcome (cut)->code, "protocol");

  /* For other contents: permanent, and not acknowledged. */
  fake_script (fake, FAKE_OTHER_DIGEST, 0, 0);
  other = run_pass (sync, ZICHA_SYNC_RUN_ALL);
  CU_ASSERT_EQUAL (only_outcome (other)->status, ZICHA_SYNC_STATUS_FAILED);
  ZICHA_ASSERT_STR_EQ (only_outcome (other)->code, "protocol");
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);
  CU_ASSERT_PTR_NULL (zicha_store_get_receipt (store, uuid, NULL));
  entry = zicha_store_get_outbox_entry (store, uuid, NULL);
  CU_ASSERT (entry->permanent_failure);
  CU_ASSERT_EQUAL (entry->attempts, 2);
}

static void
test_unreachable (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(ZichaSync) sync = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago: nobody listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  CU_ASSERT_FATAL (port != 0);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  sync = new_sync (store, url, token);
  outcomes = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (outcomes)->status, ZICHA_SYNC_STATUS_WAITING);
  ZICHA_ASSERT_STR_EQ (only_outcome (outcomes)->code, "network");
  CU_ASSERT_EQUAL (state_of (store, uuid), ZICHA_REPORT_SUBMITTED);
}

/* TLS: a self-signed certificate only when it is the pinned one. */
static gboolean
make_certificate (const char *dir,
                  const char *name,
                  GTlsCertificate **certificate)
{
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                         "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                         "-addext", "subjectAltName=IP:127.0.0.1", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;

  *certificate = g_tls_certificate_new_from_files (cert, key, NULL);
  return *certificate != NULL;
}

static void
test_tls_pinning (void)
{
  g_autoptr(GTlsCertificate) platform_certificate = NULL;
  g_autoptr(GTlsCertificate) other_certificate = NULL;
  g_autoptr(Fake) fake = NULL;
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_queued (store);
  g_autoptr(ZichaSync) sync = NULL;
  g_autoptr(GPtrArray) untrusted = NULL;
  g_autoptr(GPtrArray) wrong = NULL;
  g_autoptr(GPtrArray) pinned = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()) ||
      !make_certificate (tmpdir, "platform", &platform_certificate) ||
      !make_certificate (tmpdir, "other", &other_certificate))
    {
      g_printerr ("(no TLS backend or no openssl: skipped) ");
      return;
    }

  fake = fake_new (platform_certificate);
  CU_ASSERT_FATAL (g_str_has_prefix (fake->url, "https://127.0.0.1:"));
  sync = new_sync (store, fake->url, token);

  untrusted = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (untrusted)->status, ZICHA_SYNC_STATUS_FAILED);
  ZICHA_ASSERT_STR_EQ (only_outcome (untrusted)->code, "certificate");
  CU_ASSERT (strstr (only_outcome (untrusted)->message, "fingerprint") != NULL);
  CU_ASSERT_EQUAL (zicha_sync_get_block (sync), ZICHA_SYNC_BLOCK_CERTIFICATE);
  CU_ASSERT_EQUAL (fake->n_requests, 0);

  zicha_sync_set_trusted_certificate (sync, other_certificate);
  wrong = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (wrong)->status, ZICHA_SYNC_STATUS_FAILED);
  ZICHA_ASSERT_STR_EQ (only_outcome (wrong)->code, "certificate");
  CU_ASSERT_EQUAL (fake->n_requests, 0);

  zicha_sync_set_trusted_certificate (sync, platform_certificate);
  pinned = run_pass (sync, ZICHA_SYNC_RUN_DUE);
  CU_ASSERT_EQUAL (only_outcome (pinned)->status, ZICHA_SYNC_STATUS_DELIVERED);
  CU_ASSERT_EQUAL (fake->n_requests, 1);
}

static void
test_addresses (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaSync) ok = NULL;

  CU_ASSERT_PTR_NULL (zicha_sync_new (store, form, "http://platform.example.edu.cn/", token, &error));
  CU_ASSERT (g_error_matches (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INSECURE_URL));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (zicha_sync_new (store, form, "ftp://127.0.0.1/", token, &error));
  CU_ASSERT (g_error_matches (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INVALID_URL));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (zicha_sync_new (store, form, "not a url", token, &error));
  CU_ASSERT (g_error_matches (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INVALID_URL));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (zicha_sync_new (store, form, "http://127.0.0.1:1/", "bad token\r\nX: y", &error));
  CU_ASSERT (g_error_matches (error, ZICHA_SYNC_ERROR, ZICHA_SYNC_ERROR_INVALID_TOKEN));
  g_clear_error (&error);

  ok = zicha_sync_new (store, form, "https://platform.example.edu.cn/zicha", token, &error);
  CU_ASSERT_PTR_NOT_NULL (ok);
  ZICHA_ASSERT_STR_EQ (zicha_sync_get_base_url (ok), "https://platform.example.edu.cn/zicha/");
}

/* The token ------------------------------------------------------------------- */

static char *
write_token_file (const char *name,
                  const char *contents,
                  int         mode)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  CU_ASSERT_FATAL (g_file_set_contents (path, contents, -1, NULL));
  CU_ASSERT_FATAL (chmod (path, mode) == 0);
  return path;
}

static void
test_token_file (void)
{
  g_autofree char *open_file = write_token_file ("token-0644", "zt1_abc\n", 0644);
  g_autofree char *group_file = write_token_file ("token-0640", "zt1_abc\n", 0640);
  g_autofree char *private_file = write_token_file ("token-0600", "  zt1_abc \n", 0600);
  g_autofree char *empty_file = write_token_file ("token-empty", "\n", 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  char *none;

  none = zicha_token_read_file (open_file, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE));
  CU_ASSERT (strstr (error->message, "chmod 600") != NULL);
  g_clear_error (&error);

  none = zicha_token_read_file (group_file, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE));
  g_clear_error (&error);

  none = zicha_token_read_file (tmpdir, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE));
  g_clear_error (&error);

  none = zicha_token_read_file (empty_file, &error);
  CU_ASSERT_PTR_NULL (none);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID));
  g_clear_error (&error);

  read = zicha_token_read_file (private_file, &error);
  ZICHA_ASSERT_STR_EQ (read, "zt1_abc");
}

static void
test_token_precedence (void)
{
  g_autofree char *file = write_token_file ("token-file", "zt1_from_file\n", 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *nothing = NULL;
  ZichaTokenSource source = ZICHA_TOKEN_SOURCE_KEYRING;

  g_setenv (ZICHA_TOKEN_ENV, "zt1_from_env", TRUE);
  from_file = zicha_token_find (file, NULL, &source, &error);
  ZICHA_ASSERT_STR_EQ (from_file, "zt1_from_file");
  CU_ASSERT_EQUAL (source, ZICHA_TOKEN_SOURCE_FILE);

  from_env = zicha_token_find (NULL, NULL, &source, &error);
  ZICHA_ASSERT_STR_EQ (from_env, "zt1_from_env");
  CU_ASSERT_EQUAL (source, ZICHA_TOKEN_SOURCE_ENVIRONMENT);

  g_unsetenv (ZICHA_TOKEN_ENV);
  nothing = zicha_token_find (NULL, NULL, NULL, &error);
  CU_ASSERT_PTR_NULL (nothing);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_NOT_FOUND));

  CU_ASSERT (zicha_token_is_valid ("zt1_Qm9vb3RzdHJhcC1leGFtcGxlLXRva2VuLW5vdC1yZWFs"));
  CU_ASSERT_FALSE (zicha_token_is_valid (""));
  CU_ASSERT_FALSE (zicha_token_is_valid ("a b"));
  CU_ASSERT_FALSE (zicha_token_is_valid ("a\nb"));
  CU_ASSERT_FALSE (zicha_token_is_valid ("令牌"));
}

/* No Secret Service (this test's D-Bus address leads nowhere): a clear
 * error, never a hang. */
static void
test_no_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autofree char *saved_display = g_strdup (g_getenv ("DISPLAY"));
  char *found;

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/zicha-test-bus", TRUE);
  g_unsetenv ("DISPLAY");

  found = zicha_token_lookup ("http://127.0.0.1:1/", NULL, &error);
  CU_ASSERT_PTR_NULL (found);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_NO_KEYRING));
  if (error != NULL)
    CU_ASSERT (strstr (error->message, "ZICHA_TOKEN") != NULL);
  g_clear_error (&error);

  found = zicha_token_find (NULL, "http://127.0.0.1:1/", NULL, &error);
  CU_ASSERT_PTR_NULL (found);
  CU_ASSERT (g_error_matches (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_NO_KEYRING));

  if (saved_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  if (saved_display != NULL)
    g_setenv ("DISPLAY", saved_display, TRUE);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/sync/backoff", test_backoff },
    { "/sync/store/migrate-from-1", test_migrate_from_version_1 },
    { "/sync/store/outbox-and-receipts", test_store_outbox },
    { "/sync/deliver", test_deliver },
    { "/sync/same-report-twice", test_same_report_twice },
    { "/sync/conflict", test_conflict },
    { "/sync/wrong-token", test_wrong_token },
    { "/sync/other-unit-token", test_other_unit_token },
    { "/sync/offline-then-online", test_offline_then_online },
    { "/sync/user-agent-and-clock-offset", test_user_agent_and_clock_offset },
    { "/sync/retry-after", test_retry_after },
    { "/sync/transient-backoff", test_transient_backoff },
    { "/sync/scheduler-retries", test_scheduler_retries },
    { "/sync/restart", test_restart },
    { "/sync/bad-receipts", test_bad_receipts },
    { "/sync/unreachable", test_unreachable },
    { "/sync/tls-pinning", test_tls_pinning },
    { "/sync/addresses", test_addresses },
    { "/sync/token/file", test_token_file },
    { "/sync/token/precedence", test_token_precedence },
    { "/sync/token/no-keyring", test_no_keyring },
    { NULL, NULL }
  };

  return zicha_test_run ("sync", suite_init, suite_cleanup, cases);
}
