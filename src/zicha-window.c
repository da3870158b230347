/* zicha-window.c — the main window: the list of reports, or its empty state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-window"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-window.h"

struct _ZichaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (ZichaWindow, zicha_window, ADW_TYPE_APPLICATION_WINDOW)

static void
zicha_window_dispose (GObject *object)
{
  ZichaWindow *self = ZICHA_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZICHA_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (zicha_window_parent_class)->dispose (object);
}

static void
zicha_window_class_init (ZichaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zicha_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_RESOURCE_PATH "/ui/zicha-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ZichaWindow, empty_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
zicha_window_init (ZichaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Remember the size the user chose; small screens (1366×768) are common. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

ZichaWindow *
zicha_window_new (ZichaApplication *application)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (application), NULL);

  return g_object_new (ZICHA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
