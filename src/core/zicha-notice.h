/* zicha-notice.h — a threat notice (威胁通报) from the platform and its
 * 72-hour clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/platform-api.md, "Threat notices". A notice is immutable once
 * made: the store and the sync make a new one when the platform changes
 * it. Every question about time takes the platform's "now" as an
 * argument (an injected clock): the deadline is counted by the
 * platform's clock, never by the local one, which on school computers is
 * often hours off. zicha_notice_platform_now() turns the local clock and
 * the offset kept from the platform's Date header
 * (zicha_store_get_clock_offset()) into that "now".
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A unit must rectify within 72 hours of the platform's detection. */
#define ZICHA_NOTICE_DEADLINE_HOURS 72
/* A reminder fires when less than this is left. */
#define ZICHA_NOTICE_REMINDER_HOURS 24

typedef enum
{
  ZICHA_NOTICE_OPEN,       /* no feedback yet */
  ZICHA_NOTICE_ANSWERED,   /* the platform received feedback */
  ZICHA_NOTICE_RESOLVED,   /* the platform confirmed the fix */
  ZICHA_NOTICE_WITHDRAWN,  /* issued in error */
} ZichaNoticeState;

/* What zicha_notice_get_reminder() asks the UI to show. */
typedef enum
{
  ZICHA_NOTICE_REMINDER_NONE,
  ZICHA_NOTICE_REMINDER_ARRIVED,     /* a new notice */
  ZICHA_NOTICE_REMINDER_DUE_SOON,    /* less than 24 hours left, or overdue */
} ZichaNoticeReminder;

#define ZICHA_TYPE_NOTICE (zicha_notice_get_type ())

G_DECLARE_FINAL_TYPE (ZichaNotice, zicha_notice, ZICHA, NOTICE, GObject)

/* @deadline NULL: @detected_at + 72 hours. @state: "open", "answered",
 * "resolved" or "withdrawn" (anything else reads as open). @type
 * (vulnerability, weak_password, …) is kept as given; unknown types are
 * shown as "other". */
ZichaNotice      *zicha_notice_new                (const char   *id,
                                                   GDateTime    *detected_at,
                                                   GDateTime    *deadline,
                                                   const char   *target,
                                                   const char   *type,
                                                   const char   *severity,
                                                   const char   *description,
                                                   const char   *state,
                                                   GDateTime    *updated_at);

const char       *zicha_notice_get_id             (ZichaNotice  *self);
GDateTime        *zicha_notice_get_detected_at    (ZichaNotice  *self);
GDateTime        *zicha_notice_get_deadline       (ZichaNotice  *self);
const char       *zicha_notice_get_target         (ZichaNotice  *self);
const char       *zicha_notice_get_notice_type    (ZichaNotice  *self);
const char       *zicha_notice_get_severity       (ZichaNotice  *self);
const char       *zicha_notice_get_description    (ZichaNotice  *self);
ZichaNoticeState  zicha_notice_get_state          (ZichaNotice  *self);
/* "open", "answered", … as the platform writes it. */
const char       *zicha_notice_get_state_string   (ZichaNotice  *self);
GDateTime        *zicha_notice_get_updated_at     (ZichaNotice  *self);
/* When this client stored it; NULL for a notice not from the store. */
GDateTime        *zicha_notice_get_fetched_at     (ZichaNotice  *self);
void              zicha_notice_set_fetched_at     (ZichaNotice  *self,
                                                   GDateTime    *fetched_at);
/* When the UI last reminded the user (zicha_store_set_notice_reminded());
 * NULL: never. */
GDateTime        *zicha_notice_get_reminded_at    (ZichaNotice  *self);
void              zicha_notice_set_reminded_at    (ZichaNotice  *self,
                                                   GDateTime    *reminded_at);

/* The platform's time: @local_now + @clock_offset (platform − local). */
GDateTime        *zicha_notice_platform_now       (GDateTime    *local_now,
                                                   GTimeSpan     clock_offset);

/* The deadline minus @platform_now: negative once it has passed. */
GTimeSpan         zicha_notice_time_left          (ZichaNotice  *self,
                                                   GDateTime    *platform_now);
/* Open (not answered, resolved or withdrawn) and @platform_now is past
 * the deadline. */
gboolean          zicha_notice_is_overdue         (ZichaNotice  *self,
                                                   GDateTime    *platform_now);
/* Whether the notice still waits for this unit: open. */
gboolean          zicha_notice_is_pending         (ZichaNotice  *self);

/* The notification policy. An open notice is announced once when it
 * arrives (@last_reminded NULL) and once more when less than 24 hours
 * are left (or it is overdue) and the last reminder came before that
 * point; never twice for the same reason. Answered, resolved and
 * withdrawn notices are never announced. */
ZichaNoticeReminder zicha_notice_get_reminder     (ZichaNotice  *self,
                                                   GDateTime    *platform_now,
                                                   GDateTime    *last_reminded);
gboolean          zicha_notice_needs_reminder     (ZichaNotice  *self,
                                                   GDateTime    *platform_now,
                                                   GDateTime    *last_reminded);

/* For people, translated: "71 h left", "less than 1 h left",
 * "overdue 1 h", or the state for a notice that is no longer open. */
char             *zicha_notice_format_time_left   (ZichaNotice  *self,
                                                   GDateTime    *platform_now);
/* Translated labels; unknown values as "other" / the value itself. */
const char       *zicha_notice_type_to_label      (const char   *type);
const char       *zicha_notice_severity_to_label  (const char   *severity);
const char       *zicha_notice_state_to_label     (ZichaNoticeState state);
/* In Chinese whatever the UI language, for report content and printed
 * documents: 弱口令, 高危. Unknown types are 其他安全威胁; an unknown
 * severity is NULL. */
const char       *zicha_notice_type_to_chinese    (const char   *type);
const char       *zicha_notice_severity_to_chinese (const char  *severity);

/* A notice as GET /api/v1/notices lists it; NULL (and @error, in
 * G_IO_ERROR_INVALID_DATA) when a required member is missing or not of
 * its type. Unknown members are ignored. */
ZichaNotice      *zicha_notice_new_from_json      (JsonObject   *object,
                                                   GError      **error);

/* The values the platform API knows. */
gboolean          zicha_notice_type_is_known      (const char   *type);
gboolean          zicha_notice_severity_is_known  (const char   *severity);
gboolean          zicha_notice_state_from_string  (const char   *text,
                                                   ZichaNoticeState *state);
const char       *zicha_notice_state_to_string    (ZichaNoticeState state);

G_END_DECLS
