/* test-notice-suggestion.c — which threat notices a report speaks of, and
 * the sentence and 整改措施 row suggested for each
 *
 * Days are local: the suite runs in Asia/Shanghai (UTC+8, no daylight
 * saving), where the platform's notices are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zicha-answers.h"
#include "zicha-notice-suggestion.h"
#include "zicha-store.h"
#include "zicha-test.h"

#define NOTICE_ID   "8c1f3a52-6e0b-4d8a-9b7e-2f5c1d9e4a10"
#define OTHER_ID    "0b7e2c55-3f9a-4e61-8d2c-6a1f0e9b7c34"
/* 2026年11月25日 10:30 in Beijing; the deadline is 11月28日 10:30. */
#define DETECTED    "2026-11-25T02:30:00Z"
#define TARGET      "https://www.example.edu.cn/admin"
#define USCC        "123502004263091794"

static char *tmpdir;

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

/* Helpers --------------------------------------------------------------------- */

static GDateTime *
utc (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (text, zone);

  CU_ASSERT_PTR_NOT_NULL_FATAL (time);
  return time;
}

static ZichaNotice *
make_notice (const char *id,
             const char *detected_at,
             const char *target,
             const char *type,
             const char *severity,
             const char *state)
{
  g_autoptr(GDateTime) detected = utc (detected_at);

  return zicha_notice_new (id, detected, NULL, target, type, severity, "后台管理页面可从互联网访问。", state,
                           detected);
}

/* Feedback as the store lists it; only what the suggestions read. */
static ZichaFeedback *
make_feedback (const char *notice_id,
               gboolean    rectified,
               const char *completed_at,
               const char *measures,
               const char *responsible)
{
  ZichaFeedback *feedback = g_new0 (ZichaFeedback, 1);

  feedback->uuid = g_uuid_string_random ();
  feedback->notice_id = g_strdup (notice_id);
  feedback->rectified = rectified;
  feedback->completed_at = completed_at != NULL ? utc (completed_at) : NULL;
  feedback->measures = g_strdup (measures);
  feedback->responsible = g_strdup (responsible);
  /* Delivered, with the platform's receipt, unless a test says otherwise. */
  feedback->state = ZICHA_FEEDBACK_ACKNOWLEDGED;
  return feedback;
}

static GPtrArray *
new_feedback_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_feedback_free);
}

static ZichaAnswers *
new_answers (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  return zicha_answers_new (form);
}

static void
set_answer (ZichaAnswers *answers,
            const char   *path,
            const char   *text)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(GError) error = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_answers_set_value_at (answers, path, value, &error));
}

/* A row of the 整改措施 table with @problem. */
static void
add_measure_row (ZichaAnswers *answers,
                 const char   *problem)
{
  ZichaFormItem *measures = zicha_form_lookup_item (zicha_answers_get_form (answers), ZICHA_REPORT_MEASURES_PATH,
                                                    NULL);
  g_autofree char *row = NULL;
  g_autofree char *path = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (measures);
  row = zicha_answers_add_row (answers, measures);
  path = g_strdup_printf ("%s[%s].problem", ZICHA_REPORT_MEASURES_PATH, row);
  set_answer (answers, path, problem);
}

static ZichaNoticeSuggestions *
suggest (ZichaAnswers *answers,
         int           year,
         GPtrArray    *notices,
         GPtrArray    *feedback,
         const char   *now)
{
  g_autoptr(GDateTime) platform_now = utc (now);
  ZichaNoticeSuggestions *suggestions = zicha_notice_suggestions_new (answers, year, notices, feedback, platform_now);

  CU_ASSERT_PTR_NOT_NULL_FATAL (suggestions);
  return suggestions;
}

/* The ids of the notices chosen, in order, joined by spaces. */
static char *
chosen_ids (ZichaNoticeSuggestions *suggestions)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < zicha_notice_suggestions_get_n_notices (suggestions); i++)
    {
      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, zicha_notice_get_id (zicha_notice_suggestions_get_notice (suggestions, i)));
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Tests ----------------------------------------------------------------------- */

static void
test_open_notice_is_planned (void)
{
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ZichaNoticeSuggestions) suggestions = NULL;
  g_autoptr(ZichaNoticeSuggestions) later = NULL;
  const ZichaReportSuggestion *suggestion;

  g_ptr_array_add (notices, make_notice (NOTICE_ID, DETECTED, TARGET, "weak_password", "high", "open"));

  /* An hour after detection: 71 hours left. */
  suggestions = suggest (answers, 2026, notices, NULL, "2026-11-25T03:30:00Z");
  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (suggestions), 1);
  CU_ASSERT_PTR_NULL (zicha_notice_suggestions_get_feedback (suggestions, 0));
  suggestion = zicha_notice_suggestions_get_suggestion (suggestions, 0);
  CU_ASSERT_EQUAL (suggestion->source, ZICHA_REPORT_SUGGESTION_NOTICE);
  ZICHA_ASSERT_STR_EQ (suggestion->notice_id, NOTICE_ID);
  CU_ASSERT_PTR_NULL (suggestion->row_id);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "尚未完成整改，须于2026年11月28日 10:30前整改并反馈");
  ZICHA_ASSERT_STR_EQ (suggestion->problem, "https://www.example.edu.cn/admin 存在弱口令（2026年11月25日 10:30威胁通报）");
  ZICHA_ASSERT_STR_EQ (suggestion->measure, "按通报要求排查整改，并在72小时内向平台反馈整改情况。");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2026-11-28");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "planned");
  CU_ASSERT_FALSE (suggestion->in_report);

  /* Past the deadline, by the platform's clock. */
  later = suggest (answers, 2026, notices, NULL, "2026-11-28T02:31:00Z");
  suggestion = zicha_notice_suggestions_get_suggestion (later, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "尚未完成整改，已超过2026年11月28日 10:30的72小时整改期限");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "planned");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2026-11-28");
}

static void
test_feedback_decides_status (void)
{
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) feedback = new_feedback_list ();
  g_autoptr(GPtrArray) in_progress = new_feedback_list ();
  g_autoptr(ZichaNoticeSuggestions) suggestions = NULL;
  g_autoptr(ZichaNoticeSuggestions) progress = NULL;
  g_autoptr(ZichaNoticeSuggestions) resolved = NULL;
  const ZichaReportSuggestion *suggestion;

  g_ptr_array_add (notices, make_notice (NOTICE_ID, DETECTED, TARGET, "weak_password", "high", "answered"));

  /* Oldest first: a first report of progress, then the fix (2026-11-26
   * 14:00 in Beijing); and feedback for another notice. */
  g_ptr_array_add (feedback, make_feedback (NOTICE_ID, FALSE, NULL, "已临时关闭后台外网访问。", "张老师"));
  g_ptr_array_add (feedback, make_feedback (OTHER_ID, TRUE, "2026-11-20T06:00:00Z", "别的通报。", "赵老师"));
  g_ptr_array_add (feedback, make_feedback (NOTICE_ID, TRUE, "2026-11-26T06:00:00Z",
                                            "  关闭后台外网访问，全部账号修改为强口令。\n", " 王老师 "));

  suggestions = suggest (answers, 2026, notices, feedback, "2026-11-27T00:00:00Z");
  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (suggestions), 1);
  CU_ASSERT_PTR_EQUAL (zicha_notice_suggestions_get_feedback (suggestions, 0), feedback->pdata[2]);
  suggestion = zicha_notice_suggestions_get_suggestion (suggestions, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "已于2026年11月26日完成整改并反馈");
  ZICHA_ASSERT_STR_EQ (suggestion->measure, "关闭后台外网访问，全部账号修改为强口令。");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "王老师");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2026-11-26");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "done");

  /* Feedback, but not rectified yet: in progress, until the deadline. */
  g_ptr_array_add (in_progress, make_feedback (NOTICE_ID, FALSE, NULL, "已临时关闭后台外网访问。", "张老师"));
  progress = suggest (answers, 2026, notices, in_progress, "2026-11-27T00:00:00Z");
  suggestion = zicha_notice_suggestions_get_suggestion (progress, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "已向平台反馈整改进展，整改尚未完成");
  ZICHA_ASSERT_STR_EQ (suggestion->measure, "已临时关闭后台外网访问。");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "张老师");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2026-11-28");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "in_progress");

  /* Resolved by the platform, the feedback made elsewhere. */
  g_ptr_array_set_size (notices, 0);
  g_ptr_array_add (notices, make_notice (NOTICE_ID, DETECTED, "教务管理系统", "vulnerability", "medium", "resolved"));
  resolved = suggest (answers, 2026, notices, NULL, "2026-11-27T00:00:00Z");
  suggestion = zicha_notice_suggestions_get_suggestion (resolved, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位教务管理系统存在安全漏洞（中危），已完成整改，经平台确认");
  ZICHA_ASSERT_STR_EQ (suggestion->problem, "教务管理系统存在安全漏洞（2026年11月25日 10:30威胁通报）");
  ZICHA_ASSERT_STR_EQ (suggestion->measure, "按通报要求排查整改，并在72小时内向平台反馈整改情况。");
  ZICHA_ASSERT_STR_EQ (suggestion->status, "done");
}

/* Feedback the platform refused for good does not count; feedback still
 * in the outbox is said to be on its way; two notices of one target on
 * one day are two problems. */
static void
test_refused_and_waiting_feedback (void)
{
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refused = new_feedback_list ();
  g_autoptr(GPtrArray) waiting = new_feedback_list ();
  g_autoptr(ZichaNoticeSuggestions) after_refusal = NULL;
  g_autoptr(ZichaNoticeSuggestions) queued = NULL;
  g_autoptr(ZichaNoticeSuggestions) same_day = NULL;
  const ZichaReportSuggestion *suggestion;
  ZichaFeedback *one;

  g_ptr_array_add (notices, make_notice (NOTICE_ID, DETECTED, TARGET, "weak_password", "high", "open"));

  one = make_feedback (NOTICE_ID, TRUE, "2026-11-26T06:00:00Z", "已修改口令。", "王老师");
  one->state = ZICHA_FEEDBACK_QUEUED;
  one->permanent_failure = TRUE;
  g_ptr_array_add (refused, one);
  after_refusal = suggest (answers, 2026, notices, refused, "2026-11-26T07:00:00Z");
  CU_ASSERT_PTR_NULL (zicha_notice_suggestions_get_feedback (after_refusal, 0));
  suggestion = zicha_notice_suggestions_get_suggestion (after_refusal, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->status, "planned");
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "尚未完成整改，须于2026年11月28日 10:30前整改并反馈");

  one = make_feedback (NOTICE_ID, TRUE, "2026-11-26T06:00:00Z", "已修改口令。", "王老师");
  one->state = ZICHA_FEEDBACK_QUEUED;
  g_ptr_array_add (waiting, one);
  queued = suggest (answers, 2026, notices, waiting, "2026-11-26T07:00:00Z");
  suggestion = zicha_notice_suggestions_get_suggestion (queued, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->status, "done");
  ZICHA_ASSERT_STR_EQ (suggestion->sentence,
                       "2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "已于2026年11月26日完成整改，反馈待报送平台");

  g_ptr_array_add (notices, make_notice (OTHER_ID, "2026-11-25T06:45:00Z", TARGET, "weak_password", "high", "open"));
  same_day = suggest (answers, 2026, notices, NULL, "2026-11-26T07:00:00Z");
  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (same_day), 2);
  ZICHA_ASSERT_STR_EQ (zicha_notice_suggestions_get_suggestion (same_day, 1)->problem,
                       "https://www.example.edu.cn/admin 存在弱口令（2026年11月25日 14:45威胁通报）");
  CU_ASSERT_STRING_NOT_EQUAL (zicha_notice_suggestions_get_suggestion (same_day, 0)->problem,
                              zicha_notice_suggestions_get_suggestion (same_day, 1)->problem);
}

static void
test_report_period (void)
{
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ZichaNoticeSuggestions) suggestions = NULL;
  g_autoptr(ZichaNoticeSuggestions) widened = NULL;
  g_autoptr(ZichaNoticeSuggestions) mistyped = NULL;
  g_autofree char *ids = NULL;
  GDate first, last;

  /* In list order; detected: */
  g_ptr_array_add (notices, make_notice ("n-answered-2025", "2025-06-01T02:00:00Z", TARGET, "malware", "low",
                                         "answered"));
  g_ptr_array_add (notices, make_notice ("n-open-2026", "2026-03-02T02:00:00Z", TARGET, "phishing", "", "open"));
  /* 2026-01-01 01:00 in Beijing, still 2025 in UTC. */
  g_ptr_array_add (notices, make_notice ("n-answered-new-year", "2025-12-31T17:00:00Z", TARGET, "defacement",
                                         "critical", "answered"));
  g_ptr_array_add (notices, make_notice ("n-open-2025", "2025-12-20T02:00:00Z", TARGET, "data_leak", "high", "open"));
  g_ptr_array_add (notices, make_notice ("n-withdrawn-2026", "2026-04-01T02:00:00Z", TARGET, "other", "low",
                                         "withdrawn"));
  g_ptr_array_add (notices, make_notice ("n-resolved-2027", "2027-01-05T02:00:00Z", TARGET, "exposed_service",
                                         "medium", "resolved"));
  g_ptr_array_add (notices, make_notice ("n-open-2027", "2027-01-06T02:00:00Z", TARGET, "vulnerability", "high",
                                         "open"));
  g_ptr_array_add (notices, make_notice ("n-answered-dec-2025", "2025-12-15T02:00:00Z", TARGET, "malware", "low",
                                         "answered"));

  /* 2026: what was detected in 2026, and what is still open from before.
   * Not: last year's answered notices, the withdrawn one, next year's. */
  suggestions = suggest (answers, 2026, notices, NULL, "2027-02-01T00:00:00Z");
  zicha_notice_suggestions_get_period (suggestions, &first, &last);
  CU_ASSERT_EQUAL (g_date_get_year (&first), 2026);
  CU_ASSERT_EQUAL (g_date_get_month (&first), G_DATE_JANUARY);
  CU_ASSERT_EQUAL (g_date_get_day (&first), 1);
  CU_ASSERT_EQUAL (g_date_get_year (&last), 2026);
  CU_ASSERT_EQUAL (g_date_get_month (&last), G_DATE_DECEMBER);
  CU_ASSERT_EQUAL (g_date_get_day (&last), 31);
  ids = chosen_ids (suggestions);
  ZICHA_ASSERT_STR_EQ (ids, "n-open-2025 n-answered-new-year n-open-2026");
  /* Answered in December, but the feedback says it is not rectified yet:
   * still this year's problem. */
  {
    g_autoptr(GPtrArray) feedback = new_feedback_list ();
    g_autoptr(ZichaNoticeSuggestions) carried = NULL;
    g_autofree char *carried_ids = NULL;

    g_ptr_array_add (feedback, make_feedback ("n-answered-dec-2025", FALSE, NULL, "正在清除。", "赵老师"));
    carried = suggest (answers, 2026, notices, feedback, "2027-02-01T00:00:00Z");
    carried_ids = chosen_ids (carried);
    ZICHA_ASSERT_STR_EQ (carried_ids, "n-answered-dec-2025 n-open-2025 n-answered-new-year n-open-2026");
  }
  ZICHA_ASSERT_STR_EQ (zicha_notice_suggestions_get_suggestion (suggestions, 1)->sentence,
                       "2026年1月1日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在网页篡改（严重），"
                       "已向平台反馈整改进展，整改尚未完成");
  /* No severity given: none said. */
  ZICHA_ASSERT_STR_EQ (zicha_notice_suggestions_get_suggestion (suggestions, 2)->sentence,
                       "2026年3月2日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在网络钓鱼，"
                       "尚未完成整改，已超过2026年3月5日 10:00的72小时整改期限");

  /* A self-inspection from December 2025 to January 2027 covers those
   * days too; the open notice of 2027-01-06 comes after it. */
  set_answer (answers, ZICHA_NOTICE_SUGGESTION_START_PATH, "2025-12-10");
  set_answer (answers, ZICHA_NOTICE_SUGGESTION_END_PATH, "2027-01-05");
  widened = suggest (answers, 2026, notices, NULL, "2027-02-01T00:00:00Z");
  g_free (ids);
  ids = chosen_ids (widened);
  ZICHA_ASSERT_STR_EQ (ids, "n-answered-dec-2025 n-open-2025 n-answered-new-year n-open-2026 n-resolved-2027");

  /* Dates further off are typing errors: the year stands. */
  set_answer (answers, ZICHA_NOTICE_SUGGESTION_START_PATH, "2016-12-10");
  set_answer (answers, ZICHA_NOTICE_SUGGESTION_END_PATH, "2036-01-05");
  mistyped = suggest (answers, 2026, notices, NULL, "2027-02-01T00:00:00Z");
  g_free (ids);
  ids = chosen_ids (mistyped);
  ZICHA_ASSERT_STR_EQ (ids, "n-open-2025 n-answered-new-year n-open-2026");
}

static void
test_already_in_report (void)
{
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ZichaNoticeSuggestions) before = NULL;
  g_autoptr(ZichaNoticeSuggestions) after = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *fewer = NULL;

  g_ptr_array_add (notices, make_notice (NOTICE_ID, DETECTED, TARGET, "weak_password", "high", "open"));
  g_ptr_array_add (notices, make_notice (OTHER_ID, "2026-11-26T02:30:00Z", "教务管理系统", "vulnerability", "medium",
                                         "open"));

  before = suggest (answers, 2026, notices, NULL, "2026-11-26T03:00:00Z");
  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (before), 2);
  CU_ASSERT_FALSE (zicha_notice_suggestions_get_suggestion (before, 0)->in_report);
  CU_ASSERT_FALSE (zicha_notice_suggestions_get_suggestion (before, 1)->in_report);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (all, (gpointer) zicha_notice_suggestions_get_suggestion (before, i));
  text = zicha_report_suggestions_dup_problems_text (all);
  ZICHA_ASSERT_STR_EQ (text,
                       "一是2026年11月25日，平台远程检测发现本单位 https://www.example.edu.cn/admin 存在弱口令（高危），"
                       "尚未完成整改，须于2026年11月28日 10:30前整改并反馈；"
                       "二是2026年11月26日，平台远程检测发现本单位教务管理系统存在安全漏洞（中危），"
                       "尚未完成整改，须于2026年11月29日 10:30前整改并反馈。");

  /* Accepted (or typed) into the measures table, spaces around it: the
   * first is in the report now, the other is not. */
  add_measure_row (answers, "  https://www.example.edu.cn/admin 存在弱口令（2026年11月25日 10:30威胁通报） ");
  add_measure_row (answers, "教务管理系统存在安全漏洞");
  after = suggest (answers, 2026, notices, NULL, "2026-11-26T03:00:00Z");
  CU_ASSERT_TRUE (zicha_notice_suggestions_get_suggestion (after, 0)->in_report);
  CU_ASSERT_FALSE (zicha_notice_suggestions_get_suggestion (after, 1)->in_report);
  g_ptr_array_set_size (all, 0);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (all, (gpointer) zicha_notice_suggestions_get_suggestion (after, i));
  fewer = zicha_report_suggestions_dup_problems_text (all);
  CU_ASSERT_TRUE (g_str_has_prefix (fewer, "一是2026年11月26日，平台远程检测发现本单位教务管理系统"));
  CU_ASSERT_PTR_NULL (strstr (fewer, "二是"));

  /* Both in: nothing left to say. */
  add_measure_row (answers, "教务管理系统存在安全漏洞（2026年11月26日 10:30威胁通报）");
  g_clear_object (&after);
  after = suggest (answers, 2026, notices, NULL, "2026-11-26T03:00:00Z");
  g_ptr_array_set_size (all, 0);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (all, (gpointer) zicha_notice_suggestions_get_suggestion (after, i));
  CU_ASSERT_PTR_NULL (zicha_report_suggestions_dup_problems_text (all));
}

/* Through the store: the newest feedback a client made is the one used. */
static void
test_from_store (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "client.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaStore) store = zicha_store_open (path, &error);
  g_autoptr(ZichaNotice) notice = make_notice (NOTICE_ID, DETECTED, TARGET, "weak_password", "high", "open");
  g_autoptr(GDateTime) completed = utc ("2026-11-26T06:00:00Z");
  g_autoptr(ZichaAnswers) answers = new_answers ();
  g_autoptr(ZichaNoticeSuggestions) suggestions = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const ZichaReportSuggestion *suggestion;
  ZichaFeedbackRequest request = { NULL, };

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  CU_ASSERT_TRUE_FATAL (zicha_store_save_notice (store, notice, NULL, NULL, &error));
  CU_ASSERT_TRUE_FATAL (zicha_store_set_platform_value (store, "unit_code", USCC, &error));

  request.notice_id = NOTICE_ID;
  request.rectified = FALSE;
  request.measures = "已临时关闭后台外网访问。";
  request.responsible = "张老师";
  request.retest_result = "尚未复测。";
  first = zicha_store_add_feedback (store, &request, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);

  request.rectified = TRUE;
  request.completed_at = completed;
  request.measures = "关闭后台外网访问，全部账号修改为强口令。";
  request.responsible = "王老师";
  request.retest_result = "复测：后台不可从互联网访问。";
  second = zicha_store_add_feedback (store, &request, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);

  suggestions = zicha_notice_suggestions_new_from_store (store, answers, 2026, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (suggestions);
  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (suggestions), 1);
  ZICHA_ASSERT_STR_EQ (zicha_notice_suggestions_get_feedback (suggestions, 0)->uuid, second);
  suggestion = zicha_notice_suggestions_get_suggestion (suggestions, 0);
  ZICHA_ASSERT_STR_EQ (suggestion->status, "done");
  ZICHA_ASSERT_STR_EQ (suggestion->measure, "关闭后台外网访问，全部账号修改为强口令。");
  ZICHA_ASSERT_STR_EQ (suggestion->owner, "王老师");
  ZICHA_ASSERT_STR_EQ (suggestion->deadline_iso, "2026-11-26");

  /* The platform has not received the feedback yet, so the notice is
   * still open: next year's report has it too; the year before's does
   * not (detected after it). */
  g_clear_object (&suggestions);
  suggestions = zicha_notice_suggestions_new_from_store (store, answers, 2027, &error);
  CU_ASSERT_EQUAL (zicha_notice_suggestions_get_n_notices (suggestions), 1);
  g_clear_object (&suggestions);
  suggestions = zicha_notice_suggestions_new_from_store (store, answers, 2025, &error);
  CU_ASSERT_EQUAL (zicha_notice_suggestions_get_n_notices (suggestions), 0);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/notice-suggestion/open-is-planned", test_open_notice_is_planned },
    { "/notice-suggestion/feedback-decides-status", test_feedback_decides_status },
    { "/notice-suggestion/refused-and-waiting-feedback", test_refused_and_waiting_feedback },
    { "/notice-suggestion/report-period", test_report_period },
    { "/notice-suggestion/already-in-report", test_already_in_report },
    { "/notice-suggestion/from-store", test_from_store },
    { NULL, NULL }
  };

  /* Before anything reads the local time zone. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);

  return zicha_test_run ("notice-suggestion", suite_init, suite_cleanup, cases);
}
