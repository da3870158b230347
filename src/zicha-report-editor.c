/* zicha-report-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-report-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-delivery-status.h"
#include "zicha-dengbao-page.h"
#include "zicha-notice-suggestion.h"
#include "zicha-package.h"
#include "zicha-preview-window.h"
#include "zicha-report-editor.h"
#include "zicha-review-page.h"
#include "zicha-section-page.h"
#include "zicha-table-group.h"

struct _ZichaReportEditor
{
  AdwBin              parent_instance;

  ZichaReportSession *session;
  GPtrArray          *pages;   /* ZichaSectionPage in form order, the 等级保护 page,
                                * then the review page; NULL until first shown */
  GPtrArray          *status_labels;  /* per sidebar row: progress and problems */
  guint               current;
  ZichaDengbaoSchedule *dengbao;  /* of the answers at the last validation */
  ZichaNoticeSuggestions *notices;  /* the report's threat notices, as of then; NULL: unreadable */
  guint               dengbao_source;
  gboolean            follows_notices;

  AdwLeaflet         *leaflet;
  GtkWidget          *content;
  GtkListBox         *section_list;
  AdwWindowTitle     *sidebar_title;
  AdwWindowTitle     *page_title;
  GtkStack           *page_stack;
  GtkRevealer        *read_only_revealer;
  GtkToggleButton    *search_button;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkWidget          *search_results_window;
  GtkListBox         *search_results;
  GtkLabel           *read_only_label;
  GtkLabel           *save_label;
};

G_DEFINE_FINAL_TYPE (ZichaReportEditor, zicha_report_editor, ADW_TYPE_BIN)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ZichaReportEditor *self,
            const char        *heading,
            const GError      *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (ZichaReportEditor *self)
{
  gboolean editable = zicha_report_session_is_editable (self->session);
  ZichaValidation *validation = zicha_report_session_get_validation (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.finalize",
                                 editable && validation != NULL && zicha_validation_get_n_errors (validation) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.new-revision", !editable);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.undo",
                                 editable && zicha_report_session_can_undo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.redo",
                                 editable && zicha_report_session_can_redo (self->session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.previous-section", self->current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.next-section", self->current + 1 < self->pages->len);
}

static void problem_activated_cb (ZichaReportEditor *self,
                                  ZichaFormItem     *item,
                                  const char        *row_uuid);
static void item_edited_cb       (ZichaReportEditor *self,
                                  ZichaFormItem     *item);
static void update_dengbao       (ZichaReportEditor *self);

/* After the form's sections: the 等级保护 page, then the review page. */
static guint
dengbao_page_index (ZichaReportEditor *self)
{
  return zicha_form_get_n_sections (zicha_report_session_get_form (self->session));
}

/* Pages are built when first shown: opening a report with hundreds of
 * table rows must not wait for pages nobody looked at yet. */
static GtkWidget *
ensure_page (ZichaReportEditor *self,
             guint              index)
{
  ZichaForm *form = zicha_report_session_get_form (self->session);
  GtkWidget *page = self->pages->pdata[index];

  if (page != NULL)
    return page;

  if (index < zicha_form_get_n_sections (form))
    page = zicha_section_page_new (self->session, zicha_form_get_section (form, index));
  else if (index == dengbao_page_index (self))
    {
      if (self->dengbao == NULL)
        update_dengbao (self);
      page = zicha_dengbao_page_new (self->session, self->dengbao, self->notices);
      g_signal_connect_object (page, "item-activated", G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "item-edited", G_CALLBACK (item_edited_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      page = zicha_review_page_new (self->session);
      g_signal_connect_object (page, "problem-activated", G_CALLBACK (problem_activated_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_stack_add_child (self->page_stack, page);
  self->pages->pdata[index] = page;
  return page;
}

void
zicha_report_editor_show_section (ZichaReportEditor *self,
                                  guint              index)
{
  GtkWidget *page;

  g_return_if_fail (ZICHA_IS_REPORT_EDITOR (self));
  g_return_if_fail (index < self->pages->len);

  self->current = index;
  page = ensure_page (self, index);
  gtk_stack_set_visible_child (self->page_stack, page);
  adw_window_title_set_title (self->page_title, adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)));
  {
    g_autofree char *position = g_strdup_printf (_("Section %u of %u"), index + 1, self->pages->len);

    adw_window_title_set_subtitle (self->page_title, position);
  }
  gtk_list_box_select_row (self->section_list, gtk_list_box_get_row_at_index (self->section_list, index));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_actions (self);
}

guint
zicha_report_editor_get_section (ZichaReportEditor *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_EDITOR (self), 0);

  return self->current;
}

GtkWidget *
zicha_report_editor_get_page (ZichaReportEditor *self,
                              guint              index)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);

  return ensure_page (self, index);
}

guint
zicha_report_editor_get_n_pages (ZichaReportEditor *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_EDITOR (self), 0);

  return self->pages->len;
}

ZichaReportSession *
zicha_report_editor_get_session (ZichaReportEditor *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_EDITOR (self), NULL);

  return self->session;
}

void
zicha_report_editor_focus_item (ZichaReportEditor *self,
                                ZichaFormItem     *item)
{
  zicha_report_editor_focus_cell (self, item, NULL);
}

void
zicha_report_editor_focus_cell (ZichaReportEditor *self,
                                ZichaFormItem     *item,
                                const char        *row_uuid)
{
  ZichaFormItem *table;
  ZichaSectionPage *page;
  ZichaFieldRow *row;

  g_return_if_fail (ZICHA_IS_REPORT_EDITOR (self));
  g_return_if_fail (ZICHA_IS_FORM_ITEM (item));

  /* A column lives in its table's section, and is edited in its row. */
  table = zicha_form_item_get_table (item);
  zicha_report_editor_show_section (self,
                                    zicha_form_section_get_index (zicha_form_item_get_section (table != NULL ? table : item)));
  page = self->pages->pdata[self->current];

  if (table != NULL)
    {
      ZichaTableGroup *group = zicha_section_page_lookup_table (page, table);

      if (group != NULL && row_uuid != NULL)
        zicha_table_group_edit_row (group, row_uuid);
      else if (group != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (group));
      return;
    }

  row = zicha_section_page_lookup_row (page, item);
  if (row != NULL)
    gtk_widget_grab_focus (zicha_field_row_get_input (row));
}

/* Signals from the session ------------------------------------------------ */

static void
session_changed_cb (ZichaReportEditor *self,
                    ZichaFormItem     *item,
                    const char        *row_uuid)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *saved = g_strdup_printf (_("Saved at %s"), time);

  gtk_label_set_label (self->save_label, saved);
  update_actions (self);
}

/* The 等级保护 schedule of the answers as they are now, for its page and
 * for the deadlines' line in the sidebar (with the report's threat
 * notices). An unreadable store leaves an empty one. */
static void
update_dengbao (ZichaReportEditor *self)
{
  g_autoptr(GError) error = NULL;
  /* As the last validation read them: no second read of the store. */
  ZichaAnswers *validated = zicha_report_session_get_validated_answers (self->session);
  g_autoptr(ZichaAnswers) answers = validated != NULL ? g_object_ref (validated)
                                                      : zicha_report_session_load_answers (self->session, &error);
  guint index = dengbao_page_index (self);
  ZichaDengbaoSummary summary;
  g_autoptr(GError) notices_error = NULL;
  ZichaNoticeSuggestions *notices;
  guint n_open_notices = 0;
  g_autoptr(GString) status = g_string_new (NULL);
  GtkWidget *label;

  if (answers == NULL)
    {
      g_message ("Could not read the answers for 等级保护: %s", error->message);
      answers = zicha_answers_new (zicha_report_session_get_form (self->session));
    }
  g_clear_handle_id (&self->dengbao_source, g_source_remove);
  g_clear_object (&self->dengbao);
  g_clear_object (&self->notices);
  self->dengbao = zicha_dengbao_schedule_new (answers, NULL);

  zicha_dengbao_schedule_get_summary (self->dengbao, &summary);
  /* The report's threat notices count too: overdue ones with the duties,
   * the others still open on their own. */
  self->notices = zicha_notice_suggestions_new_from_store (zicha_report_session_get_store (self->session), answers,
                                                           zicha_report_get_year (zicha_report_session_get_report (self->session)),
                                                           &notices_error);
  if (self->notices == NULL)
    g_message ("Could not read the threat notices for the report: %s", notices_error->message);
  notices = self->notices;
  for (guint i = 0; notices != NULL && i < zicha_notice_suggestions_get_n_notices (notices); i++)
    {
      ZichaNotice *notice = zicha_notice_suggestions_get_notice (notices, i);

      if (zicha_notice_is_overdue (notice, zicha_notice_suggestions_get_platform_now (notices)))
        summary.n_overdue++;
      else if (zicha_notice_is_pending (notice))
        n_open_notices++;
    }

  if (summary.n_overdue > 0)
    g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", summary.n_overdue),
                            summary.n_overdue);
  if (n_open_notices > 0)
    {
      if (status->len > 0)
        g_string_append (status, " · ");
      g_string_append_printf (status,
                              g_dngettext (GETTEXT_PACKAGE, "%u notice open", "%u notices open", n_open_notices),
                              n_open_notices);
    }
  if (summary.n_due_soon > 0)
    {
      if (status->len > 0)
        g_string_append (status, " · ");
      g_string_append_printf (status,
                              g_dngettext (GETTEXT_PACKAGE, "%u due within %d days", "%u due within %d days",
                                           summary.n_due_soon),
                              summary.n_due_soon, ZICHA_DENGBAO_REMINDER_DAYS);
    }

  if (index < self->status_labels->len)
    {
      label = self->status_labels->pdata[index];
      gtk_label_set_label (GTK_LABEL (label), status->str);
      gtk_widget_set_visible (label, status->len > 0);
      if (summary.n_overdue > 0)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }

  if (index < self->pages->len && self->pages->pdata[index] != NULL)
    zicha_dengbao_page_set_deadlines (self->pages->pdata[index], self->dengbao, self->notices);
}

static gboolean
update_dengbao_cb (gpointer data)
{
  ZichaReportEditor *self = data;

  self->dengbao_source = 0;
  update_dengbao (self);
  return G_SOURCE_REMOVE;
}

static void
notices_changed_cb (ZichaReportEditor *self)
{
  if (self->dengbao_source == 0)
    self->dengbao_source = g_idle_add_full (G_PRIORITY_LOW, update_dengbao_cb, self, NULL);
}

/* The application announces notices fetched or answered, which the
 * sidebar's deadlines line counts; known once the editor is in a window. */
static void
follow_notices_cb (ZichaReportEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (self->follows_notices || application == NULL)
    return;
  self->follows_notices = TRUE;
  g_signal_connect_object (application, "notices-changed", G_CALLBACK (notices_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
session_validated_cb (ZichaReportEditor *self,
                      ZichaValidation   *validation)
{
  ZichaForm *form = zicha_report_session_get_form (self->session);
  guint n_sections = zicha_form_get_n_sections (form);
  guint n_problems = zicha_validation_get_n_problems (validation);
  g_autofree guint *errors = g_new0 (guint, n_sections);
  g_autofree guint *warnings = g_new0 (guint, n_sections);

  /* Unanswered required fields show as the "answered" count; errors and
   * warnings are the other problems, which need the user's attention. */
  for (guint i = 0; i < n_problems; i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);
      ZichaFormItem *item = zicha_form_item_get_table (problem->item) != NULL
                            ? zicha_form_item_get_table (problem->item) : problem->item;
      guint section = zicha_form_section_get_index (zicha_form_item_get_section (item));

      if (g_strcmp0 (problem->check, "required") == 0 || section >= n_sections)
        continue;
      if (problem->severity == ZICHA_SEVERITY_ERROR)
        errors[section]++;
      else
        warnings[section]++;
    }

  for (guint i = 0; i < n_sections && i < self->status_labels->len; i++)
    {
      const ZichaSectionProgress *progress = zicha_validation_get_progress (validation, i);
      g_autoptr(GString) status = g_string_new (NULL);
      GtkWidget *label = self->status_labels->pdata[i];

      if (progress->total_required > 0)
        g_string_append_printf (status, _("%u of %u required answered"),
                                progress->answered_required, progress->total_required);
      if (errors[i] > 0)
        {
          if (status->len > 0)
            g_string_append (status, " · ");
          g_string_append_printf (status,
                                  g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors[i]),
                                  errors[i]);
        }
      if (warnings[i] > 0)
        {
          if (status->len > 0)
            g_string_append (status, " · ");
          g_string_append_printf (status,
                                  g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings[i]),
                                  warnings[i]);
        }

      gtk_label_set_label (GTK_LABEL (label), status->str);
      gtk_widget_set_visible (label, status->len > 0);
      if (errors[i] > 0)
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }

  /* It reads the answers again: not before the editor's first frame. */
  if (self->dengbao_source == 0)
    self->dengbao_source = g_idle_add_full (G_PRIORITY_LOW, update_dengbao_cb, self, NULL);
  update_actions (self);
}

static void
open_report (ZichaReportEditor *self,
             const char        *uuid)
{
  /* The window owns navigation between reports. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-report", "s", uuid);
}

static void
finalize_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      ZichaReportEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  if (g_strcmp0 (response, "finalize") != 0)
    return;

  if (!zicha_report_session_finalize (self->session, NULL, &error))
    {
      show_error (self, _("The Report Was Not Finalized"), error);
      return;
    }

  /* Into the outbox, then reopen it as what it now is: read-only. */
  uuid = g_strdup (zicha_report_session_get_uuid (self->session));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.deliver", "s", uuid);
  open_report (self, uuid);
}

static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Finalize Report?"),
                                                       _("Every answer, table row and evidence file of this report "
                                                         "becomes read-only and can no longer be changed. "
                                                         "Corrections are only possible in a new revision.\n\n"
                                                         "After finalizing, print the report, stamp it with the unit seal "
                                                         "and send it in.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "finalize", _("_Finalize"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "finalize", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (finalize_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_revision_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaReport) revision = zicha_report_session_new_revision (self->session, &error);

  if (revision == NULL)
    {
      show_error (self, _("No New Revision Was Made"), error);
      return;
    }

  open_report (self, zicha_report_get_uuid (revision));
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);
  ZichaPreviewWindow *preview;

  preview = zicha_preview_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
export_response_cb (ZichaReportEditor    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL ||
      !zicha_package_export (zicha_report_session_get_store (self->session),
                             zicha_report_session_get_form (self->session),
                             zicha_report_session_get_uuid (self->session),
                             NULL, NULL, path, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Packages can only be written to a local folder."));
      show_error (self, _("The Package Was Not Written"), error);
    }

out:
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);
  ZichaReport *report = zicha_report_session_get_report (self->session);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  name = g_strdup_printf ("%s-%d-r%d.zicha",
                          *zicha_report_get_unit_name (report) != '\0' ? zicha_report_get_unit_name (report) : "zicha",
                          zicha_report_get_year (report), zicha_report_get_revision (report));
  chooser = gtk_file_chooser_native_new (_("Export Package"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Zicha packages"));
  gtk_file_filter_add_pattern (filter, "*.zicha");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
problem_activated_cb (ZichaReportEditor *self,
                      ZichaFormItem     *item,
                      const char        *row_uuid)
{
  zicha_report_editor_focus_cell (self, item, row_uuid);
}

/* Another page wrote @item: its row, if built, shows the old value. */
static void
item_edited_cb (ZichaReportEditor *self,
                ZichaFormItem     *item)
{
  guint index = zicha_form_section_get_index (zicha_form_item_get_section (item));
  ZichaFieldRow *row;

  if (index >= self->pages->len || self->pages->pdata[index] == NULL ||
      !ZICHA_IS_SECTION_PAGE (self->pages->pdata[index]))
    return;

  row = zicha_section_page_lookup_row (self->pages->pdata[index], item);
  if (row != NULL)
    zicha_field_row_reload (row);
}

/* Actions ----------------------------------------------------------------- */

static void
step_history (ZichaReportEditor *self,
              gboolean           undo)
{
  g_autoptr(GError) error = NULL;
  ZichaFormItem *item = NULL;
  gboolean ok;

  ok = undo
       ? zicha_report_session_undo (self->session, &item, &error)
       : zicha_report_session_redo (self->session, &item, &error);
  if (!ok)
    {
      show_error (self, undo ? _("Nothing Was Undone") : _("Nothing Was Redone"), error);
      return;
    }

  /* Show the user what changed, where it changed. */
  for (guint i = 0; i < self->pages->len; i++)
    if (self->pages->pdata[i] != NULL && ZICHA_IS_SECTION_PAGE (self->pages->pdata[i]))
      zicha_section_page_reload (self->pages->pdata[i]);
  if (item != NULL)
    zicha_report_editor_focus_item (self, item);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_history (ZICHA_REPORT_EDITOR (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_history (ZICHA_REPORT_EDITOR (widget), FALSE);
}

static void
next_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);

  if (self->current + 1 < self->pages->len)
    zicha_report_editor_show_section (self, self->current + 1);
}

static void
previous_section_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);

  if (self->current > 0)
    zicha_report_editor_show_section (self, self->current - 1);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
section_activated_cb (ZichaReportEditor *self,
                      GtkListBoxRow     *row)
{
  zicha_report_editor_show_section (self, gtk_list_box_row_get_index (row));
}

static void
show_sidebar_clicked_cb (ZichaReportEditor *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Search --------------------------------------------------------------------- */

#define MAX_SEARCH_RESULTS 30

static gboolean
item_matches (ZichaFormItem *item,
              const char    *needle)
{
  const ZichaLocalizedText *label = zicha_form_item_get_label (item);
  g_autofree char *zh = g_utf8_casefold (zicha_localized_text_get_zh (label), -1);
  g_autofree char *en = g_utf8_casefold (zicha_localized_text_get_en (label), -1);

  return strstr (zh, needle) != NULL || strstr (en, needle) != NULL ||
         strstr (zicha_form_item_get_path (item), needle) != NULL;
}

static void
search_changed_cb (ZichaReportEditor *self)
{
  ZichaForm *form = zicha_report_session_get_form (self->session);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = g_utf8_casefold (g_strstrip (g_strdup (text)), -1);
  guint n = zicha_form_get_n_all_items (form);
  guint found = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))) != NULL)
    gtk_list_box_remove (self->search_results, child);

  for (guint i = 0; i < n && *needle != '\0' && found < MAX_SEARCH_RESULTS; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);
      ZichaFormItem *table = zicha_form_item_get_table (item);
      ZichaFormSection *section = zicha_form_item_get_section (table != NULL ? table : item);
      GtkWidget *row;

      if (!item_matches (item, needle))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     zicha_localized_text_get_for_locale (zicha_form_item_get_label (item)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   zicha_localized_text_get_for_locale (zicha_form_section_get_title (section)));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "item", item);
      gtk_list_box_append (self->search_results, row);
      found++;
    }

  if (*needle != '\0' && found == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No question matches"));
      gtk_list_box_append (self->search_results, row);
    }

  gtk_widget_set_visible (self->search_results_window, *needle != '\0');
}

static void
jump_to_result (ZichaReportEditor *self,
                GtkListBoxRow     *row)
{
  ZichaFormItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), "item") : NULL;

  if (item == NULL)
    return;

  gtk_toggle_button_set_active (self->search_button, FALSE);
  zicha_report_editor_focus_item (self, item);
}

static void
search_result_activated_cb (ZichaReportEditor *self,
                            GtkListBoxRow     *row)
{
  jump_to_result (self, row);
}

static void
search_activate_cb (ZichaReportEditor *self)
{
  jump_to_result (self, gtk_list_box_get_row_at_index (self->search_results, 0));
}

static void
search_stop_cb (ZichaReportEditor *self)
{
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (widget);

  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Building ------------------------------------------------------------------ */

static GtkWidget *
make_section_row (ZichaReportEditor *self,
                  const char        *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *status = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_visible (status, FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), status);
  g_ptr_array_add (self->status_labels, status);
  return box;
}

static void
build (ZichaReportEditor *self)
{
  ZichaForm *form = zicha_report_session_get_form (self->session);
  ZichaReport *report = zicha_report_session_get_report (self->session);
  const char *unit = zicha_report_get_unit_name (report);
  g_autofree char *title = g_strdup_printf (_("%s — %d"),
                                            *unit != '\0' ? unit : _("Unit not named yet"),
                                            zicha_report_get_year (report));

  adw_window_title_set_title (self->sidebar_title, title);
  adw_window_title_set_subtitle (self->sidebar_title, zicha_report_state_get_label (zicha_report_get_state (report)));

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);

      gtk_list_box_append (self->section_list,
                           make_section_row (self, zicha_localized_text_get_for_locale (zicha_form_section_get_title (section))));
      g_ptr_array_add (self->pages, NULL);
    }

  /* TRANSLATORS: the report's page of deadlines: the 等级保护 duties of its
   * systems and the platform's threat notices (威胁通报), with what to
   * write about them in the report; 期限与整改 */
  gtk_list_box_append (self->section_list, make_section_row (self, _("Deadlines")));
  g_ptr_array_add (self->pages, NULL);

  /* The last page: every problem, and finalizing. */
  gtk_list_box_append (self->section_list, make_section_row (self, _("Review and Finalize")));
  g_ptr_array_add (self->pages, NULL);

  if (!zicha_report_session_is_editable (self->session))
    {
      g_autofree char *banner = g_strdup_printf (_("This report is %s and can no longer be changed."),
                                                 zicha_report_state_get_label (zicha_report_get_state (report)));

      gtk_label_set_label (self->read_only_label, banner);
      gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
      gtk_label_set_label (self->save_label, _("Read-only"));

      /* Where the report is on its way to the platform. */
      gtk_box_insert_child_after (GTK_BOX (self->content),
                                  zicha_delivery_status_new (self->session),
                                  GTK_WIDGET (self->read_only_revealer));
    }
  else
    gtk_label_set_label (self->save_label, _("All changes are saved as you type"));
}

static void
zicha_report_editor_dispose (GObject *object)
{
  ZichaReportEditor *self = ZICHA_REPORT_EDITOR (object);

  /* No gtk_widget_dispose_template(): the leaflet is AdwBin's child, and
   * AdwBin unparents it itself; unparenting it here first would leave
   * AdwBin a dangling pointer. */
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->status_labels, g_ptr_array_unref);
  g_clear_handle_id (&self->dengbao_source, g_source_remove);
  g_clear_object (&self->dengbao);
  g_clear_object (&self->notices);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (zicha_report_editor_parent_class)->dispose (object);
}

static void
zicha_report_editor_class_init (ZichaReportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_report_editor_dispose;

  signals[CLOSED] = g_signal_new ("closed",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-report-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, content);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, section_list);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, page_title);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, search_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, search_results_window);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportEditor, search_results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_sidebar_clicked_cb);

  gtk_widget_class_install_action (widget_class, "report.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "report.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "report.next-section", NULL, next_section_action);
  gtk_widget_class_install_action (widget_class, "report.previous-section", NULL, previous_section_action);
  gtk_widget_class_install_action (widget_class, "report.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "report.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "report.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "report.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "report.new-revision", NULL, new_revision_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "report.next-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "report.previous-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "report.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "report.preview", NULL);
}

static void
zicha_report_editor_init (ZichaReportEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new ();
  self->status_labels = g_ptr_array_new ();
  g_signal_connect (self, "map", G_CALLBACK (follow_notices_cb), NULL);
}

ZichaReportEditor *
zicha_report_editor_new (ZichaStore  *store,
                         ZichaForm   *form,
                         ZichaReport *report)
{
  ZichaReportEditor *self;

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (ZICHA_IS_REPORT (report), NULL);

  self = g_object_new (ZICHA_TYPE_REPORT_EDITOR, NULL);
  self->session = zicha_report_session_new (store, form, report);
  g_signal_connect_object (self->session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "validated", G_CALLBACK (session_validated_cb), self, G_CONNECT_SWAPPED);

  build (self);
  zicha_report_editor_show_section (self, 0);

  /* Progress and problems from the start, not only after the first edit. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ZichaValidation) validation = zicha_report_session_validate (self->session, NULL, &error);

    if (validation == NULL)
      g_message ("Could not validate the report: %s", error->message);
  }

  return self;
}
