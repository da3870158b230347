/* test-window.c — the main window starts, shows its empty state, and the
 * About window opens. Runs under Xvfb; saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-field-row.h"
#include "zicha-new-report-dialog.h"
#include "zicha-report-editor.h"
#include "zicha-section-page.h"
#include "zicha-i18n.h"
#include "zicha-test.h"
#include "zicha-ui-test.h"
#include "zicha-window.h"

static ZichaApplication *app;
static char *tmpdir;

static char *
screenshot_name (const char *what)
{
  const char *language = g_getenv ("LANGUAGE");

  return g_strdup_printf ("%s-%s", what, language != NULL ? language : "C");
}

static const char *
screenshot_name_static (const char *what)
{
  static char name[128];

  g_snprintf (name, sizeof name, "%s-%s", what, g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "C");
  return name;
}

static int
suite_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;

  /* A database of our own: never the user's. */
  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "zicha.db", NULL);
  app = zicha_application_new ();
  zicha_application_set_database_path (app, db_path);
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
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
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

static void
test_window_new_report_and_fill (void)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(JsonNode) stored = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *dialog;
  GtkWidget *unit_name_row, *create_button;
  ZichaReportEditor *editor;
  ZichaSectionPage *page;
  ZichaFieldRow *row = NULL;
  GPtrArray *rows;
  ZichaStore *store;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-report", NULL);
  dialog = zicha_ui_test_find_toplevel (ZICHA_TYPE_NEW_REPORT_DIALOG);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dialog);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (dialog), 5000));

  /* Type into the dialog as a user would. */
  unit_name_row = zicha_ui_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  CU_ASSERT_PTR_NOT_NULL_FATAL (unit_name_row);
  gtk_editable_set_text (GTK_EDITABLE (unit_name_row), "厦门市某某中学");
  zicha_ui_test_settle (100);
  name = screenshot_name ("new-report-dialog");
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), name));

  create_button = gtk_window_get_default_widget (dialog);
  CU_ASSERT_TRUE_FATAL (gtk_widget_get_sensitive (create_button));
  g_signal_emit_by_name (create_button, "clicked");
  zicha_ui_test_settle (300);

  /* The new report is in the store and open in the editor. */
  store = zicha_application_get_store (app, &error);
  reports = zicha_store_list_reports (store, &error);
  CU_ASSERT_EQUAL_FATAL (reports->len, 1);
  ZICHA_ASSERT_STR_EQ (zicha_report_get_unit_name (reports->pdata[0]), "厦门市某某中学");

  editor = zicha_window_get_editor (ZICHA_WINDOW (window));
  CU_ASSERT_PTR_NOT_NULL_FATAL (editor);

  /* Fill the first field of the first section through its widget. */
  page = ZICHA_SECTION_PAGE (zicha_report_editor_get_page (editor, 0));
  rows = zicha_section_page_get_rows (page);
  CU_ASSERT_TRUE_FATAL (rows->len > 0);
  row = rows->pdata[0];
  gtk_editable_set_text (GTK_EDITABLE (zicha_field_row_get_input (row)), "厦门市某某中学（盖章）");
  zicha_ui_test_settle (100);

  stored = zicha_store_get_value (store, zicha_report_get_uuid (reports->pdata[0]),
                                  zicha_form_item_get_path (zicha_field_row_get_item (row)), NULL, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stored);
  ZICHA_ASSERT_STR_EQ (json_node_get_string (stored), "厦门市某某中学（盖章）");

  /* A wrong 统一社会信用代码 is flagged under the field as it is typed ... */
  {
    ZichaForm *form = zicha_report_session_get_form (zicha_report_editor_get_session (editor));
    ZichaFormItem *uscc = zicha_form_lookup_item (form, "basic.uscc", NULL);
    ZichaFieldRow *uscc_row;
    g_autoptr(JsonNode) after_undo = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL (uscc);
    zicha_report_editor_focus_item (editor, uscc);
    page = ZICHA_SECTION_PAGE (zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor)));
    uscc_row = zicha_section_page_lookup_row (page, uscc);
    CU_ASSERT_PTR_NOT_NULL_FATAL (uscc_row);
    CU_ASSERT_PTR_NULL (zicha_field_row_get_problem (uscc_row));

    gtk_editable_set_text (GTK_EDITABLE (zicha_field_row_get_input (uscc_row)), "91350200776049653B");
    zicha_ui_test_settle (600);
    CU_ASSERT_PTR_NOT_NULL_FATAL (zicha_field_row_get_problem (uscc_row));
    /* zh: 第18位校验码应为“A” — en: position 18 should be “A” */
    CU_ASSERT_PTR_NOT_NULL (strstr (zicha_field_row_get_problem (uscc_row), "“A”"));
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("uscc-error")));

    /* ... and Ctrl+Z takes it back. */
    gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
    zicha_ui_test_settle (600);
    after_undo = zicha_store_get_value (store, zicha_report_get_uuid (reports->pdata[0]), "basic.uscc", NULL, &error);
    CU_ASSERT_PTR_NULL (after_undo);
    ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (zicha_field_row_get_input (uscc_row))), "");
    CU_ASSERT_PTR_NULL (zicha_field_row_get_problem (uscc_row));
  }

  /* Every section page, for a person to look at. */
  for (guint i = 0; i <= zicha_form_get_n_sections (zicha_report_session_get_form (zicha_report_editor_get_session (editor))); i++)
    {
      g_autofree char *page_name = NULL;
      g_autofree char *shot = NULL;

      zicha_report_editor_show_section (editor, i);
      zicha_ui_test_settle (150);
      page_name = g_strdup_printf ("section-%02u-%s", i + 1, g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "C");
      shot = zicha_ui_test_screenshot (GTK_WIDGET (window), page_name);
    }

  /* Looking at the pages answered nothing by itself: the log holds only
   * the two edits made above (and the undo of the second). */
  {
    g_autoptr(GPtrArray) changes = zicha_store_list_changes (store, zicha_report_get_uuid (reports->pdata[0]), &error);
    guint edits = 0;

    for (guint i = 0; i < changes->len; i++)
      if (g_str_equal (((ZichaChange *) changes->pdata[i])->origin, "edit"))
        edits++;
    CU_ASSERT_EQUAL (edits, 2);
  }

  /* Back to the list. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (300);
  CU_ASSERT_PTR_NULL (zicha_window_get_editor (ZICHA_WINDOW (window)));
  path = zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("start-one-report"));
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/window/empty-state", test_window_empty_state },
    { "/window/single-instance", test_window_single_instance },
    { "/window/about", test_window_about },
    { "/window/new-report-and-fill", test_window_new_report_and_fill },
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
