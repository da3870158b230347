/* zicha-evidence-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-evidence-button"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-evidence-button.h"

struct _ZichaEvidenceButton
{
  AdwBin               parent_instance;

  ZichaReportSession  *session;
  ZichaFormItem       *item;
  char                *row_uuid;

  GtkMenuButton       *menu_button;
  AdwButtonContent    *content;
  GtkListBox          *file_list;
  GtkWidget           *add_button;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (ZichaEvidenceButton, zicha_evidence_button, ADW_TYPE_BIN)

static void
show_error (ZichaEvidenceButton *self,
            const GError        *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("The Evidence File Was Not Added"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_clicked_cb (GtkButton           *button,
                   ZichaEvidenceButton *self)
{
  g_autoptr(GError) error = NULL;

  if (!zicha_report_session_remove_attachment (self->session,
                                               g_object_get_data (G_OBJECT (button), "attachment-uuid"),
                                               &error))
    show_error (self, error);
}

static void
reload (ZichaEvidenceButton *self)
{
  g_autoptr(GPtrArray) files = zicha_report_session_list_attachments (self->session, self->item, self->row_uuid);
  gboolean editable = zicha_report_session_is_editable (self->session);
  g_autofree char *count = g_strdup_printf ("%u", files->len);
  g_autofree char *tooltip = NULL;
  GtkWidget *child;

  adw_button_content_set_label (self->content, files->len > 0 ? count : "");
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u evidence file", "%u evidence files", files->len),
                             files->len);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  /* A finalized report shows its evidence but takes no new files. */
  gtk_widget_set_visible (GTK_WIDGET (self), editable || files->len > 0);
  gtk_widget_set_visible (self->add_button, editable);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->file_list))) != NULL)
    gtk_list_box_remove (self->file_list, child);

  for (guint i = 0; i < files->len; i++)
    {
      ZichaAttachment *attachment = files->pdata[i];
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *subtitle = g_strdup_printf ("%s · SHA-256 %.12s…", size, attachment->sha256);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->file_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (editable)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove Evidence File"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Remove Evidence File"), -1);
          g_object_set_data_full (G_OBJECT (remove), "attachment-uuid", g_strdup (attachment->uuid), g_free);
          g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      gtk_list_box_append (self->file_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->file_list), files->len > 0);
}

guint
zicha_evidence_button_add_files (ZichaEvidenceButton *self,
                                 GSList              *files)
{
  guint added = 0;

  g_return_val_if_fail (ZICHA_IS_EVIDENCE_BUTTON (self), 0);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = zicha_report_session_attach_file (self->session, self->item, self->row_uuid,
                                                                l->data, &error);

      if (uuid == NULL)
        {
          show_error (self, error);
          break;
        }
      added++;
    }

  return added;
}

static void
chooser_response_cb (ZichaEvidenceButton  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *files = NULL;

      for (guint i = g_list_model_get_n_items (chosen); i > 0; i--)
        files = g_slist_prepend (files, g_list_model_get_item (chosen, i - 1));
      zicha_evidence_button_add_files (self, files);
      g_slist_free_full (files, g_object_unref);
    }

  g_clear_object (&self->chooser);
}

static void
add_clicked_cb (ZichaEvidenceButton *self)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  gtk_menu_button_popdown (self->menu_button);

  self->chooser = gtk_file_chooser_native_new (_("Add Evidence Files"), window,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         ZichaEvidenceButton *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !zicha_report_session_is_editable (self->session))
    return FALSE;

  return zicha_evidence_button_add_files (self, g_value_get_boxed (value)) > 0;
}

GtkDropTarget *
zicha_evidence_button_create_drop_target (ZichaEvidenceButton *self)
{
  GtkDropTarget *target;

  g_return_val_if_fail (ZICHA_IS_EVIDENCE_BUTTON (self), NULL);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  return target;
}

static void
zicha_evidence_button_dispose (GObject *object)
{
  ZichaEvidenceButton *self = ZICHA_EVIDENCE_BUTTON (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  g_clear_object (&self->item);
  g_clear_pointer (&self->row_uuid, g_free);

  G_OBJECT_CLASS (zicha_evidence_button_parent_class)->dispose (object);
}

static void
zicha_evidence_button_class_init (ZichaEvidenceButtonClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_evidence_button_dispose;
}

static void
zicha_evidence_button_init (ZichaEvidenceButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Evidence Files"));
  GtkWidget *hint = gtk_label_new (_("Scans, screenshots or documents that support this answer. "
                                     "You can also drop files here."));

  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  self->content = ADW_BUTTON_CONTENT (adw_button_content_new ());
  adw_button_content_set_icon_name (self->content, "mail-attachment-symbolic");
  gtk_menu_button_set_child (self->menu_button, GTK_WIDGET (self->content));
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");

  self->file_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->file_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->file_list), "boxed-list");

  self->add_button = gtk_button_new_with_mnemonic (_("_Add Files…"));
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->file_list));
  gtk_box_append (GTK_BOX (box), self->add_button);
  gtk_widget_set_size_request (box, 320, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->menu_button, popover);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->menu_button));
}

GtkWidget *
zicha_evidence_button_new (ZichaReportSession *session,
                           ZichaFormItem      *item,
                           const char         *row_uuid)
{
  ZichaEvidenceButton *self;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  self = g_object_new (ZICHA_TYPE_EVIDENCE_BUTTON, NULL);
  self->session = g_object_ref (session);
  self->item = g_object_ref (item);
  self->row_uuid = g_strdup (row_uuid);

  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zicha_evidence_button_create_drop_target (self)));
  g_signal_connect_object (session, "attachments-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
