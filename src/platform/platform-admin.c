/* platform-admin.c — zicha-platform add-unit, list-submissions,
 * show-receipt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * add-unit prints the new token on its last line: it is shown this once;
 * only its hash is stored. list-submissions prints one line per
 * submission (unit code, report UUID, digest, time received, separated
 * by spaces) and nothing else, so scripts can count and cut.
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "platform-commands.h"
#include "zicha-code.h"
#include "zicha-platform-random.h"

#define MAX_UNIT_NAME_LENGTH 200

int
platform_add_unit_run (int    argc,
                       char **argv)
{
  g_autofree char *db_path = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The platform database"), N_("PATH") },
    { NULL }
  };
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(ZichaCodeCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *name = NULL;

  if (!platform_parse_options ("add-unit", _("--db PATH USCC NAME"), entries, &argc, &argv))
    return PLATFORM_EXIT_USAGE;

  if (argc != 3)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s",
                          _("add-unit: expected the unit’s USCC and its name (usage: zicha-platform add-unit --db PATH USCC NAME)"));

  check = zicha_code_check (ZICHA_CODE_USCC, argv[1]);
  if (check->status == ZICHA_CODE_INVALID)
    return platform_fail (PLATFORM_EXIT_NEGATIVE, _("add-unit: “%s” is not a valid unified social credit code: %s"),
                          argv[1], check->message_zh);
  if (check->status == ZICHA_CODE_WARNING)
    fprintf (stderr, _("zicha-platform: warning: %s"), check->message_zh), fputc ('\n', stderr);

  name = g_strstrip (g_strdup (argv[2]));
  if (!g_utf8_validate (name, -1, NULL) || *name == '\0' || g_utf8_strlen (name, -1) > MAX_UNIT_NAME_LENGTH)
    return platform_fail (PLATFORM_EXIT_USAGE, _("add-unit: the unit’s name must be 1 to %d characters of text"),
                          MAX_UNIT_NAME_LENGTH);

  storage = platform_open_storage (db_path);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  token = zicha_platform_token_new (&error);
  if (token == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
  token_hash = zicha_platform_token_hash (token);

  if (!zicha_platform_storage_add_unit (storage, check->normalized, name, token_hash, &error))
    {
      if (g_error_matches (error, ZICHA_PLATFORM_STORAGE_ERROR, ZICHA_PLATFORM_STORAGE_ERROR_EXISTS))
        return platform_fail (PLATFORM_EXIT_NEGATIVE, _("add-unit: the unit %s is registered already"),
                              check->normalized);
      return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
    }

  printf (_("Registered %s (%s). Its token, shown only this once:"), check->normalized, name);
  putchar ('\n');
  printf ("%s\n", token);
  return PLATFORM_EXIT_OK;
}

int
platform_list_submissions_run (int    argc,
                               char **argv)
{
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;

  storage = platform_open_storage_for ("list-submissions", _("--db PATH"), 0,
                                       _("list-submissions: unexpected arguments"), &argc, &argv);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  submissions = zicha_platform_storage_list_submissions (storage, &error);
  if (submissions == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  for (guint i = 0; i < submissions->len; i++)
    {
      const ZichaPlatformSubmission *submission = submissions->pdata[i];

      printf ("%s %s %s %s\n", submission->unit_code, submission->report_uuid, submission->digest,
              submission->received_at);
    }

  return PLATFORM_EXIT_OK;
}

int
platform_show_receipt_run (int    argc,
                           char **argv)
{
  g_autoptr(ZichaPlatformStorage) storage = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  storage = platform_open_storage_for ("show-receipt", _("--db PATH REPORT"), 1,
                                       _("show-receipt: expected one report ID (usage: zicha-platform "
                                         "show-receipt --db PATH REPORT)"),
                                       &argc, &argv);
  if (storage == NULL)
    return PLATFORM_EXIT_USAGE;

  submissions = zicha_platform_storage_list_submissions (storage, &error);
  if (submissions == NULL)
    return platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);

  /* Report IDs are per unit: each unit that delivered this ID has its own
   * receipt, one line each. */
  for (guint i = 0; i < submissions->len; i++)
    {
      const ZichaPlatformSubmission *submission = submissions->pdata[i];

      if (g_ascii_strcasecmp (submission->report_uuid, argv[1]) == 0)
        {
          printf ("%s\n", submission->receipt);
          found++;
        }
    }

  if (found == 0)
    return platform_fail (PLATFORM_EXIT_NEGATIVE, _("show-receipt: no report %s was received"), argv[1]);

  return PLATFORM_EXIT_OK;
}
