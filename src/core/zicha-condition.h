/* zicha-condition.h — the parsed condition tree of a form definition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conditions are structured JSON (docs/form-format.md, "Conditions"):
 * {"all": […]}, {"any": […]}, {"not": …} and comparisons
 * {"field"|"sum": …, "op": …, "value"|"other": …}. Parsing resolves every
 * field path to its ZichaFormItem and checks literals against it, so
 * evaluation never meets a name or a literal it cannot use.
 *
 * Evaluation is three-valued: a comparison of an unanswered field is
 * UNKNOWN, and all/any/not follow Kleene logic. Values come from a lookup
 * callback, so the condition knows nothing about how answers are stored.
 *
 * A condition borrows the items it names: it belongs to its form and must
 * not outlive it.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ZichaFormItem ZichaFormItem;

#define ZICHA_TYPE_CONDITION (zicha_condition_get_type ())

typedef struct _ZichaCondition ZichaCondition;

typedef enum
{
  ZICHA_TRUTH_FALSE,
  ZICHA_TRUTH_TRUE,
  ZICHA_TRUTH_UNKNOWN,
} ZichaTruth;

typedef enum
{
  ZICHA_CONDITION_ALL,
  ZICHA_CONDITION_ANY,
  ZICHA_CONDITION_NOT,
  ZICHA_CONDITION_COMPARE,
} ZichaConditionKind;

typedef enum
{
  ZICHA_CONDITION_OP_EQ,
  ZICHA_CONDITION_OP_NE,
  ZICHA_CONDITION_OP_LT,
  ZICHA_CONDITION_OP_LE,
  ZICHA_CONDITION_OP_GT,
  ZICHA_CONDITION_OP_GE,
  ZICHA_CONDITION_OP_IN,
  ZICHA_CONDITION_OP_HAS,
  ZICHA_CONDITION_OP_EMPTY,
  ZICHA_CONDITION_OP_FILLED,
  ZICHA_CONDITION_OP_MATCHES,
  ZICHA_CONDITION_OP_WITHIN_MONTHS,
} ZichaConditionOp;

/* Returns the answer of @item (borrowed), or NULL when unanswered. For a
 * column, @row_id is the row (a UUID); otherwise NULL. Values are JSON as
 * stored in answers: strings, numbers, arrays of strings (multi_choice);
 * for a table item, a JSON array with one element per row. */
typedef JsonNode *(*ZichaConditionLookupFunc) (ZichaFormItem *item,
                                               const char    *row_id,
                                               gpointer       user_data);

typedef struct
{
  ZichaConditionLookupFunc  lookup;
  gpointer                  user_data;
  /* The row that "section.table[].column" paths mean; NULL outside tables. */
  const char               *row_id;
  /* For within_months; when NULL or invalid, within_months is UNKNOWN. */
  const GDate              *report_date;
} ZichaConditionContext;

/* Maps a field path found at @json_path to its item, or sets @error
 * (ZICHA_FORM_ERROR_UNKNOWN_FIELD / _INVALID) and returns NULL. */
typedef ZichaFormItem *(*ZichaConditionResolveFunc) (const char  *path,
                                                     const char  *json_path,
                                                     gpointer     user_data,
                                                     GError     **error);

GType           zicha_condition_get_type      (void) G_GNUC_CONST;

/* Errors are in ZICHA_FORM_ERROR and start with @json_path. */
ZichaCondition *zicha_condition_new_from_json (JsonNode                   *node,
                                               const char                 *json_path,
                                               ZichaConditionResolveFunc   resolve,
                                               gpointer                    user_data,
                                               GError                    **error);

ZichaCondition *zicha_condition_ref           (ZichaCondition *condition);
void            zicha_condition_unref         (ZichaCondition *condition);

ZichaTruth      zicha_condition_evaluate      (ZichaCondition              *condition,
                                               const ZichaConditionContext *context);

/* Appends every item the condition names (fields, sum addends, "other")
 * to @items, each once. */
void            zicha_condition_collect_items (ZichaCondition *condition,
                                               GPtrArray      *items);

ZichaConditionKind zicha_condition_get_kind       (ZichaCondition *condition);
/* all / any / not */
guint           zicha_condition_get_n_children (ZichaCondition *condition);
ZichaCondition *zicha_condition_get_child      (ZichaCondition *condition,
                                                guint           index);
/* comparisons */
ZichaConditionOp zicha_condition_get_op        (ZichaCondition *condition);
/* The "field" item, or NULL for a "sum". */
ZichaFormItem  *zicha_condition_get_field      (ZichaCondition *condition);
guint           zicha_condition_get_n_addends  (ZichaCondition *condition);
ZichaFormItem  *zicha_condition_get_addend     (ZichaCondition *condition,
                                                guint           index);
/* The "other" item, or NULL. */
ZichaFormItem  *zicha_condition_get_other      (ZichaCondition *condition);
/* The "value" literal as written, or NULL. */
JsonNode       *zicha_condition_get_value      (ZichaCondition *condition);

const char     *zicha_condition_op_to_string   (ZichaConditionOp  op);
gboolean        zicha_condition_op_from_string (const char       *name,
                                                ZichaConditionOp *op);

const char     *zicha_truth_to_string          (ZichaTruth truth);

/* Parses a strict "YYYY-MM-DD" into @date; FALSE if it is not one. */
gboolean        zicha_condition_parse_date     (const char *text,
                                                GDate      *date);
/* TRUE when @node counts as unanswered: NULL, null, blank string, []. */
gboolean        zicha_condition_node_is_empty  (JsonNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaCondition, zicha_condition_unref)

G_END_DECLS
