/* zicha-window.c — the main window: the start screen with every report,
 * and the report editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-demo.h"
#include "zicha-feedback-dialog.h"
#include "zicha-new-report-dialog.h"
#include "zicha-notice.h"
#include "zicha-package.h"
#include "zicha-report-session.h"
#include "zicha-report-editor.h"
#include "zicha-report-row.h"
#include "zicha-window.h"

struct _ZichaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  ZichaReportEditor    *editor;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkStack             *start_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *problem_page;
  GtkListBox           *report_list;
  GtkListBox           *notice_list;
  GtkWidget            *notices_heading;
  GtkWidget            *reports_heading;
  guint                 notices_timer;
  GtkLabel             *deadline_label;
  GtkButton            *restore_button;
  guint                 help_overlay_source;

  /* After the first frame, in idle turns: the form's title and deadline,
   * the rest of the rows, then each row's progress. Only what fits on
   * screen is built before it, from what the store knows. */
  guint                 progress_source;
  gboolean              form_shown;
  GPtrArray            *pending_reports;  /* ZichaReport without a row yet */
  guint                 pending_next;
  GDate                 today;
  GtkWidget            *progress_next;    /* the next row to fill in */
};

/* About a screenful. */
#define FIRST_ROWS 10

G_DEFINE_FINAL_TYPE (ZichaWindow, zicha_window, ADW_TYPE_APPLICATION_WINDOW)

static ZichaApplication *
get_application (ZichaWindow *self)
{
  return ZICHA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* @message is plain text; a toast's title is markup (file names may hold
 * "&"). */
static void
show_toast (ZichaWindow *self,
            const char  *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
show_error (ZichaWindow  *self,
            const char   *heading,
            const GError *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_problem (ZichaWindow  *self,
              const GError *error)
{
  g_auto(GStrv) backups = NULL;
  g_autofree char *description = g_markup_escape_text (error->message, -1);
  gboolean damaged = g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_CORRUPT) ||
                     g_error_matches (error, ZICHA_STORE_ERROR, ZICHA_STORE_ERROR_NOT_A_DATABASE);

  backups = zicha_store_list_backups (zicha_application_get_database_path (get_application (self)));

  /* Set when shown: GTK loads the icons of hidden pages too. */
  adw_status_page_set_icon_name (self->problem_page, "dialog-warning-symbolic");
  /* Markup: the message may quote a path with "&" in it. */
  adw_status_page_set_description (self->problem_page, description);
  /* Restoring only makes sense for a damaged file, never for a newer one. */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), damaged && backups[0] != NULL);
  gtk_stack_set_visible_child_name (self->start_stack, "problem");
}

/* The list when there are reports or notices to show (a notice may come
 * before any report), else the empty state; the problem page stays. */
static void
show_reports_or_empty (ZichaWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->start_stack);
  gboolean has_reports = gtk_widget_get_first_child (GTK_WIDGET (self->report_list)) != NULL;

  /* Notices alone: no "Reports" heading over an empty list. */
  gtk_widget_set_visible (self->reports_heading, has_reports);
  gtk_widget_set_visible (GTK_WIDGET (self->report_list), has_reports);

  if (g_strcmp0 (page, "problem") == 0)
    return;
  if (has_reports || gtk_widget_get_visible (GTK_WIDGET (self->notice_list)))
    gtk_stack_set_visible_child_name (self->start_stack, "reports");
  else
    {
      /* Set when shown: GTK loads the icons of hidden pages too. */
      adw_status_page_set_icon_name (self->empty_page, "io.github.zicha.Zicha-symbolic");
      gtk_stack_set_visible_child_name (self->start_stack, "empty");
    }
}

/* Threat notices: the platform's 72-hour rectification clock, counted by
 * the platform's time (the store keeps our offset from it). Each row keeps
 * its notice ("notice"), the state of its feedback ("feedback-state"), its
 * icon ("icon") and its button ("button", may be NULL). */

/* What changes with time alone: the hours left, and the icon and the
 * error style once the deadline has passed. */
static void
update_notice_row (GtkWidget *row,
                   GDateTime *now)
{
  ZichaNotice *notice = g_object_get_data (G_OBJECT (row), "notice");
  const char *feedback_state = g_object_get_data (G_OBJECT (row), "feedback-state");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "icon");
  gboolean pending = zicha_notice_is_pending (notice);
  gboolean overdue = pending && zicha_notice_is_overdue (notice, now);
  g_autofree char *left = pending ? zicha_notice_format_time_left (notice, now)
                                  : g_strdup (zicha_notice_state_to_label (zicha_notice_get_state (notice)));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* First, so a long description cannot push it out of sight. */
  if (feedback_state != NULL)
    g_string_append_printf (subtitle, "%s\n", feedback_state);
  g_string_append_printf (subtitle, "%s · %s · %s", left,
                          zicha_notice_severity_to_label (zicha_notice_get_severity (notice)),
                          zicha_notice_get_description (notice));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_image_set_from_icon_name (icon, overdue ? "dialog-error-symbolic"
                                      : pending ? "dialog-warning-symbolic"
                                      : "emblem-ok-symbolic");
  if (overdue)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Takes @feedback_state: the state of the notice's newest feedback, NULL
 * when there is none. */
static GtkWidget *
new_notice_row (ZichaNotice *notice,
                char        *feedback_state,
                GDateTime   *now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *button = NULL;
  g_autofree char *title = NULL;

  /* Before any text: targets are URLs, "&" is not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  title = g_strdup_printf ("%s · %s", zicha_notice_type_to_label (zicha_notice_get_notice_type (notice)),
                           zicha_notice_get_target (notice));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* Feedback written here: its state, and the dialog to see it; an open
   * notice without any: the dialog to write it. */
  if (feedback_state != NULL)
    button = gtk_button_new_with_mnemonic (_("_View Feedback"));
  else if (zicha_notice_is_pending (notice))
    {
      button = gtk_button_new_with_mnemonic (_("Give _Feedback…"));
      gtk_widget_add_css_class (button, "suggested-action");
    }
  if (button != NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.give-feedback");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", zicha_notice_get_id (notice));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }

  g_object_set_data_full (G_OBJECT (row), "notice", g_object_ref (notice), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "feedback-state", feedback_state, g_free);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "button", button);
  update_notice_row (row, now);
  return row;
}

/* Where the keyboard focus is in the notice list, to find it again in
 * the rebuilt one: the notice, on its button or its row, and the row's
 * position for when the notice is gone. */
typedef struct
{
  char     *notice_id;
  gboolean  on_button;
  int       index;
} NoticeFocus;

static gboolean
find_notice_focus (ZichaWindow *self,
                   NoticeFocus *found)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->notice_list)))
    return FALSE;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || g_object_get_data (G_OBJECT (row), "notice") == NULL)
    return FALSE;

  found->notice_id = g_strdup (zicha_notice_get_id (g_object_get_data (G_OBJECT (row), "notice")));
  found->on_button = focus != row;
  found->index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  return TRUE;
}

static void
restore_notice_focus (ZichaWindow       *self,
                      const NoticeFocus *focus)
{
  GtkWidget *row = NULL;
  GtkWidget *button;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->notice_list));
       child != NULL && row == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (zicha_notice_get_id (g_object_get_data (G_OBJECT (child), "notice")), focus->notice_id))
      row = child;

  /* Gone (withdrawn, resolved): the row that took its place, or the last. */
  if (row == NULL)
    {
      row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->notice_list, focus->index));
      if (row == NULL)
        row = gtk_widget_get_last_child (GTK_WIDGET (self->notice_list));
    }
  if (row == NULL)
    return;

  button = g_object_get_data (G_OBJECT (row), "button");
  if (focus->on_button && button != NULL)
    gtk_widget_grab_focus (button);
  else
    gtk_widget_grab_focus (row);
}

/* Builds the list again from the store, where the focus was: the rows
 * hold buttons, and keyboard and screen reader users stay on theirs. */
static void
reload_notices (ZichaWindow *self)
{
  ZichaStore *store = zicha_application_get_store (get_application (self), NULL);
  g_autoptr(GPtrArray) notices = store != NULL ? zicha_store_list_notices (store, NULL) : NULL;
  g_autoptr(GDateTime) now = NULL;
  NoticeFocus focus = { NULL, FALSE, 0 };
  gboolean had_focus = find_notice_focus (self, &focus);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notice_list))) != NULL)
    gtk_list_box_remove (self->notice_list, child);

  if (notices != NULL)
    now = zicha_store_get_platform_now (store, NULL);

  for (guint i = 0; notices != NULL && i < notices->len; i++)
    {
      ZichaNotice *notice = notices->pdata[i];
      g_autoptr(GPtrArray) feedback = NULL;
      char *feedback_state = NULL;

      if (!zicha_notice_is_pending (notice) && zicha_notice_get_state (notice) != ZICHA_NOTICE_ANSWERED)
        continue;

      feedback = zicha_store_list_feedback (store, zicha_notice_get_id (notice), NULL);
      if (feedback != NULL && feedback->len > 0)
        feedback_state = zicha_feedback_describe_state (feedback->pdata[feedback->len - 1]);
      gtk_list_box_append (self->notice_list, new_notice_row (notice, feedback_state, now));
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->notice_list), shown > 0);
  gtk_widget_set_visible (self->notices_heading, shown > 0);
  show_reports_or_empty (self);

  if (had_focus)
    restore_notice_focus (self, &focus);
  g_free (focus.notice_id);
}

/* Hours left change with time, not only with new data: only the rows'
 * text and icons, so the focus stays where it is. */
static gboolean
notices_tick_cb (gpointer data)
{
  ZichaWindow *self = data;
  ZichaStore *store = zicha_application_get_store (get_application (self), NULL);
  g_autoptr(GDateTime) now = store != NULL ? zicha_store_get_platform_now (store, NULL) : NULL;

  if (now == NULL)
    return G_SOURCE_CONTINUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->notice_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    update_notice_row (row, now);
  return G_SOURCE_CONTINUE;
}

static void
set_row_form (ZichaWindow    *self,
              ZichaReportRow *row)
{
  ZichaReport *report = zicha_report_row_get_report (row);
  ZichaForm *form = zicha_application_get_form (get_application (self),
                                                zicha_report_get_form_id (report),
                                                zicha_report_get_form_version (report),
                                                NULL);

  zicha_report_row_set_form (row, form, &self->today);
}

/* The campaign's deadline and each row's form title and days left. The
 * form is parsed on first use, so before the first frame this waits for
 * the idle. */
static void
show_form_details (ZichaWindow *self)
{
  ZichaForm *default_form = zicha_application_get_default_form (get_application (self), NULL);

  self->form_shown = TRUE;
  if (default_form != NULL)
    {
      g_autofree char *campaign = g_strdup_printf (_("%s. Submission deadline: %s."),
                                                   zicha_localized_text_get_for_locale (zicha_form_get_campaign_name (default_form)),
                                                   zicha_form_get_deadline (default_form));

      gtk_label_set_label (self->deadline_label, campaign);
    }

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->report_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    set_row_form (self, ZICHA_REPORT_ROW (row));
}

/* A screenful of rows at first, then more in each main-loop turn, so the
 * list appears at once and the progress of each report follows. */
static void
append_report_rows (ZichaWindow *self,
                    guint        count)
{
  for (; count > 0 && self->pending_next < self->pending_reports->len; count--, self->pending_next++)
    {
      GtkWidget *row = zicha_report_row_new (self->pending_reports->pdata[self->pending_next]);

      if (self->form_shown)
        set_row_form (self, ZICHA_REPORT_ROW (row));
      gtk_list_box_append (self->report_list, row);
    }
}

static gboolean
fill_progress_cb (gpointer data)
{
  ZichaWindow *self = data;
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaValidation) validation = NULL;
  ZichaReportRow *row;
  ZichaReport *report;
  ZichaStore *store;
  ZichaForm *form;
  guint answered = 0, required = 0;

  if (!self->form_shown)
    {
      show_form_details (self);
      return G_SOURCE_CONTINUE;
    }

  if (self->pending_next < self->pending_reports->len)
    {
      append_report_rows (self, FIRST_ROWS);
      if (self->progress_next == NULL)
        self->progress_next = gtk_widget_get_first_child (GTK_WIDGET (self->report_list));
      return G_SOURCE_CONTINUE;
    }

  if (self->progress_next == NULL)
    {
      self->progress_source = 0;
      return G_SOURCE_REMOVE;
    }

  row = ZICHA_REPORT_ROW (self->progress_next);
  self->progress_next = gtk_widget_get_next_sibling (self->progress_next);
  report = zicha_report_row_get_report (row);

  store = zicha_application_get_store (app, NULL);
  form = zicha_application_get_form (app, zicha_report_get_form_id (report),
                                     zicha_report_get_form_version (report), NULL);
  if (store == NULL || form == NULL)
    return G_SOURCE_CONTINUE;

  answers = zicha_store_load_answers (store, form, zicha_report_get_uuid (report), &error);
  if (answers == NULL)
    {
      g_message ("Could not read report %s: %s", zicha_report_get_uuid (report), error->message);
      return G_SOURCE_CONTINUE;
    }

  validation = zicha_validate (answers, NULL);
  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      const ZichaSectionProgress *progress = zicha_validation_get_progress (validation, i);

      answered += progress->answered_required;
      required += progress->total_required;
    }
  zicha_report_row_set_progress (row, answered, required, zicha_validation_get_n_errors (validation));

  return G_SOURCE_CONTINUE;
}

/* Reads the reports again and shows the list, the empty state or what
 * keeps the database from opening. */
static void
zicha_window_reload (ZichaWindow *self)
{
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  ZichaStore *store;
  GtkWidget *child;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->progress_next = NULL;
  self->form_shown = FALSE;
  g_ptr_array_set_size (self->pending_reports, 0);
  self->pending_next = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  store = zicha_application_get_store (app, &error);
  if (store != NULL)
    reports = zicha_store_list_reports (store, &error);
  if (reports == NULL)
    {
      zicha_application_reset_store (app);
      show_problem (self, error);
      return;
    }

  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_add (self->pending_reports, g_object_ref (reports->pdata[i]));
  append_report_rows (self, FIRST_ROWS);
  /* Before the first frame the form waits for the idle; a window on
   * screen has parsed it already. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_form_details (self);

  /* Shows the list or the empty state, as the reports and notices say. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->start_stack), "problem") == 0)
    gtk_stack_set_visible_child_name (self->start_stack, "reports");
  reload_notices (self);

  self->progress_next = gtk_widget_get_first_child (GTK_WIDGET (self->report_list));
  self->progress_source = g_idle_add_full (G_PRIORITY_LOW, fill_progress_cb, self, NULL);
}

/* Report editor --------------------------------------------------------- */

typedef struct
{
  ZichaWindow *window;
  GtkWidget   *editor;
} RetiredEditor;

static gboolean
remove_retired_editor_cb (gpointer data)
{
  RetiredEditor *retired = data;

  if (gtk_widget_get_parent (retired->editor) == GTK_WIDGET (retired->window->main_stack))
    gtk_stack_remove (retired->window->main_stack, retired->editor);
  g_object_unref (retired->editor);
  g_object_unref (retired->window);
  g_free (retired);
  return G_SOURCE_REMOVE;
}

/* Takes the editor off the window. Not at once: this often runs inside
 * one of the editor's own signal handlers. */
static void
retire_editor (ZichaWindow *self)
{
  RetiredEditor *retired;

  if (self->editor == NULL)
    return;

  retired = g_new0 (RetiredEditor, 1);
  retired->window = g_object_ref (self);
  retired->editor = g_object_ref (GTK_WIDGET (self->editor));
  self->editor = NULL;
  g_idle_add (remove_retired_editor_cb, retired);
}

static void
editor_closed_cb (ZichaWindow       *self,
                  ZichaReportEditor *editor)
{
  gtk_stack_set_visible_child_name (self->main_stack, "start");
  retire_editor (self);
  zicha_window_reload (self);
}

void
zicha_window_open_report (ZichaWindow *self,
                          const char  *report_uuid)
{
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  ZichaStore *store;
  ZichaForm *form = NULL;

  g_return_if_fail (ZICHA_IS_WINDOW (self));

  store = zicha_application_get_store (app, &error);
  if (store != NULL)
    report = zicha_store_get_report (store, report_uuid, &error);
  if (report != NULL)
    form = zicha_application_get_form (app,
                                       zicha_report_get_form_id (report),
                                       zicha_report_get_form_version (report),
                                       &error);
  if (form == NULL)
    {
      show_error (self, _("The Report Cannot Be Opened"), error);
      return;
    }

  retire_editor (self);
  self->editor = zicha_report_editor_new (store, form, report);
  g_signal_connect_object (self->editor, "closed", G_CALLBACK (editor_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_child (self->main_stack, GTK_WIDGET (self->editor));
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->editor));
}

ZichaReportEditor *
zicha_window_get_editor (ZichaWindow *self)
{
  g_return_val_if_fail (ZICHA_IS_WINDOW (self), NULL);

  return self->editor;
}

/* Actions -------------------------------------------------------------- */

static void
new_report_create_cb (ZichaWindow          *self,
                      const char           *unit_name,
                      const char           *unit_code,
                      int                   year,
                      ZichaNewReportDialog *dialog)
{
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *version = NULL;
  ZichaStore *store;
  ZichaForm *form;

  store = zicha_application_get_store (app, &error);
  form = store != NULL ? zicha_application_get_default_form (app, &error) : NULL;
  if (form != NULL)
    {
      version = g_strdup_printf ("%u", zicha_form_get_version (form));
      report = zicha_store_create_report (store, zicha_form_get_id (form), version,
                                          unit_name, unit_code, year, &error);
    }
  if (report == NULL)
    {
      show_error (self, _("The Report Could Not Be Created"), error);
      return;
    }

  /* Next time, suggest the same unit. */
  g_settings_set_string (self->settings, "default-unit-name", unit_name);
  g_settings_set_string (self->settings, "default-unit-code", unit_code);

  zicha_window_reload (self);
  zicha_window_open_report (self, zicha_report_get_uuid (report));
}

static void
new_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  ZichaForm *form = zicha_application_get_default_form (get_application (self), NULL);
  g_autofree char *unit_name = g_settings_get_string (self->settings, "default-unit-name");
  g_autofree char *unit_code = g_settings_get_string (self->settings, "default-unit-code");
  ZichaNewReportDialog *dialog;

  dialog = zicha_new_report_dialog_new (GTK_WINDOW (self), NULL, unit_name, unit_code,
                                        form != NULL ? (int) zicha_form_get_campaign_year (form) : 2019);
  g_signal_connect_object (dialog, "create", G_CALLBACK (new_report_create_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
create_example_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);
  ZichaForm *form = store != NULL ? zicha_application_get_default_form (app, &error) : NULL;

  if (form != NULL)
    report = zicha_demo_create_report (store, form, &error);
  if (report == NULL)
    {
      show_error (self, _("The Example Report Could Not Be Created"), error);
      return;
    }

  zicha_window_reload (self);
  zicha_window_open_report (self, zicha_report_get_uuid (report));
}

static void
import_response_cb (ZichaWindow          *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ZichaReport) report = NULL;
  ZichaPackageImportOutcome outcome = ZICHA_PACKAGE_IMPORT_NEW;
  ZichaStore *store;
  ZichaForm *form;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  store = zicha_application_get_store (app, &error);
  form = store != NULL ? zicha_application_get_default_form (app, &error) : NULL;
  /* Read through GIO: the chosen file may come through the portal. */
  if (form != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    report = zicha_package_import_bytes (store, form, bytes, zicha_package_limits_default (), &outcome, &error);
  if (report == NULL)
    {
      show_error (self, _("The Package Was Not Imported"), error);
      goto out;
    }

  show_toast (self, outcome == ZICHA_PACKAGE_IMPORT_ALREADY_PRESENT
                    ? _("This report was already here; nothing was changed")
                    : _("Report imported"));
  zicha_window_reload (self);
  zicha_window_open_report (self, zicha_report_get_uuid (report));

out:
  g_object_unref (chooser);
}

static void
import_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Package"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Zicha packages"));
  gtk_file_filter_add_pattern (filter, "*.zicha");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
give_feedback_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  ZichaFeedbackDialog *dialog;

  dialog = zicha_feedback_dialog_new (GTK_WINDOW (self), get_application (self),
                                      g_variant_get_string (parameter, NULL), &error);
  if (dialog == NULL)
    {
      show_error (self, _("The Threat Notice Cannot Be Opened"), error);
      return;
    }
  /* The start screen and an open report's deadlines page both show it. */
  g_signal_connect_object (dialog, "feedback-saved", G_CALLBACK (zicha_application_notices_changed),
                           get_application (self), G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  zicha_window_open_report (ZICHA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

typedef struct
{
  ZichaWindow *window;
  char        *source_uuid;
} CopyRequest;

static void
copy_request_free (gpointer  data,
                   GClosure *closure)
{
  CopyRequest *request = data;

  g_free (request->source_uuid);
  g_free (request);
}

static void
copy_report_create_cb (ZichaNewReportDialog *dialog,
                       const char           *unit_name,
                       const char           *unit_code,
                       int                   year,
                       CopyRequest          *request)
{
  ZichaWindow *self = request->window;
  ZichaApplication *app = get_application (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) copy = NULL;
  ZichaStore *store = zicha_application_get_store (app, &error);
  g_autoptr(ZichaReport) source = NULL;
  ZichaForm *form = NULL;

  if (store != NULL)
    source = zicha_store_get_report (store, request->source_uuid, &error);
  if (source != NULL)
    form = zicha_application_get_form (app, zicha_report_get_form_id (source),
                                       zicha_report_get_form_version (source), &error);
  if (form != NULL)
    {
      /* Last year's dates and counts are kept but flagged for review. */
      g_auto(GStrv) review = zicha_form_dup_review_keys (form);

      copy = zicha_store_copy_report (store, request->source_uuid, year,
                                      (const char * const *) review, &error);
    }
  if (copy != NULL && !zicha_store_set_unit (store, zicha_report_get_uuid (copy), unit_name, unit_code, &error))
    g_clear_object (&copy);
  if (copy == NULL)
    {
      show_error (self, _("The Report Could Not Be Copied"), error);
      return;
    }

  zicha_window_reload (self);
  zicha_window_open_report (self, zicha_report_get_uuid (copy));
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) source = NULL;
  ZichaStore *store = zicha_application_get_store (get_application (self), &error);
  ZichaNewReportDialog *dialog;
  CopyRequest *request;

  if (store != NULL)
    source = zicha_store_get_report (store, g_variant_get_string (parameter, NULL), &error);
  if (source == NULL)
    {
      show_error (self, _("The Report Could Not Be Copied"), error);
      return;
    }

  dialog = zicha_new_report_dialog_new (GTK_WINDOW (self),
                                        _("New Report from an Earlier One"),
                                        zicha_report_get_unit_name (source),
                                        zicha_report_get_unit_code (source),
                                        zicha_report_get_year (source) + 1);
  request = g_new0 (CopyRequest, 1);
  request->window = self;
  request->source_uuid = g_strdup (zicha_report_get_uuid (source));
  g_signal_connect_data (dialog, "create", G_CALLBACK (copy_report_create_cb), request,
                         copy_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ZichaWindow      *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (dialog), "report-uuid");
  g_autoptr(GError) error = NULL;
  ZichaStore *store;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  store = zicha_application_get_store (get_application (self), &error);
  if (store == NULL || !zicha_store_delete_report (store, uuid, &error))
    {
      show_error (self, _("The Draft Could Not Be Deleted"), error);
      return;
    }

  show_toast (self, _("Draft deleted"));
  zicha_window_reload (self);
}

static void
delete_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) report = NULL;
  g_autofree char *body = NULL;
  ZichaStore *store = zicha_application_get_store (get_application (self), &error);
  AdwMessageDialog *dialog;

  if (store != NULL)
    report = zicha_store_get_report (store, g_variant_get_string (parameter, NULL), &error);
  if (report == NULL)
    {
      show_error (self, _("The Draft Could Not Be Deleted"), error);
      return;
    }

  body = g_strdup_printf (_("The draft for “%s”, %d, with all its answers and evidence files will be "
                            "deleted. This cannot be undone."),
                          *zicha_report_get_unit_name (report) != '\0'
                          ? zicha_report_get_unit_name (report) : _("Unit not named yet"),
                          zicha_report_get_year (report));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete Draft?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "report-uuid",
                          g_strdup (zicha_report_get_uuid (report)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ZichaWindow *self = ZICHA_WINDOW (widget);
  ZichaApplication *app = get_application (self);
  const char *path = zicha_application_get_database_path (app);
  g_auto(GStrv) backups = zicha_store_list_backups (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *message = NULL;

  if (backups[0] == NULL)
    return;

  zicha_application_reset_store (app);
  /* The damaged file is kept, renamed, for anyone who can still rescue it. */
  aside = zicha_store_quarantine (path, &error);
  if (aside == NULL || !zicha_store_restore_backup (backups[0], path, &error))
    {
      show_error (self, _("The Backup Could Not Be Restored"), error);
      return;
    }

  message = g_strdup_printf (_("Backup restored. The damaged file was kept as %s."), aside);
  show_toast (self, message);
  zicha_window_reload (self);
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  zicha_window_reload (ZICHA_WINDOW (widget));
}

/* The shortcuts window (Ctrl+?): GtkApplication would build it with the
 * window, before the first frame, if it were at gtk/help-overlay.ui. */
static gboolean
add_help_overlay_cb (gpointer data)
{
  ZichaWindow *self = data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (APP_RESOURCE_PATH "/ui/zicha-help-overlay.ui");

  self->help_overlay_source = 0;
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return G_SOURCE_REMOVE;
}

/* GObject -------------------------------------------------------------- */

static void
zicha_window_dispose (GObject *object)
{
  ZichaWindow *self = ZICHA_WINDOW (object);

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->notices_timer, g_source_remove);
  g_clear_handle_id (&self->help_overlay_source, g_source_remove);
  self->progress_next = NULL;
  g_clear_pointer (&self->pending_reports, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZICHA_TYPE_WINDOW);
  self->editor = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zicha_window_parent_class)->dispose (object);
}

static void
zicha_window_class_init (ZichaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, start_stack);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, report_list);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, notice_list);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, notices_heading);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, reports_heading);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, restore_button);

  gtk_widget_class_install_action (widget_class, "win.new-report", NULL, new_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", "s", open_report_action);
  gtk_widget_class_install_action (widget_class, "win.create-example", NULL, create_example_action);
  gtk_widget_class_install_action (widget_class, "win.import-report", NULL, import_report_action);
  gtk_widget_class_install_action (widget_class, "win.copy-report", "s", copy_report_action);
  gtk_widget_class_install_action (widget_class, "win.delete-report", "s", delete_report_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL, restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.give-feedback", "s", give_feedback_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
zicha_window_init (ZichaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_reports = g_ptr_array_new_with_free_func (g_object_unref);
  self->help_overlay_source = g_idle_add_full (G_PRIORITY_LOW, add_help_overlay_cb, self, NULL);

  /* Remember the size the user chose; small screens (1366×768) are common. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

ZichaWindow *
zicha_window_new (ZichaApplication *application)
{
  ZichaWindow *self;

  g_return_val_if_fail (ZICHA_IS_APPLICATION (application), NULL);

  self = g_object_new (ZICHA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  /* Needs the application, which is set after construction. */
  zicha_window_reload (self);
  g_signal_connect_object (application, "notices-changed", G_CALLBACK (reload_notices), self, G_CONNECT_SWAPPED);
  self->notices_timer = g_timeout_add_seconds (60, notices_tick_cb, self);

  return self;
}
