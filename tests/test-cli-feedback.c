/* test-cli-feedback.c — zicha-cli feedback --pdf and feedback-pdf against
 * the reference server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The platform issues a notice; zicha-cli fetches it, sends feedback with
 * an evidence file and writes the 整改反馈单 with the receipt on it; then
 * feedback-pdf prints it again by the notice's ID and by the feedback's.
 * The text is read back with poppler's pdftotext. Usage errors and an
 * unwritable path leave no file. As in test-cli-sync.c, the programs see
 * no keyring and no other server.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>

#include "zicha-cli-test.h"
#include "zicha-platform-test.h"
#include "zicha-test.h"

#define DEMO_USCC "123502004263091794"
#define TARGET "https://www.example.edu.cn/admin/"
#define MEASURES "已升级内容管理系统并关闭 8080 端口"
#define RETEST "复测未发现问题"
#define RESPONSIBLE "陈志远"
#define PHONE "0592-5551234"
#define EVIDENCE "复测报告.txt"

static char *tmpdir;
static char *db_path;
static char *platform_db;
static char *token_file;
static ZichaTestPlatform *platform;

G_GNUC_NULL_TERMINATED static ZichaCliResult *
run (const char *first_arg,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, db_path);
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return zicha_cli_run ((const char * const *) args->pdata);
}

static int
suite_init (void)
{
  g_autofree char *token = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "client.db", NULL);
  platform_db = g_build_filename (tmpdir, "platform.db", NULL);

  token = zicha_test_platform_add_unit (platform_db, DEMO_USCC, "厦门市鹭屿实验中学");
  if (token == NULL)
    return 1;
  token_file = g_build_filename (tmpdir, "token", NULL);
  if (!g_file_set_contents (token_file, token, -1, NULL) || chmod (token_file, 0600) != 0)
    return 1;

  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return 1;

  g_unsetenv ("ZICHA_TOKEN");
  g_setenv ("ZICHA_SERVER", zicha_test_platform_get_url (platform), TRUE);
  g_unsetenv ("DISPLAY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/zicha-test-bus", TRUE);
  return 0;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&platform, zicha_test_platform_stop);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&db_path, g_free);
  g_clear_pointer (&platform_db, g_free);
  g_clear_pointer (&token_file, g_free);
  return 0;
}

/* The PDF's text in drawing order, without white space. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  GString *squeezed = g_string_new (NULL);
  int status = 0;

  CU_ASSERT_TRUE_FATAL (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                      NULL, NULL, &out, NULL, &status, &error));
  CU_ASSERT_TRUE_FATAL (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (squeezed, g_utf8_get_char (p));
  return g_string_free (squeezed, FALSE);
}

/* What follows @prefix in @text up to white space or a comma. */
static char *
word_after (const char *text,
            const char *prefix)
{
  const char *start = strstr (text, prefix);

  CU_ASSERT_PTR_NOT_NULL_FATAL (start);
  start += strlen (prefix);
  return g_strndup (start, strcspn (start, " ,\n"));
}

static void
test_feedback_and_form (void)
{
  g_autoptr(ZichaCliResult) demo = run ("demo", NULL);
  g_autoptr(ZichaCliResult) notices = NULL;
  g_autoptr(ZichaCliResult) sent = NULL;
  g_autoptr(ZichaCliResult) by_notice = NULL;
  g_autoptr(ZichaCliResult) by_feedback = NULL;
  g_autofree char *notice_id = NULL;
  g_autofree char *evidence = g_build_filename (tmpdir, EVIDENCE, NULL);
  g_autofree char *form = g_build_filename (tmpdir, "form.pdf", NULL);
  g_autofree char *again = g_build_filename (tmpdir, "again.pdf", NULL);
  g_autofree char *third = g_build_filename (tmpdir, "third.pdf", NULL);
  g_autofree char *receipt = NULL;
  g_autofree char *feedback_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *short_notice = NULL;
  g_autofree char *written = NULL;

  CU_ASSERT_EQUAL_FATAL (demo->exit_status, 0);
  CU_ASSERT_EQUAL_FATAL (zicha_test_platform_run (&notice_id, NULL, "notify", "--db", platform_db, DEMO_USCC,
                                                  "--target", TARGET, "--type", "vulnerability",
                                                  "--severity", "critical",
                                                  "--detail", "网站内容管理系统存在远程代码执行漏洞。", NULL), 0);
  g_strstrip (notice_id);
  short_notice = g_strndup (notice_id, 8);

  notices = run ("notices", "--sync", "--token-file", token_file, NULL);
  CU_ASSERT_EQUAL_FATAL (notices->exit_status, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (notices->out, short_notice));

  CU_ASSERT_TRUE_FATAL (g_file_set_contents (evidence, "复测结论：通过\n", -1, NULL));
  sent = run ("feedback", short_notice, "--measures", MEASURES, "--completed", "2019-07-10T16:30",
              "--responsible", RESPONSIBLE, "--phone", PHONE, "--retest", RETEST, "--evidence", evidence,
              "--pdf", form, "--token-file", token_file, NULL);
  if (sent->exit_status != 0)
    g_printerr ("%s%s", sent->out, sent->err);
  CU_ASSERT_EQUAL_FATAL (sent->exit_status, 0);
  /* "Feedback 1a2b3c4d on notice … received on time: receipt ZF-…, received …" */
  feedback_id = word_after (sent->out, "Feedback ");
  receipt = word_after (sent->out, "receipt ");
  /* A short feedback: the seal block fits on its one page. */
  written = g_strdup_printf ("%s: 1 page\n", form);
  CU_ASSERT_PTR_NOT_NULL (strstr (sent->out, written));

  text = pdf_text (form);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "网络安全威胁整改反馈单"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, notice_id));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, TARGET));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "安全漏洞"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "严重"));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, RESPONSIBLE));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, PHONE));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, EVIDENCE));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, receipt));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "按期反馈"));
  /* The unit from the demo report of the same code */
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "厦门市鹭屿实验中学"));
  g_clear_pointer (&text, g_free);

  /* Again later, by the notice's ID and by the feedback's */
  by_notice = run ("feedback-pdf", short_notice, "-o", again, "--unit", "鹭屿实验中学", NULL);
  CU_ASSERT_EQUAL (by_notice->exit_status, 0);
  CU_ASSERT_TRUE (g_str_has_prefix (by_notice->out, again));
  text = pdf_text (again);
  CU_ASSERT_PTR_NOT_NULL (strstr (text, receipt));
  CU_ASSERT_PTR_NOT_NULL (strstr (text, "单位名称：鹭屿实验中学"));

  by_feedback = run ("feedback-pdf", feedback_id, "--output", third, NULL);
  CU_ASSERT_EQUAL (by_feedback->exit_status, 0);
  CU_ASSERT_TRUE (g_file_test (third, G_FILE_TEST_IS_REGULAR));
}

static void
test_errors_leave_nothing (void)
{
  g_autofree char *missing_dir = g_build_filename (tmpdir, "no-such-folder", "form.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (tmpdir, "nowhere.pdf", NULL);
  g_autoptr(ZichaCliResult) no_output = run ("feedback-pdf", "abcdef12", NULL);
  g_autoptr(ZichaCliResult) too_short = run ("feedback-pdf", "abc", "-o", nowhere, NULL);
  g_autoptr(ZichaCliResult) unknown = run ("feedback-pdf", "ffffffff", "-o", nowhere, NULL);
  g_autoptr(ZichaCliResult) no_id = run ("feedback-pdf", "-o", nowhere, NULL);
  g_autoptr(ZichaCliResult) list = run ("notices", NULL);
  g_autoptr(ZichaCliResult) unwritable = NULL;
  g_autofree char *first_notice = NULL;

  CU_ASSERT_EQUAL (no_output->exit_status, 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (no_output->err, "-o"));
  CU_ASSERT_EQUAL (too_short->exit_status, 2);
  CU_ASSERT_EQUAL (unknown->exit_status, 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (unknown->err, "ffffffff"));
  CU_ASSERT_EQUAL (no_id->exit_status, 2);
  CU_ASSERT_FALSE (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  /* The notice of the case before, into a folder that does not exist */
  CU_ASSERT_EQUAL_FATAL (list->exit_status, 0);
  first_notice = word_after (strchr (list->out, '\n'), "\n");
  unwritable = run ("feedback-pdf", first_notice, "-o", missing_dir, NULL);
  CU_ASSERT_EQUAL (unwritable->exit_status, 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (unwritable->err, "form.pdf"));
  CU_ASSERT_FALSE (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli/feedback/feedback-and-form", test_feedback_and_form },
    { "/cli/feedback/errors-leave-nothing", test_errors_leave_nothing },
    { NULL, NULL }
  };

  return zicha_test_run ("cli-feedback", suite_init, suite_cleanup, cases);
}
