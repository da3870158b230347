/* zicha-notice.c — a threat notice and its 72-hour clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-notice"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-notice.h"

struct _ZichaNotice
{
  GObject           parent_instance;

  char             *id;
  GDateTime        *detected_at;
  GDateTime        *deadline;
  char             *target;
  char             *type;
  char             *severity;
  char             *description;
  ZichaNoticeState  state;
  GDateTime        *updated_at;
  GDateTime        *fetched_at;
  GDateTime        *reminded_at;
};

G_DEFINE_FINAL_TYPE (ZichaNotice, zicha_notice, G_TYPE_OBJECT)

static const char * const known_types[] = {
  "vulnerability", "weak_password", "exposed_service", "defacement",
  "malware", "data_leak", "phishing", "other", NULL
};

static const char * const known_severities[] = {
  "low", "medium", "high", "critical", NULL
};

static const char * const state_names[] = {
  [ZICHA_NOTICE_OPEN] = "open",
  [ZICHA_NOTICE_ANSWERED] = "answered",
  [ZICHA_NOTICE_RESOLVED] = "resolved",
  [ZICHA_NOTICE_WITHDRAWN] = "withdrawn",
};

static void
zicha_notice_finalize (GObject *object)
{
  ZichaNotice *self = ZICHA_NOTICE (object);

  g_free (self->id);
  g_clear_pointer (&self->detected_at, g_date_time_unref);
  g_clear_pointer (&self->deadline, g_date_time_unref);
  g_free (self->target);
  g_free (self->type);
  g_free (self->severity);
  g_free (self->description);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  g_clear_pointer (&self->reminded_at, g_date_time_unref);

  G_OBJECT_CLASS (zicha_notice_parent_class)->finalize (object);
}

static void
zicha_notice_class_init (ZichaNoticeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_notice_finalize;
}

static void
zicha_notice_init (ZichaNotice *self)
{
}

static GDateTime *
to_utc_or_null (GDateTime *time)
{
  return time != NULL ? g_date_time_to_utc (time) : NULL;
}

ZichaNotice *
zicha_notice_new (const char *id,
                  GDateTime  *detected_at,
                  GDateTime  *deadline,
                  const char *target,
                  const char *type,
                  const char *severity,
                  const char *description,
                  const char *state,
                  GDateTime  *updated_at)
{
  ZichaNotice *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (detected_at != NULL, NULL);

  self = g_object_new (ZICHA_TYPE_NOTICE, NULL);
  self->id = g_strdup (id);
  self->detected_at = g_date_time_to_utc (detected_at);
  self->deadline = deadline != NULL ? g_date_time_to_utc (deadline)
                                    : g_date_time_add_hours (self->detected_at, ZICHA_NOTICE_DEADLINE_HOURS);
  self->target = g_strdup (target != NULL ? target : "");
  self->type = g_strdup (type != NULL ? type : "other");
  self->severity = g_strdup (severity != NULL ? severity : "");
  self->description = g_strdup (description != NULL ? description : "");
  if (!zicha_notice_state_from_string (state, &self->state))
    self->state = ZICHA_NOTICE_OPEN;
  self->updated_at = updated_at != NULL ? g_date_time_to_utc (updated_at) : g_date_time_ref (self->detected_at);
  return self;
}

const char *
zicha_notice_get_id (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->id;
}

GDateTime *
zicha_notice_get_detected_at (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->detected_at;
}

GDateTime *
zicha_notice_get_deadline (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->deadline;
}

const char *
zicha_notice_get_target (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->target;
}

const char *
zicha_notice_get_notice_type (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->type;
}

const char *
zicha_notice_get_severity (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->severity;
}

const char *
zicha_notice_get_description (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->description;
}

ZichaNoticeState
zicha_notice_get_state (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), ZICHA_NOTICE_OPEN);
  return self->state;
}

const char *
zicha_notice_get_state_string (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return zicha_notice_state_to_string (self->state);
}

GDateTime *
zicha_notice_get_updated_at (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->updated_at;
}

GDateTime *
zicha_notice_get_fetched_at (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->fetched_at;
}

void
zicha_notice_set_fetched_at (ZichaNotice *self,
                             GDateTime   *fetched_at)
{
  g_return_if_fail (ZICHA_IS_NOTICE (self));

  g_clear_pointer (&self->fetched_at, g_date_time_unref);
  self->fetched_at = to_utc_or_null (fetched_at);
}

GDateTime *
zicha_notice_get_reminded_at (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  return self->reminded_at;
}

void
zicha_notice_set_reminded_at (ZichaNotice *self,
                              GDateTime   *reminded_at)
{
  g_return_if_fail (ZICHA_IS_NOTICE (self));

  g_clear_pointer (&self->reminded_at, g_date_time_unref);
  self->reminded_at = to_utc_or_null (reminded_at);
}

/* The clock ----------------------------------------------------------------- */

GDateTime *
zicha_notice_platform_now (GDateTime *local_now,
                           GTimeSpan  clock_offset)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (local_now != NULL, NULL);

  utc = g_date_time_to_utc (local_now);
  return g_date_time_add (utc, clock_offset);
}

GTimeSpan
zicha_notice_time_left (ZichaNotice *self,
                        GDateTime   *platform_now)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), 0);
  g_return_val_if_fail (platform_now != NULL, 0);

  return g_date_time_difference (self->deadline, platform_now);
}

gboolean
zicha_notice_is_pending (ZichaNotice *self)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), FALSE);

  return self->state == ZICHA_NOTICE_OPEN;
}

gboolean
zicha_notice_is_overdue (ZichaNotice *self,
                         GDateTime   *platform_now)
{
  g_return_val_if_fail (ZICHA_IS_NOTICE (self), FALSE);

  /* Feedback received at the deadline itself is on time. */
  return zicha_notice_is_pending (self) && zicha_notice_time_left (self, platform_now) < 0;
}

ZichaNoticeReminder
zicha_notice_get_reminder (ZichaNotice *self,
                           GDateTime   *platform_now,
                           GDateTime   *last_reminded)
{
  g_autoptr(GDateTime) due_soon_from = NULL;

  g_return_val_if_fail (ZICHA_IS_NOTICE (self), ZICHA_NOTICE_REMINDER_NONE);
  g_return_val_if_fail (platform_now != NULL, ZICHA_NOTICE_REMINDER_NONE);

  if (!zicha_notice_is_pending (self))
    return ZICHA_NOTICE_REMINDER_NONE;

  if (last_reminded == NULL)
    return ZICHA_NOTICE_REMINDER_ARRIVED;

  /* A reminder made after this point already said "less than 24 h"
   * (the arrival of a late-fetched notice included). */
  due_soon_from = g_date_time_add_hours (self->deadline, -ZICHA_NOTICE_REMINDER_HOURS);
  if (g_date_time_compare (platform_now, due_soon_from) >= 0 &&
      g_date_time_compare (last_reminded, due_soon_from) < 0)
    return ZICHA_NOTICE_REMINDER_DUE_SOON;

  return ZICHA_NOTICE_REMINDER_NONE;
}

gboolean
zicha_notice_needs_reminder (ZichaNotice *self,
                             GDateTime   *platform_now,
                             GDateTime   *last_reminded)
{
  return zicha_notice_get_reminder (self, platform_now, last_reminded) != ZICHA_NOTICE_REMINDER_NONE;
}

char *
zicha_notice_format_time_left (ZichaNotice *self,
                               GDateTime   *platform_now)
{
  GTimeSpan left;
  gint64 hours;

  g_return_val_if_fail (ZICHA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (platform_now != NULL, NULL);

  if (!zicha_notice_is_pending (self))
    return g_strdup (zicha_notice_state_to_label (self->state));

  left = zicha_notice_time_left (self, platform_now);
  if (left >= 0)
    {
      /* Rounded down: never more time than there is. */
      hours = left / G_TIME_SPAN_HOUR;
      if (hours == 0)
        return g_strdup (_("less than 1 h left"));
      /* TRANSLATORS: time left to answer a threat notice, in hours */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h left", "%d h left", (gulong) hours),
                              (int) hours);
    }

  hours = -left / G_TIME_SPAN_HOUR;
  if (hours == 0)
    return g_strdup (_("overdue less than 1 h"));
  /* TRANSLATORS: a threat notice's deadline passed this many hours ago */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue %d h", "overdue %d h", (gulong) hours),
                          (int) hours);
}

/* From the platform ------------------------------------------------------- */

static GDateTime *
json_time (JsonObject *object,
           const char *name)
{
  const char *text = json_object_get_string_member_with_default (object, name, NULL);
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;
  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

ZichaNotice *
zicha_notice_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) updated = NULL;
  const char *id;

  g_return_val_if_fail (object != NULL, NULL);

  id = json_object_get_string_member_with_default (object, "id", NULL);
  detected = json_time (object, "detected_at");
  deadline = json_time (object, "deadline");
  updated = json_time (object, "updated_at");
  if (id == NULL || !g_uuid_string_is_valid (id) || detected == NULL || updated == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The platform sent a notice without an ID or its times."));
      return NULL;
    }

  return zicha_notice_new (id, detected, deadline,
                           json_object_get_string_member_with_default (object, "target", ""),
                           json_object_get_string_member_with_default (object, "type", "other"),
                           json_object_get_string_member_with_default (object, "severity", ""),
                           json_object_get_string_member_with_default (object, "description", ""),
                           json_object_get_string_member_with_default (object, "state", "open"),
                           updated);
}

/* Names --------------------------------------------------------------------- */

gboolean
zicha_notice_type_is_known (const char *type)
{
  return type != NULL && g_strv_contains (known_types, type);
}

gboolean
zicha_notice_severity_is_known (const char *severity)
{
  return severity != NULL && g_strv_contains (known_severities, severity);
}

const char *
zicha_notice_type_to_chinese (const char *type)
{
  static const struct
  {
    const char *type;
    const char *label;
  } labels[] = {
    { "vulnerability", "安全漏洞" },
    { "weak_password", "弱口令" },
    { "exposed_service", "服务暴露" },
    { "defacement", "网页篡改" },
    { "malware", "恶意代码" },
    { "data_leak", "数据泄露" },
    { "phishing", "网络钓鱼" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (type, labels[i].type) == 0)
      return labels[i].label;
  return "其他安全威胁";
}

const char *
zicha_notice_severity_to_chinese (const char *severity)
{
  static const struct
  {
    const char *severity;
    const char *label;
  } labels[] = {
    { "low", "低危" },
    { "medium", "中危" },
    { "high", "高危" },
    { "critical", "严重" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (severity, labels[i].severity) == 0)
      return labels[i].label;
  return NULL;
}

const char *
zicha_notice_type_to_label (const char *type)
{
  if (g_strcmp0 (type, "vulnerability") == 0)
    return _("Vulnerability");
  if (g_strcmp0 (type, "weak_password") == 0)
    return _("Weak password");
  if (g_strcmp0 (type, "exposed_service") == 0)
    return _("Exposed service");
  if (g_strcmp0 (type, "defacement") == 0)
    return _("Defacement");
  if (g_strcmp0 (type, "malware") == 0)
    return _("Malware");
  if (g_strcmp0 (type, "data_leak") == 0)
    return _("Data leak");
  if (g_strcmp0 (type, "phishing") == 0)
    return _("Phishing");
  return C_("threat type", "Other");
}

const char *
zicha_notice_severity_to_label (const char *severity)
{
  if (g_strcmp0 (severity, "low") == 0)
    return C_("severity", "Low");
  if (g_strcmp0 (severity, "medium") == 0)
    return C_("severity", "Medium");
  if (g_strcmp0 (severity, "high") == 0)
    return C_("severity", "High");
  if (g_strcmp0 (severity, "critical") == 0)
    return C_("severity", "Critical");
  return severity != NULL ? severity : "";
}

const char *
zicha_notice_state_to_label (ZichaNoticeState state)
{
  switch (state)
    {
    case ZICHA_NOTICE_ANSWERED:
      return C_("notice state", "Answered");
    case ZICHA_NOTICE_RESOLVED:
      return C_("notice state", "Resolved");
    case ZICHA_NOTICE_WITHDRAWN:
      return C_("notice state", "Withdrawn");
    case ZICHA_NOTICE_OPEN:
    default:
      return C_("notice state", "Open");
    }
}

gboolean
zicha_notice_state_from_string (const char       *text,
                                ZichaNoticeState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (ZichaNoticeState) i;
        return TRUE;
      }

  return FALSE;
}

const char *
zicha_notice_state_to_string (ZichaNoticeState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_names))
    return "open";
  return state_names[state];
}
