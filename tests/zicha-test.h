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
#include <json-glib/json-glib.h>

#include "zicha-form.h"

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

/* Inline JSON in the tests is written with single quotes, so that it stays
 * readable: zicha_test_json() returns a copy with every ' turned into ",
 * zicha_test_node() parses that copy (and aborts if it does not parse).
 * None of the texts may need a real single quote. */
char      *zicha_test_json              (const char *single_quoted);
JsonNode  *zicha_test_node              (const char *single_quoted);

/* A form from inline JSON (single quotes, see zicha_test_json()), and the
 * 2019 form of the source tree (ZICHA_TEST_FORM_2019). Either fails the
 * running test at once, after printing the loader's error, when the form
 * does not load; call them from a test, not from a suite's init. */
#define ZICHA_TEST_FORM_2019 "data/forms/edu-cybersec-selfcheck-2019.json"

ZichaForm *zicha_test_load_form         (const char *single_quoted);
ZichaForm *zicha_test_load_default_form (void);

/* Spin the default main context until *done is TRUE or timeout_ms passes.
 * Returns *done. */
gboolean zicha_test_wait_for  (gboolean *done,
                               guint     timeout_ms);

/* Compare strings with a readable message on failure. */
#define ZICHA_ASSERT_STR_EQ(actual, expected) \
  CU_ASSERT_STRING_EQUAL ((actual) ? (actual) : "(null)", (expected) ? (expected) : "(null)")

G_END_DECLS
