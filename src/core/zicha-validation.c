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

/* What validation needs to know about the form, gathered once per form
 * (forms are immutable) and kept on it: item types, limits, code kinds,
 * the table and column position of each column, the conditions, and the
 * rules with their fields as item indices. The hot loops then read plain
 * arrays instead of calling checked getters and looking items up. */
#define NO_TABLE G_MAXUINT

typedef struct
{
  ZichaFormRule       *rule;
  ZichaCondition      *when;
  ZichaCondition      *condition;
  guint                section;     /* form rules: the section of the first field */
  guint                n_fields;
  guint               *fields;      /* item indices */
} RulePlan;

typedef struct
{
  ZichaFormItem       *item;
  ZichaFormItemType    type;
  guint                section;
  guint                table;       /* item index of the table, or NO_TABLE */
  guint                position;    /* column position in the table */
  ZichaCondition      *relevant;
  gboolean             required;
  ZichaCondition      *required_condition;
  guint                n_constraints;
  gboolean             has_minimum;
  gboolean             has_maximum;
  double               minimum;
  double               maximum;
  int                  decimals;
  guint                max_length;
  gboolean             offers_na;
  const ZichaCodeKind *kinds;
  guint                n_kinds;
  guint                kind_set;    /* equal kind lists share a code cache */
  /* tables */
  guint                n_columns;
  guint                min_rows;
  guint                max_rows;
  guint                n_rules;
  RulePlan            *rules;
} ItemPlan;

typedef struct
{
  guint                n_items;
  ItemPlan            *items;
  guint                n_sections;
  guint                n_form_rules;
  RulePlan            *form_rules;
  guint                n_kind_sets;
} FormPlan;

/* The rows of one table as validated, for the relevance of its cells. */
typedef struct
{
  guint                n_rows;
  guint                n_columns;
  guint8              *relevance;   /* n_rows × n_columns of Relevance */
  const char         **row_ids;     /* copies, in ZichaValidation.row_ids */
  GHashTable          *rows;        /* row id → index + 1; made when first needed */
} TableState;

struct _ZichaValidation
{
  GObject       parent_instance;

  ZichaForm    *form;
  GDate         report_date;
  GPtrArray    *problems;        /* of ZichaProblem */
  GArray       *progress;        /* of ZichaSectionProgress */
  guint         n_errors;
  guint         n_warnings;
  guint         n_items;
  const FormPlan *plan;          /* owned by the form */
  guint8       *relevance;       /* by item index: Relevance of items and tables */
  TableState  **tables;          /* by item index; NULL until a table is looked at */
  GStringChunk *row_ids;         /* the keys of TableState.rows */
};

G_DEFINE_FINAL_TYPE (ZichaValidation, zicha_validation, G_TYPE_OBJECT)

typedef enum
{
  RELEVANCE_UNKNOWN,
  RELEVANCE_COMPUTING,
  RELEVANCE_YES,
  RELEVANCE_NO,
} Relevance;

/* A code check's verdict on one value, kept for the rest of a run: a
 * large report repeats the same phone numbers and codes many times. */
typedef struct
{
  ZichaCodeStatus  status;
  char            *message_zh;
  char            *message_en;
} CodeVerdict;

typedef struct
{
  ZichaValidation *result;
  ZichaAnswers    *answers;
  const FormPlan  *plan;
  JsonNode       **values;       /* by item index: items and tables (row ids); borrowed */
  GHashTable     **code_cache;   /* by kind set: text → CodeVerdict; NULL until used */
  /* The row being checked: its table (item index), id, cell values and
   * column relevance, to spare a lookup by row id for every cell. */
  guint            row_table;
  const char      *row_id;
  JsonNode       **row_values;
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
table_state_free (TableState *state)
{
  g_free (state->relevance);
  g_free (state->row_ids);
  g_clear_pointer (&state->rows, g_hash_table_unref);
  g_free (state);
}

static void
zicha_validation_finalize (GObject *object)
{
  ZichaValidation *self = ZICHA_VALIDATION (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->progress, g_array_unref);
  g_clear_pointer (&self->relevance, g_free);
  if (self->tables != NULL)
    for (guint i = 0; i < self->n_items; i++)
      g_clear_pointer (&self->tables[i], table_state_free);
  g_clear_pointer (&self->tables, g_free);
  g_clear_pointer (&self->row_ids, g_string_chunk_free);
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
}

/* The form plan ----------------------------------------------------------- */

static void
rule_plan_init (RulePlan      *plan,
                ZichaFormRule *rule)
{
  plan->rule = rule;
  plan->when = zicha_form_rule_get_when (rule);
  plan->condition = zicha_form_rule_get_condition (rule);
  plan->n_fields = zicha_form_rule_get_n_fields (rule);
  plan->fields = g_new (guint, plan->n_fields);
  for (guint i = 0; i < plan->n_fields; i++)
    plan->fields[i] = zicha_form_item_get_index (zicha_form_rule_get_field (rule, i));
  plan->section = plan->n_fields > 0
                  ? zicha_form_section_get_index (zicha_form_item_get_section (zicha_form_rule_get_field (rule, 0)))
                  : 0;
}

static void
form_plan_free (FormPlan *plan)
{
  for (guint i = 0; i < plan->n_items; i++)
    {
      for (guint j = 0; j < plan->items[i].n_rules; j++)
        g_free (plan->items[i].rules[j].fields);
      g_free (plan->items[i].rules);
    }
  for (guint i = 0; i < plan->n_form_rules; i++)
    g_free (plan->form_rules[i].fields);
  g_free (plan->form_rules);
  g_free (plan->items);
  g_free (plan);
}

static FormPlan *
form_plan_new (ZichaForm *form)
{
  FormPlan *plan = g_new0 (FormPlan, 1);
  g_autoptr(GPtrArray) kind_sets = g_ptr_array_new ();  /* of ItemPlan, the first with each list */

  plan->n_items = zicha_form_get_n_all_items (form);
  plan->items = g_new0 (ItemPlan, plan->n_items);
  plan->n_sections = zicha_form_get_n_sections (form);

  for (guint i = 0; i < plan->n_items; i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);
      ZichaFormItem *table = zicha_form_item_get_table (item);
      ItemPlan *p = &plan->items[i];

      g_assert (zicha_form_item_get_index (item) == i);

      p->item = item;
      p->type = zicha_form_item_get_item_type (item);
      p->section = zicha_form_section_get_index (zicha_form_item_get_section (item));
      p->table = table != NULL ? zicha_form_item_get_index (table) : NO_TABLE;
      p->position = table != NULL ? i - p->table - 1 : 0;
      p->relevant = zicha_form_item_get_relevant (item);
      p->required = zicha_form_item_is_required (item);
      p->required_condition = zicha_form_item_get_required_condition (item);
      p->n_constraints = zicha_form_item_get_n_constraints (item);
      p->has_minimum = zicha_form_item_get_minimum (item, &p->minimum);
      p->has_maximum = zicha_form_item_get_maximum (item, &p->maximum);
      p->decimals = zicha_form_item_get_decimals (item);
      p->max_length = zicha_form_item_get_max_length (item);
      p->offers_na = zicha_form_item_get_not_applicable (item);

      if (p->type == ZICHA_FORM_ITEM_CODE)
        {
          guint set;

          p->kinds = zicha_form_item_get_code_kinds (item, &p->n_kinds);
          for (set = 0; set < kind_sets->len; set++)
            {
              const ItemPlan *other = g_ptr_array_index (kind_sets, set);

              if (other->n_kinds == p->n_kinds &&
                  memcmp (other->kinds, p->kinds, p->n_kinds * sizeof (ZichaCodeKind)) == 0)
                break;
            }
          if (set == kind_sets->len)
            g_ptr_array_add (kind_sets, p);
          p->kind_set = set;
        }

      if (p->type == ZICHA_FORM_ITEM_TABLE)
        {
          p->n_columns = zicha_form_item_get_n_columns (item);
          p->min_rows = zicha_form_item_get_min_rows (item);
          p->max_rows = zicha_form_item_get_max_rows (item);
          p->n_rules = zicha_form_item_get_n_rules (item);
          p->rules = g_new0 (RulePlan, p->n_rules);
          for (guint j = 0; j < p->n_rules; j++)
            rule_plan_init (&p->rules[j], zicha_form_item_get_rule (item, j));
        }
    }
  plan->n_kind_sets = kind_sets->len;

  plan->n_form_rules = zicha_form_get_n_rules (form);
  plan->form_rules = g_new0 (RulePlan, plan->n_form_rules);
  for (guint i = 0; i < plan->n_form_rules; i++)
    rule_plan_init (&plan->form_rules[i], zicha_form_get_rule (form, i));

  return plan;
}

static const FormPlan *
form_plan_get (ZichaForm *form)
{
  static GMutex lock;
  static GQuark quark;
  FormPlan *plan;

  g_mutex_lock (&lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("zicha-validation-form-plan");
  plan = g_object_get_qdata (G_OBJECT (form), quark);
  if (plan == NULL)
    {
      plan = form_plan_new (form);
      g_object_set_qdata_full (G_OBJECT (form), quark, plan, (GDestroyNotify) form_plan_free);
    }
  g_mutex_unlock (&lock);

  return plan;
}

/* Relevance --------------------------------------------------------------- */

static gboolean is_relevant (Validator   *v,
                             guint        index,
                             const char  *row_id);

/* The row state of a table: its row ids and the relevance of its cells. */
static TableState *
ensure_table_state (Validator *v,
                    guint      table)
{
  ZichaValidation *self = v->result;
  ZichaFormItem *item = v->plan->items[table].item;
  TableState *state = self->tables[table];

  if (state != NULL)
    return state;

  state = g_new0 (TableState, 1);
  state->n_rows = zicha_answers_get_n_rows (v->answers, item);
  state->n_columns = v->plan->items[table].n_columns;
  state->relevance = g_new0 (guint8, (gsize) state->n_rows * state->n_columns);
  state->row_ids = g_new (const char *, MAX (state->n_rows, 1));
  if (self->row_ids == NULL)
    self->row_ids = g_string_chunk_new (4096);
  for (guint r = 0; r < state->n_rows; r++)
    state->row_ids[r] = g_string_chunk_insert (self->row_ids, zicha_answers_get_row_id (v->answers, item, r));

  self->tables[table] = state;
  return state;
}

/* The index + 1 of a row, or 0 when the table has no such row. Validation
 * walks rows in order and rarely needs this, so the index is made on the
 * first call. */
static guint
table_state_find_row (TableState *state,
                      const char *row_id)
{
  if (state->rows == NULL)
    {
      state->rows = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 0; r < state->n_rows; r++)
        g_hash_table_insert (state->rows, (gpointer) state->row_ids[r], GUINT_TO_POINTER (r + 1));
    }

  return GPOINTER_TO_UINT (g_hash_table_lookup (state->rows, row_id));
}

static gboolean
is_current_row (Validator  *v,
                guint       table,
                const char *row_id)
{
  return v->row_memo != NULL && v->row_table == table &&
         (v->row_id == row_id || g_str_equal (v->row_id, row_id));
}

/* What conditions see: nothing for items that are not relevant. */
static JsonNode *
lookup_relevant_value (ZichaFormItem *item,
                       const char    *row_id,
                       gpointer       user_data)
{
  Validator *v = user_data;
  guint index = zicha_form_item_get_index (item);
  const ItemPlan *p = &v->plan->items[index];

  /* The common case, a cell of the row being checked whose relevance is
   * known, without the general path. */
  if (p->table != NO_TABLE && row_id != NULL && is_current_row (v, p->table, row_id))
    {
      guint8 state = v->row_memo[p->position];

      if (state == RELEVANCE_YES)
        return v->row_values[p->position];
      if (state == RELEVANCE_NO)
        return NULL;
    }

  if (!is_relevant (v, index, row_id))
    return NULL;

  if (p->table == NO_TABLE)
    return v->values[index];
  if (is_current_row (v, p->table, row_id))
    return v->row_values[p->position];

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

static gboolean
is_relevant (Validator  *v,
             guint       index,
             const char *row_id)
{
  const ItemPlan *p = &v->plan->items[index];
  guint8 *state;

  if (p->table != NO_TABLE)
    {
      /* A cell of the row being checked: its table is relevant (or the
       * row would not be checked), and its memo may know the answer. */
      if (row_id != NULL && is_current_row (v, p->table, row_id))
        {
          if (v->row_memo[p->position] == RELEVANCE_YES)
            return TRUE;
          if (v->row_memo[p->position] == RELEVANCE_NO)
            return FALSE;
        }

      if (row_id == NULL || !is_relevant (v, p->table, NULL))
        return FALSE;

      if (is_current_row (v, p->table, row_id))
        state = &v->row_memo[p->position];
      else
        {
          TableState *table = ensure_table_state (v, p->table);
          guint row = table_state_find_row (table, row_id);

          /* A row the table does not have is not relevant. */
          if (row == 0)
            return FALSE;
          state = &table->relevance[(gsize) (row - 1) * table->n_columns + p->position];
        }
    }
  else
    state = &v->result->relevance[index];

  if (*state == RELEVANCE_YES)
    return TRUE;
  if (*state == RELEVANCE_NO)
    return FALSE;
  /* The loader rejects cycles; this only keeps a bug from recursing. */
  if (*state == RELEVANCE_COMPUTING)
    return TRUE;

  *state = RELEVANCE_COMPUTING;
  /* The memo arrays never move, so @state stays valid while evaluating. */
  *state = p->relevant == NULL || evaluate (v, p->relevant, row_id) == ZICHA_TRUTH_TRUE
           ? RELEVANCE_YES : RELEVANCE_NO;

  return *state == RELEVANCE_YES;
}

/* Problems ---------------------------------------------------------------- */

static void
add_problem (Validator      *v,
             const ItemPlan *p,
             const char     *row_id,
             ZichaSeverity   severity,
             const char     *check,
             ZichaFormRule  *rule,
             char           *message_zh,   /* (transfer full) */
             char           *message_en)   /* (transfer full) */
{
  ZichaProblem *problem = g_new0 (ZichaProblem, 1);
  ZichaSectionProgress *progress = &g_array_index (v->result->progress, ZichaSectionProgress, p->section);

  problem->path = zicha_form_item_dup_cell_path (p->item, row_id);
  problem->item = p->item;
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
add_rule_problem (Validator      *v,
                  ZichaFormRule  *rule,
                  const ItemPlan *p,
                  const char     *row_id)
{
  const ZichaLocalizedText *message = zicha_form_rule_get_message (rule);
  const char *id = zicha_form_rule_get_id (rule);

  add_problem (v, p, row_id, zicha_form_rule_get_severity (rule), id != NULL ? id : "constraint", rule,
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
check_bounds (Validator      *v,
              const ItemPlan *p,
              const char     *row_id,
              double          number)
{
  if (p->has_minimum && number < p->minimum)
    {
      g_autofree char *text = format_number (p->minimum);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "min", NULL,
                   g_strdup_printf ("不能小于%s", text),
                   g_strdup_printf ("Must be at least %s", text));
      return FALSE;
    }

  if (p->has_maximum && number > p->maximum)
    {
      g_autofree char *text = format_number (p->maximum);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "max", NULL,
                   g_strdup_printf ("不能大于%s", text),
                   g_strdup_printf ("Must be at most %s", text));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (Validator      *v,
            const ItemPlan *p,
            const char     *row_id,
            JsonNode       *value,
            const char     *text)
{
  glong length;

  if (text == NULL)
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写文字，实际为“%s”", shown),
                   g_strdup_printf ("Expected text, got “%s”", shown));
      return FALSE;
    }

  /* Counting characters only matters with a limit; a text has at least
   * as many bytes as characters, so a short one needs no count either. */
  if (p->max_length == 0 || strlen (text) <= p->max_length)
    return TRUE;

  length = g_utf8_strlen (text, -1);
  if (length > (glong) p->max_length)
    {
      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "max_length", NULL,
                   g_strdup_printf ("不能超过%u个字符（现为%ld个）", p->max_length, length),
                   g_strdup_printf ("At most %u characters (now %ld)", p->max_length, length));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_integer (Validator      *v,
               const ItemPlan *p,
               const char     *row_id,
               JsonNode       *value)
{
  double number;

  if (!node_number (value, &number) || !is_whole_number (number))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写整数，实际为“%s”", shown),
                   g_strdup_printf ("Expected a whole number, got “%s”", shown));
      return FALSE;
    }

  return check_bounds (v, p, row_id, number);
}

static gboolean
check_decimal (Validator      *v,
               const ItemPlan *p,
               const char     *row_id,
               JsonNode       *value)
{
  double number;

  if (!node_number (value, &number) || !isfinite (number))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应填写数字，实际为“%s”", shown),
                   g_strdup_printf ("Expected a number, got “%s”", shown));
      return FALSE;
    }

  if (p->decimals >= 0 && !has_at_most_decimals (number, p->decimals))
    {
      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "decimals", NULL,
                   g_strdup_printf ("最多保留%d位小数", p->decimals),
                   g_strdup_printf ("At most %d digits after the decimal point", p->decimals));
      return FALSE;
    }

  return check_bounds (v, p, row_id, number);
}

static gboolean
check_date (Validator      *v,
            const ItemPlan *p,
            const char     *row_id,
            JsonNode       *value,
            const char     *text)
{
  GDate date;

  if (!zicha_condition_parse_date (text, &date))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("日期应为YYYY-MM-DD格式的有效日期，实际为“%s”", shown),
                   g_strdup_printf ("Expected a valid date YYYY-MM-DD, got “%s”", shown));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_option (Validator      *v,
              const ItemPlan *p,
              const char     *row_id,
              JsonNode       *value,
              const char     *text)
{
  if (text == NULL || zicha_form_item_lookup_option (p->item, text) == NULL)
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                   g_strdup_printf ("“%s”不是本项的选项", shown),
                   g_strdup_printf ("“%s” is not one of the options", shown));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_options (Validator      *v,
               const ItemPlan *p,
               const char     *row_id,
               JsonNode       *value)
{
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      g_autofree char *shown = describe_value (value);

      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "type", NULL,
                   g_strdup_printf ("应为选项列表，实际为“%s”", shown),
                   g_strdup_printf ("Expected a list of options, got “%s”", shown));
      return FALSE;
    }

  /* A choice has a handful of options: comparing with the earlier
   * elements finds a repeat without a hash table. */
  array = json_node_get_array (value);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text = node_string (element);

      if (!check_option (v, p, row_id, element, text))
        return FALSE;

      for (guint j = 0; j < i; j++)
        if (g_str_equal (text, node_string (json_array_get_element (array, j))))
          {
            add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                         g_strdup_printf ("选项“%s”重复", text),
                         g_strdup_printf ("Option “%s” is chosen twice", text));
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
check_yes_no (Validator      *v,
              const ItemPlan *p,
              const char     *row_id,
              JsonNode       *value,
              const char     *text)
{
  gboolean offers_na = p->offers_na;

  if (text != NULL &&
      (g_str_equal (text, "yes") || g_str_equal (text, "no") || (offers_na && g_str_equal (text, "na"))))
    return TRUE;

  {
    g_autofree char *shown = describe_value (value);

    add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "option", NULL,
                 g_strdup_printf (offers_na ? "应为“是”“否”或“不适用”，实际为“%s”"
                                            : "应为“是”或“否”，实际为“%s”", shown),
                 g_strdup_printf (offers_na ? "Expected yes, no or not applicable, got “%s”"
                                            : "Expected yes or no, got “%s”", shown));
  }
  return FALSE;
}

static void
code_verdict_free (CodeVerdict *verdict)
{
  g_free (verdict->message_zh);
  g_free (verdict->message_en);
  g_free (verdict);
}

/* What the kinds of a code item say about @text: OK when one accepts it,
 * else the first warning, else every kind's reason. */
static CodeVerdict *
judge_code (const ZichaCodeKind *kinds,
            guint                n_kinds,
            const char          *text)
{
  g_autoptr(GString) reasons_zh = NULL;  /* made for the first reason */
  g_autoptr(GString) reasons_en = NULL;
  g_autoptr(ZichaCodeCheck) warning = NULL;
  CodeVerdict *verdict = g_new0 (CodeVerdict, 1);

  for (guint i = 0; i < n_kinds; i++)
    {
      g_autoptr(ZichaCodeCheck) check = zicha_code_check (kinds[i], text);

      switch (check->status)
        {
        case ZICHA_CODE_OK:
          verdict->status = ZICHA_CODE_OK;
          return verdict;

        case ZICHA_CODE_WARNING:
          if (warning == NULL)
            warning = g_steal_pointer (&check);
          break;

        case ZICHA_CODE_INVALID:
        default:
          if (reasons_zh == NULL)
            {
              reasons_zh = g_string_new (NULL);
              reasons_en = g_string_new (NULL);
            }
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
      verdict->status = ZICHA_CODE_WARNING;
      verdict->message_zh = g_strdup (warning->message_zh);
      verdict->message_en = g_strdup (warning->message_en);
      return verdict;
    }

  verdict->status = ZICHA_CODE_INVALID;
  verdict->message_zh = reasons_zh != NULL ? g_string_free (g_steal_pointer (&reasons_zh), FALSE) : g_strdup ("");
  verdict->message_en = reasons_en != NULL ? g_string_free (g_steal_pointer (&reasons_en), FALSE) : g_strdup ("");
  return verdict;
}

static gboolean
check_code (Validator      *v,
            const ItemPlan *p,
            const char     *row_id,
            JsonNode       *value,
            const char     *text)
{
  GHashTable *cache;
  CodeVerdict *verdict;

  if (text == NULL)
    return check_text (v, p, row_id, value, text);

  cache = v->code_cache[p->kind_set];
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) code_verdict_free);
      v->code_cache[p->kind_set] = cache;
    }

  verdict = g_hash_table_lookup (cache, text);
  if (verdict == NULL)
    {
      verdict = judge_code (p->kinds, p->n_kinds, text);
      g_hash_table_insert (cache, g_strdup (text), verdict);
    }

  switch (verdict->status)
    {
    case ZICHA_CODE_OK:
      return TRUE;

    case ZICHA_CODE_WARNING:
      add_problem (v, p, row_id, ZICHA_SEVERITY_WARNING, "code", NULL,
                   g_strdup (verdict->message_zh), g_strdup (verdict->message_en));
      return TRUE;

    case ZICHA_CODE_INVALID:
    default:
      add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "code", NULL,
                   g_strdup (verdict->message_zh), g_strdup (verdict->message_en));
      return FALSE;
    }
}

/* @text: the value when it is a string, else NULL */
static gboolean
check_type (Validator      *v,
            const ItemPlan *p,
            const char     *row_id,
            JsonNode       *value,
            const char     *text)
{
  switch (p->type)
    {
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
      return check_text (v, p, row_id, value, text);
    case ZICHA_FORM_ITEM_INTEGER:
      return check_integer (v, p, row_id, value);
    case ZICHA_FORM_ITEM_DECIMAL:
      return check_decimal (v, p, row_id, value);
    case ZICHA_FORM_ITEM_DATE:
      return check_date (v, p, row_id, value, text);
    case ZICHA_FORM_ITEM_CHOICE:
      return check_option (v, p, row_id, value, text);
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return check_options (v, p, row_id, value);
    case ZICHA_FORM_ITEM_YES_NO:
      return check_yes_no (v, p, row_id, value, text);
    case ZICHA_FORM_ITEM_CODE:
      return check_code (v, p, row_id, value, text);
    case ZICHA_FORM_ITEM_TABLE:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Whether a text counts as unanswered: white space only, as
 * zicha_condition_node_is_empty() decides for a string. */
static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
            return FALSE;
        }
      else if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Items, tables, rules ---------------------------------------------------- */

static gboolean
required_applies (Validator      *v,
                  const ItemPlan *p,
                  const char     *row_id)
{
  if (!p->required)
    return FALSE;

  return p->required_condition == NULL ||
         evaluate (v, p->required_condition, row_id) == ZICHA_TRUTH_TRUE;
}

static void
count_required (Validator      *v,
                const ItemPlan *p,
                gboolean        answered)
{
  ZichaSectionProgress *progress = &g_array_index (v->result->progress, ZichaSectionProgress, p->section);

  progress->total_required++;
  if (answered)
    progress->answered_required++;
}

static void
check_rule (Validator      *v,
            const RulePlan *rule,
            const char     *row_id)
{
  gboolean any_relevant = FALSE;

  for (guint i = 0; !any_relevant && i < rule->n_fields; i++)
    any_relevant = is_relevant (v, rule->fields[i], row_id);

  if (!any_relevant)
    return;
  if (rule->when != NULL && evaluate (v, rule->when, row_id) != ZICHA_TRUTH_TRUE)
    return;
  if (evaluate (v, rule->condition, row_id) != ZICHA_TRUTH_FALSE)
    return;

  add_rule_problem (v, rule->rule, &v->plan->items[rule->fields[0]], row_id);
}

static void
check_item (Validator      *v,
            const ItemPlan *p,
            const char     *row_id,
            JsonNode       *value)
{
  const char *text = NULL;
  gboolean empty;

  /* The node is read once: its kind, and the text of a string. */
  if (value != NULL && JSON_NODE_TYPE (value) == JSON_NODE_VALUE &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    {
      text = json_node_get_string (value);
      empty = text_is_blank (text);
    }
  else
    empty = zicha_condition_node_is_empty (value);

  if (required_applies (v, p, row_id))
    {
      count_required (v, p, !empty);
      if (empty)
        add_problem (v, p, row_id, ZICHA_SEVERITY_ERROR, "required", NULL,
                     g_strdup ("此项为必填项"), g_strdup ("This field is required"));
    }

  if (empty || !check_type (v, p, row_id, value, text))
    return;

  for (guint i = 0; i < p->n_constraints; i++)
    {
      ZichaFormRule *constraint = zicha_form_item_get_constraint (p->item, i);
      ZichaCondition *when = zicha_form_rule_get_when (constraint);

      if (when != NULL && evaluate (v, when, row_id) != ZICHA_TRUTH_TRUE)
        continue;
      if (evaluate (v, zicha_form_rule_get_condition (constraint), row_id) == ZICHA_TRUTH_FALSE)
        add_rule_problem (v, constraint, p, row_id);
    }
}

static void
check_table (Validator *v,
             guint      index)
{
  const ItemPlan *p = &v->plan->items[index];
  TableState *state = ensure_table_state (v, index);
  g_autofree JsonNode **row_values = g_new0 (JsonNode *, MAX (p->n_columns, 1));
  guint n_rows = state->n_rows;

  if (required_applies (v, p, NULL))
    {
      count_required (v, p, n_rows > 0);
      if (n_rows == 0 && p->min_rows == 0)
        add_problem (v, p, NULL, ZICHA_SEVERITY_ERROR, "required", NULL,
                     g_strdup ("请至少填写一行"), g_strdup ("Add at least one row"));
    }

  if (n_rows < p->min_rows)
    add_problem (v, p, NULL, ZICHA_SEVERITY_ERROR, "min_rows", NULL,
                 g_strdup_printf ("至少应填写%u行（现有%u行）", p->min_rows, n_rows),
                 g_strdup_printf ("At least %u rows are needed (now %u)", p->min_rows, n_rows));
  else if (n_rows > p->max_rows)
    add_problem (v, p, NULL, ZICHA_SEVERITY_ERROR, "max_rows", NULL,
                 g_strdup_printf ("最多填写%u行（现有%u行）", p->max_rows, n_rows),
                 g_strdup_printf ("At most %u rows (now %u)", p->max_rows, n_rows));

  for (guint r = 0; r < n_rows; r++)
    {
      /* The answers' own id rather than the copy in @state: with it the
       * answers find the row without hashing. */
      const char *row_id = zicha_answers_get_row_id (v->answers, p->item, r);

      /* Each cell is read once; conditions on this row read these. */
      for (guint c = 0; c < p->n_columns; c++)
        row_values[c] = zicha_answers_get_value (v->answers, v->plan->items[index + 1 + c].item, row_id);

      v->row_table = index;
      v->row_id = row_id;
      v->row_values = row_values;
      v->row_memo = &state->relevance[(gsize) r * state->n_columns];

      for (guint c = 0; c < p->n_columns; c++)
        if (is_relevant (v, index + 1 + c, row_id))
          check_item (v, &v->plan->items[index + 1 + c], row_id, row_values[c]);

      for (guint i = 0; i < p->n_rules; i++)
        check_rule (v, &p->rules[i], row_id);
    }

  v->row_table = NO_TABLE;
  v->row_id = NULL;
  v->row_values = NULL;
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
  g_autofree JsonNode **values = NULL;
  g_autofree GHashTable **code_cache = NULL;
  const FormPlan *plan;
  Validator v;
  ZichaForm *form;

  g_return_val_if_fail (ZICHA_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  form = zicha_answers_get_form (answers);
  plan = form_plan_get (form);
  self = g_object_new (ZICHA_TYPE_VALIDATION, NULL);
  self->form = g_object_ref (form);
  self->plan = plan;
  self->n_items = plan->n_items;
  self->relevance = g_new0 (guint8, self->n_items);
  self->tables = g_new0 (TableState *, self->n_items);

  /* Every value outside tables (and each table's row ids), read once. */
  values = g_new0 (JsonNode *, MAX (plan->n_items, 1));
  for (guint i = 0; i < plan->n_items; i++)
    if (plan->items[i].table == NO_TABLE)
      values[i] = zicha_answers_get_value (answers, plan->items[i].item, NULL);
  code_cache = g_new0 (GHashTable *, MAX (plan->n_kind_sets, 1));

  v.result = self;
  v.answers = answers;
  v.plan = plan;
  v.values = values;
  v.code_cache = code_cache;
  v.row_table = NO_TABLE;
  v.row_id = NULL;
  v.row_values = NULL;
  v.row_memo = NULL;

  find_report_date (self, answers, today);
  g_array_set_size (self->progress, plan->n_sections);
  for (guint i = 0; i < plan->n_sections; i++)
    g_array_index (self->progress, ZichaSectionProgress, i).section = zicha_form_get_section (form, i);

  for (guint i = 0; i < plan->n_sections; i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          guint index = zicha_form_item_get_index (zicha_form_section_get_item (section, j));

          if (!is_relevant (&v, index, NULL))
            continue;

          if (plan->items[index].type == ZICHA_FORM_ITEM_TABLE)
            check_table (&v, index);
          else
            check_item (&v, &plan->items[index], NULL, values[index]);
        }

      /* Form rules are reported with the section of their first field. */
      for (guint j = 0; j < plan->n_form_rules; j++)
        if (plan->form_rules[j].section == i)
          check_rule (&v, &plan->form_rules[j], NULL);
    }

  for (guint i = 0; i < plan->n_kind_sets; i++)
    g_clear_pointer (&code_cache[i], g_hash_table_unref);

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
  TableState *state;
  guint index;
  guint row;

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

  index = zicha_form_item_get_index (table);
  state = index < self->n_items ? self->tables[index] : NULL;
  row = state != NULL ? table_state_find_row (state, row_id) : 0;
  if (row == 0)
    return FALSE;

  return state->relevance[(gsize) (row - 1) * state->n_columns +
                          zicha_form_item_get_index (item) - index - 1] == RELEVANCE_YES;
}

void
zicha_validation_get_report_date (ZichaValidation *self,
                                  GDate           *date)
{
  g_return_if_fail (ZICHA_IS_VALIDATION (self));
  g_return_if_fail (date != NULL);

  *date = self->report_date;
}
