/* zicha-application.c — single instance, app-wide actions, the store and
 * the forms every window shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-application"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zicha-application.h"
#include "zicha-dengbao-schedule.h"
#include "zicha-preferences-window.h"
#include "zicha-report-session.h"
#include "zicha-notice.h"
#include "zicha-resources.h"
#include "zicha-token.h"
#include "zicha-window.h"

struct _ZichaApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  ZichaStore     *store;
  ZichaForm      *default_form;
  GSettings      *settings;

  ZichaSync      *sync;
  char           *sync_problem;
  GCancellable   *sync_cancellable;
  guint           reminder_timer;
  /* Ids of the 等级保护 notifications this process sent and has not
   * withdrawn: a report deleted since is no longer listed. */
  GHashTable     *dengbao_notified;
};

enum {
  NOTICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Less than the 24-hour warning needs, and cheap: it only reads the store. */
#define REMINDER_CHECK_SECONDS (5 * 60)

/* How near a coming 等级保护 deadline must be to be worth a notification. */
#define DENGBAO_NOTIFY_DAYS 7

G_DEFINE_FINAL_TYPE (ZichaApplication, zicha_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database at PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static int
zicha_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  ZichaApplication *self = ZICHA_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("zicha %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      g_autofree char *path = g_file_get_path (file);

      zicha_application_set_database_path (self, path);
    }

  return -1;
}

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

/* 等级保护 ------------------------------------------------------------------ */

/* Whether @report is the newest (year, then revision) of its unit: the
 * one whose systems are what the unit runs now. Two of the same year and
 * revision (copies, imports) are told apart by UUID, so only one counts. */
static gboolean
is_newest_of_unit (ZichaReport *report,
                   GPtrArray   *reports)
{
  const char *code = zicha_report_get_unit_code (report);
  const char *name = zicha_report_get_unit_name (report);

  for (guint i = 0; i < reports->len; i++)
    {
      ZichaReport *other = reports->pdata[i];
      gboolean same_unit = *code != '\0' ? g_str_equal (code, zicha_report_get_unit_code (other))
                                         : g_str_equal (name, zicha_report_get_unit_name (other));

      if (other == report || !same_unit)
        continue;
      if (zicha_report_get_year (other) != zicha_report_get_year (report))
        {
          if (zicha_report_get_year (other) > zicha_report_get_year (report))
            return FALSE;
        }
      else if (zicha_report_get_revision (other) != zicha_report_get_revision (report))
        {
          if (zicha_report_get_revision (other) > zicha_report_get_revision (report))
            return FALSE;
        }
      else if (strcmp (zicha_report_get_uuid (other), zicha_report_get_uuid (report)) > 0)
        return FALSE;
    }
  return TRUE;
}

static char *
dengbao_notification_id (ZichaReport *report)
{
  return g_strdup_printf ("dengbao-%s", zicha_report_get_uuid (report));
}

/* Sends @report's notification when it has duties overdue or due soon;
 * returns its id then, else NULL. */
static char *
remind_dengbao_report (ZichaApplication *self,
                       ZichaStore       *store,
                       ZichaReport      *report,
                       const GDate      *today)
{
  ZichaForm *form = zicha_application_get_form (self, zicha_report_get_form_id (report),
                                                zicha_report_get_form_version (report), NULL);
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaDengbaoSchedule) schedule = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *overdue_text = NULL;
  g_autofree char *due_soon_text = NULL;
  guint overdue = 0, due_soon = 0;

  if (form != NULL)
    answers = zicha_store_load_answers (store, form, zicha_report_get_uuid (report), NULL);
  if (answers == NULL)
    return NULL;

  schedule = zicha_dengbao_schedule_new (answers, today);
  for (guint i = 0; i < zicha_dengbao_schedule_get_n_systems (schedule); i++)
    {
      const ZichaDengbaoSystem *system = zicha_dengbao_schedule_get_system (schedule, i);

      for (guint d = 0; d < ZICHA_DENGBAO_N_DUTIES; d++)
        {
          const ZichaDengbaoItem *item = &system->items[d];

          if (item->state == ZICHA_DENGBAO_OVERDUE)
            overdue++;
          else if (item->state == ZICHA_DENGBAO_DUE && item->days_left <= DENGBAO_NOTIFY_DAYS)
            due_soon++;
        }
    }

  if (overdue == 0 && due_soon == 0)
    return NULL;

  if (overdue > 0)
    overdue_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue), overdue);
  if (due_soon > 0)
    due_soon_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due within %d days", "%u due within %d days",
                                                  due_soon),
                                     due_soon, DENGBAO_NOTIFY_DAYS);
  if (overdue_text != NULL && due_soon_text != NULL)
    /* TRANSLATORS: the 等级保护 reminder: unit, year, then "1 overdue" and
     * "2 due within 7 days"; e.g. 厦门市某某中学 2020年：1项已逾期，2项7天内到期 */
    body = g_strdup_printf (C_("dengbao reminder", "%s %d: %s, %s"),
                            zicha_report_get_unit_name (report), zicha_report_get_year (report),
                            overdue_text, due_soon_text);
  else
    /* TRANSLATORS: the 等级保护 reminder: unit, year, then "1 overdue" or
     * "2 due within 7 days"; e.g. 厦门市某某中学 2020年：1项已逾期 */
    body = g_strdup_printf (C_("dengbao reminder", "%s %d: %s"),
                            zicha_report_get_unit_name (report), zicha_report_get_year (report),
                            overdue_text != NULL ? overdue_text : due_soon_text);

  notification = g_notification_new (overdue > 0 ? _("Graded protection duties are overdue")
                                                 : _("Graded protection duties are due soon"));
  g_notification_set_body (notification, body);
  id = dengbao_notification_id (report);
  g_application_send_notification (G_APPLICATION (self), id, notification);
  return g_steal_pointer (&id);
}

/* Once a day, across restarts (GSettings dengbao-reminded-on): a
 * notification per unit whose newest report lists systems with 等级保护
 * duties overdue or due within DENGBAO_NOTIFY_DAYS. The report's 等级保护
 * page has the details. Every other one is withdrawn: an older report's
 * once a newer one exists, a deleted report's, one whose duties are done. */
static void
remind_dengbao (ZichaApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *reminded_on = g_settings_get_string (self->settings, "dengbao-reminded-on");
  ZichaStore *store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GHashTable) reminded = NULL;
  GHashTableIter iter;
  gpointer key;
  GDate today;

  if (g_str_equal (day, reminded_on))
    return;
  store = zicha_application_get_store (self, NULL);
  reports = store != NULL ? zicha_store_list_reports (store, NULL) : NULL;
  if (reports == NULL)
    return;
  g_settings_set_string (self->settings, "dengbao-reminded-on", day);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  reminded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < reports->len; i++)
    {
      char *id = is_newest_of_unit (reports->pdata[i], reports)
                 ? remind_dengbao_report (self, store, reports->pdata[i], &today) : NULL;

      if (id != NULL)
        g_hash_table_add (reminded, id);
    }

  /* A notification server may keep those of an earlier run too: every
   * report listed is asked, and what this run sent before. */
  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *id = dengbao_notification_id (reports->pdata[i]);

      if (!g_hash_table_contains (reminded, id))
        g_application_withdraw_notification (G_APPLICATION (self), id);
    }
  g_hash_table_iter_init (&iter, self->dengbao_notified);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (reminded, key))
      g_application_withdraw_notification (G_APPLICATION (self), key);
  g_hash_table_unref (self->dengbao_notified);
  self->dengbao_notified = g_steal_pointer (&reminded);
}

/* Threat notices ---------------------------------------------------------- */

/* A desktop notification when a notice arrives and when less than 24
 * hours are left, once each: the 72-hour deadline is the law's, not ours. */
static void
remind_notices (ZichaApplication *self)
{
  ZichaStore *store = zicha_application_get_store (self, NULL);
  g_autoptr(GPtrArray) notices = store != NULL ? zicha_store_list_notices (store, NULL) : NULL;
  g_autoptr(GDateTime) now = NULL;

  if (notices == NULL)
    return;

  now = zicha_store_get_platform_now (store, NULL);
  for (guint i = 0; i < notices->len; i++)
    {
      ZichaNotice *notice = notices->pdata[i];
      ZichaNoticeReminder reminder = zicha_notice_get_reminder (notice, now, zicha_notice_get_reminded_at (notice));
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *left = NULL;
      g_autofree char *body = NULL;
      g_autofree char *id = NULL;

      if (reminder == ZICHA_NOTICE_REMINDER_NONE)
        continue;

      left = zicha_notice_format_time_left (notice, now);
      body = g_strdup_printf ("%s · %s · %s",
                              zicha_notice_type_to_label (zicha_notice_get_notice_type (notice)),
                              zicha_notice_get_target (notice), left);
      notification = g_notification_new (reminder == ZICHA_NOTICE_REMINDER_ARRIVED
                                         ? _("New threat notice: rectify within 72 hours")
                                         : _("A threat notice is due soon"));
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      id = g_strdup_printf ("notice-%s", zicha_notice_get_id (notice));
      g_application_send_notification (G_APPLICATION (self), id, notification);

      if (!zicha_store_set_notice_reminded (store, zicha_notice_get_id (notice), now, NULL))
        g_message ("Could not record the reminder of notice %s", zicha_notice_get_id (notice));
    }
}

static void
notices_changed_cb (ZichaApplication *self)
{
  remind_notices (self);
  g_signal_emit (self, signals[NOTICES_CHANGED], 0);
}

/* The sync announces new notices and receipts with "notices-changed", but
 * a refusal or a retry of feedback only with "feedback-changed": the lists
 * that show a notice's feedback state ("Queued") need both. */
static void
feedback_changed_cb (ZichaApplication       *self,
                     const ZichaSyncOutcome *outcome)
{
  if (outcome->status != ZICHA_SYNC_STATUS_SENDING)
    g_signal_emit (self, signals[NOTICES_CHANGED], 0);
}

void
zicha_application_notices_changed (ZichaApplication *self)
{
  g_return_if_fail (ZICHA_IS_APPLICATION (self));

  g_signal_emit (self, signals[NOTICES_CHANGED], 0);
}

static gboolean
reminder_tick_cb (gpointer data)
{
  remind_notices (ZICHA_APPLICATION (data));
  remind_dengbao (ZICHA_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

/* Delivery --------------------------------------------------------------- */

static void
set_sync (ZichaApplication *self,
          ZichaSync        *sync,
          const char       *problem)
{
  if (self->sync != NULL)
    zicha_sync_stop (self->sync);
  g_set_object (&self->sync, sync);
  g_free (self->sync_problem);
  self->sync_problem = g_strdup (problem);
  if (self->sync != NULL)
    {
      g_signal_connect_object (self->sync, "notices-changed", G_CALLBACK (notices_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "feedback-changed", G_CALLBACK (feedback_changed_cb),
                               self, G_CONNECT_SWAPPED);
      zicha_sync_start (self->sync);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

static void
start_sync_with_token (ZichaApplication *self,
                       const char       *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaSync) sync = NULL;
  g_autofree char *url = zicha_application_dup_platform_url (self);
  ZichaStore *store = zicha_application_get_store (self, &error);
  ZichaForm *form = store != NULL ? zicha_application_get_default_form (self, &error) : NULL;

  if (form != NULL)
    sync = zicha_sync_new (store, form, url, token, &error);
  if (sync == NULL)
    {
      set_sync (self, NULL, error->message);
      return;
    }

  set_sync (self, sync, NULL);
}

static void
token_found_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ZichaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = zicha_token_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      set_sync (self, NULL, error != NULL ? error->message
                                          : _("No unit token yet: enter the one the platform issued in Preferences."));
      return;
    }

  start_sync_with_token (self, token);
}

void
zicha_application_restart_sync (ZichaApplication *self)
{
  g_autofree char *url = NULL;
  g_autofree char *env_token = NULL;

  g_return_if_fail (ZICHA_IS_APPLICATION (self));

  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);

  url = zicha_application_dup_platform_url (self);
  if (url == NULL)
    {
      set_sync (self, NULL, _("No platform address yet: set it in Preferences to send finalized reports."));
      return;
    }

  /* ZICHA_TOKEN for kiosks and tests; the keyring for everyone else. */
  env_token = zicha_token_from_environment (NULL);
  if (env_token != NULL)
    {
      start_sync_with_token (self, env_token);
      return;
    }

  self->sync_cancellable = g_cancellable_new ();
  zicha_token_lookup_async (url, self->sync_cancellable, token_found_cb, g_object_ref (self));
}

ZichaSync *
zicha_application_get_sync (ZichaApplication *self)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  return self->sync;
}

const char *
zicha_application_get_sync_problem (ZichaApplication *self)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  return self->sync_problem;
}

char *
zicha_application_dup_platform_url (ZichaApplication *self)
{
  g_autofree char *url = NULL;
  ZichaForm *form;

  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  url = g_settings_get_string (self->settings, "platform-url");
  if (*url != '\0')
    return g_steal_pointer (&url);

  form = zicha_application_get_default_form (self, NULL);
  if (form != NULL && zicha_form_get_platform_url (form) != NULL)
    return g_strdup (zicha_form_get_platform_url (form));

  return NULL;
}

static void
deliver_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ZichaApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  ZichaStore *store = zicha_application_get_store (self, &error);

  /* A finalized report goes to the outbox at once; it leaves when the
   * platform can be reached, now or days later. */
  if (store == NULL ||
      !zicha_store_enqueue_report (store, g_variant_get_string (parameter, NULL), &error))
    {
      g_message ("Could not queue the report: %s", error->message);
      return;
    }

  if (self->sync != NULL)
    zicha_sync_queue_pass (self->sync, FALSE);
}

static void
send_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ZichaApplication *self = user_data;

  if (self->sync != NULL)
    zicha_sync_queue_pass (self->sync, TRUE);
}

static void
platform_url_changed_cb (ZichaApplication *self)
{
  zicha_application_restart_sync (self);
}

static gboolean
start_background_cb (gpointer data)
{
  ZichaApplication *self = data;

  zicha_application_restart_sync (self);
  remind_notices (self);
  remind_dengbao (self);
  self->reminder_timer = g_timeout_add_seconds (REMINDER_CHECK_SECONDS, reminder_tick_cb, self);
  return G_SOURCE_REMOVE;
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

static void
zicha_application_preferences_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  ZichaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (zicha_preferences_window_new (window)));
}

static const GActionEntry app_actions[] = {
  { "about", zicha_application_about_action },
  { "preferences", zicha_application_preferences_action },
  { "deliver", deliver_action, "s" },
  { "send-now", send_now_action },
  { "quit", zicha_application_quit_action },
};

static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  /* Any lookup reads the theme's directories once. */
  gtk_icon_theme_has_icon (task_data, "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

/* GtkApplication and libadwaita add their icon paths in startup, after
 * GTK began reading the icon theme, so GTK reads it again at the first
 * icon lookup, on the main thread while the window is measured. Read it
 * in a worker instead, next to opening the store and building the
 * window: once set up, GtkIconTheme allows lookups from other threads. */
static void
read_icon_theme_in_background (ZichaApplication *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

static void
zicha_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  /* What GtkApplication sets for a gtk/help-overlay.ui resource; ours is
   * elsewhere and added by the window after its first frame. */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (zicha_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-report", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "report.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "report.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "report.search", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import-report", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_overlay_accels);

  ZICHA_APPLICATION (app)->settings = g_settings_new (APP_ID);
  g_signal_connect_object (ZICHA_APPLICATION (app)->settings, "changed::platform-url",
                           G_CALLBACK (platform_url_changed_cb), app, G_CONNECT_SWAPPED);
  /* After the first frame: the window comes first, delivery and
   * reminders a moment later. */
  g_idle_add_full (G_PRIORITY_LOW, start_background_cb, g_object_ref (app), g_object_unref);
  read_icon_theme_in_background (ZICHA_APPLICATION (app));
}

static void
zicha_application_finalize (GObject *object)
{
  ZichaApplication *self = ZICHA_APPLICATION (object);

  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_handle_id (&self->reminder_timer, g_source_remove);
  g_clear_pointer (&self->dengbao_notified, g_hash_table_unref);
  if (self->sync != NULL)
    zicha_sync_stop (self->sync);
  g_clear_object (&self->sync);
  g_free (self->sync_problem);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->default_form);
  g_free (self->database_path);

  G_OBJECT_CLASS (zicha_application_parent_class)->finalize (object);
}

static void
zicha_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ZichaApplication *self = ZICHA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zicha_application_class_init (ZichaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = zicha_application_finalize;
  object_class->get_property = zicha_application_get_property;

  properties[PROP_SYNC] = g_param_spec_object ("sync", NULL, NULL,
                                               ZICHA_TYPE_SYNC,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The platform's threat notices changed (ZichaSync fetched them). */
  signals[NOTICES_CHANGED] = g_signal_new ("notices-changed",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  app_class->activate = zicha_application_activate;
  app_class->startup = zicha_application_startup;
  app_class->handle_local_options = zicha_application_handle_local_options;

  zicha_register_resource ();
}

static void
zicha_application_init (ZichaApplication *self)
{
  self->dengbao_notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
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

const char *
zicha_application_get_database_path (ZichaApplication *self)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  if (self->database_path == NULL)
    self->database_path = zicha_store_default_path ();

  return self->database_path;
}

void
zicha_application_set_database_path (ZichaApplication *self,
                                     const char       *path)
{
  g_return_if_fail (ZICHA_IS_APPLICATION (self));

  if (g_strcmp0 (self->database_path, path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  zicha_application_reset_store (self);
}

ZichaStore *
zicha_application_get_store (ZichaApplication  *self,
                             GError           **error)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  if (self->store == NULL)
    self->store = zicha_store_open (zicha_application_get_database_path (self), error);

  return self->store;
}

void
zicha_application_reset_store (ZichaApplication *self)
{
  g_return_if_fail (ZICHA_IS_APPLICATION (self));

  g_clear_object (&self->store);
}

ZichaForm *
zicha_application_get_default_form (ZichaApplication  *self,
                                    GError           **error)
{
  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  if (self->default_form == NULL)
    {
      g_autofree char *path = zicha_form_default_path ();

      if (path == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       _("The self-inspection form “%s” is not installed. Reinstall Zicha."),
                       ZICHA_FORM_DEFAULT_FILE_NAME);
          return NULL;
        }
      self->default_form = zicha_form_new_from_file (path, error);
    }

  return self->default_form;
}

ZichaForm *
zicha_application_get_form (ZichaApplication  *self,
                            const char        *form_id,
                            const char        *form_version,
                            GError           **error)
{
  g_autofree char *version = NULL;
  ZichaForm *form;

  g_return_val_if_fail (ZICHA_IS_APPLICATION (self), NULL);

  form = zicha_application_get_default_form (self, error);
  if (form == NULL)
    return NULL;

  version = g_strdup_printf ("%u", zicha_form_get_version (form));
  if (g_strcmp0 (zicha_form_get_id (form), form_id) != 0 || g_strcmp0 (version, form_version) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("This report uses the form “%s” version %s, which this version of Zicha does not have."),
                   form_id, form_version);
      return NULL;
    }

  return form;
}
