/* zicha-table-group.c — a summary row per table row, with add, edit,
 * duplicate and remove; every one of them can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-table-group"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-row-editor.h"
#include "zicha-table-group.h"

struct _ZichaTableGroup
{
  AdwPreferencesGroup  parent_instance;

  ZichaReportSession  *session;
  ZichaFormItem       *table;
  GPtrArray           *rows;   /* the AdwActionRows shown */
  GtkWidget           *add_button;
  gboolean             relevant;
};

G_DEFINE_FINAL_TYPE (ZichaTableGroup, zicha_table_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWindow *
get_window (ZichaTableGroup *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
show_error (ZichaTableGroup *self,
            const GError    *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), _("The Table Could Not Be Changed"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "教务管理系统 · 第三级 · 2019-03-01": the first few answered columns. */
static char *
summarize_row (ZichaTableGroup *self,
               const char      *row_uuid,
               char           **title)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  ZichaFormItem *title_column = zicha_form_item_get_row_title (self->table);

  *title = NULL;
  if (title_column != NULL)
    {
      char *text = zicha_report_session_get_text (self->session, title_column, row_uuid);

      if (*text != '\0')
        *title = text;
      else
        g_free (text);
    }

  for (guint i = 0; i < zicha_form_item_get_n_columns (self->table) && parts->len < 3; i++)
    {
      ZichaFormItem *column = zicha_form_item_get_column (self->table, i);
      g_autofree char *text = NULL;

      if (column == title_column)
        continue;

      text = zicha_report_session_get_text (self->session, column, row_uuid);
      if (*text == '\0')
        continue;

      if (zicha_form_item_get_item_type (column) == ZICHA_FORM_ITEM_CHOICE)
        {
          const ZichaFormOption *option = zicha_form_item_lookup_option (column, text);

          if (option != NULL)
            {
              g_free (text);
              text = g_strdup (zicha_localized_text_get_for_locale (option->label));
            }
        }
      g_ptr_array_add (parts, g_steal_pointer (&text));
    }

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
edit_clicked_cb (GtkButton       *button,
                 ZichaTableGroup *self)
{
  zicha_table_group_edit_row (self, g_object_get_data (G_OBJECT (button), "row-uuid"));
}

static void
duplicate_clicked_cb (GtkButton       *button,
                      ZichaTableGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  copy = zicha_report_session_duplicate_row (self->session,
                                             g_object_get_data (G_OBJECT (button), "row-uuid"),
                                             &error);
  if (copy == NULL)
    show_error (self, error);
}

static void
remove_clicked_cb (GtkButton       *button,
                   ZichaTableGroup *self)
{
  g_autoptr(GError) error = NULL;

  /* No confirmation: removing is one undo step (Ctrl+Z) away from undone. */
  if (!zicha_report_session_remove_row (self->session,
                                        g_object_get_data (G_OBJECT (button), "row-uuid"),
                                        &error))
    show_error (self, error);
}

static void
add_clicked_cb (ZichaTableGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = zicha_report_session_add_row (self->session, self->table, &error);

  if (row == NULL)
    {
      show_error (self, error);
      return;
    }

  zicha_table_group_edit_row (self, row);
}

static GtkWidget *
make_row_button (ZichaTableGroup *self,
                 const char      *icon,
                 const char      *tooltip,
                 const char      *row_uuid,
                 GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data_full (G_OBJECT (button), "row-uuid", g_strdup (row_uuid), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

void
zicha_table_group_reload (ZichaTableGroup *self)
{
  g_auto(GStrv) rows = NULL;
  gboolean editable;
  guint n;

  g_return_if_fail (ZICHA_IS_TABLE_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  rows = zicha_report_session_list_rows (self->session, self->table);
  n = g_strv_length (rows);
  editable = zicha_report_session_is_editable (self->session);

  if (self->add_button != NULL)
    gtk_widget_set_visible (self->add_button, self->relevant);

  /* The form asks for this table only after some answers (e.g. a number
   * of systems above 0); say so instead of showing an empty table. */
  if (!self->relevant)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not needed given the answers so far"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("This table is filled in when an earlier answer calls for it, "
                                     "for example a number of systems above zero."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      if (n == 0)
        return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = summarize_row (self, rows[i], &title);
      g_autofree char *fallback = g_strdup_printf (_("Row %u"), i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : fallback);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      edit = make_row_button (self, editable ? "document-edit-symbolic" : "view-reveal-symbolic",
                              editable ? _("Edit Row") : _("Show Row"), rows[i], G_CALLBACK (edit_clicked_cb));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
      if (editable)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     make_row_button (self, "edit-copy-symbolic", _("Duplicate Row"),
                                                      rows[i], G_CALLBACK (duplicate_clicked_cb)));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     make_row_button (self, "user-trash-symbolic", _("Remove Row"),
                                                      rows[i], G_CALLBACK (remove_clicked_cb)));
        }

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No rows yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), editable ? _("Use “Add Row” to list one.") : "");
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
    const ZichaLocalizedText *guidance = zicha_form_item_get_guidance (self->table);
    g_autofree char *description = guidance != NULL
      ? g_strdup_printf ("%s\n%s", zicha_localized_text_get_for_locale (guidance), count)
      : g_strdup (count);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  }
}

void
zicha_table_group_edit_row (ZichaTableGroup *self,
                            const char      *row_uuid)
{
  ZichaRowEditor *editor;

  g_return_if_fail (ZICHA_IS_TABLE_GROUP (self));

  editor = zicha_row_editor_new (get_window (self), self->session, self->table, row_uuid);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
session_changed_cb (ZichaTableGroup *self,
                    ZichaFormItem   *item,
                    const char      *row_uuid)
{
  /* The summary shows cell values: refresh when one of ours changes. */
  if (item == NULL || zicha_form_item_get_table (item) == self->table)
    zicha_table_group_reload (self);
}

static void
validated_cb (ZichaTableGroup *self,
              ZichaValidation *validation)
{
  gboolean relevant = zicha_validation_is_relevant (validation, self->table, NULL);

  if (relevant != self->relevant)
    {
      self->relevant = relevant;
      zicha_table_group_reload (self);
    }
}

static void
rows_changed_cb (ZichaTableGroup *self,
                 ZichaFormItem   *table)
{
  if (table == NULL || table == self->table)
    zicha_table_group_reload (self);
}

static void
zicha_table_group_dispose (GObject *object)
{
  ZichaTableGroup *self = ZICHA_TABLE_GROUP (object);

  g_clear_object (&self->session);
  g_clear_object (&self->table);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_table_group_parent_class)->dispose (object);
}

static void
zicha_table_group_class_init (ZichaTableGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_table_group_dispose;
}

static void
zicha_table_group_init (ZichaTableGroup *self)
{
  self->rows = g_ptr_array_new ();
}

GtkWidget *
zicha_table_group_new (ZichaReportSession *session,
                       ZichaFormItem      *table)
{
  ZichaTableGroup *self;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (zicha_form_item_get_item_type (table) == ZICHA_FORM_ITEM_TABLE, NULL);

  self = g_object_new (ZICHA_TYPE_TABLE_GROUP, NULL);
  self->session = g_object_ref (session);
  self->table = g_object_ref (table);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   zicha_localized_text_get_for_locale (zicha_form_item_get_label (table)));

  if (zicha_report_session_is_editable (session))
    {
      GtkWidget *add = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Row"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (add), content);
      gtk_widget_add_css_class (add, "flat");
      g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);
      self->add_button = add;
    }

  self->relevant = zicha_report_session_get_validation (session) == NULL ||
                   zicha_validation_is_relevant (zicha_report_session_get_validation (session), table, NULL);
  g_signal_connect_object (session, "validated", G_CALLBACK (validated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "rows-changed", G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  zicha_table_group_reload (self);

  return GTK_WIDGET (self);
}

ZichaFormItem *
zicha_table_group_get_table (ZichaTableGroup *self)
{
  g_return_val_if_fail (ZICHA_IS_TABLE_GROUP (self), NULL);

  return self->table;
}
