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

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/cli/version", test_cli_version },
    { "/cli/help", test_cli_help },
    { "/cli/unknown-command", test_cli_unknown_command },
    { "/cli/no-arguments", test_cli_no_arguments },
    { "/cli/speaks-chinese", test_cli_speaks_chinese },
    { NULL, NULL }
  };

  return zicha_test_run ("cli", NULL, NULL, cases);
}
