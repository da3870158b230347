/* zicha-application.c — single instance, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-application"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-resources.h"
#include "zicha-window.h"

struct _ZichaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ZichaApplication, zicha_application, ADW_TYPE_APPLICATION)

static void
zicha_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (ZICHA_IS_APPLICATION (app));

  /* Single instance: a second launch raises the existing window. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (zicha_window_new (ZICHA_APPLICATION (app)));

  gtk_window_present (window);
}

static void
zicha_application_about_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  static const char *developers[] = { "Zicha contributors", NULL };
  ZichaApplication *self = user_data;
  GtkWindow *window;

  g_assert (ZICHA_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Cybersecurity Self-Inspection"),
                         "application-icon", APP_ID,
                         "developer-name", _("Zicha contributors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Fill in the annual cybersecurity self-inspection table, "
                                       "print the stamped report and deliver it to the platform."),
                         "website", "https://github.com/zicha/zicha",
                         "issue-url", "https://github.com/zicha/zicha/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 Zicha contributors",
                         NULL);
}

static void
zicha_application_quit_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  ZichaApplication *self = user_data;

  g_assert (ZICHA_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", zicha_application_about_action },
  { "quit", zicha_application_quit_action },
};

static void
zicha_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (zicha_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
zicha_application_class_init (ZichaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = zicha_application_activate;
  app_class->startup = zicha_application_startup;

  zicha_register_resource ();
}

static void
zicha_application_init (ZichaApplication *self)
{
}

ZichaApplication *
zicha_application_new (void)
{
  return g_object_new (ZICHA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APP_RESOURCE_PATH,
                       NULL);
}
