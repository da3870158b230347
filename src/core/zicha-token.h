/* zicha-token.h — the unit token: from a file, the environment or the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The platform gives each unit a bearer token (docs/platform-api.md,
 * "Authentication and units"). Where it comes from, first match wins:
 *
 *   1. an explicit file (zicha-cli --token-file FILE), refused unless it is
 *      a regular file owned by the current user and readable by nobody
 *      else (mode 0600 or 0400);
 *   2. the environment variable ZICHA_TOKEN;
 *   3. the keyring (libsecret, schema "io.github.zicha.Zicha.Token",
 *      attribute "platform" = the platform's base URL).
 *
 * Nothing here writes a token to a log.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ZICHA_TOKEN_ERROR (zicha_token_error_quark ())

typedef enum
{
  ZICHA_TOKEN_ERROR_NOT_FOUND,     /* no token anywhere */
  ZICHA_TOKEN_ERROR_INSECURE_FILE, /* the file others could read or change */
  ZICHA_TOKEN_ERROR_INVALID,       /* empty, or characters a header cannot carry */
  ZICHA_TOKEN_ERROR_NO_KEYRING,    /* no Secret Service (headless, CI) */
  ZICHA_TOKEN_ERROR_FAILED,        /* the file could not be read */
} ZichaTokenError;

GQuark zicha_token_error_quark (void);

typedef enum
{
  ZICHA_TOKEN_SOURCE_FILE,
  ZICHA_TOKEN_SOURCE_ENVIRONMENT,
  ZICHA_TOKEN_SOURCE_KEYRING,
} ZichaTokenSource;

#define ZICHA_TOKEN_ENV            "ZICHA_TOKEN"
#define ZICHA_TOKEN_SECRET_SCHEMA  "io.github.zicha.Zicha.Token"
/* A token file is read up to this size. */
#define ZICHA_TOKEN_MAX_FILE_SIZE  4096

/* Whether @token can be sent as "Authorization: Bearer TOKEN": 1 to 512
 * printable ASCII characters without spaces. */
gboolean  zicha_token_is_valid            (const char        *token);

/* The token in @path, without surrounding white space. */
char     *zicha_token_read_file           (const char        *path,
                                           GError           **error);
/* $ZICHA_TOKEN, or NULL (no error) when unset or empty. */
char     *zicha_token_from_environment    (GError           **error);

/* The keyring. Lookup gives NULL without error when the keyring has no
 * token for @platform_url. */
char     *zicha_token_lookup              (const char        *platform_url,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean  zicha_token_store               (const char        *platform_url,
                                           const char        *token,
                                           GCancellable      *cancellable,
                                           GError           **error);
gboolean  zicha_token_clear               (const char        *platform_url,
                                           GCancellable      *cancellable,
                                           GError           **error);
/* The same without blocking, for the app. */
void      zicha_token_lookup_async        (const char          *platform_url,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char     *zicha_token_lookup_finish       (GAsyncResult        *result,
                                           GError             **error);
void      zicha_token_store_async         (const char          *platform_url,
                                           const char          *token,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean  zicha_token_store_finish        (GAsyncResult        *result,
                                           GError             **error);

/* In the order above: @token_file (nullable), then the environment, then
 * the keyring for @platform_url (nullable: not consulted). @source
 * (nullable) says where it came from. */
char     *zicha_token_find                (const char        *token_file,
                                           const char        *platform_url,
                                           ZichaTokenSource  *source,
                                           GError           **error);

G_END_DECLS
