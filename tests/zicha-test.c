/* zicha-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <CUnit/Basic.h>
#include <glib/gstdio.h>

#include "zicha-test.h"

int
zicha_test_run (const char          *suite_name,
                CU_InitializeFunc    init,
                CU_CleanupFunc       cleanup,
                const ZichaTestCase *cases)
{
  CU_pSuite suite;
  unsigned int failures;

  /* A g_return_if_fail() that trips must fail the test, not scroll by. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (CU_initialize_registry () != CUE_SUCCESS)
    return 1;

  suite = CU_add_suite (suite_name, init, cleanup);
  if (suite == NULL)
    goto error;

  for (const ZichaTestCase *c = cases; c->name != NULL; c++)
    if (CU_add_test (suite, c->name, c->func) == NULL)
      goto error;

  CU_basic_set_mode (CU_BRM_VERBOSE);
  if (CU_basic_run_tests () != CUE_SUCCESS)
    goto error;

  failures = CU_get_number_of_failures () + CU_get_number_of_suites_failed ();
  CU_cleanup_registry ();
  return failures == 0 ? 0 : 1;

error:
  g_printerr ("CUnit error: %s\n", CU_get_error_msg ());
  CU_cleanup_registry ();
  return 1;
}

char *
zicha_test_source_path (const char *relative)
{
  return g_build_filename (ZICHA_SOURCE_ROOT, relative, NULL);
}

char *
zicha_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("zicha-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
remove_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursively (child);
          g_object_unref (info);
        }
    }

  g_file_delete (file, NULL, NULL);
}

void
zicha_test_rmdir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_recursively (file);
}

static gboolean
deadline_passed_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
zicha_test_wait_for (gboolean *done,
                     guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, deadline_passed_cb, &expired);

  while (!*done && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return *done;
}

char *
zicha_test_json (const char *single_quoted)
{
  char *text = g_strdup (single_quoted);

  g_strdelimit (text, "'", '"');
  return text;
}

JsonNode *
zicha_test_node (const char *single_quoted)
{
  g_autofree char *text = zicha_test_json (single_quoted);
  JsonNode *result = json_from_string (text, NULL);

  g_assert (result != NULL);
  return result;
}

ZichaForm *
zicha_test_load_form (const char *single_quoted)
{
  g_autofree char *text = zicha_test_json (single_quoted);
  g_autoptr(GError) error = NULL;
  ZichaForm *form = zicha_form_new_from_string (text, -1, &error);

  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  return form;
}

ZichaForm *
zicha_test_load_default_form (void)
{
  g_autofree char *path = zicha_test_source_path (ZICHA_TEST_FORM_2019);
  g_autoptr(GError) error = NULL;
  ZichaForm *form = zicha_form_new_from_file (path, &error);

  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  return form;
}
