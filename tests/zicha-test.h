/* zicha-test.h — the CUnit harness every suite uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One executable per suite. main() lists its cases and hands them to
 * zicha_test_run(), which makes GLib criticals and warnings fatal (CUnit
 * does not, unlike g_test_init()), runs the suite verbosely, and returns
 * the exit status meson expects: 0 pass, 1 fail, 77 skip.
 */
#pragma once

#include <CUnit/CUnit.h>
#include <glib.h>

G_BEGIN_DECLS

#define ZICHA_TEST_SKIP 77

typedef struct
{
  const char  *name;
  CU_TestFunc  func;
} ZichaTestCase;

int    zicha_test_run        (const char          *suite_name,
                              CU_InitializeFunc    init,
                              CU_CleanupFunc       cleanup,
                              const ZichaTestCase *cases);

/* Absolute path of a file in the source tree, e.g. "data/forms/x.json". */
char  *zicha_test_source_path (const char *relative);

/* A fresh temporary directory, removed with everything in it by
 * zicha_test_rmdir(). */
char  *zicha_test_make_tmpdir (void);
void   zicha_test_rmdir       (const char *path);

/* Spin the default main context until *done is TRUE or timeout_ms passes.
 * Returns *done. */
gboolean zicha_test_wait_for  (gboolean *done,
                               guint     timeout_ms);

/* Compare strings with a readable message on failure. */
#define ZICHA_ASSERT_STR_EQ(actual, expected) \
  CU_ASSERT_STRING_EQUAL ((actual) ? (actual) : "(null)", (expected) ? (expected) : "(null)")

G_END_DECLS
