/* zicha-preferences-window.c — GSettings, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-code.h"
#include "zicha-preferences-window.h"
#include "zicha-token.h"

struct _ZichaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *platform_url_row;
  AdwEntryRow          *token_row;
  GtkLabel             *platform_url_error;
  AdwEntryRow          *unit_name_row;
  AdwEntryRow          *unit_code_row;
};

G_DEFINE_FINAL_TYPE (ZichaPreferencesWindow, zicha_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Only a valid address is kept; while it is not, the old one stays in use
 * and the row says what is wrong. */
static void
platform_url_changed_cb (ZichaPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->platform_url_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(ZichaCodeCheck) check = NULL;

  if (*trimmed == '\0')
    {
      g_settings_set_string (self->settings, "platform-url", "");
      gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->platform_url_row), "error");
      return;
    }

  check = zicha_code_check (ZICHA_CODE_URL, trimmed);
  if (check->status == ZICHA_CODE_INVALID)
    {
      gtk_label_set_label (self->platform_url_error,
                           g_str_has_prefix (g_get_language_names ()[0], "zh") ? check->message_zh : check->message_en);
      gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->platform_url_row), "error");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->platform_url_row), "error");
  g_settings_set_string (self->settings, "platform-url", check->normalized);
}

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ZichaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ZichaApplication *app = ZICHA_APPLICATION (g_application_get_default ());

  if (!zicha_token_store_finish (result, &error))
    {
      gtk_label_set_label (self->platform_url_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Token saved in the keyring")));
  zicha_application_restart_sync (app);
}

static void
token_apply_cb (ZichaPreferencesWindow *self)
{
  ZichaApplication *app = ZICHA_APPLICATION (g_application_get_default ());
  g_autofree char *url = zicha_application_dup_platform_url (app);
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  /* The keyring keeps one token per platform address. */
  if (url == NULL)
    {
      gtk_label_set_label (self->platform_url_error, _("Enter the platform address first."));
      gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), TRUE);
      return;
    }

  if (!zicha_token_is_valid (token))
    {
      gtk_label_set_label (self->platform_url_error,
                           _("This is not a unit token: copy it exactly as the platform issued it."));
      gtk_widget_set_visible (GTK_WIDGET (self->platform_url_error), TRUE);
      return;
    }

  zicha_token_store_async (url, token, NULL, token_stored_cb, g_object_ref (self));
}

static void
zicha_preferences_window_dispose (GObject *object)
{
  ZichaPreferencesWindow *self = ZICHA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zicha_preferences_window_parent_class)->dispose (object);
}

static void
zicha_preferences_window_class_init (ZichaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaPreferencesWindow, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreferencesWindow, platform_url_error);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreferencesWindow, unit_name_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreferencesWindow, unit_code_row);
  gtk_widget_class_bind_template_child (widget_class, ZichaPreferencesWindow, token_row);
  gtk_widget_class_bind_template_callback (widget_class, platform_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);
}

static void
zicha_preferences_window_init (ZichaPreferencesWindow *self)
{
  g_autofree char *url = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  url = g_settings_get_string (self->settings, "platform-url");
  gtk_editable_set_text (GTK_EDITABLE (self->platform_url_row), url);
  g_settings_bind (self->settings, "default-unit-name", self->unit_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-unit-code", self->unit_code_row, "text", G_SETTINGS_BIND_DEFAULT);
}

ZichaPreferencesWindow *
zicha_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (ZICHA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
