/* test-notices-e2e.c — threat notices end to end on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real `zicha-platform serve`: a notice issued with `zicha-platform
 * notify` reaches the client on its next pass; feedback with an evidence
 * file goes back through the outbox and `list-notices` shows the notice
 * answered on time — also when the platform could not be reached for a
 * while (the server stopped and started again), and late for a notice
 * detected four days ago. A client whose clock is five hours fast counts
 * the same deadline. Every wait is bounded.
 */
#include "config.h"

#include <string.h>

#include "zicha-form.h"
#include "zicha-notice.h"
#include "zicha-platform-test.h"
#include "zicha-store.h"
#include "zicha-sync.h"
#include "zicha-test.h"
#include "zicha-token.h"

#define USCC "123502004263091794"
#define WAIT_MS 20000

static char *tmpdir;
static char *platform_db;
static char *token;
static ZichaTestPlatform *platform;
static ZichaForm *form;
static guint store_counter;

static int
suite_init (void)
{
  g_autofree char *path = zicha_form_default_path ();

  tmpdir = zicha_test_make_tmpdir ();
  form = path != NULL ? zicha_form_new_from_file (path, NULL) : NULL;
  platform_db = g_build_filename (tmpdir, "platform.db", NULL);
  token = zicha_test_platform_add_unit (platform_db, USCC, "测试学校");
  if (form == NULL || token == NULL)
    return 1;
  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return 1;

  /* Never the user's keyring. */
  g_unsetenv (ZICHA_TOKEN_ENV);
  return 0;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&platform, zicha_test_platform_stop);
  g_clear_object (&form);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&platform_db, g_free);
  g_clear_pointer (&token, g_free);
  return 0;
}

/* zicha-platform ------------------------------------------------------------ */

/* Runs zicha-platform with @args (NULL-terminated); its standard output,
 * or NULL when it failed. */
static char *
platform_command (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) ZICHA_PLATFORM_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

/* Issues a notice; its id. */
static char *
notify (const char *detected_at)
{
  const char *args[] = { "notify", "--db", platform_db, USCC, "--target", "http://www.example.edu.cn/admin",
                         "--type", "weak_password", "--severity", "high",
                         "--detail", "学校官网后台管理页面可从互联网访问，且使用弱口令。",
                         detected_at != NULL ? "--detected-at" : NULL, detected_at, NULL };
  g_autofree char *out = platform_command (args);

  CU_ASSERT_PTR_NOT_NULL_FATAL (out);
  g_strchomp (out);
  CU_ASSERT_FATAL (g_uuid_string_is_valid (out));
  return g_steal_pointer (&out);
}

/* The line list-notices prints for @notice_id. */
static char *
list_line (const char *notice_id)
{
  const char *args[] = { "list-notices", "--db", platform_db, NULL };
  g_autofree char *out = platform_command (args);
  g_auto(GStrv) lines = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], notice_id))
      return g_strdup (lines[i]);
  return NULL;
}

static void
assert_listed (const char *notice_id,
               const char *state_and_timeliness)
{
  g_autofree char *line = list_line (notice_id);
  g_autofree char *expected = g_strdup_printf ("%s %s weak_password %s http://www.example.edu.cn/admin",
                                               notice_id, USCC, state_and_timeliness);

  ZICHA_ASSERT_STR_EQ (line, expected);
}

/* The client ------------------------------------------------------------------ */

static ZichaStore *
new_store (void)
{
  g_autofree char *path = g_strdup_printf ("%s/client-%u.db", tmpdir, ++store_counter);
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_store_open (path, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  return store;
}

static ZichaSync *
new_sync (ZichaStore *store,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  ZichaSync *sync = zicha_sync_new (store, form, url, token, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (sync);
  zicha_sync_set_timeout (sync, 10);
  /* Tests never wait for a backoff. */
  zicha_sync_set_backoff (sync, 1, 1);
  return sync;
}

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

static void
run_pass (ZichaSync *sync)
{
  PassWait wait = { FALSE, NULL };

  zicha_sync_run_async (sync, ZICHA_SYNC_RUN_ALL, NULL, pass_cb, &wait);
  CU_ASSERT_FATAL (zicha_test_wait_for (&wait.done, WAIT_MS));
  CU_ASSERT_PTR_NOT_NULL_FATAL (wait.outcomes);
  g_ptr_array_unref (wait.outcomes);
}

static void
count_cb (ZichaSync *sync,
          guint     *count)
{
  (*count)++;
}

static char *
make_feedback (ZichaStore *store,
               const char *notice_id)
{
  g_autofree char *evidence_path = g_strdup_printf ("%s/evidence-%u.png", tmpdir, store_counter);
  g_autoptr(GFile) evidence = g_file_new_for_path (evidence_path);
  GFile *files[] = { evidence, NULL };
  g_autoptr(GDateTime) completed = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  ZichaFeedbackRequest request = { NULL, };
  char *uuid;

  CU_ASSERT_FATAL (g_file_set_contents (evidence_path, "\x89PNG\r\n\x1a\nnot really a screenshot", -1, NULL));
  request.notice_id = notice_id;
  request.rectified = TRUE;
  request.completed_at = completed;
  request.measures = "关闭后台外网访问，修改为强口令。";
  request.responsible = "王老师";
  request.retest_result = "复测：后台不可从互联网访问。";
  request.evidence = files;

  uuid = zicha_store_add_feedback (store, &request, &error);
  if (error != NULL)
    g_printerr ("feedback: %s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (uuid);
  return uuid;
}

static ZichaFeedback *
get_feedback (ZichaStore *store,
              const char *uuid)
{
  ZichaFeedback *feedback = zicha_store_get_feedback (store, uuid, NULL);

  CU_ASSERT_PTR_NOT_NULL_FATAL (feedback);
  return feedback;
}

/* The cases -------------------------------------------------------------------- */

static void
test_notice_and_feedback_on_time (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaSync) sync = new_sync (store, zicha_test_platform_get_url (platform));
  g_autofree char *notice_id = notify (NULL);
  g_autofree char *feedback_uuid = NULL;
  g_autofree char *unit_code = NULL;
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(ZichaNotice) answered = NULL;
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GDateTime) platform_now = NULL;
  guint changed = 0;
  GTimeSpan left;

  g_signal_connect (sync, "notices-changed", G_CALLBACK (count_cb), &changed);
  assert_listed (notice_id, "open -");

  /* The pass fetches it. */
  run_pass (sync);
  CU_ASSERT_PTR_NULL (zicha_sync_get_notices_error (sync));
  CU_ASSERT_EQUAL (changed, 1);
  notice = zicha_store_get_notice (store, notice_id, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (notice);
  ZICHA_ASSERT_STR_EQ (zicha_notice_get_target (notice), "http://www.example.edu.cn/admin");
  ZICHA_ASSERT_STR_EQ (zicha_notice_get_severity (notice), "high");
  unit_code = zicha_store_get_platform_value (store, "unit_code", NULL);
  ZICHA_ASSERT_STR_EQ (unit_code, USCC);
  CU_ASSERT_TRUE (zicha_store_get_clock_offset (store, NULL, NULL));
  platform_now = zicha_store_get_platform_now (store, NULL);
  left = zicha_notice_time_left (notice, platform_now);
  CU_ASSERT (left > 71 * G_TIME_SPAN_HOUR && left <= 72 * G_TIME_SPAN_HOUR);
  CU_ASSERT_TRUE (zicha_notice_needs_reminder (notice, platform_now, NULL));

  /* Nothing new: no signal. */
  run_pass (sync);
  CU_ASSERT_EQUAL (changed, 1);

  /* Feedback with evidence. */
  feedback_uuid = make_feedback (store, notice_id);
  run_pass (sync);
  feedback = get_feedback (store, feedback_uuid);
  CU_ASSERT_EQUAL (feedback->state, ZICHA_FEEDBACK_ACKNOWLEDGED);
  CU_ASSERT_FALSE (feedback->late);
  CU_ASSERT_TRUE (feedback->receipt_number != NULL && g_str_has_prefix (feedback->receipt_number, "ZP-"));
  CU_ASSERT_TRUE (feedback->receipt != NULL && strstr (feedback->receipt, "\"kind\":\"feedback\"") != NULL);
  CU_ASSERT_TRUE (changed >= 2);

  answered = zicha_store_get_notice (store, notice_id, NULL);
  CU_ASSERT_EQUAL (zicha_notice_get_state (answered), ZICHA_NOTICE_ANSWERED);
  assert_listed (notice_id, "answered on-time");

  /* Sent again (a lost answer): the same receipt, nothing new stored. */
  {
    g_autofree char *before = list_line (notice_id);
    g_autofree char *after = NULL;

    CU_ASSERT_TRUE (zicha_store_retry_feedback (store, feedback_uuid, NULL, NULL));
    run_pass (sync);
    after = list_line (notice_id);
    ZICHA_ASSERT_STR_EQ (after, before);
  }
}

static void
test_offline_for_a_while (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaSync) sync = new_sync (store, zicha_test_platform_get_url (platform));
  g_autoptr(ZichaSync) later_sync = NULL;
  g_autofree char *notice_id = notify (NULL);
  g_autofree char *feedback_uuid = NULL;
  g_autofree char *old_url = g_strdup (zicha_test_platform_get_url (platform));
  g_autoptr(ZichaFeedback) waiting = NULL;
  g_autoptr(ZichaFeedback) done = NULL;

  run_pass (sync);
  CU_ASSERT_PTR_NOT_NULL_FATAL (zicha_store_get_notice (store, notice_id, NULL));

  /* The platform goes away; the feedback waits in the outbox. */
  g_clear_pointer (&platform, zicha_test_platform_stop);
  feedback_uuid = make_feedback (store, notice_id);
  run_pass (sync);
  waiting = get_feedback (store, feedback_uuid);
  CU_ASSERT_EQUAL (waiting->state, ZICHA_FEEDBACK_QUEUED);
  CU_ASSERT_FALSE (waiting->permanent_failure);
  CU_ASSERT_EQUAL (waiting->attempts, 1);
  ZICHA_ASSERT_STR_EQ (waiting->last_error_code, "network");
  CU_ASSERT_PTR_NOT_NULL (waiting->next_attempt_at);
  CU_ASSERT_PTR_NOT_NULL (zicha_sync_get_notices_error (sync));
  assert_listed (notice_id, "open -");

  /* Back (on another port): a new run of the client resumes from the store. */
  platform = zicha_test_platform_start (platform_db, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (platform);
  CU_ASSERT_STRING_NOT_EQUAL (zicha_test_platform_get_url (platform), old_url);
  later_sync = new_sync (store, zicha_test_platform_get_url (platform));
  run_pass (later_sync);

  done = get_feedback (store, feedback_uuid);
  CU_ASSERT_EQUAL (done->state, ZICHA_FEEDBACK_ACKNOWLEDGED);
  CU_ASSERT_FALSE (done->late);
  CU_ASSERT_PTR_NULL (zicha_sync_get_notices_error (later_sync));
  assert_listed (notice_id, "answered on-time");
}

static void
test_late_feedback (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaSync) sync = new_sync (store, zicha_test_platform_get_url (platform));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) four_days_ago = g_date_time_add_days (now, -4);
  g_autofree char *detected = g_date_time_format (four_days_ago, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *notice_id = notify (detected);
  g_autofree char *feedback_uuid = NULL;
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GDateTime) platform_now = NULL;
  g_autofree char *left = NULL;

  run_pass (sync);
  notice = zicha_store_get_notice (store, notice_id, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (notice);
  platform_now = zicha_store_get_platform_now (store, NULL);
  CU_ASSERT_TRUE (zicha_notice_is_overdue (notice, platform_now));
  left = zicha_notice_format_time_left (notice, platform_now);
  ZICHA_ASSERT_STR_EQ (left, "overdue 24 h");

  feedback_uuid = make_feedback (store, notice_id);
  run_pass (sync);
  feedback = get_feedback (store, feedback_uuid);
  CU_ASSERT_EQUAL (feedback->state, ZICHA_FEEDBACK_ACKNOWLEDGED);
  CU_ASSERT_TRUE (feedback->late);
  CU_ASSERT_TRUE (feedback->receipt != NULL && strstr (feedback->receipt, "\"late\":true") != NULL);
  assert_listed (notice_id, "answered late");
}

/* The local clock five hours fast: the offset from the Date header puts
 * the deadline back where the platform has it. */
static GDateTime *
fast_clock (gpointer user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_hours (now, 5);
}

static void
test_wrong_local_clock (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autoptr(ZichaSync) sync = new_sync (store, zicha_test_platform_get_url (platform));
  g_autofree char *notice_id = notify (NULL);
  g_autoptr(ZichaNotice) notice = NULL;
  g_autoptr(GDateTime) wrong_local = NULL;
  g_autoptr(GDateTime) platform_now = NULL;
  GTimeSpan offset = 0;
  GTimeSpan left;

  zicha_sync_set_clock (sync, fast_clock, NULL);
  run_pass (sync);

  CU_ASSERT_TRUE (zicha_store_get_clock_offset (store, &offset, NULL));
  CU_ASSERT (ABS (offset + 5 * G_TIME_SPAN_HOUR) < 5 * G_TIME_SPAN_SECOND);

  notice = zicha_store_get_notice (store, notice_id, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (notice);
  wrong_local = fast_clock (NULL);
  platform_now = zicha_store_get_platform_now (store, wrong_local);
  left = zicha_notice_time_left (notice, platform_now);
  CU_ASSERT (left > 71 * G_TIME_SPAN_HOUR + 55 * G_TIME_SPAN_MINUTE && left <= 72 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_SECOND);
  CU_ASSERT_FALSE (zicha_notice_is_overdue (notice, platform_now));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/notices-e2e/on-time", test_notice_and_feedback_on_time },
    { "/notices-e2e/offline-for-a-while", test_offline_for_a_while },
    { "/notices-e2e/late", test_late_feedback },
    { "/notices-e2e/wrong-local-clock", test_wrong_local_clock },
    { NULL, NULL }
  };

  return zicha_test_run ("notices-e2e", suite_init, suite_cleanup, cases);
}
