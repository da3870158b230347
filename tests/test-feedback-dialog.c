/* test-feedback-dialog.c — rectification feedback in the app, through its
 * widgets, against a real zicha-platform on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The platform issues a threat notice; it appears on the start screen
 * with a "Give Feedback…" button, which opens the dialog. Sending it empty
 * shows what is missing; a wrong phone number is flagged; filled, with an
 * evidence file, it is stored through the core, delivered, and the
 * dialog shows the platform's receipt and saves the 整改反馈单. Reopened
 * from its row, it is read-only. Unsaved input is not thrown away without
 * asking. Runs under Xvfb; saves screenshots to build/screenshots/.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "zicha-application.h"
#include "zicha-demo.h"
#include "zicha-feedback-dialog.h"
#include "zicha-i18n.h"
#include "zicha-platform-test.h"
#include "zicha-test.h"
#include "zicha-ui-test.h"
#include "zicha-window.h"

#define USCC "123502004263091794"
#define TARGET "http://www.example.edu.cn/admin/?from=portal&lang=zh"
/* With characters that Pango markup would take for tags. */
#define MEASURES "1. 已将后台管理页面限制为仅校园网访问（/admin/?a=1&b=2 返回 403 <拒绝>）。\n" \
                 "2. 已修改全部管理员口令并启用二次验证。"
#define RETEST "复测通过：互联网侧已无法访问后台，弱口令扫描未发现问题。"
#define RESPONSIBLE "陈志远"
#define PHONE "0592-5551234"
#define EVIDENCE_NAME "整改截图.png"
#define EVIDENCE_CONTENTS "\x89PNG\r\n\x1a\n evidence bytes"
#define WAIT_US (30 * G_USEC_PER_SEC)

static ZichaApplication *app;
static char *tmpdir;
static char *platform_db;
static ZichaTestPlatform *platform;

static const char *
shot (const char *what)
{
  static char name[128];
  const char *language = g_getenv ("LANGUAGE");

  g_snprintf (name, sizeof name, "%s-%s", what, language != NULL ? language : "C");
  return name;
}

static int
suite_init (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *token = NULL;

  tmpdir = zicha_test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "zicha.db", NULL);
  platform_db = g_build_filename (tmpdir, "platform.db", NULL);

  token = zicha_test_platform_add_unit (platform_db, USCC, "厦门市鹭屿实验中学");
  if (token == NULL)
    return 1;
  platform = zicha_test_platform_start (platform_db, NULL);
  if (platform == NULL)
    return 1;
  g_setenv ("ZICHA_TOKEN", token, TRUE);

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
  g_unsetenv ("ZICHA_TOKEN");
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&platform_db, g_free);
  return 0;
}

/* Widgets ------------------------------------------------------------------- */

/* The first widget under @root whose name (the .ui's "name") is @name. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button for @action with the string target @target. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action,
                    const char *target)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (target == NULL ||
          (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
           g_str_equal (g_variant_get_string (value, NULL), target)))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label showing exactly @text (markup taken off). */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}


static void
set_text_view (GtkWidget  *view,
               const char *text)
{
  CU_ASSERT_TRUE_FATAL (GTK_IS_TEXT_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkWindow *
main_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  CU_ASSERT_TRUE_FATAL (ZICHA_IS_WINDOW (window));
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (window), 5000));
  return window;
}

/* The platform issues a notice and the next pass brings it; the button of
 * its row on the start screen. */
static GtkWidget *
issue_notice (GtkWindow  *window,
              const char *type,
              char      **notice_id)
{
  g_autofree char *out = NULL;
  GtkWidget *button = NULL;
  gint64 deadline;

  CU_ASSERT_EQUAL_FATAL (zicha_test_platform_run (&out, NULL, "notify", "--db", platform_db, USCC,
                                                  "--target", TARGET,
                                                  "--type", type, "--severity", "high",
                                                  "--detail", "学校官网后台管理页面可从互联网访问，且使用弱口令。",
                                                  NULL), 0);
  *notice_id = g_strstrip (g_steal_pointer (&out));

  g_action_group_activate_action (G_ACTION_GROUP (app), "send-now", NULL);
  deadline = g_get_monotonic_time () + WAIT_US;
  while ((button == NULL || !gtk_widget_is_visible (button)) && g_get_monotonic_time () < deadline)
    {
      zicha_ui_test_settle (100);
      button = find_action_button (GTK_WIDGET (window), "win.give-feedback", *notice_id);
    }
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  CU_ASSERT_TRUE_FATAL (gtk_widget_is_visible (button));
  return button;
}

static ZichaFeedbackDialog *
open_dialog (GtkWidget *button)
{
  GtkWindow *dialog;

  CU_ASSERT_TRUE_FATAL (gtk_widget_is_visible (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG);
  CU_ASSERT_PTR_NOT_NULL_FATAL (dialog);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (dialog), 5000));
  zicha_ui_test_settle (200);
  return ZICHA_FEEDBACK_DIALOG (dialog);
}

/* The dialog, and again scrolled to its end. */
static void
screenshots (ZichaFeedbackDialog *dialog,
             const char          *what)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (zicha_ui_test_find_descendant (GTK_WIDGET (dialog),
                                                                                   GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_autofree char *end = g_strconcat (what, "-end", NULL);

  zicha_ui_test_settle (200);
  gtk_adjustment_set_value (adjustment, 0);
  zicha_ui_test_settle (100);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), shot (what)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  zicha_ui_test_settle (200);
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), shot (end)));
  gtk_adjustment_set_value (adjustment, 0);
}

/* Tests ---------------------------------------------------------------------- */

static void
test_write_send_and_print (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) demo = NULL;
  g_autoptr(ZichaFeedback) stored = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GDateTime) completed = NULL;
  g_autoptr(GFile) evidence = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *notice_id = NULL;
  g_autofree char *evidence_path = g_build_filename (tmpdir, EVIDENCE_NAME, NULL);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, EVIDENCE_CONTENTS, -1);
  g_autofree char *uuid = NULL;
  g_autofree char *folder_name = g_path_get_basename (tmpdir);
  g_autoptr(GDateTime) chosen_day = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ZichaStore *store = zicha_application_get_store (app, &error);
  GtkWindow *window;
  ZichaFeedbackDialog *dialog;
  GtkWidget *button, *measures, *retest, *responsible, *phone, *hour, *minute, *rectified, *date, *calendar;
  gint64 deadline;

  window = main_window ();
  /* Delivery to the platform on 127.0.0.1 (setting the address restarts it). */
  g_settings_set_string (settings, "platform-url", zicha_test_platform_get_url (platform));
  zicha_ui_test_settle (200);
  CU_ASSERT_PTR_NOT_NULL_FATAL (zicha_application_get_sync (app));

  /* A notice can come before any report: the start screen leaves its
   * empty state to show it. */
  button = issue_notice (window, "weak_password", &notice_id);
  ZICHA_ASSERT_STR_EQ (gtk_button_get_label (GTK_BUTTON (button)), _("Give _Feedback…"));
  zicha_ui_test_settle (200);
  /* The notices alone: no "Reports" heading over an empty list. */
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (window), _("Threat Notices")));
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (window), _("Reports")));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), shot ("feedback-start-notice")));

  /* The unit's report, which the dialog reads when it opens, gives the
   * contact to start from. */
  demo = zicha_demo_create_report (store, zicha_application_get_default_form (app, NULL), &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (demo);

  dialog = open_dialog (button);
  CU_ASSERT_PTR_EQUAL (gtk_window_get_transient_for (GTK_WINDOW (dialog)), window);
  CU_ASSERT_TRUE (gtk_window_get_modal (GTK_WINDOW (dialog)));
  measures = find_named (GTK_WIDGET (dialog), "measures");
  retest = find_named (GTK_WIDGET (dialog), "retest");
  responsible = find_named (GTK_WIDGET (dialog), "responsible");
  phone = find_named (GTK_WIDGET (dialog), "phone");
  hour = find_named (GTK_WIDGET (dialog), "completed-hour");
  minute = find_named (GTK_WIDGET (dialog), "completed-minute");
  rectified = find_named (GTK_WIDGET (dialog), "rectified");
  date = find_named (GTK_WIDGET (dialog), "completed-date");
  calendar = find_named (GTK_WIDGET (dialog), "completed-calendar");
  CU_ASSERT_TRUE_FATAL (measures && retest && responsible && phone && hour && minute && rectified && date && calendar);

  /* The contact of the unit's report, to start from */
  ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (responsible)), "林晓峰");
  ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (phone)), "0592-5123456");
  /* The notice and its clock */
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), TARGET));
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), _("Weak password")));

  /* Nothing is red before the first "Send" … */
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (dialog), _("Say what was done to rectify the problem.")));
  /* … then every missing value says so, and nothing is stored. */
  gtk_editable_set_text (GTK_EDITABLE (responsible), "");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "feedback.send", NULL);
  zicha_ui_test_settle (100);
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), _("Say what was done to rectify the problem.")));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), _("Give the result of re-testing.")));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), _("Name the person responsible for the rectification.")));
  CU_ASSERT_TRUE (gtk_widget_has_css_class (responsible, "error"));
  CU_ASSERT_PTR_NULL (zicha_feedback_dialog_get_feedback_uuid (dialog));
  /* A phone number that is neither mobile nor landline */
  gtk_editable_set_text (GTK_EDITABLE (phone), "12345");
  CU_ASSERT_TRUE (gtk_widget_has_css_class (phone, "error"));
  zicha_ui_test_settle (200);
  screenshots (dialog, "feedback-dialog-errors");
  {
    g_autoptr(GPtrArray) listed = zicha_store_list_feedback (store, notice_id, &error);

    CU_ASSERT_EQUAL (listed->len, 0);
  }

  /* Filled in through the widgets */
  set_text_view (measures, MEASURES);
  set_text_view (retest, RETEST);
  gtk_editable_set_text (GTK_EDITABLE (responsible), RESPONSIBLE);
  gtk_editable_set_text (GTK_EDITABLE (phone), PHONE);
  CU_ASSERT_FALSE (gtk_widget_has_css_class (phone, "error"));
  CU_ASSERT_FALSE (gtk_widget_has_css_class (responsible, "error"));
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (dialog), _("Say what was done to rectify the problem.")));
  /* In progress greys the time out; completed brings it back. */
  gtk_switch_set_active (GTK_SWITCH (rectified), FALSE);
  CU_ASSERT_FALSE (gtk_widget_is_sensitive (hour));
  gtk_switch_set_active (GTK_SWITCH (rectified), TRUE);
  CU_ASSERT_TRUE (gtk_widget_is_sensitive (hour));
  /* A completion tomorrow is refused ... */
  {
    g_autoptr(GDateTime) today = gtk_calendar_get_date (GTK_CALENDAR (calendar));
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

    gtk_calendar_select_day (GTK_CALENDAR (calendar), tomorrow);
    CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), _("The completion time is later than now.")));
    /* ... and 00:05 yesterday is taken. */
    chosen_day = g_date_time_add_days (today, -1);
    gtk_calendar_select_day (GTK_CALENDAR (calendar), chosen_day);
  }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour), 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minute), 5);
  ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (minute)), "05");
  CU_ASSERT_PTR_NULL (find_label (GTK_WIDGET (dialog), _("The completion time is later than now.")));

  /* A folder is refused with a reason; the file is listed with its size. */
  folder = g_file_new_for_path (tmpdir);
  CU_ASSERT_FALSE (zicha_feedback_dialog_add_evidence (dialog, folder));
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), folder_name));
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (evidence_path, EVIDENCE_CONTENTS, -1, NULL));
  evidence = g_file_new_for_path (evidence_path);
  CU_ASSERT_TRUE (zicha_feedback_dialog_add_evidence (dialog, evidence));
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), EVIDENCE_NAME));
  zicha_ui_test_settle (200);
  screenshots (dialog, "feedback-dialog-filled");

  /* Send: stored through the core, queued, then delivered. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "feedback.send", NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (zicha_feedback_dialog_get_feedback_uuid (dialog));
  uuid = g_strdup (zicha_feedback_dialog_get_feedback_uuid (dialog));
  stored = zicha_store_get_feedback (store, uuid, &error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stored);
  ZICHA_ASSERT_STR_EQ (stored->notice_id, notice_id);
  ZICHA_ASSERT_STR_EQ (stored->measures, MEASURES);
  ZICHA_ASSERT_STR_EQ (stored->retest_result, RETEST);
  ZICHA_ASSERT_STR_EQ (stored->responsible, RESPONSIBLE);
  ZICHA_ASSERT_STR_EQ (stored->phone, PHONE);
  ZICHA_ASSERT_STR_EQ (stored->unit_code, USCC);
  CU_ASSERT_TRUE (stored->rectified);
  CU_ASSERT_PTR_NOT_NULL_FATAL (stored->completed_at);
  completed = g_date_time_to_local (stored->completed_at);
  CU_ASSERT_EQUAL (g_date_time_get_hour (completed), 0);
  CU_ASSERT_EQUAL (g_date_time_get_minute (completed), 5);
  CU_ASSERT_EQUAL (g_date_time_get_year (completed), g_date_time_get_year (chosen_day));
  CU_ASSERT_EQUAL (g_date_time_get_day_of_year (completed), g_date_time_get_day_of_year (chosen_day));
  attachments = zicha_store_list_feedback_attachments (store, uuid, &error);
  CU_ASSERT_EQUAL_FATAL (attachments->len, 1);
  ZICHA_ASSERT_STR_EQ (((ZichaAttachment *) attachments->pdata[0])->file_name, EVIDENCE_NAME);
  ZICHA_ASSERT_STR_EQ (((ZichaAttachment *) attachments->pdata[0])->sha256, sha256);

  deadline = g_get_monotonic_time () + WAIT_US;
  while (stored->state != ZICHA_FEEDBACK_ACKNOWLEDGED && g_get_monotonic_time () < deadline)
    {
      zicha_ui_test_settle (100);
      g_clear_pointer (&stored, zicha_feedback_free);
      stored = zicha_store_get_feedback (store, uuid, &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (stored);
    }
  CU_ASSERT_EQUAL_FATAL (stored->state, ZICHA_FEEDBACK_ACKNOWLEDGED);
  CU_ASSERT_FALSE (stored->late);
  zicha_ui_test_settle (200);
  /* The dialog says so, with the receipt number. */
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), stored->receipt_number));
  screenshots (dialog, "feedback-dialog-received");

  /* The 整改反馈单, written in a worker, with the receipt on it */
  {
    g_autofree char *pdf_path = g_build_filename (tmpdir, "整改反馈单.pdf", NULL);
    g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
    PopplerDocument *pdf;
    PopplerPage *page;
    char *text;

    zicha_feedback_dialog_save_pdf (dialog, pdf_file);
    CU_ASSERT_TRUE (zicha_feedback_dialog_get_busy (dialog));
    deadline = g_get_monotonic_time () + WAIT_US;
    while (zicha_feedback_dialog_get_busy (dialog) && g_get_monotonic_time () < deadline)
      zicha_ui_test_settle (50);
    CU_ASSERT_FALSE_FATAL (zicha_feedback_dialog_get_busy (dialog));
    pdf = poppler_document_new_from_file (uri, NULL, &error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (pdf);
    page = poppler_document_get_page (pdf, 0);
    text = poppler_page_get_text (page);
    CU_ASSERT_PTR_NOT_NULL (strstr (text, stored->receipt_number));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, RESPONSIBLE));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, sha256));
    g_free (text);
    g_object_unref (page);
    g_object_unref (pdf);
    /* The row says where it went. */
    CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), "整改反馈单.pdf"));
  }

  /* Nothing unsaved: it closes without asking. */
  gtk_window_close (GTK_WINDOW (dialog));
  zicha_ui_test_settle (200);
  CU_ASSERT_PTR_NULL (zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG));
  CU_ASSERT_PTR_NULL (zicha_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The row shows the receipt and opens the feedback read-only. */
  button = NULL;
  deadline = g_get_monotonic_time () + WAIT_US;
  while (g_get_monotonic_time () < deadline &&
         (button == NULL || zicha_ui_test_find_label_containing (GTK_WIDGET (window), stored->receipt_number) == NULL))
    {
      zicha_ui_test_settle (100);
      button = find_action_button (GTK_WIDGET (window), "win.give-feedback", notice_id);
    }
  CU_ASSERT_PTR_NOT_NULL_FATAL (button);
  ZICHA_ASSERT_STR_EQ (gtk_button_get_label (GTK_BUTTON (button)), _("_View Feedback"));
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (window), stored->receipt_number));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (window), shot ("feedback-start-answered")));

  dialog = open_dialog (button);
  {
    GtkStack *stack = GTK_STACK (zicha_ui_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_STACK));

    ZICHA_ASSERT_STR_EQ (gtk_stack_get_visible_child_name (stack), "view");
  }
  ZICHA_ASSERT_STR_EQ (zicha_feedback_dialog_get_feedback_uuid (dialog), uuid);
  CU_ASSERT_PTR_NOT_NULL (find_label (GTK_WIDGET (dialog), MEASURES));
  CU_ASSERT_PTR_NOT_NULL (zicha_ui_test_find_label_containing (GTK_WIDGET (dialog), sha256));
  screenshots (dialog, "feedback-dialog-read-only");
  gtk_window_close (GTK_WINDOW (dialog));
  zicha_ui_test_settle (200);
  CU_ASSERT_PTR_NULL (zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG));
}

static void
test_discard_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *notice_id = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);
  GtkWindow *window = main_window ();
  ZichaFeedbackDialog *dialog = open_dialog (issue_notice (window, "vulnerability", &notice_id));
  GtkWindow *question;

  /* The contact of the last feedback, this time */
  ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "responsible"))),
                       RESPONSIBLE);

  /* Untouched, Escape (window.close) would just close; with text typed
   * it asks first. */
  set_text_view (find_named (GTK_WIDGET (dialog), "measures"), "已关闭 8080 端口");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  zicha_ui_test_settle (200);
  question = zicha_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  CU_ASSERT_PTR_NOT_NULL_FATAL (question);
  CU_ASSERT_TRUE_FATAL (zicha_ui_test_wait_mapped (GTK_WIDGET (question), 5000));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (question), shot ("feedback-dialog-discard")));

  /* Keep editing: still open */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  zicha_ui_test_settle (200);
  CU_ASSERT_PTR_EQUAL (zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG), dialog);

  /* Discard: gone, and nothing was stored. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  zicha_ui_test_settle (200);
  question = zicha_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  CU_ASSERT_PTR_NOT_NULL_FATAL (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  zicha_ui_test_settle (200);
  CU_ASSERT_PTR_NULL (zicha_ui_test_find_toplevel (ZICHA_TYPE_FEEDBACK_DIALOG));
  listed = zicha_store_list_feedback (store, notice_id, &error);
  CU_ASSERT_EQUAL (listed->len, 0);
}

/* The completion time the dialog shows, from its calendar and spin buttons. */
static GDateTime *
dup_shown_completion (ZichaFeedbackDialog *dialog)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (GTK_CALENDAR (find_named (GTK_WIDGET (dialog), "completed-calendar")));

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (dialog),
                                                                                               "completed-hour"))),
                                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (dialog),
                                                                                               "completed-minute"))),
                                0);
}

/* The feedback's state: the platform refused it for good. */
static void
refuse (ZichaStore *store,
        const char *feedback_uuid)
{
  g_autoptr(GError) error = NULL;
  ZichaOutboxAttempt refusal = { NULL, };

  refusal.permanent = TRUE;
  refusal.status = 422;
  refusal.code = "invalid_feedback";
  refusal.message = "actions: describe the measures taken";
  CU_ASSERT_TRUE_FATAL (zicha_store_record_feedback_attempt (store, feedback_uuid, &refusal, &error));
}

/* The platform refused a feedback for good: the dialog shows why and
 * offers to write it again from what was sent, as a new feedback. The
 * completion time starts at now when the refused one had none; evidence
 * files are chosen again, never sent again unseen. */
static void
test_rewrite_after_refusal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) evidence = NULL;
  g_autofree char *evidence_path = g_build_filename (tmpdir, "复测截图.png", NULL);
  g_autofree char *notice_id = NULL;
  g_autofree char *refused_uuid = NULL;
  g_autofree char *second_uuid = NULL;
  g_autofree char *shown_day = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);
  GtkWindow *window = main_window ();
  ZichaFeedbackRequest request = { NULL, };
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) before_minute = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) shown = NULL;
  ZichaFeedbackDialog *dialog;
  GtkWidget *rewrite, *measures, *evidence_list;
  GtkWidget *button = issue_notice (window, "malware", &notice_id);
  gint64 deadline;

  /* No platform from here on: what is sent waits in the outbox. */
  g_settings_set_string (settings, "platform-url", "http://127.0.0.1:9/");
  zicha_ui_test_settle (200);

  /* Still in progress when it was sent: no completion time. */
  request.notice_id = notice_id;
  request.rectified = FALSE;
  request.measures = "已清除木马";
  request.responsible = RESPONSIBLE;
  request.phone = PHONE;
  request.retest_result = "复测未发现恶意代码";
  refused_uuid = zicha_store_add_feedback (store, &request, &error);
  if (refused_uuid == NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (refused_uuid);
  refuse (store, refused_uuid);

  dialog = open_dialog (button);
  rewrite = find_named (GTK_WIDGET (dialog), "rewrite");
  evidence_list = find_named (GTK_WIDGET (dialog), "evidence-list");
  CU_ASSERT_PTR_NOT_NULL_FATAL (rewrite);
  CU_ASSERT_PTR_NOT_NULL_FATAL (evidence_list);
  CU_ASSERT_TRUE_FATAL (gtk_widget_is_visible (rewrite));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), shot ("feedback-dialog-refused")));

  /* Written again from what was sent */
  before = g_date_time_new_now_local ();
  g_signal_emit_by_name (rewrite, "clicked");
  zicha_ui_test_settle (200);
  after = g_date_time_new_now_local ();
  measures = find_named (GTK_WIDGET (dialog), "measures");
  CU_ASSERT_TRUE_FATAL (measures != NULL && gtk_widget_is_visible (measures));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (measures));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    ZICHA_ASSERT_STR_EQ (text, "已清除木马");
  }
  ZICHA_ASSERT_STR_EQ (gtk_editable_get_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "responsible"))),
                       RESPONSIBLE);
  CU_ASSERT_FALSE (gtk_switch_get_active (GTK_SWITCH (find_named (GTK_WIDGET (dialog), "rectified"))));
  /* The completion time is now (to the minute), ready should it be done. */
  before_minute = g_date_time_add_seconds (before, -(g_date_time_get_seconds (before)));
  shown = dup_shown_completion (dialog);
  CU_ASSERT_TRUE (g_date_time_compare (shown, before_minute) >= 0 && g_date_time_compare (shown, after) <= 0);
  shown_day = g_date_time_format (shown, "%Y-%m-%d");
  ZICHA_ASSERT_STR_EQ (gtk_menu_button_get_label (GTK_MENU_BUTTON (find_named (GTK_WIDGET (dialog), "completed-date"))),
                       shown_day);
  CU_ASSERT_FALSE (gtk_widget_is_visible (evidence_list));

  /* Done now, with a file. */
  set_text_view (measures, "已清除木马，重装系统并更换全部管理员口令");
  gtk_switch_set_active (GTK_SWITCH (find_named (GTK_WIDGET (dialog), "rectified")), TRUE);
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (evidence_path, EVIDENCE_CONTENTS, -1, NULL));
  evidence = g_file_new_for_path (evidence_path);
  CU_ASSERT_TRUE (zicha_feedback_dialog_add_evidence (dialog, evidence));
  CU_ASSERT_TRUE (gtk_widget_is_visible (evidence_list));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "feedback.send", NULL);
  zicha_ui_test_settle (300);

  /* A second feedback, the refused one still on record */
  listed = zicha_store_list_feedback (store, notice_id, &error);
  CU_ASSERT_EQUAL_FATAL (listed->len, 2);
  ZICHA_ASSERT_STR_EQ (((ZichaFeedback *) listed->pdata[0])->uuid, refused_uuid);
  ZICHA_ASSERT_STR_EQ (((ZichaFeedback *) listed->pdata[1])->measures, "已清除木马，重装系统并更换全部管理员口令");
  CU_ASSERT_PTR_NOT_NULL_FATAL (((ZichaFeedback *) listed->pdata[1])->completed_at);
  CU_ASSERT_TRUE (g_date_time_equal (((ZichaFeedback *) listed->pdata[1])->completed_at, shown));
  second_uuid = g_strdup (((ZichaFeedback *) listed->pdata[1])->uuid);
  attachments = zicha_store_list_feedback_attachments (store, second_uuid, &error);
  CU_ASSERT_EQUAL (attachments->len, 1);
  CU_ASSERT_FALSE (gtk_widget_is_visible (rewrite));

  /* Its first attempt finds no platform; then the platform refuses it
   * too, and the sync says so. */
  deadline = g_get_monotonic_time () + WAIT_US;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(ZichaFeedback) sent = zicha_store_get_feedback (store, second_uuid, NULL);

      if (sent != NULL && sent->attempts > 0)
        break;
      zicha_ui_test_settle (100);
    }
  refuse (store, second_uuid);
  zicha_application_notices_changed (app);
  zicha_ui_test_settle (200);
  CU_ASSERT_TRUE_FATAL (gtk_widget_is_visible (rewrite));

  /* Rewritten: the file sent with it is not in the list again. */
  g_signal_emit_by_name (rewrite, "clicked");
  zicha_ui_test_settle (200);
  CU_ASSERT_FALSE (gtk_widget_is_visible (evidence_list));
  CU_ASSERT_PTR_NULL (gtk_widget_get_first_child (evidence_list));
  g_free (zicha_ui_test_screenshot (GTK_WIDGET (dialog), shot ("feedback-dialog-rewrite")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "feedback.send", NULL);
  zicha_ui_test_settle (300);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = zicha_store_list_feedback (store, notice_id, &error);
  CU_ASSERT_EQUAL_FATAL (listed->len, 3);
  g_clear_pointer (&attachments, g_ptr_array_unref);
  attachments = zicha_store_list_feedback_attachments (store, ((ZichaFeedback *) listed->pdata[2])->uuid, &error);
  CU_ASSERT_EQUAL (attachments->len, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
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
    { "/feedback-dialog/write-send-and-print", test_write_send_and_print },
    { "/feedback-dialog/discard-asks", test_discard_asks },
    { "/feedback-dialog/rewrite-after-refusal", test_rewrite_after_refusal },
    { NULL, NULL }
  };

  zicha_i18n_init ();
  g_test_log_set_fatal_handler (tolerate_missing_notification_service, NULL);
  if (!zicha_ui_test_init ())
    {
      g_printerr ("No display: skipping widget tests (run under xvfb-run -a)\n");
      return ZICHA_TEST_SKIP;
    }

  return zicha_test_run ("feedback-dialog", suite_init, suite_cleanup, cases);
}
