/* zicha-platform-random.c — unit tokens, keys and receipt numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-platform"

#include "config.h"

#include <string.h>

#include "zicha-platform-random.h"

#define TOKEN_RANDOM_BYTES 32

GBytes *
zicha_platform_random_bytes (gsize    n_bytes,
                             GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *data = g_malloc (n_bytes);
  gsize n_read = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, n_bytes, &n_read, NULL, error))
    return NULL;

  if (n_read != n_bytes)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "/dev/urandom gave fewer bytes than asked for");
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&data), n_bytes);
}

char *
zicha_platform_token_new (GError **error)
{
  g_autoptr(GBytes) random = zicha_platform_random_bytes (TOKEN_RANDOM_BYTES, error);
  g_autofree char *encoded = NULL;
  gsize length;

  if (random == NULL)
    return NULL;

  /* base64 → base64url without padding: safe in headers, files and
   * command lines. */
  encoded = g_base64_encode (g_bytes_get_data (random, NULL), g_bytes_get_size (random));
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  length = strlen (encoded);
  while (length > 0 && encoded[length - 1] == '=')
    encoded[--length] = '\0';

  return g_strconcat (ZICHA_PLATFORM_TOKEN_PREFIX, encoded, NULL);
}

gboolean
zicha_platform_token_is_well_formed (const char *text)
{
  if (text == NULL || strlen (text) != ZICHA_PLATFORM_TOKEN_LENGTH ||
      !g_str_has_prefix (text, ZICHA_PLATFORM_TOKEN_PREFIX))
    return FALSE;

  for (const char *p = text + strlen (ZICHA_PLATFORM_TOKEN_PREFIX); *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

char *
zicha_platform_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
zicha_platform_receipt_number_new (GDateTime  *now,
                                   GError    **error)
{
  /* Crockford's base32: no I, L, O, U, so a number read aloud or typed
   * from paper is not misread. */
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  g_autoptr(GBytes) random = zicha_platform_random_bytes (8, error);
  g_autofree char *date = NULL;
  const guint8 *data;
  guint64 bits = 0;
  char code[13];

  if (random == NULL)
    return NULL;

  data = g_bytes_get_data (random, NULL);
  for (guint i = 0; i < 8; i++)
    bits = (bits << 8) | data[i];

  for (guint i = 0; i < 12; i++)
    {
      code[i] = alphabet[bits & 0x1f];
      bits >>= 5;
    }
  code[12] = '\0';

  date = g_date_time_format (now, "%Y%m%d");
  return g_strdup_printf ("ZP-%s-%s", date, code);
}
