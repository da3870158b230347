/* zicha-delivery-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-delivery-status"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-delivery-status.h"

struct _ZichaDeliveryStatus
{
  AdwBin              parent_instance;

  ZichaReportSession *session;
  ZichaSync          *sync;          /* the one we listen to */
  gulong              outcome_handler;

  GtkImage           *icon;
  GtkLabel           *label;
  GtkWidget          *send_button;
  GtkWidget          *retry_button;
};

G_DEFINE_FINAL_TYPE (ZichaDeliveryStatus, zicha_delivery_status, ADW_TYPE_BIN)

static ZichaApplication *
get_application (void)
{
  GApplication *app = g_application_get_default ();

  return ZICHA_IS_APPLICATION (app) ? ZICHA_APPLICATION (app) : NULL;
}

static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

static void
show (ZichaDeliveryStatus *self,
      const char          *icon,
      const char          *text,
      gboolean             can_send,
      gboolean             can_retry)
{
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (self->send_button, can_send);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

void
zicha_delivery_status_update (ZichaDeliveryStatus *self)
{
  ZichaApplication *app = get_application ();
  ZichaStore *store = zicha_report_session_get_store (self->session);
  const char *uuid = zicha_report_session_get_uuid (self->session);
  g_autoptr(ZichaReceipt) receipt = NULL;
  g_autoptr(ZichaOutboxEntry) entry = NULL;
  g_autofree char *text = NULL;
  gboolean connected = app != NULL && zicha_application_get_sync (app) != NULL;

  g_return_if_fail (ZICHA_IS_DELIVERY_STATUS (self));

  receipt = zicha_store_get_receipt (store, uuid, NULL);
  if (receipt != NULL)
    {
      g_autofree char *when = format_local (receipt->received_at);

      text = g_strdup_printf (_("Received by the platform on %s. Receipt number %s."), when, receipt->number);
      show (self, "emblem-ok-symbolic", text, FALSE, FALSE);
      return;
    }

  entry = zicha_store_get_outbox_entry (store, uuid, NULL);
  if (entry == NULL)
    {
      show (self, "mail-unread-symbolic", _("Not queued for the platform yet."), FALSE, FALSE);
      return;
    }

  if (entry->permanent_failure)
    {
      text = g_strdup_printf (_("The platform refused this report: %s"),
                              zicha_outbox_entry_get_message (entry) != NULL
                              ? zicha_outbox_entry_get_message (entry) : _("no reason given"));
      show (self, "dialog-error-symbolic", text, FALSE, TRUE);
      return;
    }

  if (!connected)
    {
      const char *problem = app != NULL ? zicha_application_get_sync_problem (app) : NULL;

      if (problem != NULL)
        text = g_strdup_printf (_("Waiting in the outbox. %s"), problem);
      show (self, "mail-outbox-symbolic", text != NULL ? text : _("Waiting in the outbox."), FALSE, FALSE);
      return;
    }

  if (entry->attempts > 0 && entry->next_attempt_at != NULL)
    {
      g_autofree char *when = format_local (entry->next_attempt_at);

      text = g_strdup_printf (_("Not delivered yet (%s). Trying again at %s."),
                              zicha_outbox_entry_get_message (entry) != NULL
                              ? zicha_outbox_entry_get_message (entry) : _("no answer"),
                              when);
      show (self, "mail-outbox-symbolic", text, TRUE, FALSE);
      return;
    }

  show (self, "mail-outbox-symbolic",
        _("Waiting in the outbox; it is sent as soon as the platform can be reached."), TRUE, FALSE);
}

static void
outcome_cb (ZichaDeliveryStatus    *self,
            const ZichaSyncOutcome *outcome)
{
  if (outcome == NULL || g_strcmp0 (outcome->report_uuid, zicha_report_session_get_uuid (self->session)) != 0)
    return;

  if (outcome->status == ZICHA_SYNC_STATUS_SENDING)
    show (self, "mail-send-symbolic", _("Sending to the platform…"), FALSE, FALSE);
  else
    zicha_delivery_status_update (self);
}

static void
follow_sync (ZichaDeliveryStatus *self)
{
  ZichaApplication *app = get_application ();
  ZichaSync *sync = app != NULL ? zicha_application_get_sync (app) : NULL;

  if (self->sync != NULL)
    {
      g_clear_signal_handler (&self->outcome_handler, self->sync);
      g_clear_object (&self->sync);
    }

  if (sync != NULL)
    {
      self->sync = g_object_ref (sync);
      self->outcome_handler = g_signal_connect_object (sync, "report-changed", G_CALLBACK (outcome_cb),
                                                       self, G_CONNECT_SWAPPED);
    }

  zicha_delivery_status_update (self);
}

static void
retry_clicked_cb (ZichaDeliveryStatus *self)
{
  g_autoptr(GError) error = NULL;

  if (!zicha_store_retry_outbox_entry (zicha_report_session_get_store (self->session),
                                       zicha_report_session_get_uuid (self->session), &error))
    g_message ("Could not retry: %s", error->message);

  gtk_widget_activate_action (GTK_WIDGET (self), "app.send-now", NULL);
  zicha_delivery_status_update (self);
}

static void
zicha_delivery_status_dispose (GObject *object)
{
  ZichaDeliveryStatus *self = ZICHA_DELIVERY_STATUS (object);

  if (self->sync != NULL)
    g_clear_signal_handler (&self->outcome_handler, self->sync);
  g_clear_object (&self->sync);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (zicha_delivery_status_parent_class)->dispose (object);
}

static void
zicha_delivery_status_class_init (ZichaDeliveryStatusClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_delivery_status_dispose;
}

static void
zicha_delivery_status_init (ZichaDeliveryStatus *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->icon = GTK_IMAGE (gtk_image_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);

  self->send_button = gtk_button_new_with_mnemonic (_("_Send Now"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->send_button), "app.send-now");
  gtk_widget_set_valign (self->send_button, GTK_ALIGN_CENTER);
  self->retry_button = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_valign (self->retry_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), self->send_button);
  gtk_box_append (GTK_BOX (box), self->retry_button);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self), "zicha-banner");
  adw_bin_set_child (ADW_BIN (self), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delivery to the platform"), -1);
}

GtkWidget *
zicha_delivery_status_new (ZichaReportSession *session)
{
  ZichaDeliveryStatus *self;
  ZichaApplication *app = get_application ();

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);

  self = g_object_new (ZICHA_TYPE_DELIVERY_STATUS, NULL);
  self->session = g_object_ref (session);

  if (app != NULL)
    g_signal_connect_object (app, "notify::sync", G_CALLBACK (follow_sync), self, G_CONNECT_SWAPPED);
  follow_sync (self);

  return GTK_WIDGET (self);
}

const char *
zicha_delivery_status_get_text (ZichaDeliveryStatus *self)
{
  g_return_val_if_fail (ZICHA_IS_DELIVERY_STATUS (self), NULL);

  return gtk_label_get_label (self->label);
}
