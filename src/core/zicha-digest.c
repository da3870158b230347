/* zicha-digest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-digest"

#include "config.h"

#include <string.h>

#include "zicha-digest.h"

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
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_return_val_if_fail (canonical_answers != NULL || length == 0, NULL);

  g_checksum_update (checksum, (const guchar *) canonical_answers, length);

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

      g_checksum_update (checksum, (const guchar *) line, strlen (line));
    }

  return g_strdup (g_checksum_get_string (checksum));
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
