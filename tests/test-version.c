/* test-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zicha-test.h"
#include "zicha-version.h"

static void
test_version_matches_project (void)
{
  ZICHA_ASSERT_STR_EQ (zicha_version_string (), PACKAGE_VERSION);
}

static void
test_version_is_dotted_triple (void)
{
  g_auto(GStrv) parts = g_strsplit (zicha_version_string (), ".", -1);

  CU_ASSERT_EQUAL (g_strv_length (parts), 3);
  for (guint i = 0; parts[i] != NULL; i++)
    CU_ASSERT_TRUE (parts[i][0] >= '0' && parts[i][0] <= '9');
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/version/matches-project", test_version_matches_project },
    { "/version/dotted-triple", test_version_is_dotted_triple },
    { NULL, NULL }
  };

  return zicha_test_run ("version", NULL, NULL, cases);
}
