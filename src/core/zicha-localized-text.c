/* zicha-localized-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-localized-text.h"

struct _ZichaLocalizedText
{
  gatomicrefcount ref_count;
  char *zh;
  char *en;
};

G_DEFINE_BOXED_TYPE (ZichaLocalizedText, zicha_localized_text,
                     zicha_localized_text_ref, zicha_localized_text_unref)

ZichaLocalizedText *
zicha_localized_text_new (const char *zh,
                          const char *en)
{
  ZichaLocalizedText *text;

  g_return_val_if_fail (zh != NULL, NULL);

  text = g_new0 (ZichaLocalizedText, 1);
  g_atomic_ref_count_init (&text->ref_count);
  text->zh = g_strdup (zh);
  text->en = g_strdup (en);
  return text;
}

ZichaLocalizedText *
zicha_localized_text_ref (ZichaLocalizedText *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  g_atomic_ref_count_inc (&text->ref_count);
  return text;
}

void
zicha_localized_text_unref (ZichaLocalizedText *text)
{
  g_return_if_fail (text != NULL);

  if (g_atomic_ref_count_dec (&text->ref_count))
    {
      g_free (text->zh);
      g_free (text->en);
      g_free (text);
    }
}

const char *
zicha_localized_text_get_zh (const ZichaLocalizedText *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return text->zh;
}

const char *
zicha_localized_text_get_en (const ZichaLocalizedText *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return text->en != NULL ? text->en : text->zh;
}

const char *
zicha_localized_text_get (const ZichaLocalizedText *text,
                          const char               *language)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (language == NULL || g_str_has_prefix (language, "zh"))
    return text->zh;

  return zicha_localized_text_get_en (text);
}

const char *
zicha_localized_text_get_for_locale (const ZichaLocalizedText *text)
{
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (text != NULL, NULL);

  /* Follow the locale's first language we have: Chinese for "zh…",
   * English for "en…" and for the untranslated program ("C", "POSIX"),
   * whose gettext strings are English too. Other languages look further. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "zh"))
        return text->zh;
      if (g_str_has_prefix (languages[i], "en") ||
          g_str_equal (languages[i], "C") ||
          g_str_equal (languages[i], "POSIX"))
        return zicha_localized_text_get_en (text);
    }

  return text->zh;
}
