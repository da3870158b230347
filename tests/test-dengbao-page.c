/* test-dengbao-page.c — the deadlines page of the report editor: an
 * overdue 第三级 assessment shows as overdue, its suggestion goes into the
 * report (problems text and measures row) and undo takes it back; a threat
 * notice that arrives is listed with its hours left and suggested the same
 * way; a report without systems gets an empty state; a finalized one
 * offers nothing to add. Runs under Xvfb; saves screenshots.
 *
 * The page counts against the real date, so every date here is relative
 * to today.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-dengbao-page.h"
#include "zicha-feedback-dialog.h"
#include "zicha-i18n.h"
#include "zicha-report-session.h"
#include "zicha-row-editor.h"
#include "zicha-test.h"
#include "zicha-ui-test.h"
#include "zicha-window.h"

#define UNIT_NAME "厦门市鹭屿实验中学"
#define PROBLEMS_BEFORE "部分教师网络安全意识有待提高。"

static ZichaApplication *app;
static char *tmpdir;

/* A desktop notification server of our own on the test's session bus
 * (dbus-run-session): the daily 等级保护 reminder is sent to it. */
static guint notifications_owner;
static guint notifications_object;
static GPtrArray *notified;  /* "summary\nbody" of each Notify */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static const char *
screenshot_name (const char *what)
{
  static char name[128];
  const char *language = g_getenv ("LANGUAGE");

  g_snprintf (name, sizeof name, "%s-%s", what, language != NULL ? language : "C");
  return name;
}

static void
notifications_call_cb (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *object_path,
                       const char            *interface_name,
                       const char            *method_name,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notified, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as ['body'],)"));
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "zicha", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
notifications_name_acquired_cb (GDBusConnection *connection,
                                const char      *name,
                                gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* FALSE when there is no session bus to serve on. */
static gboolean
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  static gboolean acquired;

  if (bus == NULL || info == NULL)
    return FALSE;
  notified = g_ptr_array_new_with_free_func (g_free);
  notifications_object = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                            info->interfaces[0], &vtable, NULL, NULL, NULL);
  notifications_owner = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                                      G_BUS_NAME_OWNER_FLAGS_NONE,
                                                      notifications_name_acquired_cb, NULL, &acquired, NULL);
  return zicha_test_wait_for (&acquired, 5000);
}

static int
suite_init (void)
{
  g_autofree char *db_path = NULL;

  if (!start_notification_server ())
    {
      g_printerr ("No session bus for the notification server (run under dbus-run-session)\n");
      return 1;
    }
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
  g_clear_handle_id (&notifications_owner, g_bus_unown_name);
  if (notifications_object != 0)
    {
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

      g_dbus_connection_unregister_object (bus, notifications_object);
      notifications_object = 0;
    }
  g_clear_pointer (&notified, g_ptr_array_unref);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  return 0;
}

/* Dates ------------------------------------------------------------------------ */

static void
get_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

static char *
iso (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

static char *
iso_days_ago (guint days)
{
  GDate date;

  get_today (&date);
  g_date_subtract_days (&date, days);
  return iso (&date);
}

/* Reports ------------------------------------------------------------------------ */

static ZichaForm *
get_form (void)
{
  g_autoptr(GError) error = NULL;
  ZichaForm *form = zicha_application_get_default_form (app, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  return form;
}

static ZichaStore *
get_store (void)
{
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  return store;
}

static void
set_text (ZichaReportSession *session,
          ZichaFormItem      *item,
          const char         *row_uuid,
          const char         *text)
{
  g_autoptr(GError) error = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (item);
  CU_ASSERT_TRUE_FATAL (zicha_report_session_set_text (session, item, row_uuid, text, FALSE, &error));
}

static void
set_cell (ZichaReportSession *session,
          ZichaFormItem      *table,
          const char         *row_uuid,
          const char         *column,
          const char         *text)
{
  set_text (session, zicha_form_item_lookup_column (table, column), row_uuid, text);
}

/* A draft whose 教务管理系统 (第三级) was last assessed 13 months ago: its
 * yearly assessment is overdue. Filing is done; the self-check was ten
 * days ago, per system when the form has the column, else for the report.
 * A 第二级 portal has only its filing, done. */
static char *
create_report_with_systems (void)
{
  g_autoptr(GError) error = NULL;
  ZichaForm *form = get_form ();
  g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (form));
  g_autoptr(ZichaReport) report = NULL;
  g_autoptr(ZichaReportSession) session = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *filed = iso_days_ago (500);
  g_autofree char *self_checked = iso_days_ago (10);
  g_autofree char *assessed = NULL;
  ZichaFormItem *systems = zicha_form_lookup_item (form, ZICHA_DENGBAO_TABLE_PATH, NULL);
  GDate today, date;

  get_today (&today);
  date = today;
  g_date_subtract_months (&date, 13);
  assessed = iso (&date);

  report = zicha_store_create_report (get_store (), zicha_form_get_id (form), version, UNIT_NAME, "",
                                      (int) g_date_get_year (&today), &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  session = zicha_report_session_new (get_store (), form, report);
  CU_ASSERT_PTR_NOT_NULL_FATAL (systems);

  set_text (session, zicha_form_lookup_item (form, "basic.systems_total", NULL), NULL, "2");
  first = zicha_report_session_add_row (session, systems, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (first);
  set_cell (session, systems, first, "name", "教务管理系统");
  set_cell (session, systems, first, "level", "l3");
  set_cell (session, systems, first, "filing_number", "35020013001-00001");
  set_cell (session, systems, first, "filing_date", filed);
  set_cell (session, systems, first, "last_assessment", assessed);
  set_cell (session, systems, first, "owner", "张三");

  second = zicha_report_session_add_row (session, systems, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (second);
  set_cell (session, systems, second, "name", "学校门户网站");
  set_cell (session, systems, second, "level", "l2");
  set_cell (session, systems, second, "filing_number", "35020013001-00002");
  set_cell (session, systems, second, "filing_date", filed);
  set_cell (session, systems, second, "owner", "李四");

  if (zicha_form_item_lookup_column (systems, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK) != NULL)
    {
      set_cell (session, systems, first, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK, self_checked);
      set_cell (session, systems, second, ZICHA_DENGBAO_COLUMN_LAST_SELF_CHECK, self_checked);
    }
  set_text (session, zicha_form_lookup_item (form, ZICHA_DENGBAO_SELF_CHECK_END_PATH, NULL), NULL, self_checked);
  set_text (session, zicha_form_lookup_item (form, ZICHA_DENGBAO_PROBLEMS_PATH, NULL), NULL, PROBLEMS_BEFORE);

  return g_strdup (zicha_report_get_uuid (report));
}

static char *
get_problems (const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = zicha_store_get_value (get_store (), uuid, ZICHA_DENGBAO_PROBLEMS_PATH, NULL, &error);

  CU_ASSERT_PTR_NULL (error);
  return value != NULL ? g_strdup (json_node_get_string (value)) : NULL;
}

static GStrv
list_measures (const char *uuid)
{
  g_autoptr(GError) error = NULL;
  GStrv rows = zicha_store_list_rows (get_store (), uuid, ZICHA_DENGBAO_MEASURES_PATH, &error);

  CU_ASSERT_PTR_NOT_NULL_FATAL (rows);
  return rows;
}

static char *
get_measure_cell (const char *uuid,
                  const char *row_uuid,
                  const char *column)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (ZICHA_DENGBAO_MEASURES_PATH, "[].", column, NULL);
  g_autoptr(JsonNode) value = zicha_store_get_value (get_store (), uuid, path, row_uuid, &error);

  return value != NULL ? g_strdup (json_node_get_string (value)) : NULL;
}

/* Widgets ------------------------------------------------------------------------- */

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A button by its label (mnemonic as written) or its tooltip. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_BUTTON (root) &&
      (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0 ||
       g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list of sections: the editor's navigation sidebar. */
static GtkListBox *
find_sidebar (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_has_css_class (root, "navigation-sidebar"))
    return GTK_LIST_BOX (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_sidebar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
scroll_to_end (GtkWidget *scrolled)
{
  GtkAdjustment *adjustment;

  CU_ASSERT_PTR_NOT_NULL_FATAL (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static ZichaReportEditor *
open_report (GtkWindow  *window,
             const char *uuid)
{
  ZichaReportEditor *editor;

  zicha_window_open_report (ZICHA_WINDOW (window), uuid);
  zicha_ui_test_settle (300);
  editor = zicha_window_get_editor (ZICHA_WINDOW (window));
  CU_ASSERT_PTR_NOT_NULL_FATAL (editor);
  return editor;
}

/* Clicks the sidebar's deadlines row and returns the page it shows. */
static ZichaDengbaoPage *
show_page_from_sidebar (ZichaReportEditor *editor)
{
  GtkListBox *sections = find_sidebar (GTK_WIDGET (editor));
  GtkListBoxRow *row = NULL;
  GtkWidget *page;

  CU_ASSERT_PTR_NOT_NULL_FATAL (sections);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (sections, i)) != NULL; i++)
    if (find_label (GTK_WIDGET (row), _("Deadlines")) != NULL)
      break;
  CU_ASSERT_PTR_NOT_NULL_FATAL (row);

  g_signal_emit_by_name (sections, "row-activated", row);
  zicha_ui_test_settle (300);

  page = zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor));
  CU_ASSERT_TRUE_FATAL (ZICHA_IS_DENGBAO_PAGE (page));
  CU_ASSERT_TRUE (gtk_widget_get_mapped (page));
  return ZICHA_DENGBAO_PAGE (page);
}

/* Tests ------------------------------------------------------------------------------ */

static void
test_overdue_add_and_undo (void)
{
  g_autofree char *uuid = create_report_with_systems ();
  /* The same unit, year and revision again (a copy): one notification
   * for the two, not one each. */
  g_autofree char *twin = create_report_with_systems ();
  g_autofree char *expected_state = NULL;
  g_autofree char *expected_deadline = NULL;
  g_autofree char *problems = NULL;
  g_auto(GStrv) measures = NULL;
  ZichaReportEditor *editor;
  ZichaDengbaoPage *page;
  GtkWindow *window;
  GtkLabel *state;
  GtkWidget *button;
  GDate today, due;
  int days;

  /* Overdue since the anniversary of the last assessment. */
  get_today (&today);
  due = today;
  g_date_subtract_months (&due, 13);
  g_date_add_months (&due, 12);
  days = g_date_days_between (&due, &today);
  CU_ASSERT_TRUE_FATAL (days > 0);
  expected_state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue %d day", "overdue %d days", days), days);
  due = today;
  g_date_add_months (&due, 3);
  expected_deadline = iso (&due);

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  editor = open_report (window, uuid);
  page = show_page_from_sidebar (editor);

  /* The reports existed when the application started: the day's reminder
   * went out for the unit, once. */
  CU_ASSERT_EQUAL_FATAL (notified->len, 1);
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", 1), 1u);
    g_autofree char *body = g_strdup_printf (C_("dengbao reminder", "%s %d: %s"),
                                             UNIT_NAME, (int) g_date_get_year (&today), count);
    g_autofree char *expected = g_strconcat (_("Graded protection duties are overdue"), "\n", body, NULL);

    ZICHA_ASSERT_STR_EQ (notified->pdata[0], expected);
  }

  /* The assessment says how late it is, in the error style. */
  state = find_label (GTK_WIDGET (page), expected_state);
  CU_ASSERT_PTR_NOT_NULL_FATAL (state);
  CU_ASSERT_TRUE (gtk_widget_has_css_class (GTK_WIDGET (state), "error"));
  CU_ASSERT_TRUE (gtk_widget_is_visible (GTK_WIDGET (state)));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page")));

  /* The system's button opens its row of the systems table. */
  button = find_button (GTK_WIDGET (page), _("Edit in the Systems Table"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  g_signal_emit_by_name (button, "clicked");
  zicha_ui_test_settle (300);
  {
    GtkWindow *row_editor = zicha_ui_test_find_toplevel (ZICHA_TYPE_ROW_EDITOR);

    CU_ASSERT_PTR_NOT_NULL_FATAL (row_editor);
    gtk_window_destroy (row_editor);
    zicha_ui_test_settle (100);
  }
  page = show_page_from_sidebar (editor);

  /* One suggestion: the overdue assessment. Added from the keyboard. */
  button = find_button (GTK_WIDGET (page), _("_Add to Report"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  CU_ASSERT_PTR_NULL (find_button (GTK_WIDGET (page), _("Add A_ll")));
  CU_ASSERT_TRUE_FATAL (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  zicha_ui_test_settle (600);

  /* The sentence is a new paragraph after what was written ... */
  problems = get_problems (uuid);
  CU_ASSERT_PTR_NOT_NULL_FATAL (problems);
  CU_ASSERT_TRUE (g_str_has_prefix (problems, PROBLEMS_BEFORE "\n教务管理系统（第三级）应每年至少开展一次等级测评"));
  CU_ASSERT_TRUE (g_str_has_suffix (problems, "天。"));

  /* ... and the measures table has the planned measure. */
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (measures), 1);
  {
    g_autofree char *problem = get_measure_cell (uuid, measures[0], "problem");
    g_autofree char *measure = get_measure_cell (uuid, measures[0], "measure");
    g_autofree char *owner = get_measure_cell (uuid, measures[0], "owner");
    g_autofree char *deadline = get_measure_cell (uuid, measures[0], "deadline");
    g_autofree char *status = get_measure_cell (uuid, measures[0], "status");

    ZICHA_ASSERT_STR_EQ (problem, "教务管理系统未按期开展等级测评");
    CU_ASSERT_TRUE (measure != NULL && g_str_has_prefix (measure, "委托符合条件的等级测评机构"));
    ZICHA_ASSERT_STR_EQ (owner, "张三");
    ZICHA_ASSERT_STR_EQ (deadline, expected_deadline);
    ZICHA_ASSERT_STR_EQ (status, "planned");
  }

  /* Accepted: no longer offered, and the page says where it went. */
  page = ZICHA_DENGBAO_PAGE (zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor)));
  CU_ASSERT_PTR_NULL (find_button (GTK_WIDGET (page), _("_Add to Report")));
  CU_ASSERT_PTR_NOT_NULL_FATAL (find_button (GTK_WIDGET (page), _("_Measures")));
  /* The focus stays in the suggestions, on what they hold now. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *group = gtk_widget_get_ancestor (find_button (GTK_WIDGET (page), _("_Measures")),
                                                ADW_TYPE_PREFERENCES_GROUP);

    CU_ASSERT_TRUE (focus != NULL && gtk_widget_is_ancestor (focus, group));
  }
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-added")));

  /* One undo takes back the whole suggestion: the sentence and the row. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
  zicha_ui_test_settle (100);
  g_free (problems);
  problems = get_problems (uuid);
  ZICHA_ASSERT_STR_EQ (problems, PROBLEMS_BEFORE);
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL (g_strv_length (measures), 0);

  /* And one redo brings all of it back. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.redo", NULL);
  zicha_ui_test_settle (100);
  g_free (problems);
  problems = get_problems (uuid);
  CU_ASSERT_TRUE (problems != NULL && g_str_has_prefix (problems, PROBLEMS_BEFORE) &&
                  strstr (problems, "教务管理系统") != NULL);
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL (g_strv_length (measures), 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
  zicha_ui_test_settle (100);
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL (g_strv_length (measures), 0);

  /* So the suggestion is offered again. */
  zicha_ui_test_settle (400);
  page = show_page_from_sidebar (editor);
  CU_ASSERT_PTR_NOT_NULL (find_button (GTK_WIDGET (page), _("_Add to Report")));

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (200);
}

static void
test_narrow_and_tall (void)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  ZichaWindow *window;
  ZichaReportEditor *editor;
  ZichaDengbaoPage *page;

  reports = zicha_store_list_reports (get_store (), &error);
  CU_ASSERT_TRUE_FATAL (reports != NULL && reports->len > 0);

  /* 800 px: the smallest width the layout is made for. */
  window = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  editor = open_report (GTK_WINDOW (window), zicha_report_get_uuid (reports->pdata[0]));
  show_page_from_sidebar (editor);
  CU_ASSERT_TRUE (gtk_widget_get_width (GTK_WIDGET (window)) <= 820);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-800")));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Tall, to see most of the page at once; then its end, with the
   * sidebar scrolled to the page's own line. */
  window = zicha_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1500);
  gtk_window_present (GTK_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  editor = open_report (GTK_WINDOW (window), zicha_report_get_uuid (reports->pdata[0]));
  page = show_page_from_sidebar (editor);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-full")));
  scroll_to_end (zicha_ui_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW));
  scroll_to_end (gtk_widget_get_ancestor (GTK_WIDGET (find_sidebar (GTK_WIDGET (editor))), GTK_TYPE_SCROLLED_WINDOW));
  zicha_ui_test_settle (200);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-end")));
  gtk_window_destroy (GTK_WINDOW (window));
  zicha_ui_test_settle (100);
}

static void
test_no_systems (void)
{
  g_autoptr(GError) error = NULL;
  ZichaForm *form = get_form ();
  g_autofree char *version = g_strdup_printf ("%u", zicha_form_get_version (form));
  g_autoptr(ZichaReport) report = zicha_store_create_report (get_store (), zicha_form_get_id (form), version,
                                                             "厦门市某某小学", "", 2019, &error);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ZichaReportEditor *editor;
  ZichaDengbaoPage *page;
  AdwStatusPage *status;

  CU_ASSERT_PTR_NOT_NULL_FATAL (report);
  editor = open_report (window, zicha_report_get_uuid (report));
  page = show_page_from_sidebar (editor);

  status = ADW_STATUS_PAGE (zicha_ui_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
  CU_ASSERT_PTR_NOT_NULL_FATAL (status);
  ZICHA_ASSERT_STR_EQ (adw_status_page_get_title (status), _("No Systems Listed"));
  CU_ASSERT_PTR_NULL (find_button (GTK_WIDGET (page), _("_Add to Report")));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-empty")));

  /* Its button goes to the systems table. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (page), _("_Go to the Systems Table")), "clicked");
  zicha_ui_test_settle (200);
  CU_ASSERT_EQUAL (zicha_report_editor_get_section (editor),
                   zicha_form_section_get_index (zicha_form_item_get_section (
                     zicha_form_lookup_item (form, ZICHA_DENGBAO_TABLE_PATH, NULL))));

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (200);
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = create_report_with_systems ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ZichaReportEditor *editor;
  ZichaDengbaoPage *page;

  /* Frozen directly in the store: validation is not what is tested here. */
  CU_ASSERT_TRUE_FATAL (zicha_store_finalize_report (get_store (), uuid,
                                                     "0123456789abcdef0123456789abcdef"
                                                     "0123456789abcdef0123456789abcdef", &error));
  editor = open_report (window, uuid);
  page = show_page_from_sidebar (editor);

  /* The suggestion is shown, but nothing can be added. */
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), "教务管理系统未按期开展等级测评"));
  CU_ASSERT_PTR_NULL (find_button (GTK_WIDGET (page), _("_Add to Report")));
  CU_ASSERT_PTR_NOT_NULL (find_button (GTK_WIDGET (page), _("Show in the Systems Table")));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-read-only")));

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (200);
}

/* A threat notice ---------------------------------------------------------------- */

#define NOTICE_TARGET "https://www.example.edu.cn/admin"

static char *
format_local (GDateTime  *time,
              const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, format);
}

/* The Add to Report button of the suggestion titled @problem. */
static GtkWidget *
find_add_button (ZichaDengbaoPage *page,
                 const char       *problem)
{
  GtkLabel *title = find_label (GTK_WIDGET (page), problem);
  GtkWidget *row;

  CU_ASSERT_PTR_NOT_NULL_FATAL (title);
  row = gtk_widget_get_ancestor (GTK_WIDGET (title), GTK_TYPE_LIST_BOX_ROW);
  CU_ASSERT_PTR_NOT_NULL_FATAL (row);
  return find_button (row, _("_Add to Report"));
}

/* A notice arrives while the page is open: it is listed with its 72
 * hours, and its suggestion goes into the report like a duty's, one undo
 * step; Add All takes both kinds at once. */
static void
test_notice_add_and_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = create_report_with_systems ();
  g_autofree char *notice_id = g_uuid_string_random ();
  g_autoptr(GDateTime) detected = zicha_store_get_platform_now (get_store (), NULL);
  g_autoptr(GDateTime) deadline = g_date_time_add_hours (detected, 72);
  g_autoptr(ZichaNotice) notice = zicha_notice_new (notice_id, detected, NULL, NOTICE_TARGET, "weak_password", "high",
                                                    "学校官网后台管理页面可从互联网访问，且使用弱口令。", "open",
                                                    detected);
  g_autofree char *day = format_local (detected, "%Y年%-m月%-d日");
  g_autofree char *deadline_time = format_local (deadline, "%Y年%-m月%-d日 %H:%M");
  g_autofree char *deadline_iso = format_local (deadline, "%Y-%m-%d");
  g_autofree char *title = g_strdup_printf ("%s · %s", zicha_notice_type_to_label ("weak_password"), NOTICE_TARGET);
  /* Hours are rounded down: any moment in the first hour has 71 left. */
  g_autoptr(GDateTime) a_minute_later = g_date_time_add_minutes (detected, 1);
  g_autofree char *time_left = zicha_notice_format_time_left (notice, a_minute_later);
  g_autofree char *detected_time = format_local (detected, "%Y年%-m月%-d日 %H:%M");
  g_autofree char *problem = g_strdup_printf (NOTICE_TARGET " 存在弱口令（%s威胁通报）", detected_time);
  g_autofree char *sentence = g_strdup_printf ("%s，平台远程检测发现本单位 " NOTICE_TARGET " 存在弱口令（高危），"
                                               "尚未完成整改，须于%s前整改并反馈。", day, deadline_time);
  g_autofree char *expected_problems = g_strconcat (PROBLEMS_BEFORE "\n", sentence, NULL);
  g_autofree char *problems = NULL;
  g_auto(GStrv) measures = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ZichaReportEditor *editor;
  ZichaDengbaoPage *page;
  GtkLabel *left;
  GtkWidget *button;

  editor = open_report (window, uuid);
  page = show_page_from_sidebar (editor);
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (page), _("Threat Notices")));

  /* The sync stores a notice and the application announces it. */
  CU_ASSERT_TRUE_FATAL (zicha_store_save_notice (get_store (), notice, NULL, NULL, &error));
  g_signal_emit_by_name (app, "notices-changed");
  zicha_ui_test_settle (200);

  CU_ASSERT_EQUAL_FATAL (zicha_notice_suggestions_get_n_notices (zicha_dengbao_page_get_notices (page)), 1);
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), _("Threat Notices")));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), title));
  left = find_label (GTK_WIDGET (page), time_left);
  CU_ASSERT_PTR_NOT_NULL_FATAL (left);
  CU_ASSERT_TRUE (gtk_widget_is_visible (GTK_WIDGET (left)));
  /* Its suggestion, next to the overdue duty's. */
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), problem));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), "教务管理系统未按期开展等级测评"));
  CU_ASSERT_PTR_NOT_NULL (find_button (GTK_WIDGET (page), _("Add A_ll")));
  /* The sidebar's deadlines line counts the open notice next to the
   * overdue duty. */
  {
    g_autofree char *overdue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", 1), 1u);
    g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u notice open", "%u notices open", 1),
                                             1u);
    g_autofree char *line = g_strconcat (overdue, " · ", open, NULL);

    CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (editor), line));
  }
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-notice")));

  /* Feedback can be written from here too, in the window's dialog. */
  {
    GtkWidget *feedback_button = find_button (GTK_WIDGET (page), _("Give _Feedback…"));
    GtkWindow *dialog;

    CU_ASSERT_PTR_NOT_NULL_FATAL (feedback_button);
    ZICHA_ASSERT_STR_EQ (gtk_actionable_get_action_name (GTK_ACTIONABLE (feedback_button)), "win.give-feedback");
    g_signal_emit_by_name (feedback_button, "clicked");
    zicha_ui_test_settle (300);
    dialog = zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG);
    CU_ASSERT_PTR_NOT_NULL_FATAL (dialog);
    CU_ASSERT_PTR_EQUAL (gtk_window_get_transient_for (dialog), window);
    gtk_window_destroy (dialog);
    zicha_ui_test_settle (100);
  }

  /* Added from the keyboard: the focus goes on to the other suggestion. */
  button = find_add_button (page, problem);
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  CU_ASSERT_TRUE_FATAL (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  zicha_ui_test_settle (600);

  problems = get_problems (uuid);
  ZICHA_ASSERT_STR_EQ (problems, expected_problems);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (measures), 1);
  {
    g_autofree char *row_problem = get_measure_cell (uuid, measures[0], "problem");
    g_autofree char *measure = get_measure_cell (uuid, measures[0], "measure");
    g_autofree char *owner = get_measure_cell (uuid, measures[0], "owner");
    g_autofree char *row_deadline = get_measure_cell (uuid, measures[0], "deadline");
    g_autofree char *status = get_measure_cell (uuid, measures[0], "status");

    ZICHA_ASSERT_STR_EQ (row_problem, problem);
    ZICHA_ASSERT_STR_EQ (measure, ZICHA_NOTICE_SUGGESTION_MEASURE);
    CU_ASSERT_PTR_NULL (owner);
    ZICHA_ASSERT_STR_EQ (row_deadline, deadline_iso);
    ZICHA_ASSERT_STR_EQ (status, "planned");
  }

  /* Accepted: no longer offered; the duty's still is. */
  page = ZICHA_DENGBAO_PAGE (zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor)));
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (page), problem));
  CU_ASSERT_PTR_NOT_NULL_FATAL (find_add_button (page, "教务管理系统未按期开展等级测评"));
  CU_ASSERT_PTR_EQUAL (gtk_root_get_focus (GTK_ROOT (window)), find_add_button (page, "教务管理系统未按期开展等级测评"));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (page), title));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), screenshot_name ("dengbao-page-notice-added")));

  /* One undo takes back the sentence and the row. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
  zicha_ui_test_settle (100);
  g_free (problems);
  problems = get_problems (uuid);
  ZICHA_ASSERT_STR_EQ (problems, PROBLEMS_BEFORE);
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL (g_strv_length (measures), 0);

  /* Add All: the duty, then the notice, numbered; one undo step too. */
  zicha_ui_test_settle (400);
  page = show_page_from_sidebar (editor);
  button = find_button (GTK_WIDGET (page), _("Add A_ll"));
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  g_signal_emit_by_name (button, "clicked");
  zicha_ui_test_settle (600);
  g_free (problems);
  problems = get_problems (uuid);
  CU_ASSERT_TRUE (problems != NULL && g_str_has_prefix (problems, PROBLEMS_BEFORE "\n一是教务管理系统（第三级）"));
  {
    g_autofree char *second = g_strconcat ("；二是", sentence, NULL);

    CU_ASSERT_TRUE (problems != NULL && g_str_has_suffix (problems, second));
  }
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL_FATAL (g_strv_length (measures), 2);
  {
    g_autofree char *first_problem = get_measure_cell (uuid, measures[0], "problem");
    g_autofree char *second_problem = get_measure_cell (uuid, measures[1], "problem");

    ZICHA_ASSERT_STR_EQ (first_problem, "教务管理系统未按期开展等级测评");
    ZICHA_ASSERT_STR_EQ (second_problem, problem);
  }
  page = ZICHA_DENGBAO_PAGE (zicha_report_editor_get_page (editor, zicha_report_editor_get_section (editor)));
  CU_ASSERT_PTR_NULL (find_button (GTK_WIDGET (page), _("_Add to Report")));

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.undo", NULL);
  zicha_ui_test_settle (100);
  g_free (problems);
  problems = get_problems (uuid);
  ZICHA_ASSERT_STR_EQ (problems, PROBLEMS_BEFORE);
  g_strfreev (measures);
  measures = list_measures (uuid);
  CU_ASSERT_EQUAL (g_strv_length (measures), 0);

  gtk_widget_activate_action (GTK_WIDGET (editor), "report.close", NULL);
  zicha_ui_test_settle (200);
}

/* Xvfb has no notification service: GIO warns when a reminder cannot be
 * shown. That is the test machine, not the app. */
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
    { "/dengbao-page/overdue-add-and-undo", test_overdue_add_and_undo },
    { "/dengbao-page/narrow-and-tall", test_narrow_and_tall },
    { "/dengbao-page/no-systems", test_no_systems },
    { "/dengbao-page/read-only", test_read_only },
    /* Last: the notice it stores would be listed by the others. */
    { "/dengbao-page/notice-add-and-undo", test_notice_add_and_undo },
    { NULL, NULL }
  };

  zicha_i18n_init ();
  g_test_log_set_fatal_handler (tolerate_missing_notification_service, NULL);
  if (!zicha_ui_test_init ())
    {
      g_printerr ("No display: skipping widget tests (run under xvfb-run -a)\n");
      return ZICHA_TEST_SKIP;
    }

  return zicha_test_run ("dengbao-page", suite_init, suite_cleanup, cases);
}
