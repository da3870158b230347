/* platform-notices.c — zicha-platform notify, list-notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * notify issues a threat notice to a unit and prints its id (one line,
 * nothing else). list-notices prints one line per notice: id, unit code,
 * type, state, "on-time"/"late"/"-" (not answered yet), then the target
 * (last: it may contain spaces), separated by spaces, so scripts can cut.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "platform-commands.h"
#include "zicha-code.h"
#include "zicha-notice.h"

#define MAX_TARGET_LENGTH 2000
#define MAX_DETAIL_LENGTH 8000

static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

int
platform_notify_run (int    argc,
                     char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *type = NULL;
  g_autofree char *severity = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *detected_option = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The platform database"), N_("PATH") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target, N_("What is affected: a URL, a host name, an IP address or a system’s name"), N_("TARGET") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("vulnerability, weak_password, exposed_service, defacement, malware, data_leak, phishing or other"), N_("TYPE") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity, N_("low, medium, high or critical"), N_("SEVERITY") },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &detail, N_("What was found and what to do (plain text)"), N_("TEXT") },
    { "detected-at", 0, 0, G_OPTION_ARG_STRING, &detected_option,
      N_("When it was detected, ISO 8601 (default: now); the 72 hours count from here"), N_("TIME") },
    { NULL }
  };
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(ZichaPlatformUnit) unit = NULL;
  g_autoptr(ZichaCodeCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) detected = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *detected_at = NULL;
  g_autofree char *updated_at = NULL;
  ZichaPlatformNotice notice = { 0 };

  if (!platform_parse_options ("notify",
                               _("--db PATH USCC --target TARGET --type TYPE --severity SEVERITY --detail TEXT"),
                               entries, &argc, &argv))
    return PLATFORM_EXIT_USAGE;

  if (argc != 2)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s",
                          _("notify: expected the unit’s USCC (usage: zicha-platform notify --db PATH USCC "
                            "--target TARGET --type TYPE --severity SEVERITY --detail TEXT)"));

  if (target != NULL)
    g_strstrip (target);
  if (detail != NULL)
    g_strstrip (detail);
  if (target == NULL || *target == '\0' || !g_utf8_validate (target, -1, NULL) ||
      g_utf8_strlen (target, -1) > MAX_TARGET_LENGTH)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("notify: say what is affected with --target"));
  if (!zicha_notice_type_is_known (type))
    return platform_fail (PLATFORM_EXIT_USAGE, _("notify: “%s” is not a threat type (--type)"),
                          type != NULL ? type : "");
  if (!zicha_notice_severity_is_known (severity))
    return platform_fail (PLATFORM_EXIT_USAGE, _("notify: “%s” is not a severity (--severity low, medium, high or critical)"),
                          severity != NULL ? severity : "");
  if (detail == NULL || *detail == '\0' || !g_utf8_validate (detail, -1, NULL) ||
      g_utf8_strlen (detail, -1) > MAX_DETAIL_LENGTH)
    return platform_fail (PLATFORM_EXIT_USAGE, _("notify: describe the problem with --detail (1 to %d characters)"),
                          MAX_DETAIL_LENGTH);

  if (detected_option != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      detected = g_date_time_new_from_iso8601 (detected_option, utc);
      if (detected == NULL)
        return platform_fail (PLATFORM_EXIT_USAGE, _("notify: “%s” is not an ISO 8601 time (--detected-at)"),
                              detected_option);
      if (g_date_time_compare (detected, now) > 0)
        return platform_fail (PLATFORM_EXIT_USAGE, "%s", _("notify: --detected-at is in the future"));
    }
  else
    detected = g_date_time_ref (now);

  check = zicha_code_check (ZICHA_CODE_USCC, argv[1]);
  if (check->status == ZICHA_CODE_INVALID)
    return platform_fail (PLATFORM_EXIT_NEGATIVE, _("notify: “%s” is not a valid unified social credit code: %s"),
                          argv[1], check->message_zh);

  storage = platform_open_storage (db_path);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  unit = zicha_platform_storage_find_unit_by_code (storage, check->normalized, &error);
  if (unit == NULL)
    {
      if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_NOT_FOUND))
        return platform_fail (PLATFORM_EXIT_NEGATIVE, _("notify: the unit %s is not registered"), check->normalized);
      return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
    }

  detected_at = format_utc (detected);
  updated_at = format_utc (now);
  notice.id = id;
  notice.detected_at = detected_at;
  notice.target = target;
  notice.type = type;
  notice.severity = severity;
  notice.description = detail;
  notice.updated_at = updated_at;
  if (!zicha_platform_storage_add_notice (storage, unit->id, &notice, &error))
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  printf ("%s\n", id);
  return PLATFORM_EXIT_OK;
}

int
platform_list_notices_run (int    argc,
                           char **argv)
{
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;

  storage = platform_open_storage_for ("list-notices", _("--db PATH"), 0,
                                       _("list-notices: unexpected arguments"), &argc, &argv);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  notices = zicha_platform_storage_list_all_notices (storage, &error);
  if (notices == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  for (guint i = 0; i < notices->len; i++)
    {
      const ZichaPlatformNotice *notice = notices->pdata[i];
      const char *timeliness = notice->late < 0 ? "-" : notice->late ? "late" : "on-time";

      printf ("%s %s %s %s %s %s\n", notice->id, notice->unit_code, notice->type, notice->state, timeliness,
              notice->target);
    }

  return PLATFORM_EXIT_OK;
}
