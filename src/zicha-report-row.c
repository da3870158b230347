/* zicha-report-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-report-row"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-report-row.h"

struct _ZichaReportRow
{
  AdwActionRow  parent_instance;

  ZichaReport  *report;

  GtkLabel     *state_label;
  GtkLevelBar  *progress_bar;
  char         *subtitle;
  GtkButton    *copy_button;
  GtkButton    *delete_button;
};

G_DEFINE_FINAL_TYPE (ZichaReportRow, zicha_report_row, ADW_TYPE_ACTION_ROW)

static char *
describe_deadline (ZichaForm   *form,
                   const GDate *today)
{
  GDate deadline;
  int days;

  zicha_form_get_deadline_date (form, &deadline);
  if (!g_date_valid (&deadline) || today == NULL || !g_date_valid (today))
    return NULL;

  days = g_date_days_between (today, &deadline);
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Due %s, %d day left",
                                         "Due %s, %d days left", days),
                            zicha_form_get_deadline (form), days);
  if (days == 0)
    return g_strdup_printf (_("Due today, %s"), zicha_form_get_deadline (form));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Was due %s, %d day ago",
                                       "Was due %s, %d days ago", -days),
                          zicha_form_get_deadline (form), -days);
}

static void
zicha_report_row_dispose (GObject *object)
{
  ZichaReportRow *self = ZICHA_REPORT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZICHA_TYPE_REPORT_ROW);
  g_clear_object (&self->report);
  g_clear_pointer (&self->subtitle, g_free);

  G_OBJECT_CLASS (zicha_report_row_parent_class)->dispose (object);
}

static void
zicha_report_row_class_init (ZichaReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_report_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-report-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaReportRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaReportRow, delete_button);
}

static void
zicha_report_row_init (ZichaReportRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Only what the store knows: unit, year and state. What the form adds
 * comes with zicha_report_row_set_form(), so the start screen can show
 * before the form is parsed. */
GtkWidget *
zicha_report_row_new (ZichaReport *report)
{
  ZichaReportRow *self;
  g_autofree char *title = NULL;
  const char *unit;
  GVariant *target;
  ZichaReportState state;

  g_return_val_if_fail (ZICHA_IS_REPORT (report), NULL);

  self = g_object_new (ZICHA_TYPE_REPORT_ROW, NULL);
  self->report = g_object_ref (report);
  state = zicha_report_get_state (report);

  unit = zicha_report_get_unit_name (report);
  title = g_strdup_printf (_("%s — %d"),
                           *unit != '\0' ? unit : _("Unit not named yet"),
                           zicha_report_get_year (report));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);

  gtk_label_set_label (self->state_label, zicha_report_state_get_label (state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), zicha_report_state_to_string (state));

  target = g_variant_new_string (zicha_report_get_uuid (report));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);

  /* Finalized reports are the record of what was sent: never deleted. */
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), state == ZICHA_REPORT_DRAFT);

  return GTK_WIDGET (self);
}

void
zicha_report_row_set_form (ZichaReportRow *self,
                           ZichaForm      *form,
                           const GDate    *today)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *deadline = NULL;
  ZichaReport *report;

  g_return_if_fail (ZICHA_IS_REPORT_ROW (self));

  report = self->report;
  if (form != NULL)
    g_ptr_array_add (parts, g_strdup (zicha_localized_text_get_for_locale (zicha_form_get_title (form))));
  else
    g_ptr_array_add (parts, g_strdup_printf (_("Form %s (not installed)"), zicha_report_get_form_id (report)));
  if (zicha_report_get_revision (report) > 1)
    g_ptr_array_add (parts, g_strdup_printf (_("Revision %d"), zicha_report_get_revision (report)));
  if (zicha_report_get_state (report) == ZICHA_REPORT_DRAFT && form != NULL &&
      (deadline = describe_deadline (form, today)) != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&deadline));
  g_ptr_array_add (parts, NULL);

  g_free (self->subtitle);
  self->subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), self->subtitle);
}

ZichaReport *
zicha_report_row_get_report (ZichaReportRow *self)
{
  g_return_val_if_fail (ZICHA_IS_REPORT_ROW (self), NULL);

  return self->report;
}

void
zicha_report_row_set_progress (ZichaReportRow *self,
                               guint           answered,
                               guint           required,
                               guint           errors)
{
  g_autofree char *done = NULL;
  g_autofree char *subtitle = NULL;
  guint percent;

  g_return_if_fail (ZICHA_IS_REPORT_ROW (self));

  percent = required > 0 ? answered * 100 / required : 100;
  if (errors > 0)
    done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u%% answered, %u error",
                                         "%u%% answered, %u errors", errors),
                            percent, errors);
  else
    done = g_strdup_printf (_("%u%% answered"), percent);

  subtitle = self->subtitle != NULL ? g_strdup_printf ("%s · %s", self->subtitle, done) : g_steal_pointer (&done);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_level_bar_set_value (self->progress_bar, required > 0 ? (double) answered / required : 1.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), zicha_report_is_editable (self->report));
}
