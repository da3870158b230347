/* cli-platform-options.c — what the commands that talk to the platform
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-cli"

#include "config.h"

#include "cli-commands.h"
#include "cli-platform-options.h"
#include "zicha-token.h"

#define SERVER_ENV "ZICHA_SERVER"

void
cli_platform_options_clear (CliPlatformOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->token_file, g_free);
  g_clear_pointer (&options->certificate_file, g_free);
}

const char *
cli_platform_options_get_server (const CliPlatformOptions *options,
                                 ZichaForm                *form)
{
  const char *env = g_getenv (SERVER_ENV);
  const char *server;

  if (options->server != NULL && *options->server != '\0')
    server = options->server;
  else if (env != NULL && *env != '\0')
    server = env;
  else
    server = zicha_form_get_platform_url (form);

  if (server == NULL || *server == '\0')
    return NULL;

  return server;
}

ZichaSync *
cli_platform_options_new_sync (const CliPlatformOptions *options,
                               ZichaStore               *store,
                               ZichaForm                *form,
                               const char               *server)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  ZichaSync *sync;

  token = zicha_token_find (options->token_file, server, NULL, &error);
  if (token == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }

  if (options->certificate_file != NULL)
    {
      certificate = g_tls_certificate_new_from_file (options->certificate_file, &error);
      if (certificate == NULL)
        {
          cli_fail_error (error, CLI_EXIT_USAGE);
          return NULL;
        }
    }

  sync = zicha_sync_new (store, form, server, token, &error);
  if (sync == NULL)
    {
      cli_fail_error (error, CLI_EXIT_USAGE);
      return NULL;
    }
  if (certificate != NULL)
    zicha_sync_set_trusted_certificate (sync, certificate);

  return sync;
}

typedef struct
{
  gboolean   done;
  GPtrArray *outcomes;
  GError    *error;
} PassWait;

static void
pass_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PassWait *wait = user_data;

  wait->outcomes = zicha_sync_run_finish (ZICHA_SYNC (source), result, &wait->error);
  wait->done = TRUE;
}

GPtrArray *
cli_platform_run_pass (ZichaSync  *sync,
                       GError    **error)
{
  PassWait wait = { FALSE, NULL, NULL };

  zicha_sync_run_async (sync, ZICHA_SYNC_RUN_ALL, NULL, pass_cb, &wait);
  /* Bounded: every request has the session's timeout. */
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  if (wait.outcomes == NULL)
    g_propagate_error (error, wait.error);

  return wait.outcomes;
}

char *
cli_short_id (const char *uuid)
{
  return g_strndup (uuid, 8);
}

char *
cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("-");

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}
