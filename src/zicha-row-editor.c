/* zicha-row-editor.c — one page of fields, one per column of the table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-row-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-field-row.h"
#include "zicha-row-editor.h"

struct _ZichaRowEditor
{
  AdwWindow            parent_instance;

  AdwPreferencesGroup *fields_group;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (ZichaRowEditor, zicha_row_editor, ADW_TYPE_WINDOW)

static void
zicha_row_editor_class_init (ZichaRowEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-row-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaRowEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, ZichaRowEditor, window_title);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
zicha_row_editor_init (ZichaRowEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ZichaRowEditor *
zicha_row_editor_new (GtkWindow          *parent,
                      ZichaReportSession *session,
                      ZichaFormItem      *table,
                      const char         *row_uuid)
{
  ZichaRowEditor *self;
  const char *title;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (table), NULL);
  g_return_val_if_fail (row_uuid != NULL, NULL);

  self = g_object_new (ZICHA_TYPE_ROW_EDITOR, "transient-for", parent, NULL);

  title = zicha_localized_text_get_for_locale (zicha_form_item_get_label (table));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Every change is saved as it is made: closing is all there is to do. */
  for (guint i = 0; i < zicha_form_item_get_n_columns (table); i++)
    adw_preferences_group_add (self->fields_group,
                               zicha_field_row_new (session, zicha_form_item_get_column (table, i), row_uuid));

  return self;
}
