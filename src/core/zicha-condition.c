/* zicha-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include <string.h>

#include "zicha-condition.h"
#include "zicha-form-error.h"
#include "zicha-form-item.h"
#include "zicha-json-error.h"

/* What a comparison compares: numbers (integer, decimal, a table's row
 * count, a sum), dates (as Julian day numbers), strings, or the list of
 * options of a multi_choice. */
typedef enum
{
  OPERAND_NUMBER,
  OPERAND_DATE,
  OPERAND_STRING,
  OPERAND_LIST,
} OperandKind;

struct _ZichaCondition
{
  gatomicrefcount     ref_count;
  ZichaConditionKind  kind;

  /* all / any / not */
  GPtrArray          *children;

  /* comparisons */
  ZichaConditionOp    op;
  OperandKind         operand_kind;
  ZichaFormItem      *field;     /* or NULL for a sum */
  GPtrArray          *addends;   /* of ZichaFormItem, for a sum */
  ZichaFormItem      *other;
  /* Where field and other live, looked up once when parsing: whether each
   * is a table (compared by its row count) or a column (read in the
   * context's row). */
  guint               field_is_table : 1;
  guint               field_is_column : 1;
  guint               other_is_table : 1;
  guint               other_is_column : 1;
  JsonNode           *value;     /* the literal as written */
  double              number;    /* value, for numbers, dates and within_months */
  char               *string;    /* value, for strings and has */
  GArray             *numbers;   /* in: of double */
  GStrv               strings;   /* in: for strings */
  GRegex             *regex;     /* matches */
};

G_DEFINE_BOXED_TYPE (ZichaCondition, zicha_condition,
                     zicha_condition_ref, zicha_condition_unref)

static const char * const op_names[] = {
  [ZICHA_CONDITION_OP_EQ] = "eq",
  [ZICHA_CONDITION_OP_NE] = "ne",
  [ZICHA_CONDITION_OP_LT] = "lt",
  [ZICHA_CONDITION_OP_LE] = "le",
  [ZICHA_CONDITION_OP_GT] = "gt",
  [ZICHA_CONDITION_OP_GE] = "ge",
  [ZICHA_CONDITION_OP_IN] = "in",
  [ZICHA_CONDITION_OP_HAS] = "has",
  [ZICHA_CONDITION_OP_EMPTY] = "empty",
  [ZICHA_CONDITION_OP_FILLED] = "filled",
  [ZICHA_CONDITION_OP_MATCHES] = "matches",
  [ZICHA_CONDITION_OP_WITHIN_MONTHS] = "within_months",
};

const char *
zicha_condition_op_to_string (ZichaConditionOp op)
{
  g_return_val_if_fail ((guint) op < G_N_ELEMENTS (op_names), NULL);

  return op_names[op];
}

gboolean
zicha_condition_op_from_string (const char       *name,
                                ZichaConditionOp *op)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
    if (g_str_equal (name, op_names[i]))
      {
        if (op != NULL)
          *op = (ZichaConditionOp) i;
        return TRUE;
      }

  return FALSE;
}

const char *
zicha_truth_to_string (ZichaTruth truth)
{
  switch (truth)
    {
    case ZICHA_TRUTH_FALSE:
      return "false";
    case ZICHA_TRUTH_TRUE:
      return "true";
    case ZICHA_TRUTH_UNKNOWN:
      return "unknown";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static guint
parse_digits (const char *text,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (text[i] - '0');

  return value;
}

gboolean
zicha_condition_parse_date (const char *text,
                            GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = parse_digits (text, 4);
  month = parse_digits (text + 5, 2);
  day = parse_digits (text + 8, 2);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gboolean
zicha_condition_node_is_empty (JsonNode *node)
{
  if (node == NULL)
    return TRUE;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_ARRAY:
      return json_array_get_length (json_node_get_array (node)) == 0;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      for (const char *p = json_node_get_string (node); *p != '\0'; p = g_utf8_next_char (p))
        {
          /* ASCII: the characters g_unichar_isspace() accepts, without
           * the call; nearly every text starts with a letter or digit. */
          if ((guchar) *p < 0x80)
            {
              if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f')
                return FALSE;
            }
          else if (!g_unichar_isspace (g_utf8_get_char (p)))
            return FALSE;
        }
      return TRUE;

    case JSON_NODE_OBJECT:
    default:
      return FALSE;
    }
}

/* Construction ------------------------------------------------------------ */

static ZichaCondition *
condition_new (ZichaConditionKind kind)
{
  ZichaCondition *condition = g_new0 (ZichaCondition, 1);

  g_atomic_ref_count_init (&condition->ref_count);
  condition->kind = kind;
  return condition;
}

ZichaCondition *
zicha_condition_ref (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);

  g_atomic_ref_count_inc (&condition->ref_count);
  return condition;
}

void
zicha_condition_unref (ZichaCondition *condition)
{
  g_return_if_fail (condition != NULL);

  if (!g_atomic_ref_count_dec (&condition->ref_count))
    return;

  g_clear_pointer (&condition->children, g_ptr_array_unref);
  g_clear_pointer (&condition->addends, g_ptr_array_unref);
  g_clear_pointer (&condition->value, json_node_unref);
  g_clear_pointer (&condition->string, g_free);
  g_clear_pointer (&condition->numbers, g_array_unref);
  g_clear_pointer (&condition->strings, g_strfreev);
  g_clear_pointer (&condition->regex, g_regex_unref);
  g_free (condition);
}

/* Every loader error names where in the JSON it is. */
#define fail(error, code, json_path, ...) \
  zicha_json_error_set ((error), ZICHA_FORM_ERROR, (code), (json_path), __VA_ARGS__)

static OperandKind
operand_kind_of_item (ZichaFormItem *item)
{
  switch (zicha_form_item_get_item_type (item))
    {
    case ZICHA_FORM_ITEM_INTEGER:
    case ZICHA_FORM_ITEM_DECIMAL:
    case ZICHA_FORM_ITEM_TABLE:
      return OPERAND_NUMBER;
    case ZICHA_FORM_ITEM_DATE:
      return OPERAND_DATE;
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return OPERAND_LIST;
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_LONG_TEXT:
    case ZICHA_FORM_ITEM_CHOICE:
    case ZICHA_FORM_ITEM_YES_NO:
    case ZICHA_FORM_ITEM_CODE:
    default:
      return OPERAND_STRING;
    }
}

static const char *
operand_kind_to_string (OperandKind kind)
{
  switch (kind)
    {
    case OPERAND_NUMBER:
      return "a number";
    case OPERAND_DATE:
      return "a date";
    case OPERAND_LIST:
      return "a list of options";
    case OPERAND_STRING:
    default:
      return "a text";
    }
}

/* The name of the left side, for messages. */
static char *
describe_left (ZichaCondition *condition)
{
  if (condition->field != NULL)
    return g_strdup_printf ("field \"%s\" (%s)",
                            zicha_form_item_get_path (condition->field),
                            zicha_form_item_type_to_string (zicha_form_item_get_item_type (condition->field)));

  return g_strdup ("a sum");
}

/* Checks one literal against the left side and converts it for
 * comparison into *number or *string. */
static gboolean
read_literal (ZichaCondition  *condition,
              JsonNode        *node,
              const char      *json_path,
              double          *number,
              char           **string,
              GError         **error)
{
  ZichaFormItem *item = condition->field;
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  g_autofree char *left = describe_left (condition);

  switch (condition->operand_kind)
    {
    case OPERAND_NUMBER:
      {
        gboolean integral = (item == NULL ||
                             zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_DECIMAL);

        if (value_type == G_TYPE_INT64)
          *number = (double) json_node_get_int (node);
        else if (value_type == G_TYPE_DOUBLE && !integral)
          *number = json_node_get_double (node);
        else
          return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                       "%s is compared, so the value must be %s",
                       left, integral ? "an integer" : "a number");
        return TRUE;
      }

    case OPERAND_DATE:
      {
        GDate date;

        if (value_type != G_TYPE_STRING ||
            !zicha_condition_parse_date (json_node_get_string (node), &date))
          return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                       "%s is compared, so the value must be a date \"YYYY-MM-DD\"", left);
        *number = g_date_get_julian (&date);
        return TRUE;
      }

    case OPERAND_LIST:
    case OPERAND_STRING:
      {
        const char *text;

        if (value_type != G_TYPE_STRING)
          return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                       "%s is compared, so the value must be a string", left);

        text = json_node_get_string (node);
        switch (zicha_form_item_get_item_type (item))
          {
          case ZICHA_FORM_ITEM_CHOICE:
          case ZICHA_FORM_ITEM_MULTI_CHOICE:
            if (zicha_form_item_lookup_option (item, text) == NULL)
              return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                           "\"%s\" is not an option of field \"%s\"",
                           text, zicha_form_item_get_path (item));
            break;

          case ZICHA_FORM_ITEM_YES_NO:
            if (!g_str_equal (text, "yes") && !g_str_equal (text, "no") &&
                !(g_str_equal (text, "na") && zicha_form_item_get_not_applicable (item)))
              return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                           "\"%s\" is not an answer of yes/no field \"%s\" (expected %s)",
                           text, zicha_form_item_get_path (item),
                           zicha_form_item_get_not_applicable (item)
                             ? "\"yes\", \"no\" or \"na\"" : "\"yes\" or \"no\"");
            break;

          case ZICHA_FORM_ITEM_TEXT:
          case ZICHA_FORM_ITEM_LONG_TEXT:
          case ZICHA_FORM_ITEM_INTEGER:
          case ZICHA_FORM_ITEM_DECIMAL:
          case ZICHA_FORM_ITEM_DATE:
          case ZICHA_FORM_ITEM_CODE:
          case ZICHA_FORM_ITEM_TABLE:
          default:
            break;
          }
        *string = g_strdup (text);
        return TRUE;
      }

    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
check_members (JsonObject  *object,
               const char  *json_path,
               const char  *allowed[],
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      gboolean known = g_str_equal (name, "comment");

      for (guint i = 0; !known && allowed[i] != NULL; i++)
        known = g_str_equal (name, allowed[i]);

      if (!known)
        return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                     "unknown member \"%s\" in a condition", name);
    }

  return TRUE;
}

static ZichaFormItem *
resolve_string (JsonNode                   *node,
                const char                 *json_path,
                ZichaConditionResolveFunc   resolve,
                gpointer                    user_data,
                GError                    **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, json_path, "a field path must be a string");
      return NULL;
    }

  return resolve (json_node_get_string (node), json_path, user_data, error);
}

static gboolean
parse_comparison (ZichaCondition             *condition,
                  JsonObject                 *object,
                  const char                 *json_path,
                  ZichaConditionResolveFunc   resolve,
                  gpointer                    user_data,
                  GError                    **error)
{
  static const char *allowed[] = { "field", "sum", "op", "value", "other", NULL };
  g_autofree char *op_path = g_strconcat (json_path, ".op", NULL);
  g_autofree char *value_path = g_strconcat (json_path, ".value", NULL);
  g_autofree char *other_path = g_strconcat (json_path, ".other", NULL);
  g_autofree char *left = NULL;
  JsonNode *op_node;
  JsonNode *value_node;
  JsonNode *other_node;
  gboolean wants_right;

  if (!check_members (object, json_path, allowed, error))
    return FALSE;

  /* Left side */
  if (json_object_has_member (object, "field") && json_object_has_member (object, "sum"))
    return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                 "a comparison has either \"field\" or \"sum\", not both");

  if (json_object_has_member (object, "field"))
    {
      g_autofree char *field_path = g_strconcat (json_path, ".field", NULL);

      condition->field = resolve_string (json_object_get_member (object, "field"),
                                         field_path, resolve, user_data, error);
      if (condition->field == NULL)
        return FALSE;
      condition->operand_kind = operand_kind_of_item (condition->field);
      condition->field_is_table = zicha_form_item_get_item_type (condition->field) == ZICHA_FORM_ITEM_TABLE;
      condition->field_is_column = zicha_form_item_get_table (condition->field) != NULL;
    }
  else
    {
      JsonNode *sum = json_object_get_member (object, "sum");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (sum) || json_array_get_length (json_node_get_array (sum)) == 0)
        return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                     "\"sum\" must be a non-empty array of field paths");

      array = json_node_get_array (sum);
      condition->addends = g_ptr_array_new ();
      condition->operand_kind = OPERAND_NUMBER;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *addend_path = g_strdup_printf ("%s.sum[%u]", json_path, i);
          ZichaFormItem *addend = resolve_string (json_array_get_element (array, i),
                                                  addend_path, resolve, user_data, error);
          ZichaFormItemType type;

          if (addend == NULL)
            return FALSE;
          type = zicha_form_item_get_item_type (addend);
          if (type != ZICHA_FORM_ITEM_INTEGER && type != ZICHA_FORM_ITEM_DECIMAL)
            return fail (error, ZICHA_FORM_ERROR_INVALID, addend_path,
                         "field \"%s\" is %s, but only integer and decimal fields can be summed",
                         zicha_form_item_get_path (addend),
                         zicha_form_item_type_to_string (type));
          g_ptr_array_add (condition->addends, addend);
        }
    }

  left = describe_left (condition);

  /* Operator */
  op_node = json_object_get_member (object, "op");
  if (op_node == NULL)
    return fail (error, ZICHA_FORM_ERROR_INVALID, json_path, "missing member \"op\"");
  if (!JSON_NODE_HOLDS_VALUE (op_node) || json_node_get_value_type (op_node) != G_TYPE_STRING)
    return fail (error, ZICHA_FORM_ERROR_INVALID, op_path, "\"op\" must be a string");
  if (!zicha_condition_op_from_string (json_node_get_string (op_node), &condition->op))
    return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                 "unknown operator \"%s\" (expected eq, ne, lt, le, gt, ge, in, has, "
                 "empty, filled, matches or within_months)",
                 json_node_get_string (op_node));

  /* Which operators fit the left side */
  switch (condition->op)
    {
    case ZICHA_CONDITION_OP_EQ:
    case ZICHA_CONDITION_OP_NE:
    case ZICHA_CONDITION_OP_IN:
      if (condition->operand_kind == OPERAND_LIST)
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"%s\" does not apply to %s; use \"has\"",
                     op_names[condition->op], left);
      break;
    case ZICHA_CONDITION_OP_LT:
    case ZICHA_CONDITION_OP_LE:
    case ZICHA_CONDITION_OP_GT:
    case ZICHA_CONDITION_OP_GE:
      if (condition->operand_kind != OPERAND_NUMBER && condition->operand_kind != OPERAND_DATE)
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"%s\" needs a number or a date, but %s is not one",
                     op_names[condition->op], left);
      break;
    case ZICHA_CONDITION_OP_HAS:
      if (condition->operand_kind != OPERAND_LIST)
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"has\" needs a multi_choice field, but %s is not one", left);
      break;
    case ZICHA_CONDITION_OP_EMPTY:
    case ZICHA_CONDITION_OP_FILLED:
      if (condition->field == NULL)
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"%s\" does not apply to a sum", op_names[condition->op]);
      break;
    case ZICHA_CONDITION_OP_MATCHES:
      if (condition->field == NULL ||
          (zicha_form_item_get_item_type (condition->field) != ZICHA_FORM_ITEM_TEXT &&
           zicha_form_item_get_item_type (condition->field) != ZICHA_FORM_ITEM_LONG_TEXT &&
           zicha_form_item_get_item_type (condition->field) != ZICHA_FORM_ITEM_CODE))
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"matches\" needs a text, long_text or code field, but %s is not one",
                     left);
      break;
    case ZICHA_CONDITION_OP_WITHIN_MONTHS:
      if (condition->operand_kind != OPERAND_DATE)
        return fail (error, ZICHA_FORM_ERROR_INVALID, op_path,
                     "operator \"within_months\" needs a date field, but %s is not one", left);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  /* Right side */
  value_node = json_object_get_member (object, "value");
  other_node = json_object_get_member (object, "other");
  wants_right = condition->op != ZICHA_CONDITION_OP_EMPTY && condition->op != ZICHA_CONDITION_OP_FILLED;

  if (!wants_right)
    {
      if (value_node != NULL || other_node != NULL)
        return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                     "operator \"%s\" takes no \"value\" or \"other\"", op_names[condition->op]);
      return TRUE;
    }

  if (value_node != NULL && other_node != NULL)
    return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                 "a comparison has either \"value\" or \"other\", not both");

  if (other_node != NULL)
    {
      OperandKind other_kind;

      if (condition->op > ZICHA_CONDITION_OP_GE)
        return fail (error, ZICHA_FORM_ERROR_INVALID, other_path,
                     "operator \"%s\" takes a \"value\", not \"other\"", op_names[condition->op]);

      condition->other = resolve_string (other_node, other_path, resolve, user_data, error);
      if (condition->other == NULL)
        return FALSE;
      condition->other_is_table = zicha_form_item_get_item_type (condition->other) == ZICHA_FORM_ITEM_TABLE;
      condition->other_is_column = zicha_form_item_get_table (condition->other) != NULL;

      other_kind = operand_kind_of_item (condition->other);
      if (other_kind != condition->operand_kind)
        return fail (error, ZICHA_FORM_ERROR_INVALID, other_path,
                     "%s cannot be compared with field \"%s\", which is %s",
                     left, zicha_form_item_get_path (condition->other),
                     operand_kind_to_string (other_kind));
      return TRUE;
    }

  if (value_node == NULL)
    return fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                 "operator \"%s\" needs a \"value\"%s", op_names[condition->op],
                 condition->op <= ZICHA_CONDITION_OP_GE ? " or an \"other\"" : "");

  condition->value = json_node_ref (value_node);

  switch (condition->op)
    {
    case ZICHA_CONDITION_OP_IN:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value_node) ||
            json_array_get_length (json_node_get_array (value_node)) == 0)
          return fail (error, ZICHA_FORM_ERROR_INVALID, value_path,
                       "operator \"in\" needs a non-empty array as \"value\"");

        array = json_node_get_array (value_node);
        condition->numbers = g_array_new (FALSE, FALSE, sizeof (double));
        condition->strings = g_new0 (char *, json_array_get_length (array) + 1);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element_path = g_strdup_printf ("%s[%u]", value_path, i);
            double number = 0;
            char *string = NULL;

            if (!read_literal (condition, json_array_get_element (array, i), element_path,
                               &number, &string, error))
              return FALSE;
            g_array_append_val (condition->numbers, number);
            condition->strings[i] = string;
          }
        return TRUE;
      }

    case ZICHA_CONDITION_OP_MATCHES:
      {
        g_autoptr(GError) regex_error = NULL;

        if (!JSON_NODE_HOLDS_VALUE (value_node) || json_node_get_value_type (value_node) != G_TYPE_STRING)
          return fail (error, ZICHA_FORM_ERROR_INVALID, value_path,
                       "operator \"matches\" needs a regular expression (a string) as \"value\"");

        condition->regex = g_regex_new (json_node_get_string (value_node), G_REGEX_OPTIMIZE, 0, &regex_error);
        if (condition->regex == NULL)
          return fail (error, ZICHA_FORM_ERROR_INVALID, value_path,
                       "bad regular expression: %s", regex_error->message);
        return TRUE;
      }

    case ZICHA_CONDITION_OP_WITHIN_MONTHS:
      if (!JSON_NODE_HOLDS_VALUE (value_node) ||
          json_node_get_value_type (value_node) != G_TYPE_INT64 ||
          json_node_get_int (value_node) < 1 || json_node_get_int (value_node) > 1200)
        return fail (error, ZICHA_FORM_ERROR_INVALID, value_path,
                     "operator \"within_months\" needs a whole number of months (1 to 1200) as \"value\"");
      condition->number = (double) json_node_get_int (value_node);
      return TRUE;

    case ZICHA_CONDITION_OP_EQ:
    case ZICHA_CONDITION_OP_NE:
    case ZICHA_CONDITION_OP_LT:
    case ZICHA_CONDITION_OP_LE:
    case ZICHA_CONDITION_OP_GT:
    case ZICHA_CONDITION_OP_GE:
    case ZICHA_CONDITION_OP_HAS:
      return read_literal (condition, value_node, value_path,
                           &condition->number, &condition->string, error);

    case ZICHA_CONDITION_OP_EMPTY:
    case ZICHA_CONDITION_OP_FILLED:
    default:
      g_return_val_if_reached (FALSE);
    }
}

ZichaCondition *
zicha_condition_new_from_json (JsonNode                   *node,
                               const char                 *json_path,
                               ZichaConditionResolveFunc   resolve,
                               gpointer                    user_data,
                               GError                    **error)
{
  g_autoptr(ZichaCondition) condition = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (json_path != NULL, NULL);
  g_return_val_if_fail (resolve != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
            "a condition must be an object: {\"all\": […]}, {\"any\": […]}, {\"not\": …} "
            "or {\"field\": …, \"op\": …}");
      return NULL;
    }

  object = json_node_get_object (node);

  if (json_object_has_member (object, "all") || json_object_has_member (object, "any"))
    {
      gboolean is_all = json_object_has_member (object, "all");
      const char *name = is_all ? "all" : "any";
      const char *allowed[] = { name, NULL };
      JsonNode *members = json_object_get_member (object, name);
      JsonArray *array;

      if (!check_members (object, json_path, allowed, error))
        return NULL;

      if (!JSON_NODE_HOLDS_ARRAY (members) || json_array_get_length (json_node_get_array (members)) == 0)
        {
          fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
                "\"%s\" must be a non-empty array of conditions", name);
          return NULL;
        }

      condition = condition_new (is_all ? ZICHA_CONDITION_ALL : ZICHA_CONDITION_ANY);
      condition->children = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_condition_unref);
      array = json_node_get_array (members);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child_path = g_strdup_printf ("%s.%s[%u]", json_path, name, i);
          ZichaCondition *child = zicha_condition_new_from_json (json_array_get_element (array, i),
                                                                 child_path, resolve, user_data,
                                                                 error);

          if (child == NULL)
            return NULL;
          g_ptr_array_add (condition->children, child);
        }
      return g_steal_pointer (&condition);
    }

  if (json_object_has_member (object, "not"))
    {
      static const char *allowed[] = { "not", NULL };
      g_autofree char *child_path = g_strconcat (json_path, ".not", NULL);
      ZichaCondition *child;

      if (!check_members (object, json_path, allowed, error))
        return NULL;

      child = zicha_condition_new_from_json (json_object_get_member (object, "not"),
                                             child_path, resolve, user_data, error);
      if (child == NULL)
        return NULL;

      condition = condition_new (ZICHA_CONDITION_NOT);
      condition->children = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_condition_unref);
      g_ptr_array_add (condition->children, child);
      return g_steal_pointer (&condition);
    }

  if (json_object_has_member (object, "field") || json_object_has_member (object, "sum"))
    {
      condition = condition_new (ZICHA_CONDITION_COMPARE);
      if (!parse_comparison (condition, object, json_path, resolve, user_data, error))
        return NULL;
      return g_steal_pointer (&condition);
    }

  fail (error, ZICHA_FORM_ERROR_INVALID, json_path,
        "a condition needs one of \"all\", \"any\", \"not\", \"field\" or \"sum\"");
  return NULL;
}

/* Evaluation -------------------------------------------------------------- */

static JsonNode *
lookup (ZichaFormItem               *item,
        gboolean                     is_column,
        const ZichaConditionContext *context)
{
  return context->lookup (item, is_column ? context->row_id : NULL, context->user_data);
}

static JsonNode *
lookup_item (ZichaFormItem               *item,
             const ZichaConditionContext *context)
{
  return lookup (item, zicha_form_item_get_table (item) != NULL, context);
}

static gboolean
node_to_number (JsonNode *node,
                double   *number)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *number = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *number = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static const char *
node_to_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Reads one field as a number (numbers, dates, row counts) or string.
 * Returns FALSE when the value is unknown (unanswered or wrong type). */
static gboolean
read_operand (ZichaFormItem               *item,
              gboolean                     is_table,
              gboolean                     is_column,
              const ZichaConditionContext *context,
              OperandKind                  kind,
              double                      *number,
              const char                 **string)
{
  JsonNode *node = lookup (item, is_column, context);

  if (is_table)
    {
      /* A table's row count is always known: no rows is 0. */
      *number = (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
                ? json_array_get_length (json_node_get_array (node)) : 0;
      return TRUE;
    }

  if (zicha_condition_node_is_empty (node))
    return FALSE;

  switch (kind)
    {
    case OPERAND_NUMBER:
      return node_to_number (node, number);

    case OPERAND_DATE:
      {
        GDate date;

        if (!zicha_condition_parse_date (node_to_string (node), &date))
          return FALSE;
        *number = g_date_get_julian (&date);
        return TRUE;
      }

    case OPERAND_STRING:
      *string = node_to_string (node);
      return *string != NULL;

    case OPERAND_LIST:
    default:
      return FALSE;
    }
}

static ZichaTruth
truth (gboolean value)
{
  return value ? ZICHA_TRUTH_TRUE : ZICHA_TRUTH_FALSE;
}

static ZichaTruth
compare_numbers (ZichaConditionOp op,
                 double           a,
                 double           b)
{
  switch (op)
    {
    case ZICHA_CONDITION_OP_EQ:
      return truth (a == b);
    case ZICHA_CONDITION_OP_NE:
      return truth (a != b);
    case ZICHA_CONDITION_OP_LT:
      return truth (a < b);
    case ZICHA_CONDITION_OP_LE:
      return truth (a <= b);
    case ZICHA_CONDITION_OP_GT:
      return truth (a > b);
    case ZICHA_CONDITION_OP_GE:
      return truth (a >= b);
    case ZICHA_CONDITION_OP_IN:
    case ZICHA_CONDITION_OP_HAS:
    case ZICHA_CONDITION_OP_EMPTY:
    case ZICHA_CONDITION_OP_FILLED:
    case ZICHA_CONDITION_OP_MATCHES:
    case ZICHA_CONDITION_OP_WITHIN_MONTHS:
    default:
      g_return_val_if_reached (ZICHA_TRUTH_UNKNOWN);
    }
}

static ZichaTruth
evaluate_has (ZichaCondition              *condition,
              const ZichaConditionContext *context)
{
  JsonNode *node = lookup (condition->field, condition->field_is_column, context);
  JsonArray *array;

  if (zicha_condition_node_is_empty (node) || !JSON_NODE_HOLDS_ARRAY (node))
    return ZICHA_TRUTH_UNKNOWN;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *selected = node_to_string (json_array_get_element (array, i));

      if (selected != NULL && g_str_equal (selected, condition->string))
        return ZICHA_TRUTH_TRUE;
    }

  return ZICHA_TRUTH_FALSE;
}

static ZichaTruth
evaluate_comparison (ZichaCondition              *condition,
                     const ZichaConditionContext *context)
{
  double left_number = 0;
  const char *left_string = NULL;

  switch (condition->op)
    {
    case ZICHA_CONDITION_OP_EMPTY:
      return truth (zicha_condition_node_is_empty (lookup (condition->field, condition->field_is_column, context)));
    case ZICHA_CONDITION_OP_FILLED:
      return truth (!zicha_condition_node_is_empty (lookup (condition->field, condition->field_is_column, context)));
    case ZICHA_CONDITION_OP_HAS:
      return evaluate_has (condition, context);
    case ZICHA_CONDITION_OP_EQ:
    case ZICHA_CONDITION_OP_NE:
    case ZICHA_CONDITION_OP_LT:
    case ZICHA_CONDITION_OP_LE:
    case ZICHA_CONDITION_OP_GT:
    case ZICHA_CONDITION_OP_GE:
    case ZICHA_CONDITION_OP_IN:
    case ZICHA_CONDITION_OP_MATCHES:
    case ZICHA_CONDITION_OP_WITHIN_MONTHS:
    default:
      break;
    }

  /* Left side */
  if (condition->addends != NULL)
    {
      for (guint i = 0; i < condition->addends->len; i++)
        {
          JsonNode *node = lookup_item (g_ptr_array_index (condition->addends, i), context);
          double addend;

          if (zicha_condition_node_is_empty (node))
            continue;
          if (!node_to_number (node, &addend))
            return ZICHA_TRUTH_UNKNOWN;
          left_number += addend;
        }
    }
  else if (!read_operand (condition->field, condition->field_is_table, condition->field_is_column,
                          context, condition->operand_kind, &left_number, &left_string))
    return ZICHA_TRUTH_UNKNOWN;

  switch (condition->op)
    {
    case ZICHA_CONDITION_OP_IN:
      for (guint i = 0; i < condition->numbers->len; i++)
        {
          if (condition->operand_kind == OPERAND_STRING
              ? g_str_equal (left_string, condition->strings[i])
              : left_number == g_array_index (condition->numbers, double, i))
            return ZICHA_TRUTH_TRUE;
        }
      return ZICHA_TRUTH_FALSE;

    case ZICHA_CONDITION_OP_MATCHES:
      return truth (g_regex_match (condition->regex, left_string, 0, NULL));

    case ZICHA_CONDITION_OP_WITHIN_MONTHS:
      {
        GDate earliest;

        if (context->report_date == NULL || !g_date_valid (context->report_date))
          return ZICHA_TRUTH_UNKNOWN;

        earliest = *context->report_date;
        g_date_subtract_months (&earliest, (guint) condition->number);
        return truth (left_number >= g_date_get_julian (&earliest) &&
                      left_number <= g_date_get_julian (context->report_date));
      }

    case ZICHA_CONDITION_OP_EQ:
    case ZICHA_CONDITION_OP_NE:
    case ZICHA_CONDITION_OP_LT:
    case ZICHA_CONDITION_OP_LE:
    case ZICHA_CONDITION_OP_GT:
    case ZICHA_CONDITION_OP_GE:
      {
        double right_number = condition->number;
        const char *right_string = condition->string;

        if (condition->other != NULL &&
            !read_operand (condition->other, condition->other_is_table, condition->other_is_column,
                           context, condition->operand_kind, &right_number, &right_string))
          return ZICHA_TRUTH_UNKNOWN;

        if (condition->operand_kind == OPERAND_STRING)
          {
            gboolean equal = g_str_equal (left_string, right_string);

            return truth (condition->op == ZICHA_CONDITION_OP_EQ ? equal : !equal);
          }

        return compare_numbers (condition->op, left_number, right_number);
      }

    case ZICHA_CONDITION_OP_HAS:
    case ZICHA_CONDITION_OP_EMPTY:
    case ZICHA_CONDITION_OP_FILLED:
    default:
      g_return_val_if_reached (ZICHA_TRUTH_UNKNOWN);
    }
}

ZichaTruth
zicha_condition_evaluate (ZichaCondition              *condition,
                          const ZichaConditionContext *context)
{
  g_return_val_if_fail (condition != NULL, ZICHA_TRUTH_UNKNOWN);
  g_return_val_if_fail (context != NULL && context->lookup != NULL, ZICHA_TRUTH_UNKNOWN);

  switch (condition->kind)
    {
    case ZICHA_CONDITION_ALL:
      {
        ZichaTruth result = ZICHA_TRUTH_TRUE;

        for (guint i = 0; i < condition->children->len; i++)
          {
            ZichaTruth child = zicha_condition_evaluate (g_ptr_array_index (condition->children, i), context);

            if (child == ZICHA_TRUTH_FALSE)
              return ZICHA_TRUTH_FALSE;
            if (child == ZICHA_TRUTH_UNKNOWN)
              result = ZICHA_TRUTH_UNKNOWN;
          }
        return result;
      }

    case ZICHA_CONDITION_ANY:
      {
        ZichaTruth result = ZICHA_TRUTH_FALSE;

        for (guint i = 0; i < condition->children->len; i++)
          {
            ZichaTruth child = zicha_condition_evaluate (g_ptr_array_index (condition->children, i), context);

            if (child == ZICHA_TRUTH_TRUE)
              return ZICHA_TRUTH_TRUE;
            if (child == ZICHA_TRUTH_UNKNOWN)
              result = ZICHA_TRUTH_UNKNOWN;
          }
        return result;
      }

    case ZICHA_CONDITION_NOT:
      switch (zicha_condition_evaluate (g_ptr_array_index (condition->children, 0), context))
        {
        case ZICHA_TRUTH_TRUE:
          return ZICHA_TRUTH_FALSE;
        case ZICHA_TRUTH_FALSE:
          return ZICHA_TRUTH_TRUE;
        case ZICHA_TRUTH_UNKNOWN:
        default:
          return ZICHA_TRUTH_UNKNOWN;
        }

    case ZICHA_CONDITION_COMPARE:
      return evaluate_comparison (condition, context);

    default:
      g_return_val_if_reached (ZICHA_TRUTH_UNKNOWN);
    }
}

/* Introspection ----------------------------------------------------------- */

static void
add_once (GPtrArray     *items,
          ZichaFormItem *item)
{
  if (item != NULL && !g_ptr_array_find (items, item, NULL))
    g_ptr_array_add (items, item);
}

void
zicha_condition_collect_items (ZichaCondition *condition,
                               GPtrArray      *items)
{
  g_return_if_fail (condition != NULL);
  g_return_if_fail (items != NULL);

  if (condition->children != NULL)
    for (guint i = 0; i < condition->children->len; i++)
      zicha_condition_collect_items (g_ptr_array_index (condition->children, i), items);

  add_once (items, condition->field);
  add_once (items, condition->other);
  if (condition->addends != NULL)
    for (guint i = 0; i < condition->addends->len; i++)
      add_once (items, g_ptr_array_index (condition->addends, i));
}

ZichaConditionKind
zicha_condition_get_kind (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, ZICHA_CONDITION_COMPARE);

  return condition->kind;
}

guint
zicha_condition_get_n_children (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, 0);

  return condition->children != NULL ? condition->children->len : 0;
}

ZichaCondition *
zicha_condition_get_child (ZichaCondition *condition,
                           guint           index)
{
  g_return_val_if_fail (condition != NULL, NULL);
  g_return_val_if_fail (index < zicha_condition_get_n_children (condition), NULL);

  return g_ptr_array_index (condition->children, index);
}

ZichaConditionOp
zicha_condition_get_op (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, ZICHA_CONDITION_OP_EQ);
  g_return_val_if_fail (condition->kind == ZICHA_CONDITION_COMPARE, ZICHA_CONDITION_OP_EQ);

  return condition->op;
}

ZichaFormItem *
zicha_condition_get_field (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);

  return condition->field;
}

guint
zicha_condition_get_n_addends (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, 0);

  return condition->addends != NULL ? condition->addends->len : 0;
}

ZichaFormItem *
zicha_condition_get_addend (ZichaCondition *condition,
                            guint           index)
{
  g_return_val_if_fail (condition != NULL, NULL);
  g_return_val_if_fail (index < zicha_condition_get_n_addends (condition), NULL);

  return g_ptr_array_index (condition->addends, index);
}

ZichaFormItem *
zicha_condition_get_other (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);

  return condition->other;
}

JsonNode *
zicha_condition_get_value (ZichaCondition *condition)
{
  g_return_val_if_fail (condition != NULL, NULL);

  return condition->value;
}
