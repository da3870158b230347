/* cli-platform-options.h — what the commands that talk to the platform
 * share: --server, --token-file, --trust-certificate, one pass of the
 * outbox, and how they show IDs and times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>

#include "zicha-form.h"
#include "zicha-store.h"
#include "zicha-sync.h"

G_BEGIN_DECLS

/* What --server, --token-file and --trust-certificate say;
 * CLI_PLATFORM_OPTION_ENTRIES (options) are their GOptionEntry rows. */
typedef struct
{
  char *server;
  char *token_file;
  char *certificate_file;
} CliPlatformOptions;

void cli_platform_options_clear (CliPlatformOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliPlatformOptions, cli_platform_options_clear)

#define CLI_PLATFORM_OPTION_ENTRIES(options)                                                                  \
  { "server", 0, 0, G_OPTION_ARG_STRING, &(options).server,                                                   \
    N_("The platform’s address (default: $ZICHA_SERVER, else the form’s platform address)"), N_("URL") },    \
  { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &(options).token_file,                                         \
    N_("Read the unit token from FILE, which only you may read (default: $ZICHA_TOKEN, else the keyring)"),   \
    N_("FILE") },                                                                                             \
  { "trust-certificate", 0, 0, G_OPTION_ARG_FILENAME, &(options).certificate_file,                            \
    N_("Trust the platform’s self-signed certificate in FILE (PEM); only that certificate"), N_("FILE") }

/* The platform address: --server, else $ZICHA_SERVER, else the form's;
 * NULL when there is none. */
const char *cli_platform_options_get_server (const CliPlatformOptions *options,
                                             ZichaForm                *form);
/* The sync for @server with the unit token (--token-file, $ZICHA_TOKEN, the
 * keyring) and the trusted certificate; prints why not (one line) and
 * returns NULL. */
ZichaSync  *cli_platform_options_new_sync   (const CliPlatformOptions *options,
                                             ZichaStore               *store,
                                             ZichaForm                *form,
                                             const char               *server);
/* Runs one pass ("send now", ZICHA_SYNC_RUN_ALL) and waits for it; the
 * outcomes, or NULL with @error set when the pass could not run at all. */
GPtrArray  *cli_platform_run_pass           (ZichaSync                *sync,
                                             GError                  **error);

/* The first 8 characters of a UUID, as the tables show it. */
char       *cli_short_id                    (const char               *uuid);
/* @time in local time, to the second; "-" for NULL. */
char       *cli_format_time                 (GDateTime                *time);

G_END_DECLS
