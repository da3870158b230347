/* test-window.c — the main window starts, shows its empty state, and the
 * About window opens. Runs under Xvfb; saves screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "zicha-application.h"
#include "zicha-delivery-status.h"
#include "zicha-platform-test.h"
#include "zicha-field-row.h"
#include "zicha-new-report-dialog.h"
#include "zicha-preferences-window.h"
#include "zicha-preview-window.h"
#include "zicha-report-editor.h"
#include "zicha-report-row.h"
#include "zicha-row-editor.h"
#include "zicha-section-page.h"
#include "zicha-table-group.h"
#include "zicha-i18n.h"
#include "zicha-test.h"
#include "zicha-ui-test.h"
#include "zicha-window.h"

static ZichaApplication *app;
static char *tmpdir;
static char *platform_db;
static ZichaTestPlatform *platform;

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
  g_autofree char *db_path = NULL;

  /* A database of our own: never the user's. */
  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "zicha.db", NULL);
  app = zicha_ui_test_app_new (db_path);
  if (app == NULL)
    return 1;
  return 0;
}

static int
suite_cleanup (void)
{
  g_clear_pointer (&app, zicha_ui_test_app_free);
  g_clear_pointer (&platform, zicha_test_platform_stop);
  g_clear_pointer (&platform_db, g_free);
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
  for (guint i = 0; i < zicha_report_editor_get_n_pages (editor); i++)
    {
      g_autofree char *page_name = NULL;
      g_autofree char *shot = NULL;

      zicha_report_editor_show_section (editor, i);
      zicha_ui_test_settle (150);
      page_name = g_strdup_printf ("section-%02u-%s", i + 1, g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "C");
      shot = zicha_ui_test_screenshot (GTK_WIDGET (window), page_name);
    }

  /* A table: add a row through the session, edit it in its own window. */
  {
    ZichaReportSession *session = zicha_report_editor_get_session (editor);
    ZichaForm *form = zicha_report_session_get_form (session);
    ZichaFormItem *systems = zicha_form_lookup_item (form, "system_list.systems", NULL);
    ZichaTableGroup *group;
    GtkWindow *row_editor;
    g_autofree char *row_uuid = NULL;

    CU_ASSERT_PTR_NOT_NULL_FATAL (systems);
    /* The systems table is asked for once there are systems. */
    CU_ASSERT_TRUE_FATAL (zicha_report_session_set_text (session, zicha_form_lookup_item (form, "basic.systems_total", NULL),
                                                          NULL, "1", FALSE, &error));
    zicha_ui_test_settle (400);
    zicha_report_editor_focus_item (editor, systems);
    page = ZICHA_SECTION_PAGE (zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor)));
    group = zicha_section_page_lookup_table (page, systems);
    CU_ASSERT_PTR_NOT_NULL_FATAL (group);

    row_uuid = zicha_report_session_add_row (session, systems, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (row_uuid);
    zicha_table_group_edit_row (group, row_uuid);
    row_editor = zicha_ui_test_find_toplevel (ZICHA_TYPE_ROW_EDITOR);
    CU_ASSERT_PTR_NOT_NULL_FATAL (row_editor);
    CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (row_editor), 5000));
    zicha_ui_test_settle (400);
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (row_editor), screenshot_name_static ("table-row-editor")));
    gtk_window_destroy (row_editor);
    zicha_ui_test_settle (100);
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("table-one-row")));

    /* Adding the row is one undo step. */
    gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
    zicha_ui_test_settle (100);
    {
      g_auto(GStrv) table_rows = zicha_report_session_list_rows (session, systems);
      CU_ASSERT_EQUAL (g_strv_length (table_rows), 0);
    }
  }

  /* Search jumps to a question. */
  {
    ZichaForm *form = zicha_report_session_get_form (zicha_report_editor_get_session (editor));
    ZichaFormItem *address = zicha_form_lookup_item (form, "basic.address", NULL);
    GtkWidget *entry;

    gtk_widget_activate_action (GTK_WIDGET (editor), "report.search", NULL);
    entry = zicha_ui_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY);
    CU_ASSERT_PTR_NOT_NULL_FATAL (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "单位地址");
    zicha_ui_test_settle (400);
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("search")));
    g_signal_emit_by_name (entry, "activate");
    zicha_ui_test_settle (100);
    CU_ASSERT_EQUAL (zicha_report_editor_get_section (editor),
                     zicha_form_section_get_index (zicha_form_item_get_section (address)));
  }

  /* Dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  zicha_report_editor_show_section (editor, 1);
  zicha_ui_test_settle (300);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("dark")));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Looking at the pages answered nothing by itself: the log holds only
   * the edits made above (name, code, count, table row) and undos. */
  {
    g_autoptr(GPtrArray) changes = zicha_store_list_changes (store, zicha_report_get_uuid (reports->pdata[0]), &error);
    guint edits = 0;

    for (guint i = 0; i < changes->len; i++)
      if (g_str_equal (((ZichaChange *) changes->pdata[i])->origin, "edit"))
        edits++;
    CU_ASSERT_EQUAL (edits, 4);
  }

  /* Back to the list. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (300);
  CU_ASSERT_PTR_NULL (zicha_window_get_editor (ZICHA_WINDOW (window)));
  path = zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("start-one-report"));
}

static void
test_window_narrow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);
  ZichaWindow *narrow;

  reports = zicha_store_list_reports (store, &error);
  CU_ASSERT_TRUE_FATAL (reports != NULL && reports->len > 0);

  /* 800 px: the smallest width the layout is made for. */
  narrow = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (narrow), 800, 600);
  gtk_window_present (GTK_WINDOW (narrow));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (narrow), 5000));
  zicha_window_open_report (narrow, zicha_report_get_uuid (reports->pdata[0]));
  zicha_ui_test_settle (400);
  CU_ASSERT_TRUE (gtk_widget_get_width (GTK_WIDGET (narrow)) <= 820);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (narrow), screenshot_name_static ("narrow-800")));

  /* Narrower still (a phone-sized window): the sidebar folds away. */
  gtk_window_destroy (GTK_WINDOW (narrow));
  narrow = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (narrow), 400, 700);
  gtk_window_present (GTK_WINDOW (narrow));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (narrow), 5000));
  zicha_window_open_report (narrow, zicha_report_get_uuid (reports->pdata[0]));
  zicha_ui_test_settle (400);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (narrow), screenshot_name_static ("narrow-400")));
  gtk_window_destroy (GTK_WINDOW (narrow));
  zicha_ui_test_settle (100);
}

static void
test_window_example_fill_and_finalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) after = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ZichaStore *store = zicha_application_get_store (app, &error);
  ZichaReportEditor *editor;
  ZichaReportSession *session;
  ZichaSectionPage *page;
  GPtrArray *rows;
  GtkWindow *dialog;
  g_autofree char *uuid = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-example", NULL);
  zicha_ui_test_settle (300);
  editor = zicha_window_get_editor (ZICHA_WINDOW (window));
  CU_ASSERT_PTR_NOT_NULL_FATAL (editor);
  session = zicha_report_editor_get_session (editor);
  uuid = g_strdup (zicha_report_session_get_uuid (session));

  /* Fill the first section again through its widgets, as a user would:
   * clear each text field, type the value back, and check the store. */
  page = ZICHA_SECTION_PAGE (zicha_report_editor_get_page (editor, 0));
  rows = zicha_section_page_get_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      ZichaFieldRow *row = rows->pdata[i];
      GtkWidget *input = zicha_field_row_get_input (row);
      g_autofree char *typed = NULL;
      g_autofree char *stored = NULL;

      if (!GTK_IS_EDITABLE (input))
        continue;

      typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
      CU_ASSERT_TRUE (*typed != '\0');
      gtk_editable_set_text (GTK_EDITABLE (input), "");
      gtk_editable_set_text (GTK_EDITABLE (input), typed);
      stored = zicha_report_session_get_text (session, zicha_field_row_get_item (row), NULL);
      ZICHA_ASSERT_STR_EQ (stored, typed);
    }
  zicha_ui_test_settle (500);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("example-header")));

  /* A real platform on 127.0.0.1 that knows this unit: finalizing must
   * end with the platform's receipt on screen. */
  {
    g_autofree char *token = NULL;
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    platform_db = g_build_filename (tmpdir, "platform.db", NULL);
    token = zicha_test_platform_add_unit (platform_db, "123502004263091794", "厦门市鹭屿实验中学");
    CU_ASSERT_PTR_NOT_NULL_FATAL (token);
    platform = zicha_test_platform_start (platform_db, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL (platform);
    g_setenv ("ZICHA_TOKEN", token, TRUE);
    /* Setting the address restarts delivery with it. */
    g_settings_set_string (settings, "platform-url", zicha_test_platform_get_url (platform));
    zicha_ui_test_settle (200);
    CU_ASSERT_PTR_NOT_NULL (zicha_application_get_sync (app));
  }

  /* The review page (the last) has nothing blocking; finalize through the dialog. */
  zicha_report_editor_show_section (editor, zicha_report_editor_get_n_pages (editor) - 1);
  zicha_ui_test_settle (300);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("review-ready")));
  CU_ASSERT_EQUAL (zicha_validation_get_n_errors (zicha_report_session_get_validation (session)), 0);

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.finalize", NULL);
  dialog = zicha_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dialog);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (dialog), 5000));
  zicha_ui_test_settle (200);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), screenshot_name_static ("finalize-dialog")));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "finalize");
  zicha_ui_test_settle (500);

  after = zicha_store_get_report (store, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (after);
  CU_ASSERT_NOT_EQUAL (zicha_report_get_state (after), ZICHA_REPORT_DRAFT);
  CU_ASSERT_EQUAL (strlen (zicha_report_get_digest (after)), 64);

  /* Delivered in the background; the receipt comes back (bounded wait). */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    g_autoptr(ZichaReceipt) receipt = NULL;

    while (receipt == NULL && g_get_monotonic_time () < deadline)
      {
        zicha_ui_test_settle (100);
        receipt = zicha_store_get_receipt (store, uuid, NULL);
      }
    CU_ASSERT_PTR_NOT_NULL_FATAL (receipt);
    g_clear_object (&after);
    after = zicha_store_get_report (store, uuid, &error);
    CU_ASSERT_EQUAL (zicha_report_get_state (after), ZICHA_REPORT_ACKNOWLEDGED);
    zicha_ui_test_settle (200);

    /* And the report says so. */
    {
      ZichaReportEditor *reopened = zicha_window_get_editor (ZICHA_WINDOW (window));
      ZichaDeliveryStatus *status = (ZichaDeliveryStatus *)
        zicha_ui_test_find_descendant (GTK_WIDGET (reopened), ZICHA_TYPE_DELIVERY_STATUS);

      CU_ASSERT_PTR_NOT_NULL_FATAL (status);
      CU_ASSERT_PTR_NOT_NULL (strstr (zicha_delivery_status_get_text (status), receipt->number));
    }
  }

  /* It reopens read-only, with the banner. */
  editor = zicha_window_get_editor (ZICHA_WINDOW (window));
  CU_ASSERT_PTR_NOT_NULL_FATAL (editor);
  CU_ASSERT_FALSE (zicha_report_session_is_editable (zicha_report_editor_get_session (editor)));
  zicha_report_editor_show_section (editor, 1);
  zicha_ui_test_settle (300);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("finalized-read-only")));

  /* Preview, print and the printed pages. */
  {
    g_autofree char *dir = zicha_test_make_tmpdir ();
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *uri = NULL;
    PopplerDocument *pdf;
    ZichaPreviewWindow *preview;
    gint64 deadline;

    gtk_widget_activate_action (GTK_WIDGET (editor), "report.preview", NULL);
    preview = ZICHA_PREVIEW_WINDOW (zicha_ui_test_find_toplevel (ZICHA_TYPE_PREVIEW_WINDOW));
    CU_ASSERT_PTR_NOT_NULL_FATAL (preview);
    CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (preview), 5000));

    /* Laid out in a worker; wait for it, bounded. */
    deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while (zicha_preview_window_get_n_pages (preview) == 0 && g_get_monotonic_time () < deadline)
      zicha_ui_test_settle (50);
    CU_ASSERT_TRUE_FATAL (zicha_preview_window_get_n_pages (preview) > 0);
    zicha_ui_test_settle (200);
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (preview), screenshot_name_static ("preview-table")));

    /* The print path, without the dialog, gives every page. */
    CU_ASSERT_TRUE (zicha_preview_window_print_to_file (preview, printed, &error));
    CU_ASSERT_PTR_NULL (error);
    uri = g_filename_to_uri (printed, NULL, NULL);
    pdf = poppler_document_new_from_file (uri, NULL, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (pdf);
    CU_ASSERT_EQUAL (poppler_document_get_n_pages (pdf), (int) zicha_preview_window_get_n_pages (preview));
    g_object_unref (pdf);

    zicha_preview_window_show_report (preview, TRUE);
    deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    zicha_ui_test_settle (100);
    while (g_get_monotonic_time () < deadline &&
           (zicha_preview_window_get_pdf_path (preview) == NULL ||
            !g_str_has_suffix (zicha_preview_window_get_pdf_path (preview), "-report.pdf")))
      zicha_ui_test_settle (50);
    CU_ASSERT_TRUE (g_str_has_suffix (zicha_preview_window_get_pdf_path (preview), "-report.pdf"));
    zicha_ui_test_settle (200);
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (preview), screenshot_name_static ("preview-report")));

    gtk_window_destroy (GTK_WINDOW (preview));
    zicha_test_rmdir (dir);
  }

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (300);

  /* The platform issues a threat notice; the next pass brings it to the
   * start screen with its 72-hour clock. */
  {
    GtkWidget *notices = NULL;
    gint64 deadline;

    CU_ASSERT_EQUAL (zicha_test_platform_run (NULL, NULL, "notify", "--db", platform_db,
                                              "123502004263091794",
                                              "--target", "https://www.example.edu.cn/",
                                              "--type", "vulnerability", "--severity", "high",
                                              "--detail", "网站存在高危漏洞，请于72小时内完成整改并反馈。",
                                              NULL), 0);
    g_action_group_activate_action (G_ACTION_GROUP (app), "send-now", NULL);

    deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < deadline)
      {
        zicha_ui_test_settle (100);
        notices = zicha_ui_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_BOX);
        /* The first list box on the start screen is the notices list. */
        if (notices != NULL && gtk_widget_get_visible (notices) &&
            gtk_widget_get_first_child (notices) != NULL)
          break;
      }
    CU_ASSERT_TRUE_FATAL (notices != NULL && gtk_widget_get_visible (notices));
    CU_ASSERT_PTR_NOT_NULL (gtk_widget_get_first_child (notices));
    g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("start-notice")));

    /* The list is built again when notices change; the keyboard focus
     * stays on the notice's button. */
    {
      GtkWidget *button = zicha_ui_test_find_descendant (notices, GTK_TYPE_BUTTON);
      GtkWidget *focus;
      g_autofree char *notice_id = NULL;

      CU_ASSERT_PTR_NOT_NULL_FATAL (button);
      notice_id = g_strdup (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)),
                                                  NULL));
      CU_ASSERT_TRUE_FATAL (gtk_widget_grab_focus (button));
      zicha_application_notices_changed (app);
      zicha_ui_test_settle (200);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      CU_ASSERT_TRUE_FATAL (GTK_IS_BUTTON (focus) && gtk_widget_is_ancestor (focus, notices));
      /* A new button, for the same notice. */
      CU_ASSERT_PTR_NOT_EQUAL (focus, button);
      CU_ASSERT_PTR_NOT_NULL_FATAL (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)));
      ZICHA_ASSERT_STR_EQ (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)), NULL),
                           notice_id);
    }
  }

  g_clear_pointer (&platform, zicha_test_platform_stop);
  g_unsetenv ("ZICHA_TOKEN");
}

static void
test_window_preferences (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = zicha_ui_test_find_toplevel (ZICHA_TYPE_PREFERENCES_WINDOW);
  CU_ASSERT_PTR_NOT_NULL_FATAL (preferences);
  CU_ASSERT_PTR_EQUAL (gtk_window_get_transient_for (preferences), window);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (preferences), 5000));
  zicha_ui_test_settle (200);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (preferences), screenshot_name_static ("preferences")));
  gtk_window_destroy (preferences);
}

/* The first report row (depth first) showing @uuid, or NULL. */
static ZichaReportRow *
find_report_row (GtkWidget  *root,
                 const char *uuid)
{
  if (ZICHA_IS_REPORT_ROW (root) &&
      g_str_equal (zicha_report_get_uuid (zicha_report_row_get_report (ZICHA_REPORT_ROW (root))), uuid))
    return ZICHA_REPORT_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      ZichaReportRow *found = find_report_row (child, uuid);

      if (found != NULL)
        return found;
    }
  return NULL;
}


#define MARKUP_UNIT "A&B <实验> 学校"

/* Names people type and paths of files are text, not Pango markup: "&"
 * and "<" show as they are, in the report's row and on the problem page. */
static void
test_window_markup_in_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *version = NULL;
  g_autofree char *title = NULL;
  g_autofree char *original_db = g_strdup (zicha_application_get_database_path (app));
  g_autofree char *odd_dir = g_build_filename (tmpdir, "A&B <坏>", NULL);
  g_autofree char *odd_db = g_build_filename (odd_dir, "zicha.db", NULL);
  ZichaStore *store = zicha_application_get_store (app, &error);
  ZichaForm *form = zicha_application_get_default_form (app, &error);
  ZichaReportRow *row;
  ZichaWindow *window;
  GtkWidget *label;

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  report = zicha_store_create_report (store, zicha_form_get_id (form), version, MARKUP_UNIT, "", 2020, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);

  window = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  zicha_ui_test_settle (300);
  row = find_report_row (GTK_WIDGET (window), zicha_report_get_uuid (report));
  CU_ASSERT_PTR_NOT_NULL_FATAL (row);
  title = g_strdup_printf (_("%s — %d"), MARKUP_UNIT, 2020);
  label = zicha_ui_test_find_label_containing (GTK_WIDGET (row), title);
  CU_ASSERT_PTR_NOT_NULL_FATAL (label);
  ZICHA_ASSERT_STR_EQ (gtk_label_get_text (GTK_LABEL (label)), title);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("start-markup")));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A file that is no database, in a folder named like markup: the
   * problem page quotes its path. */
  CU_ASSERT_EQUAL_FATAL (g_mkdir_with_parents (odd_dir, 0700), 0);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (odd_db, "not a database, just text", -1, NULL));
  zicha_application_set_database_path (app, odd_db);
  window = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  zicha_ui_test_settle (300);
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (window), odd_db));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name_static ("start-problem-markup")));
  gtk_window_destroy (GTK_WINDOW (window));
  zicha_application_set_database_path (app, original_db);
  zicha_ui_test_settle (100);
}

/* Xvfb has no notification service: GIO warns when a notice reminder
 * cannot be shown. That is the test machine, not the app. */
static gboolean
tolerate_missing_notification_service (const char     *log_domain,
                                       GLogLevelFlags  log_level,
                                       const char     *message,
                                       gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "GLib-GIO") == 0 &&
           strstr (message, "unable to send notifications") != NULL);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/window/empty-state", test_window_empty_state },
    { "/window/single-instance", test_window_single_instance },
    { "/window/about", test_window_about },
    { "/window/new-report-and-fill", test_window_new_report_and_fill },
    { "/window/narrow", test_window_narrow },
    { "/window/example-fill-and-finalize", test_window_example_fill_and_finalize },
    { "/window/preferences", test_window_preferences },
    { "/window/markup-in-names", test_window_markup_in_names },
    { NULL, NULL }
  };

  zicha_i18n_init ();
  g_test_log_set_fatal_handler (tolerate_missing_notification_service, NULL);
  if (!zicha_ui_test_init ())
    {
      g_printerr ("No display: skipping widget tests (run under xvfb-run -a)\n");
      return ZICHA_TEST_SKIP;
    }

  return zicha_test_run ("window", suite_init, suite_cleanup, cases);
}
