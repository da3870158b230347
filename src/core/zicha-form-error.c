/* zicha-form-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-form-error.h"

G_DEFINE_QUARK (zicha-form-error-quark, zicha_form_error)

/* Stable names, for logs and the CLI; not translated. */
const char *
zicha_form_error_to_string (ZichaFormError code)
{
  switch (code)
    {
    case ZICHA_FORM_ERROR_SYNTAX:
      return "syntax";
    case ZICHA_FORM_ERROR_INVALID:
      return "invalid";
    case ZICHA_FORM_ERROR_UNKNOWN_TYPE:
      return "unknown-type";
    case ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND:
      return "unknown-code-kind";
    case ZICHA_FORM_ERROR_DUPLICATE_ID:
      return "duplicate-id";
    case ZICHA_FORM_ERROR_UNKNOWN_FIELD:
      return "unknown-field";
    case ZICHA_FORM_ERROR_RELEVANCE_CYCLE:
      return "relevance-cycle";
    case ZICHA_FORM_ERROR_UNSUPPORTED_VERSION:
      return "unsupported-version";
    default:
      g_return_val_if_reached ("invalid");
    }
}
