/* zicha-document-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include <string.h>

#include "zicha-document-format.h"
#include "zicha-document-text.h"

static const char * const digits[] = {
  "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};

/* 1–31 the way dates write them: 十, 十一, 二十, 二十八, 三十一. */
static void
append_chinese_number (GString *out,
                       guint    n)
{
  if (n >= 10)
    {
      if (n / 10 > 1)
        g_string_append (out, digits[n / 10]);
      g_string_append (out, "十");
      if (n % 10 != 0)
        g_string_append (out, digits[n % 10]);
    }
  else
    g_string_append (out, digits[n]);
}

char *
zicha_document_format_date (const GDate *date,
                            gboolean     chinese_numerals)
{
  GString *out;
  g_autofree char *year = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (!chinese_numerals)
    return g_strdup_printf ("%u年%u月%u日", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));

  out = g_string_new (NULL);
  year = g_strdup_printf ("%u", g_date_get_year (date));
  for (const char *p = year; *p != '\0'; p++)
    g_string_append (out, digits[*p - '0']);
  g_string_append (out, "年");
  append_chinese_number (out, g_date_get_month (date));
  g_string_append (out, "月");
  append_chinese_number (out, g_date_get_day (date));
  g_string_append (out, "日");

  return g_string_free (out, FALSE);
}

gboolean
zicha_document_parse_date (const char *iso,
                           GDate      *date)
{
  guint64 year, month, day;

  g_date_clear (date, 1);
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;

  year = g_ascii_strtoull (iso, NULL, 10);
  month = g_ascii_strtoull (iso + 5, NULL, 10);
  day = g_ascii_strtoull (iso + 8, NULL, 10);
  if (year > G_MAXUINT16 || month > 12 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
zicha_document_format_label (ZichaFormItem *item)
{
  const char *number = zicha_form_item_get_number (item);
  const char *label = zicha_localized_text_get_zh (zicha_form_item_get_label (item));

  if (number == NULL || *number == '\0')
    return g_strdup (label);
  /* "1" → "1. …"; numbers that carry their own punctuation stay as they are. */
  if (g_ascii_isdigit (number[strlen (number) - 1]))
    return g_strdup_printf ("%s. %s", number, label);
  return g_strdup_printf ("%s %s", number, label);
}

static const char *
string_of (JsonNode *value)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);
  return NULL;
}

/* A value that is not what the item wants: printed as typed. */
static char *
as_typed (JsonNode *value)
{
  const char *text = string_of (value);

  if (text != NULL)
    return g_strdup (text);
  return json_to_string (value, FALSE);
}

static char *
format_number (ZichaFormItem   *item,
               JsonNode        *value,
               ZichaValueStyle  style)
{
  g_autofree char *number = NULL;
  const ZichaLocalizedText *unit = zicha_form_item_get_unit (item);

  if (!JSON_NODE_HOLDS_VALUE (value))
    return as_typed (value);

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      break;

    case G_TYPE_DOUBLE:
      {
        int decimals = zicha_form_item_get_decimals (item);
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        if (decimals >= 0)
          number = g_strdup_printf ("%.*f", decimals, json_node_get_double (value));
        else
          number = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", json_node_get_double (value)));
      }
      break;

    default:
      return as_typed (value);
    }

  if (style == ZICHA_VALUE_FORM && unit != NULL)
    return g_strdup_printf ("%s %s", number, zicha_localized_text_get_zh (unit));
  return g_steal_pointer (&number);
}

static char *
format_date (JsonNode        *value,
             ZichaValueStyle  style)
{
  const char *text = string_of (value);
  GDate date;

  if (text == NULL)
    return as_typed (value);

  if (!zicha_document_parse_date (text, &date) || style == ZICHA_VALUE_CELL)
    return g_strdup (text);
  return zicha_document_format_date (&date, FALSE);
}

static gboolean
array_has (JsonNode   *value,
           const char *option)
{
  JsonArray *array;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (g_strcmp0 (string_of (element), option) == 0)
        return TRUE;
    }
  return FALSE;
}

/* 是 ☑　否 ☐ — the way printed forms show a choice. */
static void
append_box (GString    *out,
            const char *label,
            gboolean    checked)
{
  const ZichaDocumentText *text = zicha_document_text_get ();

  if (out->len > 0)
    g_string_append (out, "　");
  g_string_append (out, label);
  g_string_append_c (out, ' ');
  g_string_append (out, checked ? text->box_checked : text->box_empty);
}

static char *
format_options (ZichaFormItem   *item,
                JsonNode        *value,
                ZichaValueStyle  style)
{
  gboolean multi = zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_MULTI_CHOICE;
  const char *chosen = string_of (value);
  GString *out = g_string_new (NULL);

  if (value != NULL && (multi ? !JSON_NODE_HOLDS_ARRAY (value) : chosen == NULL))
    {
      g_string_free (out, TRUE);
      return as_typed (value);
    }

  for (guint i = 0; i < zicha_form_item_get_n_options (item); i++)
    {
      const ZichaFormOption *option = zicha_form_item_get_option (item, i);
      gboolean checked = multi ? array_has (value, option->value) : g_strcmp0 (chosen, option->value) == 0;
      const char *label = zicha_localized_text_get_zh (option->label);

      if (style == ZICHA_VALUE_FORM)
        append_box (out, label, checked);
      else if (checked)
        {
          if (out->len > 0)
            g_string_append (out, "、");
          g_string_append (out, label);
        }
    }

  /* A value the options do not know: show it rather than lose it. */
  if (style != ZICHA_VALUE_FORM && out->len == 0 && value != NULL && !multi)
    g_string_append (out, chosen);

  return g_string_free (out, FALSE);
}

static char *
format_yes_no (ZichaFormItem   *item,
               JsonNode        *value,
               ZichaValueStyle  style)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  const char *answer = string_of (value);
  GString *out;

  if (value != NULL && answer == NULL)
    return as_typed (value);

  if (style != ZICHA_VALUE_FORM)
    {
      if (g_strcmp0 (answer, "yes") == 0)
        return g_strdup (text->yes);
      if (g_strcmp0 (answer, "no") == 0)
        return g_strdup (text->no);
      if (g_strcmp0 (answer, "na") == 0)
        return g_strdup (text->na);
      return g_strdup (answer != NULL ? answer : "");
    }

  out = g_string_new (NULL);
  append_box (out, text->yes, g_strcmp0 (answer, "yes") == 0);
  append_box (out, text->no, g_strcmp0 (answer, "no") == 0);
  if (zicha_form_item_get_not_applicable (item) || g_strcmp0 (answer, "na") == 0)
    append_box (out, text->na, g_strcmp0 (answer, "na") == 0);
  return g_string_free (out, FALSE);
}

char *
zicha_document_format_value (ZichaFormItem   *item,
                             JsonNode        *value,
                             ZichaValueStyle  style)
{
  ZichaFormItemType type = zicha_form_item_get_item_type (item);

  if (value != NULL && JSON_NODE_HOLDS_NULL (value))
    value = NULL;

  switch (type)
    {
    case ZICHA_FORM_ITEM_YES_NO:
      return format_yes_no (item, value, style);

    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return format_options (item, value, style);

    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
      return value != NULL ? format_number (item, value, style) : g_strdup ("");

    case ZICHA_FORM_ITEM_DATE:
      return value != NULL ? format_date (value, style) : g_strdup ("");

    case ZICHA_FORM_ITEM_TABLE:
      return g_strdup ("");

    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
    case ZICHA_FORM_ITEM_CODE:
    default:
      return value != NULL ? as_typed (value) : g_strdup ("");
    }
}
