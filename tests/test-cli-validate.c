/* test-cli-validate.c — zicha-cli validate ANSWERS.json [--form FILE] [--date YYYY-MM-DD]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures in tests/data/answers/ are for the 2019 form: a complete,
 * valid report (the one test-validation.c starts from), the same with two
 * errors and a warning, one for a form we do not have, and broken JSON.
 */
#include "config.h"

#include <string.h>

#include "zicha-cli-test.h"
#include "zicha-test.h"

#define ANSWERS_DIR "tests/data/answers/"

static char *
fixture (const char *name)
{
  g_autofree char *relative = g_strconcat (ANSWERS_DIR, name, NULL);

  return zicha_test_source_path (relative);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Exit 2 with exactly one line on stderr, naming @needle, and nothing
 * on stdout. */
static void
assert_usage_error (ZichaCliResult *r,
                    const char     *needle)
{
  CU_ASSERT_EQUAL (r->exit_status, 2);
  ZICHA_ASSERT_STR_EQ (r->out, "");
  CU_ASSERT_TRUE (g_str_has_prefix (r->err, "zicha-cli: validate: "));
  CU_ASSERT_EQUAL (count_lines (r->err), 1);
  if (strstr (r->err, needle) == NULL)
    g_printerr ("\n%s lacks “%s”\n", r->err, needle);
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, needle));
}

static void
test_valid (void)
{
  g_autofree char *path = fixture ("valid-2019.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", path, NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->out, "0 errors, 0 warnings\n");
  ZICHA_ASSERT_STR_EQ (r->err, "");
}

static void
test_valid_with_options (void)
{
  g_autofree char *path = fixture ("valid-2019.json");
  g_autofree char *form = zicha_test_source_path ("data/forms/edu-cybersec-selfcheck-2019.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", "--form", form, "--date", "2019-07-01", path, NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->out, "0 errors, 0 warnings\n");
  ZICHA_ASSERT_STR_EQ (r->err, "");
}

static void
test_errors (void)
{
  g_autofree char *path = fixture ("errors-2019.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", path, NULL);

  CU_ASSERT_EQUAL (r->exit_status, 1);
  ZICHA_ASSERT_STR_EQ (r->out,
    "error header.filled_by: 此项为必填项 / This field is required\n"
    "error basic.uscc: 第18位校验码应为“Q”，实际为“X”，请核对代码是否抄错 / "
      "The check character (position 18) should be “Q”, not “X”; check the code for typing errors\n"
    "warning system_list.systems[33333333-3333-4333-8333-333333333333].log_retention_months: "
      "依据《网络安全法》第二十一条，网络日志应留存不少于六个月 / "
      "The Cybersecurity Law (art. 21) requires network logs to be kept for at least six months\n"
    "2 errors, 1 warning\n");
  ZICHA_ASSERT_STR_EQ (r->err, "");
}

static void
test_missing_file (void)
{
  g_autofree char *path = fixture ("no-such-file.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", path, NULL);

  assert_usage_error (r, "no-such-file.json");
}

static void
test_broken_json (void)
{
  g_autofree char *path = fixture ("broken.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", path, NULL);

  /* The file, then line:column. */
  assert_usage_error (r, "broken.json:4:62:");
}

static void
test_unknown_form (void)
{
  g_autofree char *path = fixture ("other-form.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", path, NULL);

  assert_usage_error (r, "edu-cybersec-selfcheck-2020");
}

static void
test_bad_form_definition (void)
{
  g_autofree char *path = fixture ("valid-2019.json");
  g_autofree char *form = fixture ("broken.json");
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("validate", "--form", form, path, NULL);

  assert_usage_error (r, "bad form definition");
}

static void
test_bad_date (void)
{
  g_autofree char *path = fixture ("valid-2019.json");
  g_autoptr(ZichaCliResult) invalid = zicha_cli_run_va ("validate", "--date", "2019-02-30", path, NULL);
  g_autoptr(ZichaCliResult) garbage = zicha_cli_run_va ("validate", "--date", "yesterday", path, NULL);

  assert_usage_error (invalid, "“2019-02-30”");
  assert_usage_error (garbage, "“yesterday”");
}

static void
test_usage (void)
{
  g_autofree char *path = fixture ("valid-2019.json");
  g_autoptr(ZichaCliResult) none = zicha_cli_run_va ("validate", NULL);
  g_autoptr(ZichaCliResult) two = zicha_cli_run_va ("validate", path, path, NULL);

  assert_usage_error (none, "expected one answers file");
  assert_usage_error (two, "expected one answers file");
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli-validate/valid", test_valid },
    { "/cli-validate/valid-with-options", test_valid_with_options },
    { "/cli-validate/errors", test_errors },
    { "/cli-validate/missing-file", test_missing_file },
    { "/cli-validate/broken-json", test_broken_json },
    { "/cli-validate/unknown-form", test_unknown_form },
    { "/cli-validate/bad-form-definition", test_bad_form_definition },
    { "/cli-validate/bad-date", test_bad_date },
    { "/cli-validate/usage", test_usage },
    { NULL, NULL }
  };

  return zicha_test_run ("cli-validate", NULL, NULL, cases);
}
