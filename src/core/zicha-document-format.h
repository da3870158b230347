/* zicha-document-format.h — answers as the printed documents show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "zicha-form.h"

G_BEGIN_DECLS

typedef enum
{
  /* As a sentence uses it: numbers without unit, dates 2019年6月28日,
   * choices by label, several joined with 、. */
  ZICHA_VALUE_PLAIN,
  /* In a cell of a repeatable table: short; dates 2019-06-28, yes/no as
   * 是 / 否 / 不适用. */
  ZICHA_VALUE_CELL,
  /* In the form's own rows: every option with a box, 是 ☑ 否 ☐;
   * numbers with their unit. */
  ZICHA_VALUE_FORM,
} ZichaValueStyle;

/* The text for @value (NULL: unanswered) of @item. Unanswered values give
 * "" except in ZICHA_VALUE_FORM for yes/no and choices (empty boxes). A
 * value of the wrong type is printed as it was typed. */
char *zicha_document_format_value   (ZichaFormItem   *item,
                                     JsonNode        *value,
                                     ZichaValueStyle  style);

/* 2019年6月28日, or with @chinese_numerals 二〇一九年六月二十八日 (the way
 * official documents date a seal). */
char *zicha_document_format_date    (const GDate     *date,
                                     gboolean         chinese_numerals);

/* Reads "YYYY-MM-DD"; FALSE (and @date cleared) when it is not a date. */
gboolean zicha_document_parse_date  (const char      *iso,
                                     GDate           *date);

/* The label with its display number: "1. 单位名称", "(三) …". */
char *zicha_document_format_label   (ZichaFormItem   *item);

G_END_DECLS
