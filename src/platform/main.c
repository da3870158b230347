/* main.c — zicha-platform: the reference platform server and its
 * administration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "platform-commands.h"
#include "zicha-command-line.h"
#include "zicha-i18n.h"
#include "zicha-platform-sqlite.h"


static const ZichaCommand commands[] = {
  { "serve", N_("--db PATH --port N [--address ADDRESS] [--tls-cert FILE --tls-key FILE]"),
    N_("Serve the platform API (docs/platform-api.md)"),
    platform_serve_run },
  { "add-unit", N_("--db PATH USCC NAME"),
    N_("Register a unit and print its new token on the last line"),
    platform_add_unit_run },
  { "list-submissions", N_("--db PATH"),
    N_("List the reports received: unit code, report ID, digest, time received"),
    platform_list_submissions_run },
  { "show-receipt", N_("--db PATH REPORT"),
    N_("Print the receipt issued for a report"),
    platform_show_receipt_run },
  { "notify", N_("--db PATH USCC --target TARGET --type TYPE --severity SEVERITY --detail TEXT [--detected-at TIME]"),
    N_("Issue a threat notice to a unit and print its ID"),
    platform_notify_run },
  { "list-notices", N_("--db PATH"),
    N_("List the notices: ID, unit code, type, state, on-time or late, target"),
    platform_list_notices_run },
  { NULL, NULL, NULL, NULL }
};

int
platform_fail (int         status,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "zicha-platform: %s\n", message);
  return status;
}

gboolean
platform_parse_options (const char    *command,
                        const char    *parameter_string,
                        GOptionEntry  *entries,
                        int           *argc,
                        char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command, parameter_string);

  g_set_prgname ("zicha-platform");
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

ZichaPlatformStorage *
platform_open_storage (const char *path)
{
  g_autoptr(GError) error = NULL;
  ZichaPlatformSqlite *storage;

  if (path == NULL)
    {
      platform_fail (PLATFORM_EXIT_USAGE, "%s", _("say which database to use with --db PATH"));
      return NULL;
    }

  storage = zicha_platform_sqlite_open (path, &error);
  if (storage == NULL)
    {
      platform_fail (PLATFORM_EXIT_USAGE, "%s", error->message);
      return NULL;
    }

  return ZICHA_PLATFORM_STORAGE (storage);
}

ZichaPlatformStorage *
platform_open_storage_for (const char   *command,
                           const char   *parameter_string,
                           int           n_operands,
                           const char   *operands_error,
                           int          *argc,
                           char       ***argv)
{
  g_autofree char *db_path = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The platform database"), N_("PATH") },
    { NULL }
  };

  if (!platform_parse_options (command, parameter_string, entries, argc, argv))
    return NULL;
  if (*argc != n_operands + 1)
    {
      platform_fail (PLATFORM_EXIT_USAGE, "%s", operands_error);
      return NULL;
    }

  return platform_open_storage (db_path);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: zicha-platform [--help] [--version] COMMAND [ARGUMENTS…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (const ZichaCommand *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %s %s\n      %s\n", c->name, _(c->parameters), _(c->summary));
  fprintf (stream, "\n%s\n", _("Run “zicha-platform COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  zicha_i18n_init ();

  return zicha_command_line_run ("zicha-platform", commands, print_usage, argc, argv);
}
