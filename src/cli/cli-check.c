/* cli-check.c — zicha-cli check KIND VALUE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-check.h"
#include "cli-commands.h"
#include "zicha-code.h"

static char *
dup_kind_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < ZICHA_N_CODE_KINDS; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, zicha_code_kind_to_name ((ZichaCodeKind) i));
    }

  return g_string_free (names, FALSE);
}

int
cli_check_run (int    argc,
               char **argv)
{
  g_autoptr(ZichaCodeCheck) check = NULL;
  g_autoptr(GPtrArray) arguments = g_ptr_array_new ();
  g_autofree char *names = NULL;
  gboolean after_dashes = FALSE;
  ZichaCodeKind kind;

  if (!cli_parse_options ("check", _("KIND VALUE"), NULL, &argc, &argv))
    return CLI_EXIT_USAGE;

  /* GOptionContext leaves “--” in place; it only ends option parsing. */
  for (int i = 1; i < argc; i++)
    {
      if (!after_dashes && g_str_equal (argv[i], "--"))
        {
          after_dashes = TRUE;
          continue;
        }
      g_ptr_array_add (arguments, argv[i]);
    }

  if (arguments->len != 2)
    return cli_fail_usage ("%s",
                           _("check: expected exactly two arguments (usage: zicha-cli check KIND VALUE)"));

  if (!zicha_code_kind_from_name (g_ptr_array_index (arguments, 0), &kind))
    {
      names = dup_kind_names ();
      return cli_fail_usage (_("check: unknown kind “%s” (known kinds: %s)"),
                             (const char *) g_ptr_array_index (arguments, 0), names);
    }

  check = zicha_code_check (kind, g_ptr_array_index (arguments, 1));

  switch (check->status)
    {
    case ZICHA_CODE_OK:
      printf ("%s\n", check->normalized);
      return CLI_EXIT_OK;

    case ZICHA_CODE_WARNING:
      printf ("%s\n", check->normalized);
      fflush (stdout);
      fprintf (stderr, _("Warning: %s / %s"), check->message_zh, check->message_en);
      fputc ('\n', stderr);
      return CLI_EXIT_OK;

    case ZICHA_CODE_INVALID:
    default:
      fprintf (stderr, "%s / %s\n", check->message_zh, check->message_en);
      return CLI_EXIT_NEGATIVE;
    }
}
