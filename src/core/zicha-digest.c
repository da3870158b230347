/* zicha-digest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-digest"

#include "config.h"

#include <string.h>

#include <nettle/base16.h>
#include <nettle/sha2.h>

#include "zicha-digest.h"

G_STATIC_ASSERT (BASE16_ENCODE_LENGTH (SHA256_DIGEST_SIZE) == 64);

/* The lower-case hex of the context's digest (nettle's base16 writes
 * lower case, as GChecksum does); resets @context. */
static char *
sha256_finish_hex (struct sha256_ctx *context)
{
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (BASE16_ENCODE_LENGTH (SHA256_DIGEST_SIZE) + 1);

  sha256_digest (context, sizeof digest, digest);
  base16_encode_update (hex, sizeof digest, digest);
  hex[BASE16_ENCODE_LENGTH (SHA256_DIGEST_SIZE)] = '\0';
  return hex;
}

char *
zicha_sha256_hex (const void *data,
                  gsize       length)
{
  struct sha256_ctx context;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  sha256_init (&context);
  sha256_update (&context, length, data);
  return sha256_finish_hex (&context);
}

char *
zicha_sha256_hex_for_bytes (GBytes *bytes)
{
  gsize length;
  const void *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return zicha_sha256_hex (data, length);
}

/* The row as the digest line writes it. */
static const char *
row_token (const ZichaAttachment *attachment)
{
  return attachment->row_uuid != NULL && *attachment->row_uuid != '\0' ? attachment->row_uuid : "-";
}

/* Byte-wise: strcmp() compares as unsigned char, so UTF-8 sorts by code
 * point, the same order the platform's sort gives. */
static int
compare_attachment_lines (gconstpointer a,
                          gconstpointer b)
{
  const ZichaAttachment *x = *(const ZichaAttachment * const *) a;
  const ZichaAttachment *y = *(const ZichaAttachment * const *) b;
  int order;

  order = strcmp (x->field_path, y->field_path);
  if (order == 0)
    order = strcmp (row_token (x), row_token (y));
  if (order == 0)
    order = strcmp (x->sha256, y->sha256);
  return order;
}

char *
zicha_report_digest_for_text (const char *canonical_answers,
                              gsize       length,
                              GPtrArray  *attachments)
{
  struct sha256_ctx checksum;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_val_if_fail (canonical_answers != NULL || length == 0, NULL);

  sha256_init (&checksum);
  sha256_update (&checksum, length, (const guint8 *) canonical_answers);

  if (attachments != NULL)
    for (guint i = 0; i < attachments->len; i++)
      {
        ZichaAttachment *attachment = g_ptr_array_index (attachments, i);

        g_return_val_if_fail (attachment->field_path != NULL, NULL);
        g_return_val_if_fail (zicha_digest_is_valid_sha256 (attachment->sha256), NULL);
        g_ptr_array_add (sorted, attachment);
      }
  g_ptr_array_sort (sorted, compare_attachment_lines);

  for (guint i = 0; i < sorted->len; i++)
    {
      const ZichaAttachment *attachment = g_ptr_array_index (sorted, i);
      g_autofree char *line = g_strconcat ("\n", attachment->sha256, " ", attachment->field_path,
                                           " ", row_token (attachment), NULL);

      sha256_update (&checksum, strlen (line), (const guint8 *) line);
    }

  return sha256_finish_hex (&checksum);
}

char *
zicha_report_digest (ZichaAnswers *answers,
                     GPtrArray    *attachments)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);

  text = zicha_answers_to_string (answers);
  return zicha_report_digest_for_text (text, strlen (text), attachments);
}

gboolean
zicha_digest_is_valid_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}
