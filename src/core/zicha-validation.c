/* zicha-validation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-validation"

#include <math.h>
#include <string.h>

#include "zicha-canonical-json.h"
#include "zicha-code.h"
#include "zicha-validation.h"

struct _ZichaValidation
{
  GObject     parent_instance;

  ZichaForm  *form;
  GDate       report_date;
  GPtrArray  *problems;        /* of ZichaProblem */
  GArray     *progress;        /* of ZichaSectionProgress */
  guint       n_errors;
  guint       n_warnings;
  guint       n_items;
  guint8     *relevance;       /* by item index: Relevance of items and tables */
  GHashTable *row_relevance;   /* "TABLE-INDEX/ROW-ID" → guint8[n_columns] of Relevance */
};

G_DEFINE_FINAL_TYPE (ZichaValidation, zicha_validation, G_TYPE_OBJECT)

typedef enum
{
  RELEVANCE_UNKNOWN,
  RELEVANCE_COMPUTING,
  RELEVANCE_YES,
  RELEVANCE_NO,
} Relevance;

typedef struct
{
  ZichaValidation *result;
  ZichaAnswers    *answers;
  /* The row being checked and its column relevance, to spare a lookup by
   * row id for every cell. */
  ZichaFormItem   *row_table;
  const char      *row_id;
  guint8          *row_memo;
} Validator;

static void
problem_free (ZichaProblem *problem)
{
  g_free (problem->path);
  g_free (problem->row_id);
  g_free (problem->check);
  g_free (problem->message_zh);
  g_free (problem->message_en);
  g_free (problem);
}

static void
zicha_validation_finalize (GObject *object)
{
  ZichaValidation *self = ZICHA_VALIDATION (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_array_unref);
  g_clear_pointer (&self->relevance, g_free);
  g_clear_pointer (&self->row_relevance, g_hash_table_unref);
  g_clear_object (&self->form);

  G_OBJECT_CLASS (zicha_validation_parent_class)->finalize (object);
}

static void
zicha_validation_class_init (ZichaValidationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_validation_finalize;
}

static void
zicha_validation_init (ZichaValidation *self)
{
  g_date_clear (&self->report_date, 1);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->progress = g_array_new (FALSE, TRUE, sizeof (ZichaSectionProgress));
  self->row_relevance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Relevance --------------------------------------------------------------- */

static gboolean is_relevant (Validator     *v,
                             ZichaFormItem *item,
                             const char    *row_id);

/* What conditions see: nothing for items that are not relevant. */
static JsonNode *
lookup_relevant_value (ZichaFormItem *item,
                       const char    *row_id,
                       gpointer       user_data)
{
  Validator *v = user_data;

  if (!is_relevant (v, item, row_id))
    return NULL;

  return zicha_answers_get_value (v->answers, item, row_id);
}

static ZichaTruth
evaluate (Validator      *v,
          ZichaCondition *condition,
          const char     *row_id)
{
  ZichaConditionContext context = {
    lookup_relevant_value, v, row_id, &v->result->report_date
  };

  return zicha_condition_evaluate (condition, &context);
}

static char *
row_key (ZichaFormItem *table,
         const char    *row_id)
{
  return g_strdup_printf ("%u/%s", zicha_form_item_get_index (table), row_id);
}

static guint
column_position (ZichaFormItem *column)
{
  return zicha_form_item_get_index (column) - zicha_form_item_get_index (zicha_form_item_get_table (column)) - 1;
}

/* The relevance of the columns of one row. */
static guint8 *
row_relevance (Validator     *v,
               ZichaFormItem *table,
               const char    *row_id)
{
  g_autofree char *key = NULL;
  guint8 *columns;

  if (v->row_memo != NULL && v->row_table == table &&
      (v->row_id == row_id || g_str_equal (v->row_id, row_id)))
    return v->row_memo;

  key = row_key (table, row_id);
  columns = g_hash_table_lookup (v->result->row_relevance, key);
  if (columns == NULL)
    {
      columns = g_new0 (guint8, zicha_form_item_get_n_columns (table));
      g_hash_table_insert (v->result->row_relevance, g_steal_pointer (&key), columns);
    }

  return columns;
}

static gboolean
is_relevant (Validator     *v,
             ZichaFormItem *item,
             const char    *row_id)
{
  ZichaFormItem *table = zicha_form_item_get_table (item);
  ZichaCondition *condition;
  guint8 *state;

  if (table != NULL)
    {
      if (row_id == NULL || !is_relevant (v, table, NULL))
        return FALSE;
      state = &row_relevance (v, table, row_id)[column_position (item)];
    }
  else
    state = &v->result->relevance[zicha_form_item_get_index (item)];

  if (*state == RELEVANCE_YES)
    return TRUE;
  if (*state == RELEVANCE_NO)
    return FALSE;
  /* The loader rejects cycles; this only keeps a bug from recursing. */
  if (*state == RELEVANCE_COMPUTING)
    return TRUE;

  *state = RELEVANCE_COMPUTING;
  condition = zicha_form_item_get_relevant (item);
  /* The memo arrays never move, so @state stays valid while evaluating. */
  *state = condition == NULL || evaluate (v, condition, row_id) == ZICHA_TRUTH_TRUE
           ? RELEVANCE_YES : RELEVANCE_NO;

  return *state == RELEVANCE_YES;
}

/* Problems ---------------------------------------------------------------- */

static void
add_problem (Validator      *v,
             ZichaFormItem  *item,
             const char     *row_id,
             ZichaSeverity   severity,
             const char     *check,
             ZichaFormRule  *rule,
             char           *message_zh,   /* (transfer full) */
             char           *message_en)   /* (transfer full) */
{
  ZichaProblem *problem = g_new0 (ZichaProblem, 1);
  guint section = zicha_form_section_get_index (zicha_form_item_get_section (item));
  ZichaSectionProgress *progress = &g_array_index (v->result->progress, ZichaSectionProgress, section);

  problem->path = zicha_form_item_dup_cell_path (item, row_id);
  problem->item = item;
  problem->row_id = g_strdup (row_id);
  problem->severity = severity;
  problem->check = g_strdup (check);
  problem->rule = rule;
  problem->message_zh = message_zh;
  problem->message_en = message_en;
  g_ptr_array_add (v->result->problems, problem);

  if (severity == ZICHA_SEVERITY_ERROR)
    {
      progress->errors++;
      v->result->n_errors++;
    }
  else
    {
      progress->warnings++;
      v->result->n_warnings++;
    }
}

static void
add_rule_problem (Validator     *v,
                  ZichaFormRule *rule,
                  ZichaFormItem *item,
                  const char    *row_id)
{
  const ZichaLocalizedText *message = zicha_form_rule_get_message (rule);
  const char *id = zicha_form_rule_get_id (rule);

  add_problem (v, item, row_id, zicha_form_rule_get_severity (rule), id != NULL ? id : "constraint", rule,
               g_strdup (zicha_localized_text_get_zh (message)),
               g_strdup (zicha_localized_text_get_en (message)));
}

/* A short rendering of a value for messages. */
static char *
describe_value (JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));

  return zicha_canonical_json_to_string (value);
}

static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", number));
}

static const char *
node_string (JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);

  return NULL;
}

static gboolean
node_number (JsonNode *value,
             double   *number)
{
  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  switch (json_node_get_value_type (value))
    {
    case G_TYPE_INT64:
      *number = (double) json_node_get_int (value);
      return TRUE;
    case G_TYPE_DOUBLE:
      *number = json_node_get_double (value);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Built-in checks --------------------------------------------------------- */

/* Without libm: whole numbers in the range of gint64, which is all a
 * count can be. */
static gboolean
is_whole_number (double number)
{
  if (!isfinite (number) || number >= 9.2e18 || number <= -9.2e18)
    return FALSE;

  return number == (double) (gint64) number;
}

static gboolean
has_at_most_decimals (double number,
                      int    decimals)
{
  double scaled = number;
  double rounded;
  double difference;
  double magnitude;

  for (int i = 0; i < decimals; i++)
    scaled *= 10;

  if (scaled >= 9.2e18 || scaled <= -9.2e18)
    return TRUE;  /* too large to carry decimals in a double anyway */

  rounded = scaled >= 0 ? (double) (gint64) (scaled + 0.5) : -(double) (gint64) (-scaled + 0.5);
  difference = scaled > rounded ? scaled - rounded : rounded - scaled;
  magnitude = scaled >= 0 ? scaled : -scaled;

  /* Tolerate binary rounding: 0.1 × 10 is not exactly 1. */
  return difference <= 1e-6 * (magnitude > 1 ? magnitude : 1);
}

static gboolean
check_bounds (Validator     *v,
              ZichaFormItem *item,
              const char    *row_id,
              double         number)
{
  double bound;

  if (zicha_form_item_get_minimum (item, &bound) && number < bound)
    {
      g_autofree char *text = format_number (bound);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "min", NULL,
                   g_strdup_printf ("不能小于%s", text),
                   g_strdup_printf ("Must be at least %s", text));
      return FALSE;
    }

  if (zicha_form_item_get_maximum (item, &bound) && number > bound)
    {
      g_autofree char *text = format_number (bound);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "max", NULL,
                   g_strdup_printf ("不能大于%s", text),
                   g_strdup_printf ("Must be at most %s", text));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (Validator     *v,
            ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value)
{
  const char *text = node_string (value);
  guint max_length = zicha_form_item_get_max_length (item);
  glong length;

  if (text == NULL)
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写文字，实际为“%s”", shown),
                   g_strdup_printf ("Expected text, got “%s”", shown));
      return FALSE;
    }

  length = g_utf8_strlen (text, -1);
  if (max_length > 0 && length > (glong) max_length)
    {
      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "max_length", NULL,
                   g_strdup_printf ("不能超过%u个字符（现为%ld个）", max_length, length),
                   g_strdup_printf ("At most %u characters (now %ld)", max_length, length));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_integer (Validator     *v,
               ZichaFormItem *item,
               const char    *row_id,
               JsonNode      *value)
{
  double number;

  if (!node_number (value, &number) || !is_whole_number (number))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写整数，实际为“%s”", shown),
                   g_strdup_printf ("Expected a whole number, got “%s”", shown));
      return FALSE;
    }

  return check_bounds (v, item, row_id, number);
}

static gboolean
check_decimal (Validator     *v,
               ZichaFormItem *item,
               const char    *row_id,
               JsonNode      *value)
{
  int decimals = zicha_form_item_get_decimals (item);
  double number;

  if (!node_number (value, &number) || !isfinite (number))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写数字，实际为“%s”", shown),
                   g_strdup_printf ("Expected a number, got “%s”", shown));
      return FALSE;
    }

  if (decimals >= 0 && !has_at_most_decimals (number, decimals))
    {
      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "decimals", NULL,
                   g_strdup_printf ("最多保留%d位小数", decimals),
                   g_strdup_printf ("At most %d digits after the decimal point", decimals));
      return FALSE;
    }

  return check_bounds (v, item, row_id, number);
}

static gboolean
check_date (Validator     *v,
            ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value)
{
  GDate date;

  if (!zicha_condition_parse_date (node_string (value), &date))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("日期应为YYYY-MM-DD格式的有效日期，实际为“%s”", shown),
                   g_strdup_printf ("Expected a valid date YYYY-MM-DD, got “%s”", shown));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_option (Validator     *v,
              ZichaFormItem *item,
              const char    *row_id,
              JsonNode      *value)
{
  const char *text = node_string (value);

  if (text == NULL || zicha_form_item_lookup_option (item, text) == NULL)
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                   g_strdup_printf ("“%s”不是本项的选项", shown),
                   g_strdup_printf ("“%s” is not one of the options", shown));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_options (Validator     *v,
               ZichaFormItem *item,
               const char    *row_id,
               JsonNode      *value)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应为选项列表，实际为“%s”", shown),
                   g_strdup_printf ("Expected a list of options, got “%s”", shown));
      return FALSE;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = node_string (element);

      if (!check_option (v, item, row_id, element))
        return FALSE;

      if (!g_hash_table_add (seen, (gpointer) text))
        {
          add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                       g_strdup_printf ("选项“%s”重复", text),
                       g_strdup_printf ("Option “%s” is chosen twice", text));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_yes_no (Validator     *v,
              ZichaFormItem *item,
              const char    *row_id,
              JsonNode      *value)
{
  const char *text = node_string (value);
  gboolean offers_na = zicha_form_item_get_not_applicable (item);

  if (text != NULL &&
      (g_str_equal (text, "yes") || g_str_equal (text, "no") || (offers_na && g_str_equal (text, "na"))))
    return TRUE;

  {
    g_autofree char *shown = describe_value (value);

    add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                 g_strdup_printf (offers_na ? "应为“是”“否”或“不适用”，实际为“%s”"
                                            : "应为“是”或“否”，实际为“%s”", shown),
                 g_strdup_printf (offers_na ? "Expected yes, no or not applicable, got “%s”"
                                            : "Expected yes or no, got “%s”", shown));
  }
  return FALSE;
}

static gboolean
check_code (Validator     *v,
            ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value)
{
  const char *text = node_string (value);
  const ZichaCodeKind *kinds;
  guint n_kinds = 0;
  g_autoptr(GString) reasons_zh = g_string_new (NULL);
  g_autoptr(GString) reasons_en = g_string_new (NULL);
  g_autoptr(ZichaCodeCheck) warning = NULL;

  if (text == NULL)
    return check_text (v, item, row_id, value);

  kinds = zicha_form_item_get_code_kinds (item, &n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(ZichaCodeCheck) check = zicha_code_check (kinds[i], text);

      switch (check->status)
        {
        case ZICHA_CODE_OK:
          return TRUE;

        case ZICHA_CODE_WARNING:
          if (warning == NULL)
            warning = g_steal_pointer (&check);
          break;

        case ZICHA_CODE_INVALID:
        default:
          if (n_kinds > 1)
            {
              g_string_append_printf (reasons_zh, "%s%s：%s", reasons_zh->len > 0 ? "；" : "",
                                      zicha_code_kind_label_zh (kinds[i]), check->message_zh);
              g_string_append_printf (reasons_en, "%s%s: %s", reasons_en->len > 0 ? "; " : "",
                                      zicha_code_kind_to_name (kinds[i]), check->message_en);
            }
          else
            {
              g_string_append (reasons_zh, check->message_zh);
              g_string_append (reasons_en, check->message_en);
            }
          break;
        }
    }

  if (warning != NULL)
    {
      add_problem (v, item, row_id, ZICHA_SEVERITY_WARNING, "code", NULL,
                   g_strdup (warning->message_zh), g_strdup (warning->message_en));
      return TRUE;
    }

  add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "code", NULL,
               g_strdup (reasons_zh->str), g_strdup (reasons_en->str));
  return FALSE;
}

static gboolean
check_type (Validator     *v,
            ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value)
{
  switch (zicha_form_item_get_item_type (item))
    {
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
      return check_text (v, item, row_id, value);
    case ZICHA_FORM_ITEM_INTEGER:
      return check_integer (v, item, row_id, value);
    case ZICHA_FORM_ITEM_DECIMAL:
      return check_decimal (v, item, row_id, value);
    case ZICHA_FORM_ITEM_DATE:
      return check_date (v, item, row_id, value);
    case ZICHA_FORM_ITEM_CHOICE:
      return check_option (v, item, row_id, value);
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return check_options (v, item, row_id, value);
    case ZICHA_FORM_ITEM_YES_NO:
      return check_yes_no (v, item, row_id, value);
    case ZICHA_FORM_ITEM_CODE:
      return check_code (v, item, row_id, value);
    case ZICHA_FORM_ITEM_TABLE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Items, tables, rules ---------------------------------------------------- */

static gboolean
required_applies (Validator     *v,
                  ZichaFormItem *item,
                  const char    *row_id)
{
  ZichaCondition *condition = zicha_form_item_get_required_condition (item);

  if (!zicha_form_item_is_required (item))
    return FALSE;

  return condition == NULL || evaluate (v, condition, row_id) == ZICHA_TRUTH_TRUE;
}

static void
count_required (Validator     *v,
                ZichaFormItem *item,
                gboolean       answered)
{
  guint section = zicha_form_section_get_index (zicha_form_item_get_section (item));
  ZichaSectionProgress *progress = &g_array_index (v->result->progress, ZichaSectionProgress, section);

  progress->total_required++;
  if (answered)
    progress->answered_required++;
}

static void
check_rule (Validator     *v,
            ZichaFormRule *rule,
            const char    *row_id)
{
  ZichaCondition *when = zicha_form_rule_get_when (rule);
  gboolean any_relevant = FALSE;

  for (guint i = 0; !any_relevant && i < zicha_form_rule_get_n_fields (rule); i++)
    any_relevant = is_relevant (v, zicha_form_rule_get_field (rule, i), row_id);

  if (!any_relevant)
    return;
  if (when != NULL && evaluate (v, when, row_id) != ZICHA_TRUTH_TRUE)
    return;
  if (evaluate (v, zicha_form_rule_get_condition (rule), row_id) != ZICHA_TRUTH_FALSE)
    return;

  add_rule_problem (v, rule, zicha_form_rule_get_field (rule, 0), row_id);
}

static void
check_item (Validator     *v,
            ZichaFormItem *item,
            const char    *row_id)
{
  JsonNode *value = zicha_answers_get_value (v->answers, item, row_id);
  gboolean empty = zicha_condition_node_is_empty (value);

  if (required_applies (v, item, row_id))
    {
      count_required (v, item, !empty);
      if (empty)
        add_problem (v, item, row_id, ZICHA_SEVERITY_ERROR, "required", NULL,
                     g_strdup ("此项为必填项"), g_strdup ("This field is required"));
    }

  if (empty || !check_type (v, item, row_id, value))
    return;

  for (guint i = 0; i < zicha_form_item_get_n_constraints (item); i++)
    {
      ZichaFormRule *constraint = zicha_form_item_get_constraint (item, i);
      ZichaCondition *when = zicha_form_rule_get_when (constraint);

      if (when != NULL && evaluate (v, when, row_id) != ZICHA_TRUTH_TRUE)
        continue;
      if (evaluate (v, zicha_form_rule_get_condition (constraint), row_id) == ZICHA_TRUTH_FALSE)
        add_rule_problem (v, constraint, item, row_id);
    }
}

static void
check_table (Validator     *v,
             ZichaFormItem *table)
{
  guint n_rows = zicha_answers_get_n_rows (v->answers, table);
  guint min_rows = zicha_form_item_get_min_rows (table);
  guint max_rows = zicha_form_item_get_max_rows (table);

  if (required_applies (v, table, NULL))
    {
      count_required (v, table, n_rows > 0);
      if (n_rows == 0 && min_rows == 0)
        add_problem (v, table, NULL, ZICHA_SEVERITY_ERROR, "required", NULL,
                     g_strdup ("请至少填写一行"), g_strdup ("Add at least one row"));
    }

  if (n_rows < min_rows)
    add_problem (v, table, NULL, ZICHA_SEVERITY_ERROR, "min_rows", NULL,
                 g_strdup_printf ("至少应填写%u行（现有%u行）", min_rows, n_rows),
                 g_strdup_printf ("At least %u rows are needed (now %u)", min_rows, n_rows));
  else if (n_rows > max_rows)
    add_problem (v, table, NULL, ZICHA_SEVERITY_ERROR, "max_rows", NULL,
                 g_strdup_printf ("最多填写%u行（现有%u行）", max_rows, n_rows),
                 g_strdup_printf ("At most %u rows (now %u)", max_rows, n_rows));

  for (guint r = 0; r < n_rows; r++)
    {
      const char *row_id = zicha_answers_get_row_id (v->answers, table, r);

      v->row_memo = NULL;
      v->row_memo = row_relevance (v, table, row_id);
      v->row_table = table;
      v->row_id = row_id;

      for (guint c = 0; c < zicha_form_item_get_n_columns (table); c++)
        {
          ZichaFormItem *column = zicha_form_item_get_column (table, c);

          if (is_relevant (v, column, row_id))
            check_item (v, column, row_id);
        }

      for (guint i = 0; i < zicha_form_item_get_n_rules (table); i++)
        check_rule (v, zicha_form_item_get_rule (table, i), row_id);
    }

  v->row_table = NULL;
  v->row_id = NULL;
  v->row_memo = NULL;
}

static void
find_report_date (ZichaValidation *self,
                  ZichaAnswers    *answers,
                  const GDate     *today)
{
  ZichaFormItem *item = zicha_form_get_report_date_item (self->form);
  JsonNode *value = item != NULL ? zicha_answers_get_value (answers, item, NULL) : NULL;

  if (value != NULL && zicha_condition_parse_date (node_string (value), &self->report_date))
    return;

  if (today != NULL)
    self->report_date = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&self->report_date, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
    }
}

ZichaValidation *
zicha_validate (ZichaAnswers *answers,
                const GDate  *today)
{
  g_autoptr(ZichaValidation) self = NULL;
  g_autoptr(GPtrArray) rules_by_section = NULL;
  Validator v;
  ZichaForm *form;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  form = zicha_answers_get_form (answers);
  self = g_object_new (ZICHA_TYPE_VALIDATION, NULL);
  self->form = g_object_ref (form);
  self->n_items = zicha_form_get_n_all_items (form);
  self->relevance = g_new0 (guint8, self->n_items);
  v.result = self;
  v.answers = answers;
  v.row_table = NULL;
  v.row_id = NULL;
  v.row_memo = NULL;

  find_report_date (self, answers, today);
  g_array_set_size (self->progress, zicha_form_get_n_sections (form));

  /* Form rules are reported with the section of their first field. */
  rules_by_section = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      g_ptr_array_add (rules_by_section, g_ptr_array_new ());
      g_array_index (self->progress, ZichaSectionProgress, i).section = zicha_form_get_section (form, i);
    }
  for (guint i = 0; i < zicha_form_get_n_rules (form); i++)
    {
      ZichaFormRule *rule = zicha_form_get_rule (form, i);
      ZichaFormSection *section = zicha_form_item_get_section (zicha_form_rule_get_field (rule, 0));

      g_ptr_array_add (g_ptr_array_index (rules_by_section, zicha_form_section_get_index (section)), rule);
    }

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);
      GPtrArray *rules = g_ptr_array_index (rules_by_section, i);

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);

          if (!is_relevant (&v, item, NULL))
            continue;

          if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
            check_table (&v, item);
          else
            check_item (&v, item, NULL);
        }

      for (guint j = 0; j < rules->len; j++)
        check_rule (&v, g_ptr_array_index (rules, j), NULL);
    }

  return g_steal_pointer (&self);
}

guint
zicha_validation_get_n_problems (ZichaValidation *self)
{
  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), 0);

  return self->problems->len;
}

const ZichaProblem *
zicha_validation_get_problem (ZichaValidation *self,
                              guint            index)
{
  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), NULL);
  g_return_val_if_fail (index < self->problems->len, NULL);

  return g_ptr_array_index (self->problems, index);
}

guint
zicha_validation_get_n_errors (ZichaValidation *self)
{
  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), 0);

  return self->n_errors;
}

guint
zicha_validation_get_n_warnings (ZichaValidation *self)
{
  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), 0);

  return self->n_warnings;
}

const ZichaSectionProgress *
zicha_validation_get_progress (ZichaValidation *self,
                               guint            section_index)
{
  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), NULL);
  g_return_val_if_fail (section_index < self->progress->len, NULL);

  return &g_array_index (self->progress, ZichaSectionProgress, section_index);
}

gboolean
zicha_validation_is_relevant (ZichaValidation *self,
                              ZichaFormItem   *item,
                              const char      *row_id)
{
  ZichaFormItem *table;
  g_autofree char *key = NULL;
  guint8 *columns;
  guint index;

  g_return_val_if_fail (ZICHA_IS_VALIDATION (self), FALSE);
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  table = zicha_form_item_get_table (item);
  if (table == NULL)
    {
      index = zicha_form_item_get_index (item);
      return index < self->n_items && self->relevance[index] == RELEVANCE_YES;
    }

  if (row_id == NULL || !zicha_validation_is_relevant (self, table, NULL))
    return FALSE;

  key = row_key (table, row_id);
  columns = g_hash_table_lookup (self->row_relevance, key);
  return columns != NULL && columns[column_position (item)] == RELEVANCE_YES;
}

void
zicha_validation_get_report_date (ZichaValidation *self,
                                  GDate           *date)
{
  g_return_if_fail (ZICHA_IS_VALIDATION (self));
  g_return_if_fail (date != NULL);

  *date = self->report_date;
}
