/* zicha-localized-text.h — a text of a form in Chinese and English
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZICHA_TYPE_LOCALIZED_TEXT (zicha_localized_text_get_type ())

/* Immutable once made. "zh" is the form's own wording and always set;
 * "en" may be NULL, and then English falls back to Chinese. */
typedef struct _ZichaLocalizedText ZichaLocalizedText;

GType               zicha_localized_text_get_type (void) G_GNUC_CONST;
ZichaLocalizedText *zicha_localized_text_new      (const char         *zh,
                                                   const char         *en);
ZichaLocalizedText *zicha_localized_text_ref      (ZichaLocalizedText *text);
void                zicha_localized_text_unref    (ZichaLocalizedText *text);
const char         *zicha_localized_text_get_zh   (const ZichaLocalizedText *text);
/* Never NULL: the English text, or the Chinese one when there is none. */
const char         *zicha_localized_text_get_en   (const ZichaLocalizedText *text);
/* language "zh…" → Chinese, anything else → English (with fallback). */
const char         *zicha_localized_text_get      (const ZichaLocalizedText *text,
                                                   const char               *language);
/* The text for the current locale (g_get_language_names ()). */
const char         *zicha_localized_text_get_for_locale (const ZichaLocalizedText *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaLocalizedText, zicha_localized_text_unref)

G_END_DECLS
