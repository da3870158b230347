/* test-notice.c — threat notices: the 72-hour clock with an injected
 * time, the platform's clock offset, the reminder policy, the store
 * (migration 2 → 3, notices, feedback) and the feedback package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "zicha-feedback-package.h"
#include "zicha-notice.h"
#include "zicha-store.h"
#include "zicha-test.h"

#define NOTICE_ID "8c1f3a52-6e0b-4d8a-9b7e-2f5c1d9e4a10"
#define DETECTED "2019-07-09T09:30:00Z"
#define USCC "123502004263091794"

static char *tmpdir;
static guint store_counter;

static int
suite_init (void)
{
  tmpdir = zicha_test_make_tmpdir ();
  return 0;
}

static int
suite_cleanup (void)
{
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  return 0;
}

static GDateTime *
utc (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (text, zone);

  CU_ASSERT_PTR_NOT_NULL_FATAL (time);
  return time;
}

/* DETECTED plus @minutes. */
static GDateTime *
after_detection (gint64 minutes)
{
  g_autoptr(GDateTime) detected = utc (DETECTED);

  return g_date_time_add_minutes (detected, (int) minutes);
}

static ZichaNotice *
make_notice (const char *state)
{
  g_autoptr(GDateTime) detected = utc (DETECTED);

  return zicha_notice_new (NOTICE_ID, detected, NULL, "http://www.example.edu.cn/admin", "weak_password", "high",
                           "学校官网后台管理页面可从互联网访问，且使用弱口令。", state, detected);
}

static ZichaStore *
new_store (void)
{
  g_autofree char *path = g_strdup_printf ("%s/client-%u.db", tmpdir, ++store_counter);
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  return store;
}

/* The clock ---------------------------------------------------------------- */

static void
test_deadline (void)
{
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autoptr(GDateTime) expected = utc ("2019-07-12T09:30:00Z");

  CU_ASSERT_TRUE (g_date_time_equal (zicha_notice_get_deadline (notice), expected));
  CU_ASSERT_EQUAL (zicha_notice_get_state (notice), ZICHA_NOTICE_OPEN);
  CU_ASSERT_TRUE (zicha_notice_is_pending (notice));
}

static void
check_time_left (gint64      minutes,
                 GTimeSpan   left,
                 gboolean    overdue,
                 const char *text)
{
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autoptr(GDateTime) now = after_detection (minutes);
  g_autofree char *formatted = zicha_notice_format_time_left (notice, now);

  CU_ASSERT_EQUAL (zicha_notice_time_left (notice, now), left);
  CU_ASSERT_EQUAL (zicha_notice_is_overdue (notice, now), overdue);
  ZICHA_ASSERT_STR_EQ (formatted, text);
}

static void
test_time_left (void)
{
  /* At detection, 48 h later, a minute before the end, an hour after. */
  check_time_left (0, 72 * G_TIME_SPAN_HOUR, FALSE, "72 h left");
  check_time_left (48 * 60, 24 * G_TIME_SPAN_HOUR, FALSE, "24 h left");
  check_time_left (71 * 60 + 59, G_TIME_SPAN_MINUTE, FALSE, "less than 1 h left");
  check_time_left (73 * 60, -G_TIME_SPAN_HOUR, TRUE, "overdue 1 h");
  /* The deadline itself is still on time. */
  check_time_left (72 * 60, 0, FALSE, "less than 1 h left");
  check_time_left (72 * 60 + 1, -G_TIME_SPAN_MINUTE, TRUE, "overdue less than 1 h");
}

static void
test_answered_is_not_overdue (void)
{
  g_autoptr(ZichaNotice) notice = make_notice ("answered");
  g_autoptr(GDateTime) now = after_detection (100 * 60);
  g_autofree char *formatted = zicha_notice_format_time_left (notice, now);

  CU_ASSERT_FALSE (zicha_notice_is_overdue (notice, now));
  CU_ASSERT_FALSE (zicha_notice_is_pending (notice));
  ZICHA_ASSERT_STR_EQ (formatted, "Answered");
}

/* A local clock 5 hours fast or slow, with the offset the sync measured
 * from the platform's Date header, counts the same deadline. */
static void
test_wrong_local_clock (void)
{
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autoptr(GDateTime) platform = after_detection (10 * 60);
  GTimeSpan expected = 62 * G_TIME_SPAN_HOUR;

  for (int hours = -5; hours <= 5; hours += 10)
    {
      g_autoptr(GDateTime) local = g_date_time_add_hours (platform, hours);
      GTimeSpan offset = g_date_time_difference (platform, local);
      g_autoptr(GDateTime) now = zicha_notice_platform_now (local, offset);
      g_autoptr(ZichaStore) store = new_store ();
      g_autoptr(GDateTime) stored_now = NULL;
      g_autoptr(GDateTime) naive = NULL;
      g_autoptr(GError) error = NULL;
      GTimeSpan stored = 0;

      CU_ASSERT_EQUAL (offset, -hours * G_TIME_SPAN_HOUR);
      CU_ASSERT_EQUAL (zicha_notice_time_left (notice, now), expected);

      /* Through the store, across a reopen. */
      CU_ASSERT_FALSE (zicha_store_get_clock_offset (store, &stored, &error));
      CU_ASSERT_PTR_NULL (error);
      CU_ASSERT_TRUE (zicha_store_set_clock_offset (store, offset, &error));
      {
        g_autofree char *path = g_strdup (zicha_store_get_path (store));

        g_clear_object (&store);
        store = zicha_store_open (path, &error);
        CU_ASSERT_PTR_NOT_NULL_FATAL (store);
      }
      CU_ASSERT_TRUE (zicha_store_get_clock_offset (store, &stored, &error));
      CU_ASSERT_EQUAL (stored, offset);
      stored_now = zicha_store_get_platform_now (store, local);
      CU_ASSERT_EQUAL (zicha_notice_time_left (notice, stored_now), expected);

      /* Without the offset the local clock would have moved it. */
      naive = zicha_notice_platform_now (local, 0);
      CU_ASSERT_NOT_EQUAL (zicha_notice_time_left (notice, naive), expected);
    }
}

/* Reminders ------------------------------------------------------------------ */

static void
test_reminders (void)
{
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autoptr(ZichaNotice) answered = make_notice ("answered");
  g_autoptr(ZichaNotice) withdrawn = make_notice ("withdrawn");
  g_autoptr(GDateTime) arrival = after_detection (60);
  g_autoptr(GDateTime) later = after_detection (120);
  g_autoptr(GDateTime) day_left = after_detection (48 * 60 - 1);
  g_autoptr(GDateTime) under_day = after_detection (49 * 60);
  g_autoptr(GDateTime) after_that = after_detection (50 * 60);
  g_autoptr(GDateTime) overdue = after_detection (80 * 60);

  /* On arrival. */
  CU_ASSERT_EQUAL (zicha_notice_get_reminder (notice, arrival, NULL), ZICHA_NOTICE_REMINDER_ARRIVED);
  CU_ASSERT_TRUE (zicha_notice_needs_reminder (notice, arrival, NULL));
  /* Not again. */
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (notice, later, arrival));
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (notice, day_left, arrival));
  /* Under 24 hours left. */
  CU_ASSERT_EQUAL (zicha_notice_get_reminder (notice, under_day, arrival), ZICHA_NOTICE_REMINDER_DUE_SOON);
  /* Not twice. */
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (notice, after_that, under_day));
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (notice, overdue, under_day));
  /* The app was closed through the last day: once when it is back. */
  CU_ASSERT_EQUAL (zicha_notice_get_reminder (notice, overdue, arrival), ZICHA_NOTICE_REMINDER_DUE_SOON);

  /* Fetched only with 12 hours left: one reminder, not two. */
  {
    g_autoptr(GDateTime) late_arrival = after_detection (60 * 60);
    g_autoptr(GDateTime) hour_later = after_detection (61 * 60);

    CU_ASSERT_EQUAL (zicha_notice_get_reminder (notice, late_arrival, NULL), ZICHA_NOTICE_REMINDER_ARRIVED);
    CU_ASSERT_FALSE (zicha_notice_needs_reminder (notice, hour_later, late_arrival));
  }

  /* Nothing for notices that no longer wait. */
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (answered, arrival, NULL));
  CU_ASSERT_FALSE (zicha_notice_needs_reminder (withdrawn, under_day, arrival));
}

/* The store ------------------------------------------------------------------- */

/* A version-2 file: today's schema without what migration 3 adds. */
static void
test_migrate_from_version_2 (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "v2.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) store = zicha_store_open (path, &error);
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autofree char *report_uuid = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gboolean changed = FALSE;
  GTimeSpan offset = 0;

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  report = zicha_store_create_report (store, "edu-cybersec-selfcheck-2019", "1", "甲校", USCC, 2019, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  report_uuid = g_strdup (zicha_report_get_uuid (report));
  g_clear_object (&report);
  g_clear_object (&store);

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_exec (db,
                                 "DROP TRIGGER feedback_frozen; DROP TRIGGER feedback_kept;"
                                 "DROP TRIGGER feedback_attachments_frozen; DROP TRIGGER feedback_attachments_added;"
                                 "DROP TABLE feedback_attachments; DROP TABLE feedback; DROP TABLE notices;"
                                 "DROP TABLE platform_values; PRAGMA user_version = 2;",
                                 NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  store = zicha_store_open (path, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (store);

  /* What was there is still there. */
  reports = zicha_store_list_reports (store, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (reports);
  CU_ASSERT_EQUAL (reports->len, 1);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_uuid (reports->pdata[0]), report_uuid);

  /* And the new tables work. */
  CU_ASSERT_FALSE (zicha_store_get_clock_offset (store, &offset, &error));
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_TRUE (zicha_store_save_notice (store, notice, NULL, &changed, &error));
  CU_ASSERT_TRUE (changed);
  notices = zicha_store_list_notices (store, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (notices);
  CU_ASSERT_EQUAL (notices->len, 1);
  g_clear_object (&store);

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_EQUAL (sqlite3_column_int (stmt, 0), 3);
  CU_ASSERT_EQUAL (ZICHA_STORE_SCHEMA_VERSION, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_store_notices (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autoptr(ZichaNotice) answered = make_notice ("answered");
  g_autoptr(ZichaNotice) read = NULL;
  g_autoptr(GDateTime) reminded = after_detection (30);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  CU_ASSERT_TRUE (zicha_store_save_notice (store, notice, NULL, &changed, &error));
  CU_ASSERT_TRUE (changed);
  CU_ASSERT_TRUE (zicha_store_save_notice (store, notice, NULL, &changed, &error));
  CU_ASSERT_FALSE (changed);
  CU_ASSERT_TRUE (zicha_store_set_notice_reminded (store, NOTICE_ID, reminded, &error));

  read = zicha_store_get_notice (store, "8c1f3a52", &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (read);
  ZICHA_ASSERT_STR_EQ (zicha_notice_get_target (read), "http://www.example.edu.cn/admin");
  ZICHA_ASSERT_STR_EQ (zicha_notice_get_notice_type (read), "weak_password");
  CU_ASSERT_TRUE (g_date_time_equal (zicha_notice_get_deadline (read), zicha_notice_get_deadline (notice)));
  CU_ASSERT_PTR_NOT_NULL (zicha_notice_get_fetched_at (read));
  CU_ASSERT_TRUE (zicha_notice_get_reminded_at (read) != NULL &&
                  g_date_time_equal (zicha_notice_get_reminded_at (read), reminded));
  g_clear_object (&read);

  /* A change of state is a change; the reminder stays. */
  CU_ASSERT_TRUE (zicha_store_save_notice (store, answered, NULL, &changed, &error));
  CU_ASSERT_TRUE (changed);
  read = zicha_store_get_notice (store, NOTICE_ID, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (read);
  CU_ASSERT_EQUAL (zicha_notice_get_state (read), ZICHA_NOTICE_ANSWERED);
  CU_ASSERT_PTR_NOT_NULL (zicha_notice_get_reminded_at (read));

  CU_ASSERT_PTR_NULL (zicha_store_get_notice (store, "ffff", &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND));
}

static char *
write_evidence (const char *name,
                const char *contents)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  CU_ASSERT_FATAL (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_feedback_package (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaNotice) notice = make_notice ("open");
  g_autofree char *evidence_path = write_evidence ("scan.txt", "nmap: 3306/tcp closed\n");
  g_autoptr(GFile) evidence = g_file_new_for_path (evidence_path);
  GFile *files[] = { evidence, NULL };
  g_autoptr(GDateTime) completed = utc ("2019-07-10T08:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(ZichaFeedbackInfo) info = NULL;
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_again = NULL;
  ZichaFeedbackRequest request = { NULL, };

  CU_ASSERT_TRUE (zicha_store_save_notice (store, notice, NULL, NULL, &error));

  request.notice_id = "8c1f3a52";
  request.rectified = TRUE;
  request.completed_at = completed;
  request.measures = "关闭后台外网访问，修改为强口令。";
  request.responsible = "王老师";
  request.phone = "0592-1234567";
  request.retest_result = "复测：后台不可从互联网访问。";
  request.evidence = files;

  /* No unit code known yet. */
  uuid = zicha_store_add_feedback (store, &request, &error);
  CU_ASSERT_PTR_NULL (uuid);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_INVALID));
  g_clear_error (&error);

  CU_ASSERT_TRUE (zicha_store_set_platform_value (store, "unit_code", USCC, &error));
  uuid = zicha_store_add_feedback (store, &request, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (uuid);

  feedback = zicha_store_get_feedback (store, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (feedback);
  ZICHA_ASSERT_STR_EQ (feedback->notice_id, NOTICE_ID);
  ZICHA_ASSERT_STR_EQ (feedback->unit_code, USCC);
  CU_ASSERT_EQUAL (feedback->state, ZICHA_FEEDBACK_QUEUED);
  waiting = zicha_store_list_due_feedback (store, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (waiting);
  CU_ASSERT_EQUAL (waiting->len, 1);

  /* The same bytes every time: deliveries are idempotent. */
  package = zicha_feedback_package_build (store, uuid, &digest, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (package);
  again = zicha_feedback_package_build (store, uuid, &digest_again, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (again);
  ZICHA_ASSERT_STR_EQ (digest, feedback->digest);
  ZICHA_ASSERT_STR_EQ (digest_again, digest);

  info = zicha_feedback_package_verify (package, NULL, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (info);
  ZICHA_ASSERT_STR_EQ (info->digest, digest);
  ZICHA_ASSERT_STR_EQ (info->feedback_uuid, uuid);
  ZICHA_ASSERT_STR_EQ (info->notice_id, NOTICE_ID);
  ZICHA_ASSERT_STR_EQ (info->contact_name, "王老师");
  ZICHA_ASSERT_STR_EQ (info->retest_result, "复测：后台不可从互联网访问。");
  CU_ASSERT_TRUE (info->rectified);
  CU_ASSERT_EQUAL (info->attachments->len, 1);

  /* Frozen in the database. */
  {
    sqlite3 *db;
    CU_ASSERT_EQUAL_FATAL (sqlite3_open (zicha_store_get_path (store), &db), SQLITE_OK);
    CU_ASSERT_NOT_EQUAL (sqlite3_exec (db, "UPDATE feedback SET measures = 'x'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close (db);
  }

  /* A receipt answers the notice locally. */
  {
    g_autoptr(GDateTime) received = utc ("2019-07-10T09:00:00Z");
    g_autoptr(ZichaNotice) read = NULL;
    g_autoptr(ZichaFeedback) done = NULL;

    CU_ASSERT_TRUE (zicha_store_add_feedback_receipt (store, uuid, "ZP-20190710-TEST", received, FALSE,
                                                      "{\"receipt\":{}}", &error));
    CU_ASSERT_TRUE (zicha_store_add_feedback_receipt (store, uuid, "ZP-20190710-TEST", received, FALSE,
                                                      "{\"receipt\":{}}", &error));
    CU_ASSERT_FALSE (zicha_store_add_feedback_receipt (store, uuid, "ZP-20190710-OTHER", received, FALSE,
                                                       "{\"receipt\":{}}", &error));
    g_clear_error (&error);
    done = zicha_store_get_feedback (store, uuid, &error);
    CU_ASSERT_EQUAL (done->state, ZICHA_FEEDBACK_ACKNOWLEDGED);
    read = zicha_store_get_notice (store, NOTICE_ID, &error);
    CU_ASSERT_EQUAL (zicha_notice_get_state (read), ZICHA_NOTICE_ANSWERED);
  }
}

static void
test_feedback_package_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a zip", 9);
  g_autoptr(ZichaFeedbackInfo) info = zicha_feedback_package_verify (junk, NULL, &error);

  CU_ASSERT_PTR_NULL (info);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_PACKAGE_ERROR, ZICHA_PACKAGE_ERROR_NOT_A_ZIP));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/notice/deadline", test_deadline },
    { "/notice/time-left", test_time_left },
    { "/notice/answered-is-not-overdue", test_answered_is_not_overdue },
    { "/notice/wrong-local-clock", test_wrong_local_clock },
    { "/notice/reminders", test_reminders },
    { "/notice/store/migrate-from-2", test_migrate_from_version_2 },
    { "/notice/store/notices", test_store_notices },
    { "/notice/feedback/package", test_feedback_package },
    { "/notice/feedback/refused", test_feedback_package_refused },
    { NULL, NULL }
  };

  return zicha_test_run ("notice", suite_init, suite_cleanup, cases);
}
