/* test-window.c — the main window starts, shows its empty state, and the
 * About window opens. Runs under Xvfb; saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-i18n.h"
#include "zicha-test.h"
#include "zicha-ui-test.h"
#include "zicha-window.h"

static ZichaApplication *app;

static char *
screenshot_name (const char *what)
{
  const char *language = g_getenv ("LANGUAGE");

  return g_strdup_printf ("%s-%s", what, language != NULL ? language : "C");
}

static int
suite_init (void)
{
  g_autoptr(GError) error = NULL;

  app = zicha_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("register: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
suite_cleanup (void)
{
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (window);
  g_clear_object (&app);
  return 0;
}

static void
test_window_empty_state (void)
{
  g_autofree char *name = screenshot_name ("start-empty");
  g_autofree char *path = NULL;
  GtkWindow *window;
  AdwStatusPage *status;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  CU_ASSERT_TRUE_FATAL (ZICHA_IS_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  zicha_ui_test_settle (300);

  status = (AdwStatusPage *) zicha_ui_test_find_descendant (GTK_WIDGET (window),
                                                           ADW_TYPE_STATUS_PAGE);
  CU_ASSERT_PTR_NOT_NULL_FATAL (status);
  /* The title is the translated one: 还没有自查报告 in zh_CN. */
  ZICHA_ASSERT_STR_EQ (adw_status_page_get_title (status), _("No Reports Yet"));
  CU_ASSERT_TRUE (gtk_widget_is_visible (GTK_WIDGET (status)));

  path = zicha_ui_test_screenshot (GTK_WIDGET (window), name);
  CU_ASSERT_TRUE (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_window_single_instance (void)
{
  GtkWindow *first = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* A second activation (a second launch) raises the same window. */
  g_application_activate (G_APPLICATION (app));
  CU_ASSERT_PTR_EQUAL (gtk_application_get_active_window (GTK_APPLICATION (app)), first);
  CU_ASSERT_EQUAL (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), 1);
}

static void
test_window_about (void)
{
  g_autofree char *name = screenshot_name ("about");
  g_autofree char *path = NULL;
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = zicha_ui_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  CU_ASSERT_PTR_NOT_NULL_FATAL (about);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (about), 5000));
  zicha_ui_test_settle (300);

  ZICHA_ASSERT_STR_EQ (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), PACKAGE_VERSION);
  ZICHA_ASSERT_STR_EQ (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)),
                       _("Cybersecurity Self-Inspection"));
  path = zicha_ui_test_screenshot (GTK_WIDGET (about), name);
  gtk_window_destroy (about);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/window/empty-state", test_window_empty_state },
    { "/window/single-instance", test_window_single_instance },
    { "/window/about", test_window_about },
    { NULL, NULL }
  };

  zicha_i18n_init ();
  if (!zicha_ui_test_init ())
    {
      g_printerr ("No display: skipping widget tests (run under xvfb-run -a)\n");
      return ZICHA_TEST_SKIP;
    }

  return zicha_test_run ("window", suite_init, suite_cleanup, cases);
}
