/* zicha-command-line.c — the commands of zicha-cli and zicha-platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zicha-command-line.h"
#include "zicha-version.h"

int
zicha_command_line_run (const char          *program,
                        const ZichaCommand  *commands,
                        ZichaUsageFunc       print_usage,
                        int                  argc,
                        char               **argv)
{
  const char *name;

  g_return_val_if_fail (program != NULL && commands != NULL && print_usage != NULL, ZICHA_EXIT_USAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return ZICHA_EXIT_USAGE;
    }

  name = argv[1];

  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      printf ("%s %s\n", program, zicha_version_string ());
      return ZICHA_EXIT_OK;
    }

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return ZICHA_EXIT_OK;
    }

  for (const ZichaCommand *c = commands; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c->run (argc - 1, argv + 1);

  /* TRANSLATORS: the first %s is the program, zicha-cli or zicha-platform */
  fprintf (stderr, _("%s: unknown command “%s”"), program, name);
  fputc ('\n', stderr);
  print_usage (stderr);
  return ZICHA_EXIT_USAGE;
}
