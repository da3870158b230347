/* test-cli.c — zicha-cli's own contract: version, help, dispatch, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zicha-cli-test.h"
#include "zicha-test.h"

static void
test_cli_version (void)
{
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("--version", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (r->out, "zicha-cli " PACKAGE_VERSION "\n");
  ZICHA_ASSERT_STR_EQ (r->err, "");
}

static void
test_cli_help (void)
{
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("--help", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 0);
  CU_ASSERT_TRUE (g_str_has_prefix (r->out, "Usage: zicha-cli"));
  ZICHA_ASSERT_STR_EQ (r->err, "");
}

static void
test_cli_unknown_command (void)
{
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va ("no-such-command", NULL);

  CU_ASSERT_EQUAL (r->exit_status, 2);
  ZICHA_ASSERT_STR_EQ (r->out, "");
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "unknown command “no-such-command”"));
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "Usage: zicha-cli"));
}

static void
test_cli_no_arguments (void)
{
  g_autoptr(ZichaCliResult) r = zicha_cli_run_va (NULL, NULL);

  CU_ASSERT_EQUAL (r->exit_status, 2);
  ZICHA_ASSERT_STR_EQ (r->out, "");
  CU_ASSERT_TRUE (g_str_has_prefix (r->err, "Usage: zicha-cli"));
}

static void
test_cli_speaks_chinese (void)
{
  g_autoptr(ZichaCliResult) r = NULL;

  g_setenv ("ZICHA_LOCALEDIR", ZICHA_BUILD_ROOT "/po", TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  r = zicha_cli_run_va ("no-such-command", NULL);
  g_unsetenv ("LANGUAGE");

  CU_ASSERT_EQUAL (r->exit_status, 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (r->err, "未知命令“no-such-command”"));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_cli_check (void)
{
  g_autoptr(ZichaCliResult) valid = zicha_cli_run_va ("check", "uscc", "91350200776049653a", NULL);
  g_autoptr(ZichaCliResult) invalid = zicha_cli_run_va ("check", "uscc", "91350200776049653B", NULL);
  g_autoptr(ZichaCliResult) unknown = zicha_cli_run_va ("check", "passport", "E1234567", NULL);
  g_autoptr(ZichaCliResult) missing = zicha_cli_run_va ("check", "uscc", NULL);

  /* Normalized: upper-case. */
  CU_ASSERT_EQUAL (valid->exit_status, 0);
  ZICHA_ASSERT_STR_EQ (valid->out, "91350200776049653A\n");

  CU_ASSERT_EQUAL (invalid->exit_status, 1);
  ZICHA_ASSERT_STR_EQ (invalid->out, "");
  CU_ASSERT_PTR_NOT_NULL (strstr (invalid->err, "第18位校验码应为“A”"));
  CU_ASSERT_PTR_NOT_NULL (strstr (invalid->err, "position 18"));
  CU_ASSERT_EQUAL (count_lines (invalid->err), 1);

  CU_ASSERT_EQUAL (unknown->exit_status, 2);
  CU_ASSERT_PTR_NOT_NULL (strstr (unknown->err, "unknown kind “passport”"));

  CU_ASSERT_EQUAL (missing->exit_status, 2);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli/version", test_cli_version },
    { "/cli/help", test_cli_help },
    { "/cli/unknown-command", test_cli_unknown_command },
    { "/cli/no-arguments", test_cli_no_arguments },
    { "/cli/speaks-chinese", test_cli_speaks_chinese },
    { "/cli/check", test_cli_check },
    { NULL, NULL }
  };

  return zicha_test_run ("cli", NULL, NULL, cases);
}
