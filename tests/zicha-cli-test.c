/* zicha-cli-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <sys/wait.h>

#include "zicha-cli-test.h"

ZichaCliResult *
zicha_cli_run (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ZichaCliResult *result = g_new0 (ZichaCliResult, 1);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) ZICHA_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &result->out, &result->err, &wait_status, &error))
    g_error ("Could not run %s: %s", ZICHA_CLI_PATH, error->message);

  if (WIFEXITED (wait_status))
    result->exit_status = WEXITSTATUS (wait_status);
  else
    result->exit_status = -1;  /* killed by a signal: a crash */

  return result;
}

ZichaCliResult *
zicha_cli_run_va (const char *first_arg,
                  ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return zicha_cli_run ((const char * const *) args->pdata);
}

void
zicha_cli_result_free (ZichaCliResult *result)
{
  if (result == NULL)
    return;

  g_free (result->out);
  g_free (result->err);
  g_free (result);
}
