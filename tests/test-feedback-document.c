/* test-feedback-document.c — the printed 整改反馈单, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (poppler-glib for the pages, their numbers and the metadata; poppler's
 * pdftotext -raw for the text in the order it was drawn.)
 *
 * A store with a threat notice and rectification feedback with two
 * evidence files: the form must show every value (the notice, the
 * measures, the person responsible and phone, the re-test result, each
 * evidence file's name and SHA-256), the seal block and the page numbers;
 * after the platform's receipt, the receipt number and whether it came in
 * time. qpdf and pdffonts accept the file; page 1 is saved as PNG in
 * build/screenshots/. A form that cannot be written leaves no file.
 */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>

#include "zicha-document.h"
#include "zicha-notice.h"
#include "zicha-store.h"
#include "zicha-test.h"
#include "zicha-test-pdf.h"

#define NOTICE_ID "8c1f3a52-6e0b-4d8a-9b7e-2f5c1d9e4a10"
#define DETECTED "2019-07-09T09:30:00Z"
#define USCC "123502004263091794"
#define UNIT "厦门市鹭屿实验中学"
#define TARGET "http://www.example.edu.cn/admin/login.php?redirect=/admin/index.php&session=expired&lang=zh-CN"
#define DESCRIPTION "学校官网后台管理页面可从互联网访问，且管理员账号使用弱口令（admin/123456），" \
                    "攻击者可登录后台篡改网页内容或获取师生个人信息。"
#define MEASURES "1. 已将后台管理页面限制为仅校园网内网访问，互联网侧返回 403。\n" \
                 "2. 已修改全部管理员账号口令为 12 位以上的复杂口令，并启用登录失败锁定和短信二次验证。\n" \
                 "3. 已排查近六个月后台登录日志，未发现异常登录；已将日志留存期延长至一年。"
#define RETEST "复测通过：2019年7月10日由信息中心使用互联网出口复测，后台地址已无法访问；弱口令扫描未发现问题。"
#define RESPONSIBLE "陈志远"
#define PHONE "0592-5551234"
#define EVIDENCE_1 "后台访问限制截图.png"
#define EVIDENCE_2 "复测报告.txt"

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

  /* Cairo and fontconfig keep font caches for the life of the process;
   * release them so LeakSanitizer sees only what we leaked. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return 0;
}

/* Fixtures ------------------------------------------------------------------- */

static GDateTime *
utc (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (text, zone);

  CU_ASSERT_PTR_NOT_NULL_FATAL (time);
  return time;
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

static void
save_notice (ZichaStore *store)
{
  g_autoptr(GDateTime) detected = utc (DETECTED);
  g_autoptr(ZichaNotice) notice = zicha_notice_new (NOTICE_ID, detected, NULL, TARGET, "weak_password", "high",
                                                    DESCRIPTION, "open", detected);
  g_autoptr(GError) error = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_store_save_notice (store, notice, NULL, NULL, &error));
}

static GFile *
write_evidence (const char *name,
                const char *contents)
{
  g_autofree char *dir = g_strdup_printf ("%s/evidence-%u", tmpdir, store_counter);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static const char evidence_1[] = "\x89PNG\r\n\x1a\n not really an image, but bytes to hash";
static const char evidence_2[] = "复测时间：2019-07-10 15:00\n复测结论：通过\n";

/* A store with the notice, a report of the unit (for its name) and the
 * feedback; returns the feedback's UUID. @completed NULL: in progress. */
static char *
make_feedback (ZichaStore *store,
               const char *completed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(GDateTime) completed_at = completed != NULL ? utc (completed) : NULL;
  g_autoptr(GFile) file_1 = write_evidence (EVIDENCE_1, evidence_1);
  g_autoptr(GFile) file_2 = write_evidence (EVIDENCE_2, evidence_2);
  GFile *files[] = { file_1, file_2, NULL };
  ZichaFeedbackRequest request = { NULL, };
  char *uuid;

  report = zicha_store_create_report (store, "edu-cybersec-selfcheck", "2019", UNIT, USCC, 2019, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  save_notice (store);

  request.notice_id = NOTICE_ID;
  request.unit_code = USCC;
  request.rectified = completed != NULL;
  request.completed_at = completed_at;
  request.measures = MEASURES;
  request.responsible = RESPONSIBLE;
  request.phone = PHONE;
  request.retest_result = RETEST;
  request.evidence = files;
  uuid = zicha_store_add_feedback (store, &request, &error);
  if (uuid == NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (uuid);
  return uuid;
}

/* Reading back ----------------------------------------------------------------- */

/* Every page's text in the order it was drawn (pdftotext -raw, from
 * poppler too), squeezed: the lines of a table cell stay together, where
 * reading order interleaves them with the cell beside it. The footers
 * are left out, so a cell that goes on over a page break joins up. */
static char *
drawn_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GRegex) footers = g_regex_new ("^第 ?\\d+ ?页 ?共 ?\\d+ ?页$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_test_run_tool (argv, &text));
  body = g_regex_replace_literal (footers, text, -1, 0, "", 0, NULL);
  return zicha_test_squeeze (body);
}

/* One page's text (poppler-glib), squeezed. */
static char *
page_text (PopplerDocument *pdf,
           int              index)
{
  g_autofree char *text = zicha_test_pdf_dup_page_text (pdf, index);

  return zicha_test_squeeze (text);
}

static void
assert_contains (const char *squeezed,
                 const char *expected)
{
  g_autofree char *wanted = zicha_test_squeeze (expected);

  if (strstr (squeezed, wanted) == NULL)
    g_printerr ("\n  not in the form: %s", expected);
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, wanted));
}

/* As the form prints times: local time, 2019年7月10日 16:30. */
static char *
printed_time (const char *iso)
{
  g_autoptr(GDateTime) time = utc (iso);
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y年%-m月%-d日 %H:%M");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort() hands over pointers to the elements. */
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the entries of @dir, sorted, joined with "/". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  CU_ASSERT_PTR_NOT_NULL_FATAL (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("/", (char **) names->pdata);
}

/* Tests ------------------------------------------------------------------------ */

static void
test_every_value (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_feedback (store, "2019-07-10T08:30:00Z");
  g_autofree char *path = g_build_filename (tmpdir, "feedback.pdf", NULL);
  g_autofree char *sha_1 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) evidence_1,
                                                        strlen (evidence_1));
  g_autofree char *sha_2 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) evidence_2,
                                                        strlen (evidence_2));
  g_autofree char *detected = printed_time (DETECTED);
  g_autofree char *deadline = printed_time ("2019-07-12T09:30:00Z");
  g_autofree char *completed = printed_time ("2019-07-10T08:30:00Z");
  g_autoptr(ZichaFeedbackSheet) sheet = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *first_footer = NULL;
  g_autofree char *last_footer = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  guint n_pages = 0;

  sheet = zicha_feedback_sheet_load (store, uuid, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sheet);
  CU_ASSERT_TRUE_FATAL (zicha_feedback_sheet_save_pdf (sheet, path, &n_pages, NULL, &error));
  CU_ASSERT_PTR_NULL (error);

  pdf = zicha_test_pdf_open (path);
  CU_ASSERT_TRUE (n_pages >= 1);
  CU_ASSERT_EQUAL (poppler_document_get_n_pages (pdf), (int) n_pages);
  text = drawn_text (path);

  /* Title and unit (found from the store's report of the unit code) */
  assert_contains (text, "网络安全威胁整改反馈单");
  assert_contains (text, "单位名称：" UNIT);
  assert_contains (text, USCC);
  assert_contains (text, uuid);
  /* The notice */
  assert_contains (text, NOTICE_ID);
  assert_contains (text, detected);
  assert_contains (text, deadline);
  assert_contains (text, TARGET);
  assert_contains (text, "弱口令");
  assert_contains (text, "高危");
  assert_contains (text, DESCRIPTION);
  /* The feedback */
  assert_contains (text, "已完成整改");
  assert_contains (text, completed);
  assert_contains (text, MEASURES);
  assert_contains (text, RETEST);
  assert_contains (text, RESPONSIBLE);
  assert_contains (text, PHONE);
  assert_contains (text, "整改在72小时期限内完成");
  assert_contains (text, "尚未收到平台回执");
  /* The evidence, each hash whole */
  assert_contains (text, EVIDENCE_1);
  assert_contains (text, EVIDENCE_2);
  assert_contains (text, sha_1);
  assert_contains (text, sha_2);
  /* Seal block: the contact is the person responsible */
  assert_contains (text, "（单位公章）");
  assert_contains (text, "联系人：" RESPONSIBLE);
  assert_contains (text, "联系电话：" PHONE);
  assert_contains (text, "主要负责人（签字）");
  /* The form is dated (in Chinese numerals) the day it was made: not a
   * blank 年 月 日 to fill in. */
  CU_ASSERT_PTR_NULL (strstr (text, "年月日"));
  /* Page numbers on the first and the last page */
  first = page_text (pdf, 0);
  last = page_text (pdf, (int) n_pages - 1);
  first_footer = g_strdup_printf ("第1页共%u页", n_pages);
  last_footer = g_strdup_printf ("第%u页共%u页", n_pages, n_pages);
  CU_ASSERT_PTR_NOT_NULL (strstr (first, first_footer));
  CU_ASSERT_PTR_NOT_NULL (strstr (last, last_footer));
  /* The seal block ends the form; alone on its page, the page says it
   * has no body text. */
  CU_ASSERT_PTR_NOT_NULL (strstr (last, "（单位公章）"));
  if (strstr (last, "三、佐证材料") == NULL)
    CU_ASSERT_PTR_NOT_NULL (strstr (last, "（此页无正文）"));
  CU_ASSERT_PTR_NULL (strstr (first, "（此页无正文）"));

  title = poppler_document_get_title (pdf);
  author = poppler_document_get_author (pdf);
  ZICHA_ASSERT_STR_EQ (title, "网络安全威胁整改反馈单");
  ZICHA_ASSERT_STR_EQ (author, UNIT);

  zicha_test_pdf_assert_valid (path, 2);
  zicha_test_pdf_save_png (pdf, 0, "feedback-form-p1.png");
  if (n_pages > 1)
    zicha_test_pdf_save_png (pdf, (int) n_pages - 1, "feedback-form-last.png");
}

static void
test_receipt_on_time_and_late (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_feedback (store, "2019-07-10T08:30:00Z");
  g_autofree char *path = g_build_filename (tmpdir, "receipt.pdf", NULL);
  g_autoptr(GDateTime) received = utc ("2019-07-10T09:00:00Z");
  g_autofree char *received_text = printed_time ("2019-07-10T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_store_add_feedback_receipt (store, uuid, "ZF-20190710-7K3M9Q", received, FALSE,
                                                          "{}", &error));
  /* The unit's name as the caller gives it wins over the reports'. */
  CU_ASSERT_TRUE_FATAL (zicha_document_write_feedback_form (store, uuid, "鹭屿实验中学（盖章单位）", path, &error));
  pdf = zicha_test_pdf_open (path);
  text = drawn_text (path);
  assert_contains (text, "ZF-20190710-7K3M9Q");
  assert_contains (text, received_text);
  assert_contains (text, "按期反馈");
  assert_contains (text, "鹭屿实验中学（盖章单位）");
  CU_ASSERT_PTR_NULL (strstr (text, "逾期"));
  zicha_test_pdf_save_png (pdf, 0, "feedback-form-receipt-p1.png");
  g_clear_object (&pdf);
  g_clear_pointer (&text, g_free);

  /* Received four days after detection: late by the platform's word,
   * 24 hours past the deadline. */
  {
    g_autoptr(ZichaStore) late_store = new_store ();
    g_autofree char *late_uuid = make_feedback (late_store, NULL);
    g_autoptr(GDateTime) late_received = utc ("2019-07-13T09:30:00Z");

    CU_ASSERT_TRUE_FATAL (zicha_store_add_feedback_receipt (late_store, late_uuid, "ZF-20190713-LATE01",
                                                            late_received, TRUE, "{}", &error));
    CU_ASSERT_TRUE_FATAL (zicha_document_write_feedback_form (late_store, late_uuid, NULL, path, &error));
    text = drawn_text (path);
    assert_contains (text, "逾期反馈");
    assert_contains (text, "超过72小时整改期限24小时");
    assert_contains (text, "整改中，尚未完成");
    assert_contains (text, "ZF-20190713-LATE01");
  }
}

/* Refused for good: the form says so, with the platform's reason, and
 * has no receipt. */
static void
test_refused (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_feedback (store, "2019-07-10T08:30:00Z");
  g_autofree char *path = g_build_filename (tmpdir, "refused.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ZichaOutboxAttempt refusal = { NULL, };

  refusal.permanent = TRUE;
  refusal.status = 422;
  refusal.code = "invalid_feedback";
  refusal.message = "actions: describe the measures taken";
  refusal.message_zh = "整改措施：请说明采取的措施";
  CU_ASSERT_TRUE_FATAL (zicha_store_record_feedback_attempt (store, uuid, &refusal, &error));
  CU_ASSERT_TRUE_FATAL (zicha_document_write_feedback_form (store, uuid, NULL, path, &error));
  text = drawn_text (path);
  assert_contains (text, "平台拒收本反馈：整改措施：请说明采取的措施");
  assert_contains (text, "平台拒收，无回执");
  CU_ASSERT_PTR_NULL (strstr (text, "尚未收到平台回执"));
}

static void
test_unwritable_leaves_nothing (void)
{
  g_autoptr(ZichaStore) store = new_store ();
  g_autofree char *uuid = make_feedback (store, "2019-07-10T08:30:00Z");
  g_autofree char *dir = g_build_filename (tmpdir, "unwritable", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "form.pdf", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (plain, "form.pdf", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ZichaFeedbackSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (plain, "not a folder", -1, NULL));
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (existing, "the old form", -1, NULL));
  before = list_dir (dir);

  /* A folder that does not exist */
  CU_ASSERT_FALSE (zicha_document_write_feedback_form (store, uuid, NULL, missing, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "form.pdf") : NULL);
  CU_ASSERT_FALSE (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A "folder" that is a file */
  CU_ASSERT_FALSE (zicha_document_write_feedback_form (store, uuid, NULL, under_file, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  g_clear_error (&error);

  /* Cancelled before it is written: the existing file stays as it was. */
  sheet = zicha_feedback_sheet_load (store, uuid, NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (sheet);
  g_cancellable_cancel (cancellable);
  CU_ASSERT_FALSE (zicha_feedback_sheet_save_pdf (sheet, existing, NULL, cancellable, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);

  /* An unknown feedback */
  CU_ASSERT_FALSE (zicha_document_write_feedback_form (store, "00000000-0000-4000-8000-000000000000", NULL,
                                                       existing, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_FOUND));
  g_clear_error (&error);

  /* Nothing was left behind, not even a temporary file. */
  after = list_dir (dir);
  ZICHA_ASSERT_STR_EQ (after, before);
  CU_ASSERT_TRUE (g_file_get_contents (existing, &contents, NULL, NULL));
  ZICHA_ASSERT_STR_EQ (contents, "the old form");
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/feedback-document/every-value", test_every_value },
    { "/feedback-document/receipt-on-time-and-late", test_receipt_on_time_and_late },
    { "/feedback-document/refused", test_refused },
    { "/feedback-document/unwritable-leaves-nothing", test_unwritable_leaves_nothing },
    { NULL, NULL }
  };

  return zicha_test_run ("feedback-document", suite_init, suite_cleanup, cases);
}
