/* zicha-token.c — the unit token: from a file, the environment or the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "zicha-token.h"

G_DEFINE_QUARK (zicha-token-error-quark, zicha_token_error)

#define MAX_TOKEN_LENGTH 512

gboolean
zicha_token_is_valid (const char *token)
{
  gsize length;

  if (token == NULL)
    return FALSE;

  length = strlen (token);
  if (length == 0 || length > MAX_TOKEN_LENGTH)
    return FALSE;

  /* Anything else could end or split the Authorization header. */
  for (const char *p = token; *p != '\0'; p++)
    if (*p <= ' ' || *p >= 0x7f)
      return FALSE;

  return TRUE;
}

static char *
checked_token (char      *text,
               GError   **error)
{
  g_autofree char *token = text;

  g_strstrip (token);
  if (!zicha_token_is_valid (token))
    {
      g_set_error_literal (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID,
                           _("The unit token is empty or has characters a token cannot have."));
      return NULL;
    }

  return g_steal_pointer (&token);
}

/* The file ---------------------------------------------------------------- */

char *
zicha_token_read_file (const char  *path,
                       GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* O_NONBLOCK: a FIFO must not hang us before fstat() refuses it. The
   * checks are on the opened file, so it cannot be swapped in between. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_FAILED,
                   _("Could not read the token file “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_FAILED,
                   _("Could not read the token file “%s”: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE,
                   _("Refusing the token file “%s”: it is not a regular file."), path);
      return NULL;
    }

  if (st.st_uid != getuid ())
    {
      close (fd);
      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE,
                   _("Refusing the token file “%s”: it belongs to another user. "
                     "Keep the token in a file of your own that only you can read (chmod 600)."),
                   path);
      return NULL;
    }

  if ((st.st_mode & 077) != 0)
    {
      close (fd);
      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INSECURE_FILE,
                   _("Refusing the token file “%s”: other users can access it (mode %04o). "
                     "Make it readable only by you with “chmod 600 %s”."),
                   path, (unsigned) (st.st_mode & 07777), path);
      return NULL;
    }

  if (st.st_size > ZICHA_TOKEN_MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID,
                   _("The token file “%s” is too large to hold a token."), path);
      return NULL;
    }

  buffer = g_malloc0 (ZICHA_TOKEN_MAX_FILE_SIZE + 1);
  while (length < ZICHA_TOKEN_MAX_FILE_SIZE)
    {
      gssize n = read (fd, buffer + length, ZICHA_TOKEN_MAX_FILE_SIZE - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_FAILED,
                       _("Could not read the token file “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }
  close (fd);

  if (memchr (buffer, '\0', length) != NULL)
    {
      g_set_error_literal (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID,
                           _("The unit token is empty or has characters a token cannot have."));
      return NULL;
    }

  return checked_token (g_steal_pointer (&buffer), error);
}

/* The environment --------------------------------------------------------- */

char *
zicha_token_from_environment (GError **error)
{
  const char *value = g_getenv (ZICHA_TOKEN_ENV);

  if (value == NULL || *value == '\0')
    return NULL;

  return checked_token (g_strdup (value), error);
}

/* The keyring ------------------------------------------------------------- */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    ZICHA_TOKEN_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* "https://p.example/" and "https://p.example" are one platform. */
static char *
platform_key (const char *platform_url)
{
  char *key = g_strdup (platform_url);
  gsize length = strlen (key);

  while (length > 0 && key[length - 1] == '/')
    key[--length] = '\0';

  return key;
}

/* Whatever libsecret says (no D-Bus session, no Secret Service, a locked
 * collection the user would not unlock) means the same for us. */
static void
set_keyring_error (GError  **error,
                   GError   *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_debug ("Keyring: %s", cause->message);
  g_set_error_literal (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_NO_KEYRING,
                       _("No keyring available; use --token-file or ZICHA_TOKEN."));
  g_error_free (cause);
}

static char *
take_password (char      *password,
               GError   **error)
{
  char *token;

  if (password == NULL)
    return NULL;

  token = checked_token (g_strdup (password), error);
  secret_password_free (password);
  return token;
}

char *
zicha_token_lookup (const char    *platform_url,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *key = NULL;
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (platform_url != NULL, NULL);

  key = platform_key (platform_url);
  password = secret_password_lookup_sync (token_schema (), cancellable, &local_error,
                                          "platform", key, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return NULL;
    }

  return take_password (password, error);
}

gboolean
zicha_token_store (const char    *platform_url,
                   const char    *token,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (platform_url != NULL, FALSE);

  if (!zicha_token_is_valid (token))
    {
      g_set_error_literal (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID,
                           _("The unit token is empty or has characters a token cannot have."));
      return FALSE;
    }

  key = platform_key (platform_url);
  /* TRANSLATORS: the name of the token in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("Zicha unit token for %s"), key);
  if (!secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, &local_error, "platform", key, NULL))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
zicha_token_clear (const char    *platform_url,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *key = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (platform_url != NULL, FALSE);

  key = platform_key (platform_url);
  secret_password_clear_sync (token_schema (), cancellable, &local_error, "platform", key, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *local_error = NULL;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &local_error);
  char *token;

  if (local_error != NULL)
    {
      set_keyring_error (&error, local_error);
      g_task_return_error (task, error);
      return;
    }

  token = take_password (password, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
zicha_token_lookup_async (const char          *platform_url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *key = NULL;
  GTask *task;

  g_return_if_fail (platform_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zicha_token_lookup_async);
  key = platform_key (platform_url);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task, "platform", key, NULL);
}

char *
zicha_token_lookup_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *local_error = NULL;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &local_error))
    {
      set_keyring_error (&error, local_error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
zicha_token_store_async (const char          *platform_url,
                         const char          *token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (platform_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zicha_token_store_async);

  if (!zicha_token_is_valid (token))
    {
      g_task_return_new_error (task, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_INVALID, "%s",
                               _("The unit token is empty or has characters a token cannot have."));
      g_object_unref (task);
      return;
    }

  key = platform_key (platform_url);
  label = g_strdup_printf (_("Zicha unit token for %s"), key);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, task, "platform", key, NULL);
}

gboolean
zicha_token_store_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* All together ------------------------------------------------------------ */

char *
zicha_token_find (const char        *token_file,
                  const char        *platform_url,
                  ZichaTokenSource  *source,
                  GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  char *token;

  if (token_file != NULL)
    {
      if (source != NULL)
        *source = ZICHA_TOKEN_SOURCE_FILE;
      return zicha_token_read_file (token_file, error);
    }

  token = zicha_token_from_environment (&local_error);
  if (token != NULL || local_error != NULL)
    {
      if (source != NULL)
        *source = ZICHA_TOKEN_SOURCE_ENVIRONMENT;
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return token;
    }

  if (platform_url != NULL)
    {
      token = zicha_token_lookup (platform_url, NULL, &local_error);
      if (source != NULL)
        *source = ZICHA_TOKEN_SOURCE_KEYRING;
      if (token != NULL)
        return token;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error_literal (error, ZICHA_TOKEN_ERROR, ZICHA_TOKEN_ERROR_NOT_FOUND,
                       _("No unit token: store it in the keyring, or use --token-file or ZICHA_TOKEN."));
  return NULL;
}
