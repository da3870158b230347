/* main.c — zicha-cli: the core, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-check.h"
#include "cli-commands.h"
#include "cli-form.h"
#include "zicha-i18n.h"
#include "zicha-version.h"

static const CliCommand commands[] = {
  { "check", N_("KIND VALUE"),
    N_("Check a code value (uscc, mobile, phone, icp, …) and print its normalized form"),
    cli_check_run },
  { "form", N_("show [FILE]"),
    N_("Show the sections of a form definition and how many items each has"),
    cli_form_run },
  { NULL, NULL, NULL, NULL }
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage: zicha-cli [--help] [--version] COMMAND [ARGUMENTS…]"));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (const CliCommand *c = commands; c->name != NULL; c++)
    {
      g_autofree char *call = g_strjoin (" ", c->name, c->parameters, NULL);

      fprintf (stream, "  %-32s %s\n", call, _(c->summary));
    }
  fprintf (stream, "\n%s\n", _("Run “zicha-cli COMMAND --help” for a command’s options."));
}

int
cli_fail_usage (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "zicha-cli: %s\n", message);
  return CLI_EXIT_USAGE;
}

gboolean
cli_parse_options (const char    *command,
                   const char    *parameter_string,
                   GOptionEntry  *entries,
                   int           *argc,
                   char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command, parameter_string);

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_fail_usage ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  zicha_i18n_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }

  name = argv[1];

  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      printf ("zicha-cli %s\n", zicha_version_string ());
      return CLI_EXIT_OK;
    }

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }

  for (const CliCommand *c = commands; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c->run (argc - 1, argv + 1);

  fprintf (stderr, _("zicha-cli: unknown command “%s”"), name);
  fputc ('\n', stderr);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
