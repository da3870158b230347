/* zicha-review-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-review-page.h"

/* More than this many rows make the page slow and help nobody; the
 * sidebar counts show the rest. */
#define MAX_LISTED_PROBLEMS 200

struct _ZichaReviewPage
{
  AdwPreferencesPage   parent_instance;

  ZichaReportSession  *session;
  AdwActionRow        *summary_row;
  AdwPreferencesGroup *problems_group;
  GPtrArray           *problem_rows;
};

G_DEFINE_FINAL_TYPE (ZichaReviewPage, zicha_review_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROBLEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
problem_activated_cb (AdwActionRow    *row,
                      ZichaReviewPage *self)
{
  ZichaFormItem *item = g_object_get_data (G_OBJECT (row), "item");
  const char *row_id = g_object_get_data (G_OBJECT (row), "row-id");

  g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, item, row_id);
}

static char *
describe_place (ZichaReviewPage    *self,
                const ZichaProblem *problem)
{
  ZichaFormItem *item = problem->item;
  ZichaFormItem *table = zicha_form_item_get_table (item);
  ZichaFormSection *section = zicha_form_item_get_section (table != NULL ? table : item);
  const char *section_title = zicha_localized_text_get_for_locale (zicha_form_section_get_title (section));
  const char *label = zicha_localized_text_get_for_locale (zicha_form_item_get_label (item));

  if (table != NULL && problem->row_id != NULL)
    {
      g_auto(GStrv) rows = zicha_report_session_list_rows (self->session, table);
      guint position = 0;

      for (guint i = 0; rows[i] != NULL; i++)
        if (g_str_equal (rows[i], problem->row_id))
          position = i + 1;

      return g_strdup_printf (_("%s · row %u · %s"), section_title, position, label);
    }

  return g_strdup_printf ("%s · %s", section_title, label);
}

static void
validated_cb (ZichaReviewPage *self,
              ZichaValidation *validation)
{
  guint errors = zicha_validation_get_n_errors (validation);
  guint warnings = zicha_validation_get_n_warnings (validation);
  guint n = zicha_validation_get_n_problems (validation);
  g_autofree char *errors_text = NULL;
  g_autofree char *warnings_text = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, self->problem_rows->pdata[i]);
  g_ptr_array_set_size (self->problem_rows, 0);

  errors_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
  warnings_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
  summary = g_strdup_printf ("%s, %s", errors_text, warnings_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), summary);
  adw_action_row_set_subtitle (self->summary_row,
                               errors > 0
                               ? _("Errors must be corrected before the report can be finalized. "
                                   "Warnings are worth a look but do not block it.")
                               : _("Nothing blocks finalizing. Read the warnings, if any, then finalize."));


  for (guint i = 0; i < n && i < MAX_LISTED_PROBLEMS; i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);
      g_autofree char *place = describe_place (self, problem);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (problem->severity == ZICHA_SEVERITY_ERROR
                                                      ? "dialog-error-symbolic"
                                                      : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, problem->severity == ZICHA_SEVERITY_ERROR ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      problem->severity == ZICHA_SEVERITY_ERROR ? _("Error") : _("Warning"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), zicha_problem_get_message (problem));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "item", problem->item);
      g_object_set_data_full (G_OBJECT (row), "row-id", g_strdup (problem->row_id), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (problem_activated_cb), self, 0);

      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }

  if (n > MAX_LISTED_PROBLEMS)
    {
      g_autofree char *more = g_strdup_printf (_("%u more problems are not listed; correct these first."),
                                               n - MAX_LISTED_PROBLEMS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), n > 0);
}

static void
zicha_review_page_dispose (GObject *object)
{
  ZichaReviewPage *self = ZICHA_REVIEW_PAGE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_review_page_parent_class)->dispose (object);
}

static void
zicha_review_page_class_init (ZichaReviewPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_review_page_dispose;

  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2,
                                             ZICHA_TYPE_FORM_ITEM, G_TYPE_STRING);
}

static void
zicha_review_page_init (ZichaReviewPage *self)
{
  self->problem_rows = g_ptr_array_new ();
}

GtkWidget *
zicha_review_page_new (ZichaReportSession *session)
{
  ZichaReviewPage *self;
  AdwPreferencesGroup *summary_group;
  GtkWidget *button;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);

  self = g_object_new (ZICHA_TYPE_REVIEW_PAGE, NULL);
  self->session = g_object_ref (session);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Review and Finalize"));

  summary_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (summary_group, _("Review and Finalize"));
  adw_preferences_group_set_description (summary_group,
                                         _("Every answer is checked against the form’s rules. "
                                           "Finalizing freezes the report so that it can be printed, stamped and sent."));
  self->summary_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_action_row_set_subtitle_lines (self->summary_row, 3);
  adw_preferences_group_add (summary_group, GTK_WIDGET (self->summary_row));

  button = gtk_button_new_with_mnemonic (_("_Finalize Report…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "report.finalize");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (button, 12);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  /* Enabled by the action: only a draft without errors. */
  gtk_widget_set_visible (button, zicha_report_session_is_editable (session));
  adw_preferences_group_add (summary_group, button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), summary_group);

  self->problems_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->problems_group, _("Problems"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->problems_group);

  g_signal_connect_object (session, "validated", G_CALLBACK (validated_cb), self, G_CONNECT_SWAPPED);
  if (zicha_report_session_get_validation (session) != NULL)
    validated_cb (self, zicha_report_session_get_validation (session));

  return GTK_WIDGET (self);
}
