/* zicha-feedback-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages in one window. "edit": the measures, completion, re-test
 * result, person responsible and evidence files, checked as they are
 * typed (a missing value only after the first "Send", so an empty form
 * does not start out red). "Send" hands them to zicha_store_add_feedback()
 * — the same call the CLI makes — which queues them in the outbox, and
 * asks the application's sync for a pass. "view": the stored feedback,
 * read-only, its delivery state as the sync changes it, and the
 * 整改反馈单 written to PDF in a worker.
 */
#define G_LOG_DOMAIN "zicha-feedback-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-code.h"
#include "zicha-document.h"
#include "zicha-document-text.h"
#include "zicha-feedback-dialog.h"
#include "zicha-pdf-chooser.h"
#include "zicha-feedback-package.h"

struct _ZichaFeedbackDialog
{
  AdwWindow             parent_instance;

  ZichaApplication     *application;
  ZichaNotice          *notice;
  char                 *feedback_uuid;   /* shown on the view page */
  GPtrArray            *evidence;        /* GFile*, while editing */
  char                 *prefill_name;
  char                 *prefill_phone;
  gboolean              tried_send;      /* "required" messages are shown */
  gboolean              discard_confirmed;
  gboolean              busy;            /* the PDF is being written */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  guint                 tick_source;     /* the hours left change with time */
  GPtrArray            *summary_rows;    /* the rows show_feedback() added */
  GPtrArray            *file_rows;

  AdwHeaderBar         *header_bar;
  GtkWidget            *cancel_button;
  GtkWidget            *send_button;
  AdwActionRow         *notice_row;
  AdwActionRow         *time_left_row;
  GtkLabel             *time_left_label;
  GtkStack             *stack;
  GtkTextView          *measures_view;
  GtkLabel             *measures_error;
  GtkLabel             *completed_error;
  GtkSwitch            *rectified_switch;
  AdwActionRow         *completed_row;
  GtkMenuButton        *date_button;
  GtkCalendar          *calendar;
  GtkSpinButton        *hour_spin;
  GtkSpinButton        *minute_spin;
  GtkTextView          *retest_view;
  GtkLabel             *retest_error;
  AdwEntryRow          *responsible_row;
  AdwEntryRow          *phone_row;
  GtkLabel             *responsible_error;
  GtkListBox           *evidence_list;
  GtkLabel             *evidence_error;
  AdwActionRow         *state_row;
  GtkWidget            *rewrite_button;  /* after a refusal for good */
  GtkImage             *state_icon;
  AdwActionRow         *pdf_row;
  GtkSpinner           *pdf_spinner;
  GtkWidget            *pdf_button;
  AdwPreferencesGroup  *summary_group;
  AdwPreferencesGroup  *files_group;
};

G_DEFINE_FINAL_TYPE (ZichaFeedbackDialog, zicha_feedback_dialog, ADW_TYPE_WINDOW)

enum {
  FEEDBACK_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ZichaStore *
get_store (ZichaFeedbackDialog  *self,
           GError              **error)
{
  return zicha_application_get_store (self->application, error);
}

static void
show_error (ZichaFeedbackDialog *self,
            const char          *heading,
            const GError        *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
zicha_feedback_describe_state (const ZichaFeedback *feedback)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (feedback != NULL, NULL);

  if (feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED)
    {
      when = format_local_time (feedback->received_at);
      if (feedback->late)
        /* TRANSLATORS: feedback on a threat notice: receipt number, time */
        return g_strdup_printf (_("Received late: receipt %s, %s"), feedback->receipt_number, when);
      /* TRANSLATORS: feedback on a threat notice: receipt number, time */
      return g_strdup_printf (_("Received on time: receipt %s, %s"), feedback->receipt_number, when);
    }

  if (feedback->permanent_failure)
    {
      const char *message = zicha_feedback_get_message (feedback);

      if (message == NULL)
        /* TRANSLATORS: feedback on a threat notice, when the platform gave no reason */
        return g_strdup (_("Refused by the platform"));
      /* TRANSLATORS: feedback on a threat notice; %s is the platform's reason */
      return g_strdup_printf (_("Refused by the platform: %s"), message);
    }

  if (feedback->attempts > 0 && feedback->next_attempt_at != NULL)
    {
      const char *message = zicha_feedback_get_message (feedback);

      when = format_local_time (feedback->next_attempt_at);
      /* TRANSLATORS: feedback on a threat notice: time, reason */
      return g_strdup_printf (_("Waiting: sent again at %s (%s)"), when, message != NULL ? message : "-");
    }

  return g_strdup (_("Queued: waiting to be sent to the platform"));
}

/* The notice ----------------------------------------------------------------- */

static void
update_notice (ZichaFeedbackDialog *self)
{
  ZichaStore *store = get_store (self, NULL);
  g_autoptr(GDateTime) now = store != NULL ? zicha_store_get_platform_now (store, NULL) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *detected = format_local_time (zicha_notice_get_detected_at (self->notice));
  g_autofree char *deadline = format_local_time (zicha_notice_get_deadline (self->notice));
  g_autofree char *subtitle = NULL;
  g_autofree char *left = NULL;
  gboolean overdue = now != NULL && zicha_notice_is_overdue (self->notice, now);

  title = g_strdup_printf ("%s · %s", zicha_notice_type_to_label (zicha_notice_get_notice_type (self->notice)),
                           zicha_notice_get_target (self->notice));
  /* TRANSLATORS: a threat notice: severity, detection time, deadline, description */
  subtitle = g_strdup_printf (_("%s · detected %s · rectify by %s\n%s"),
                              zicha_notice_severity_to_label (zicha_notice_get_severity (self->notice)),
                              detected, deadline, zicha_notice_get_description (self->notice));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notice_row), title);
  adw_action_row_set_subtitle (self->notice_row, subtitle);

  left = now != NULL ? zicha_notice_format_time_left (self->notice, now) : g_strdup ("");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->time_left_row),
                                 zicha_notice_is_pending (self->notice) ? _("Time left to rectify")
                                                                        : _("State of the notice"));
  gtk_label_set_label (self->time_left_label, left);
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_left_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_left_label), "error");
}

/* Checking ------------------------------------------------------------------- */

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static void
set_message (GtkLabel   *label,
             GtkWidget  *widget,
             const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (widget == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The core's limits and messages (zicha_store_add_feedback()), checked
 * before it is asked. */
static const char *
check_long_text (const char *text,
                 gboolean    show_required,
                 const char *missing,
                 const char *too_long)
{
  if (*text == '\0')
    return show_required ? missing : NULL;
  if (g_utf8_strlen (text, -1) > ZICHA_FEEDBACK_MAX_TEXT)
    return too_long;
  return NULL;
}

/* A mobile or a landline number; NULL when it is one (@normalized gets
 * it), else why not, in the user's language. */
static char *
check_phone (const char  *phone,
             char       **normalized)
{
  g_autoptr(ZichaCodeCheck) mobile = zicha_code_check (ZICHA_CODE_MOBILE, phone);
  g_autoptr(ZichaCodeCheck) landline = NULL;
  gboolean chinese = g_str_has_prefix (g_get_language_names ()[0], "zh");
  ZichaCodeCheck *explain;

  if (mobile->status != ZICHA_CODE_INVALID)
    {
      *normalized = g_strdup (mobile->normalized);
      return NULL;
    }
  landline = zicha_code_check (ZICHA_CODE_PHONE, phone);
  if (landline->status != ZICHA_CODE_INVALID)
    {
      *normalized = g_strdup (landline->normalized);
      return NULL;
    }

  /* Explain the kind it looks like: mobile numbers start with 1. */
  explain = g_str_has_prefix (phone, "1") || g_str_has_prefix (phone, "+") ? mobile : landline;
  *normalized = NULL;
  return g_strdup (chinese ? explain->message_zh : explain->message_en);
}

static GDateTime *dup_completed_time (ZichaFeedbackDialog *self);

/* Shows what is wrong under each field; TRUE when the feedback can be
 * sent. @first_invalid (nullable) gets the widget to focus. */
static gboolean
validate (ZichaFeedbackDialog  *self,
          GtkWidget           **first_invalid)
{
  g_autofree char *measures_text = dup_text (self->measures_view);
  g_autofree char *retest_text = dup_text (self->retest_view);
  g_autofree char *measures = dup_stripped (measures_text);
  g_autofree char *retest = dup_stripped (retest_text);
  g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)));
  g_autofree char *phone = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  g_autofree char *phone_problem = NULL;
  g_autofree char *normalized = NULL;
  const char *measures_problem, *retest_problem, *name_problem = NULL, *completed_problem = NULL;
  GtkWidget *invalid = NULL;

  measures_problem = check_long_text (measures, self->tried_send,
                                      _("Say what was done to rectify the problem."),
                                      _("The measures taken are too long (at most 8000 characters)."));
  retest_problem = check_long_text (retest, self->tried_send,
                                    _("Give the result of re-testing."),
                                    _("The result of re-testing is too long (at most 8000 characters)."));
  if (*name == '\0' && self->tried_send)
    name_problem = _("Name the person responsible for the rectification.");
  else if (g_utf8_strlen (name, -1) > ZICHA_FEEDBACK_MAX_SHORT_TEXT)
    name_problem = _("The name of the person responsible is too long.");
  if (g_utf8_strlen (phone, -1) > ZICHA_FEEDBACK_MAX_SHORT_TEXT)
    phone_problem = g_strdup (_("The phone number is too long."));
  else if (*phone != '\0')
    phone_problem = check_phone (phone, &normalized);

  /* A minute's grace for the clock turning while the form is filled. */
  if (gtk_switch_get_active (self->rectified_switch))
    {
      g_autoptr(GDateTime) completed = dup_completed_time (self);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      if (g_date_time_difference (completed, now) > G_TIME_SPAN_MINUTE)
        completed_problem = _("The completion time is later than now.");
    }

  set_message (self->measures_error, NULL, measures_problem);
  set_message (self->completed_error, GTK_WIDGET (self->completed_row), completed_problem);
  set_message (self->retest_error, NULL, retest_problem);
  gtk_widget_set_visible (GTK_WIDGET (self->responsible_error), name_problem != NULL || phone_problem != NULL);
  if (name_problem != NULL && phone_problem != NULL)
    {
      g_autofree char *both = g_strconcat (name_problem, "\n", phone_problem, NULL);

      gtk_label_set_label (self->responsible_error, both);
    }
  else
    gtk_label_set_label (self->responsible_error, name_problem != NULL ? name_problem
                                                  : phone_problem != NULL ? phone_problem : "");
  if (name_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->responsible_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->responsible_row), "error");
  if (phone_problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->phone_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->phone_row), "error");

  if (measures_problem != NULL)
    invalid = GTK_WIDGET (self->measures_view);
  else if (completed_problem != NULL)
    invalid = GTK_WIDGET (self->hour_spin);
  else if (retest_problem != NULL)
    invalid = GTK_WIDGET (self->retest_view);
  else if (name_problem != NULL)
    invalid = GTK_WIDGET (self->responsible_row);
  else if (phone_problem != NULL)
    invalid = GTK_WIDGET (self->phone_row);

  if (first_invalid != NULL)
    *first_invalid = invalid;
  return invalid == NULL && (*measures != '\0' && *retest != '\0' && *name != '\0');
}

static void
field_changed_cb (ZichaFeedbackDialog *self)
{
  validate (self, NULL);
}

/* Something typed or added that "Cancel" would lose. */
static gboolean
is_dirty (ZichaFeedbackDialog *self)
{
  g_autofree char *measures = dup_text (self->measures_view);
  g_autofree char *retest = dup_text (self->retest_view);
  g_autofree char *measures_stripped = dup_stripped (measures);
  g_autofree char *retest_stripped = dup_stripped (retest);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") != 0)
    return FALSE;

  return *measures_stripped != '\0' || *retest_stripped != '\0' || self->evidence->len > 0 ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)), self->prefill_name) != 0 ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)), self->prefill_phone) != 0;
}

/* Completion time ---------------------------------------------------------- */

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  /* 09:05, not 9:5. */
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
date_changed_cb (ZichaFeedbackDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  /* ISO: 11/07/19 means different days to different people. */
  g_autofree char *label = g_date_time_format (date, "%Y-%m-%d");

  gtk_menu_button_set_label (self->date_button, label);
  validate (self, NULL);
}

static void
set_completed_time (ZichaFeedbackDialog *self,
                    GDateTime           *time)
{
  gtk_calendar_select_day (self->calendar, time);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (time));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (time));
  date_changed_cb (self);
}

static GDateTime *
dup_completed_time (ZichaFeedbackDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

/* Evidence ------------------------------------------------------------------ */

static void
rebuild_evidence_list (ZichaFeedbackDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list))) != NULL)
    gtk_list_box_remove (self->evidence_list, child);

  for (guint i = 0; i < self->evidence->len; i++)
    {
      GFile *file = self->evidence->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *name = g_object_get_data (G_OBJECT (file), "display-name") != NULL
                              ? g_strdup (g_object_get_data (G_OBJECT (file), "display-name"))
                              : g_file_get_basename (file);
      g_autofree char *size = g_format_size (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (file), "size")));
      /* TRANSLATORS: the button that removes an evidence file; %s is its name */
      g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), name);

      /* Before any text: a file may be called "a&b.png". */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "feedback.remove-evidence");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->evidence_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->evidence_list), self->evidence->len > 0);
}

/* Adds @file to the list; NULL when it is there, else why it cannot be
 * (translated). */
static char *
add_evidence_file (ZichaFeedbackDialog *self,
                   GFile               *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < self->evidence->len; i++)
    if (g_file_equal (self->evidence->pdata[i], file))
      return NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    message = g_strdup (error->message);
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    message = g_strdup_printf (_("“%s” is not a regular file."), g_file_info_get_display_name (info));
  else if (g_file_info_get_size (info) > ZICHA_STORE_MAX_ATTACHMENT_SIZE)
    {
      g_autofree char *limit = g_format_size (ZICHA_STORE_MAX_ATTACHMENT_SIZE);

      message = g_strdup_printf (_("“%s” is larger than %s, the most an evidence file may be."),
                                 g_file_info_get_display_name (info), limit);
    }

  if (message != NULL)
    return g_steal_pointer (&message);

  /* The store reads the file again when the feedback is made; name and
   * size are for the list. */
  file = g_file_dup (file);
  g_object_set_data_full (G_OBJECT (file), "display-name", g_strdup (g_file_info_get_display_name (info)), g_free);
  g_object_set_data (G_OBJECT (file), "size", GSIZE_TO_POINTER ((gsize) g_file_info_get_size (info)));
  g_ptr_array_add (self->evidence, file);
  return NULL;
}

gboolean
zicha_feedback_dialog_add_evidence (ZichaFeedbackDialog *self,
                                    GFile               *file)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (ZICHA_IS_FEEDBACK_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  message = add_evidence_file (self, file);
  set_message (self->evidence_error, NULL, message);
  rebuild_evidence_list (self);
  return message == NULL;
}

static void
remove_evidence_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->evidence->len)
    return;
  g_ptr_array_remove_index (self->evidence, index);
  set_message (self->evidence_error, NULL, NULL);
  rebuild_evidence_list (self);
}

static void
add_evidence_response_cb (ZichaFeedbackDialog  *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GString) problems = g_string_new (NULL);

      /* Every file that can be is added; what is wrong with the others is
       * said all together, one line each. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *problem = add_evidence_file (self, file);

          if (problem == NULL)
            continue;
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, problem);
        }
      set_message (self->evidence_error, NULL, problems->len > 0 ? problems->str : NULL);
      rebuild_evidence_list (self);
    }
  g_clear_object (&self->chooser);
}

static void
add_evidence_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Add Evidence Files"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (add_evidence_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The view page ---------------------------------------------------------------- */

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_value_row (AdwPreferencesGroup *group,
               GPtrArray           *rows,
               const char          *title,
               const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Before any text: what people typed is not markup ("a < b & c"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
update_state (ZichaFeedbackDialog *self)
{
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GError) error = NULL;
  ZichaStore *store = get_store (self, &error);
  g_autofree char *state = NULL;
  const char *problem = zicha_application_get_sync_problem (self->application);

  if (self->feedback_uuid == NULL)
    return;

  feedback = store != NULL ? zicha_store_get_feedback (store, self->feedback_uuid, &error) : NULL;
  if (feedback == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), error->message);
      return;
    }

  state = zicha_feedback_describe_state (feedback);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), state);
  gtk_widget_set_visible (self->rewrite_button,
                          feedback->state != ZICHA_FEEDBACK_ACKNOWLEDGED && feedback->permanent_failure);
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), "warning");
  if (feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED)
    {
      gtk_image_set_from_icon_name (self->state_icon, feedback->late ? "dialog-warning-symbolic"
                                                                     : "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), feedback->late ? "warning" : "success");
      adw_action_row_set_subtitle (self->state_row, "");
    }
  else
    {
      gtk_image_set_from_icon_name (self->state_icon, feedback->permanent_failure ? "dialog-error-symbolic"
                                                                                  : "mail-send-symbolic");
      if (feedback->permanent_failure)
        gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "error");
      /* Why it cannot leave yet, when nothing can be sent at all. */
      adw_action_row_set_subtitle (self->state_row, problem != NULL ? problem : "");
    }
}

static void
show_feedback (ZichaFeedbackDialog *self)
{
  g_autoptr(ZichaFeedback) feedback = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;
  ZichaStore *store = get_store (self, &error);
  g_autofree char *completed = NULL;

  feedback = store != NULL ? zicha_store_get_feedback (store, self->feedback_uuid, &error) : NULL;
  attachments = feedback != NULL ? zicha_store_list_feedback_attachments (store, self->feedback_uuid, &error)
                                 : NULL;
  if (attachments == NULL)
    {
      show_error (self, _("The Feedback Could Not Be Read"), error);
      return;
    }

  clear_group (self->summary_group, self->summary_rows);
  clear_group (self->files_group, self->file_rows);

  if (feedback->rectified)
    {
      g_autofree char *when = format_local_time (feedback->completed_at);

      /* TRANSLATORS: %s is the time the rectification was completed */
      completed = g_strdup_printf (_("Completed %s"), when);
    }
  else
    completed = g_strdup (_("Still in progress"));

  add_value_row (self->summary_group, self->summary_rows, _("Measures taken"), feedback->measures);
  add_value_row (self->summary_group, self->summary_rows, _("Rectification"), completed);
  add_value_row (self->summary_group, self->summary_rows, _("Re-test result"), feedback->retest_result);
  add_value_row (self->summary_group, self->summary_rows, _("Person responsible"), feedback->responsible);
  add_value_row (self->summary_group, self->summary_rows, _("Phone"), feedback->phone);

  for (guint i = 0; i < attachments->len; i++)
    {
      ZichaAttachment *attachment = attachments->pdata[i];
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *subtitle = g_strdup_printf ("%s · SHA-256 %s", size, attachment->sha256);

      add_value_row (self->files_group, self->file_rows, attachment->file_name, subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), attachments->len > 0);

  update_state (self);

  gtk_stack_set_visible_child_name (self->stack, "view");
  /* Nothing left to cancel or send: an ordinary window to close. */
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->send_button, FALSE);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, TRUE);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.send", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.add-evidence", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.save-pdf", TRUE);
}

/* The platform refused the feedback for good: write it again, starting
 * from what was sent, as a new feedback (the refused one stays on record).
 * Evidence files are chosen again: the list starts empty, so nothing is
 * sent again unseen. */
static void
rewrite_clicked_cb (ZichaFeedbackDialog *self)
{
  g_autoptr(ZichaFeedback) refused = NULL;
  g_autoptr(GError) error = NULL;
  ZichaStore *store = get_store (self, &error);

  refused = store != NULL ? zicha_store_get_feedback (store, self->feedback_uuid, &error) : NULL;
  if (refused == NULL)
    {
      show_error (self, _("The Feedback Could Not Be Read"), error);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->measures_view), refused->measures, -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->retest_view), refused->retest_result, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), refused->responsible);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), refused->phone);
  gtk_switch_set_active (self->rectified_switch, refused->rectified);
  /* Still in progress then: now, as for new feedback, should it be done. */
  {
    g_autoptr(GDateTime) local = refused->completed_at != NULL ? g_date_time_to_local (refused->completed_at)
                                                               : g_date_time_new_now_local ();

    set_completed_time (self, local);
  }
  g_ptr_array_set_size (self->evidence, 0);
  set_message (self->evidence_error, NULL, NULL);
  rebuild_evidence_list (self);

  g_clear_pointer (&self->feedback_uuid, g_free);
  self->tried_send = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_set_visible (self->cancel_button, TRUE);
  gtk_widget_set_visible (self->send_button, TRUE);
  adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.send", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.add-evidence", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.save-pdf", FALSE);
  validate (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->measures_view));
}

static void
feedback_changed_cb (ZichaFeedbackDialog    *self,
                     const ZichaSyncOutcome *outcome)
{
  if (self->feedback_uuid != NULL && g_strcmp0 (outcome->feedback_uuid, self->feedback_uuid) == 0)
    update_state (self);
}

static void
notices_changed_cb (ZichaFeedbackDialog *self)
{
  ZichaStore *store = get_store (self, NULL);
  g_autoptr(ZichaNotice) notice = store != NULL ? zicha_store_get_notice (store, zicha_notice_get_id (self->notice),
                                                                          NULL) : NULL;

  if (notice != NULL)
    g_set_object (&self->notice, notice);
  update_notice (self);
  update_state (self);
}

static gboolean
tick_cb (gpointer data)
{
  update_notice (ZICHA_FEEDBACK_DIALOG (data));
  return G_SOURCE_CONTINUE;
}

static void
sync_changed_cb (ZichaFeedbackDialog *self)
{
  ZichaSync *sync = zicha_application_get_sync (self->application);

  if (sync != NULL)
    g_signal_connect_object (sync, "feedback-changed", G_CALLBACK (feedback_changed_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
}

/* Sending ---------------------------------------------------------------------- */

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (widget);
  g_autofree char *measures_text = dup_text (self->measures_view);
  g_autofree char *retest_text = dup_text (self->retest_view);
  g_autofree char *measures = dup_stripped (measures_text);
  g_autofree char *retest = dup_stripped (retest_text);
  g_autofree char *name = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)));
  g_autofree char *phone = dup_stripped (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  g_autofree char *normalized_phone = NULL;
  g_autofree char *phone_problem = NULL;
  g_autoptr(GDateTime) completed = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr(GError) error = NULL;
  ZichaFeedbackRequest request = { NULL, };
  GtkWidget *invalid = NULL;
  ZichaStore *store;
  ZichaSync *sync;
  char *uuid;

  self->tried_send = TRUE;
  if (!validate (self, &invalid))
    {
      if (invalid != NULL)
        gtk_widget_grab_focus (invalid);
      return;
    }

  store = get_store (self, &error);
  if (store == NULL)
    {
      show_error (self, _("The Feedback Could Not Be Saved"), error);
      return;
    }

  /* Stored as the check writes it: 010-12345678. */
  if (*phone != '\0')
    phone_problem = check_phone (phone, &normalized_phone);

  completed = dup_completed_time (self);
  for (guint i = 0; i < self->evidence->len; i++)
    g_ptr_array_add (files, self->evidence->pdata[i]);

  request.notice_id = zicha_notice_get_id (self->notice);
  request.rectified = gtk_switch_get_active (self->rectified_switch);
  request.completed_at = request.rectified ? completed : NULL;
  request.measures = measures;
  request.responsible = name;
  request.phone = normalized_phone != NULL ? normalized_phone : phone;
  request.retest_result = retest;
  request.evidence = (GFile * const *) files->pdata;

  uuid = zicha_store_add_feedback (store, &request, &error);
  if (uuid == NULL)
    {
      show_error (self, _("The Feedback Could Not Be Saved"), error);
      return;
    }

  self->feedback_uuid = uuid;
  g_signal_emit (self, signals[FEEDBACK_SAVED], 0);

  /* Queued in the outbox already: it leaves now if the platform can be
   * reached, or with a later pass. */
  sync = zicha_application_get_sync (self->application);
  if (sync != NULL)
    zicha_sync_queue_pass (sync, FALSE);

  show_feedback (self);
}

/* Closing ---------------------------------------------------------------------- */

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (ZichaFeedbackDialog *self,
                     const char          *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discard_confirmed = TRUE;
  /* After the question has finished closing: it goes with its parent. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static gboolean
zicha_feedback_dialog_close_request (GtkWindow *window)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (window);
  AdwMessageDialog *dialog;

  if (self->discard_confirmed || !is_dirty (self))
    return GTK_WINDOW_CLASS (zicha_feedback_dialog_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Feedback?"),
                                                       _("What you wrote has not been sent and will be lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The PDF ---------------------------------------------------------------------- */

typedef struct
{
  ZichaFeedbackSheet *sheet;
  char               *path;
} PdfJob;

static void
pdf_job_free (gpointer data)
{
  PdfJob *job = data;

  zicha_feedback_sheet_free (job->sheet);
  g_free (job->path);
  g_free (job);
}

static void
pdf_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  GError *error = NULL;

  if (!zicha_feedback_sheet_save_pdf (job->sheet, job->path, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (ZichaFeedbackDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->pdf_spinner), busy);
  gtk_spinner_set_spinning (self->pdf_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.save-pdf", !busy);
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (source);
  PdfJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, _("The Form Could Not Be Saved"), error);
      return;
    }

  set_busy (self, FALSE);
  {
    g_autofree char *display = g_filename_display_name (job->path);
    /* TRANSLATORS: after saving the feedback form; %s is the file */
    g_autofree char *saved = g_strdup_printf (_("Saved to “%s”"), display);

    adw_action_row_set_subtitle (self->pdf_row, saved);
  }
}

void
zicha_feedback_dialog_save_pdf (ZichaFeedbackDialog *self,
                                GFile               *file)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *unit_name = NULL;
  ZichaStore *store;
  PdfJob *job;

  g_return_if_fail (ZICHA_IS_FEEDBACK_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->feedback_uuid != NULL);

  if (self->busy)
    return;

  job = g_new0 (PdfJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The form can only be saved to a folder on this computer."));
      pdf_job_free (job);
      show_error (self, _("The Form Could Not Be Saved"), error);
      return;
    }

  /* Read here, on the store's thread; the worker only lays out and
   * writes. The unit's name as the preferences give it. */
  settings = g_settings_new (APP_ID);
  unit_name = g_settings_get_string (settings, "default-unit-name");
  store = get_store (self, &error);
  job->sheet = store != NULL ? zicha_feedback_sheet_load (store, self->feedback_uuid, unit_name, &error) : NULL;
  if (job->sheet == NULL)
    {
      pdf_job_free (job);
      show_error (self, _("The Form Could Not Be Saved"), error);
      return;
    }

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, pdf_done_cb, NULL);
  g_task_set_source_tag (task, zicha_feedback_dialog_save_pdf);
  g_task_set_task_data (task, job, pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

static void
save_pdf_response_cb (ZichaFeedbackDialog  *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        zicha_feedback_dialog_save_pdf (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (widget);
  /* The form is Chinese, and so is its name. */
  g_autofree char *name = g_strdup_printf ("整改反馈单-%.8s.pdf", zicha_notice_get_id (self->notice));

  g_clear_object (&self->chooser);
  self->chooser = zicha_pdf_chooser_new (GTK_WINDOW (self), _("Save Feedback Form"), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_pdf_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Opening ---------------------------------------------------------------------- */

/* The person who answered the last notice, else the report's contact. */
static void
prefill_contact (ZichaFeedbackDialog *self,
                 ZichaStore          *store)
{
  g_autoptr(GPtrArray) feedback = zicha_store_list_feedback (store, NULL, NULL);
  g_autoptr(GPtrArray) reports = NULL;
  const ZichaDocumentText *text = zicha_document_text_get ();
  const char *report_uuid;

  if (feedback != NULL && feedback->len > 0)
    {
      const ZichaFeedback *last = feedback->pdata[feedback->len - 1];

      self->prefill_name = g_strdup (last->responsible);
      self->prefill_phone = g_strdup (last->phone);
      return;
    }

  reports = zicha_store_list_reports (store, NULL);
  if (reports == NULL || reports->len == 0)
    return;
  report_uuid = zicha_report_get_uuid (reports->pdata[0]);

  {
    g_autoptr(JsonNode) name = zicha_store_get_value (store, report_uuid, text->contact_path, NULL, NULL);

    if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
      self->prefill_name = g_strdup (json_node_get_string (name));
  }
  for (guint i = 0; self->prefill_phone == NULL && text->contact_phone_paths[i] != NULL; i++)
    {
      g_autoptr(JsonNode) phone = zicha_store_get_value (store, report_uuid, text->contact_phone_paths[i], NULL,
                                                         NULL);

      if (phone != NULL && JSON_NODE_HOLDS_VALUE (phone) && json_node_get_value_type (phone) == G_TYPE_STRING)
        self->prefill_phone = g_strdup (json_node_get_string (phone));
    }
}

ZichaFeedbackDialog *
zicha_feedback_dialog_new (GtkWindow         *parent,
                           ZichaApplication  *application,
                           const char        *notice_id,
                           GError           **error)
{
  ZichaFeedbackDialog *self;
  g_autoptr(GPtrArray) feedback = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  ZichaStore *store;

  g_return_val_if_fail (ZICHA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (notice_id != NULL, NULL);

  store = zicha_application_get_store (application, error);
  if (store == NULL)
    return NULL;

  /* Owned by GTK's list of toplevels, as every window. */
  self = g_object_new (ZICHA_TYPE_FEEDBACK_DIALOG, "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  self->notice = zicha_store_get_notice (store, notice_id, error);
  if (self->notice == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  feedback = zicha_store_list_feedback (store, zicha_notice_get_id (self->notice), error);
  if (feedback == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  update_notice (self);
  self->tick_source = g_timeout_add_seconds (60, tick_cb, self);
  g_signal_connect_object (application, "notices-changed", G_CALLBACK (notices_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::sync", G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
  sync_changed_cb (self);

  if (feedback->len > 0)
    {
      /* Oldest first: the newest is the one that counts. */
      self->feedback_uuid = g_strdup (((ZichaFeedback *) feedback->pdata[feedback->len - 1])->uuid);
      show_feedback (self);
    }
  else
    {
      prefill_contact (self, store);
      gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), self->prefill_name != NULL ? self->prefill_name
                                                                                              : "");
      gtk_editable_set_text (GTK_EDITABLE (self->phone_row), self->prefill_phone != NULL ? self->prefill_phone
                                                                                         : "");
      /* What the entries hold now is what "unchanged" means. */
      g_free (self->prefill_name);
      g_free (self->prefill_phone);
      self->prefill_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)));
      self->prefill_phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
      set_completed_time (self, now);
      validate (self, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->measures_view));
    }

  return self;
}

const char *
zicha_feedback_dialog_get_feedback_uuid (ZichaFeedbackDialog *self)
{
  g_return_val_if_fail (ZICHA_IS_FEEDBACK_DIALOG (self), NULL);
  return self->feedback_uuid;
}

gboolean
zicha_feedback_dialog_get_busy (ZichaFeedbackDialog *self)
{
  g_return_val_if_fail (ZICHA_IS_FEEDBACK_DIALOG (self), FALSE);
  return self->busy;
}

/* GObject ---------------------------------------------------------------------- */

static void
zicha_feedback_dialog_dispose (GObject *object)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ZICHA_TYPE_FEEDBACK_DIALOG);

  G_OBJECT_CLASS (zicha_feedback_dialog_parent_class)->dispose (object);
}

static void
zicha_feedback_dialog_finalize (GObject *object)
{
  ZichaFeedbackDialog *self = ZICHA_FEEDBACK_DIALOG (object);

  g_clear_object (&self->application);
  g_clear_object (&self->notice);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_free (self->feedback_uuid);
  g_free (self->prefill_name);
  g_free (self->prefill_phone);

  G_OBJECT_CLASS (zicha_feedback_dialog_parent_class)->finalize (object);
}

static void
zicha_feedback_dialog_class_init (ZichaFeedbackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = zicha_feedback_dialog_dispose;
  object_class->finalize = zicha_feedback_dialog_finalize;
  window_class->close_request = zicha_feedback_dialog_close_request;

  /* New feedback was queued: the notice list shows it. */
  signals[FEEDBACK_SAVED] = g_signal_new ("feedback-saved",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-feedback-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, notice_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, time_left_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, time_left_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, measures_view);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, measures_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, completed_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, rectified_switch);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, completed_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, retest_view);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, retest_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, responsible_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, evidence_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, state_icon);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, pdf_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, pdf_spinner);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, ZichaFeedbackDialog, files_group);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_install_action (widget_class, "feedback.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "feedback.add-evidence", NULL, add_evidence_action);
  gtk_widget_class_install_action (widget_class, "feedback.remove-evidence", "u", remove_evidence_action);
  gtk_widget_class_install_action (widget_class, "feedback.save-pdf", NULL, save_pdf_action);

  /* Escape asks before it throws anything away (close-request). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zicha_feedback_dialog_init (ZichaFeedbackDialog *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->summary_rows = g_ptr_array_new ();
  self->file_rows = g_ptr_array_new ();

  adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.save-pdf", FALSE);

  self->rewrite_button = gtk_button_new_with_mnemonic (_("_Write Corrected Feedback…"));
  gtk_widget_set_name (self->rewrite_button, "rewrite");
  gtk_widget_set_valign (self->rewrite_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->rewrite_button, FALSE);
  adw_action_row_add_suffix (self->state_row, self->rewrite_button);
  g_signal_connect_object (self->rewrite_button, "clicked", G_CALLBACK (rewrite_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_text_view_get_buffer (self->measures_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->retest_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->rectified_switch, "active", self->completed_row, "sensitive",
                          G_BINDING_SYNC_CREATE);

  /* Ctrl+Enter sends from anywhere, the text views included, which would
   * otherwise take the key first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("feedback.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
