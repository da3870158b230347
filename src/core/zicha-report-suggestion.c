/* zicha-report-suggestion.c — a problem and its measure, suggested for
 * the 自查报告
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-report-suggestion"

#include "config.h"

#include "zicha-report-suggestion.h"

void
zicha_report_suggestion_clear (ZichaReportSuggestion *suggestion)
{
  g_return_if_fail (suggestion != NULL);

  g_clear_pointer (&suggestion->row_id, g_free);
  g_clear_pointer (&suggestion->notice_id, g_free);
  g_clear_pointer (&suggestion->sentence, g_free);
  g_clear_pointer (&suggestion->problem, g_free);
  g_clear_pointer (&suggestion->measure, g_free);
  g_clear_pointer (&suggestion->owner, g_free);
  g_clear_pointer (&suggestion->deadline_iso, g_free);
}

void
zicha_report_suggestion_set_deadline (ZichaReportSuggestion *suggestion,
                                      const GDate           *deadline)
{
  char buffer[16];

  g_return_if_fail (suggestion != NULL);
  g_return_if_fail (deadline != NULL && g_date_valid (deadline));

  suggestion->deadline = *deadline;
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", deadline);
  g_free (suggestion->deadline_iso);
  suggestion->deadline_iso = g_strdup (buffer);
}

GHashTable *
zicha_report_collect_problems (ZichaAnswers *answers)
{
  GHashTable *problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ZichaFormItem *table;
  ZichaFormItem *column;
  guint n;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), problems);

  table = zicha_form_lookup_item (zicha_answers_get_form (answers), ZICHA_REPORT_MEASURES_PATH, NULL);
  if (table == NULL || zicha_form_item_get_item_type (table) != ZICHA_FORM_ITEM_TABLE)
    return problems;
  column = zicha_form_item_lookup_column (table, "problem");
  if (column == NULL)
    return problems;

  n = zicha_answers_get_n_rows (answers, table);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *value = zicha_answers_get_value (answers, column, zicha_answers_get_row_id (answers, table, i));

      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_add (problems, g_strstrip (g_strdup (json_node_get_string (value))));
    }
  return problems;
}

/* 一 … 九十九, for numbering problems. */
static void
append_chinese_number (GString *out,
                       guint    n)
{
  static const char * const digits[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

  if (n >= 100)
    {
      g_string_append_printf (out, "%u", n);
      return;
    }
  if (n >= 10)
    {
      if (n >= 20)
        g_string_append (out, digits[n / 10]);
      g_string_append (out, "十");
      if (n % 10 != 0)
        g_string_append (out, digits[n % 10]);
      return;
    }
  g_string_append (out, digits[n]);
}

char *
zicha_report_suggestions_dup_problems_text (GPtrArray *suggestions)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (suggestions != NULL, NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const ZichaReportSuggestion *suggestion = suggestions->pdata[i];

      if (suggestion->in_report)
        continue;
      if (n > 0)
        g_string_append (text, "；");
      append_chinese_number (text, ++n);
      g_string_append (text, "是");
      g_string_append (text, suggestion->sentence);
    }

  if (n == 0)
    return NULL;
  g_string_append (text, "。");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
