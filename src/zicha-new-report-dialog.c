/* zicha-new-report-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-new-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-code.h"
#include "zicha-new-report-dialog.h"

struct _ZichaNewReportDialog
{
  AdwWindow       parent_instance;

  GtkButton      *create_button;
  AdwEntryRow    *unit_name_row;
  AdwEntryRow    *unit_code_row;
  GtkLabel       *unit_code_error;
  GtkSpinButton  *year_spin;
};

G_DEFINE_FINAL_TYPE (ZichaNewReportDialog, zicha_new_report_dialog, ADW_TYPE_WINDOW)

enum {
  CREATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The code may be left empty for now; a wrong one is caught here, where
 * the user is typing it, rather than pages later. */
static gboolean
check_unit_code (ZichaNewReportDialog *self,
                 char                **normalized)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->unit_code_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(ZichaCodeCheck) check = NULL;
  gboolean ok;

  *normalized = NULL;
  if (*trimmed == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->unit_code_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->unit_code_row), "error");
      *normalized = g_strdup ("");
      return TRUE;
    }

  check = zicha_code_check (ZICHA_CODE_USCC, text);
  ok = check->status != ZICHA_CODE_INVALID;

  if (check->message_zh != NULL)
    {
      const char *message = g_str_has_prefix (g_get_language_names ()[0], "zh")
                            ? check->message_zh : check->message_en;

      gtk_label_set_label (self->unit_code_error, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unit_code_error), check->message_zh != NULL);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->unit_code_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->unit_code_row), "error");

  if (ok)
    *normalized = g_strdup (check->normalized);
  return ok;
}

static void
entry_changed_cb (ZichaNewReportDialog *self)
{
  g_autofree char *code = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_name_row))));
  gboolean code_ok = check_unit_code (self, &code);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), code_ok && *name != '\0');
}

static void
cancel_clicked_cb (ZichaNewReportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
create_clicked_cb (ZichaNewReportDialog *self)
{
  g_autofree char *code = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_name_row))));

  if (!check_unit_code (self, &code) || *name == '\0')
    return;

  g_signal_emit (self, signals[CREATE], 0, name, code, gtk_spin_button_get_value_as_int (self->year_spin));
  gtk_window_close (GTK_WINDOW (self));
}

static void
zicha_new_report_dialog_class_init (ZichaNewReportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CREATE] = g_signal_new ("create",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 3,
                                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-new-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaNewReportDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, ZichaNewReportDialog, unit_name_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaNewReportDialog, unit_code_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaNewReportDialog, unit_code_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaNewReportDialog, year_spin);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zicha_new_report_dialog_init (ZichaNewReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
}

ZichaNewReportDialog *
zicha_new_report_dialog_new (GtkWindow  *parent,
                             const char *title,
                             const char *unit_name,
                             const char *unit_code,
                             int         year)
{
  ZichaNewReportDialog *self = g_object_new (ZICHA_TYPE_NEW_REPORT_DIALOG,
                                             "transient-for", parent,
                                             NULL);

  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_name_row), unit_name != NULL ? unit_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_code_row), unit_code != NULL ? unit_code : "");
  gtk_spin_button_set_value (self->year_spin, year);
  entry_changed_cb (self);

  return self;
}
