/* zicha-form-item.h — one item of a form: a question, a table, or a column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are made by the loader (ZichaForm) and are immutable. They belong
 * to their form: keep the form alive while using them.
 */
#pragma once

#include <glib-object.h>

#include "zicha-code.h"
#include "zicha-condition.h"
#include "zicha-form-rule.h"
#include "zicha-localized-text.h"

G_BEGIN_DECLS

typedef struct _ZichaFormSection ZichaFormSection;

#define ZICHA_TYPE_FORM_ITEM (zicha_form_item_get_type ())

G_DECLARE_FINAL_TYPE (ZichaFormItem, zicha_form_item, ZICHA, FORM_ITEM, GObject)

typedef enum
{
  ZICHA_FORM_ITEM_TEXT,
  ZICHA_FORM_ITEM_LONG_TEXT,
  ZICHA_FORM_ITEM_INTEGER,
  ZICHA_FORM_ITEM_DECIMAL,
  ZICHA_FORM_ITEM_DATE,
  ZICHA_FORM_ITEM_CHOICE,
  ZICHA_FORM_ITEM_MULTI_CHOICE,
  ZICHA_FORM_ITEM_YES_NO,
  ZICHA_FORM_ITEM_CODE,
  ZICHA_FORM_ITEM_TABLE,
} ZichaFormItemType;

/* An option of a choice / multi_choice item. */
typedef struct
{
  char               *value;
  ZichaLocalizedText *label;
} ZichaFormOption;

/* "text", "long_text", … as in the definition. */
const char               *zicha_form_item_type_to_string    (ZichaFormItemType  type);
gboolean                  zicha_form_item_type_from_string  (const char        *name,
                                                             ZichaFormItemType *type);

const char               *zicha_form_item_get_id            (ZichaFormItem *item);
/* Position in document order, as zicha_form_get_all_item() counts:
 * a table's columns directly follow it, so a column's position within its
 * table is its index minus the table's index minus 1. Useful as an array
 * index for per-item data. */
guint                     zicha_form_item_get_index         (ZichaFormItem *item);
/* "section.item", or "section.table[].column" for a column. */
const char               *zicha_form_item_get_path          (ZichaFormItem *item);
/* The path of one cell, "section.table[ROW].column", when @item is a
 * column and @row_id is given; otherwise the item's own path. */
char                     *zicha_form_item_dup_cell_path     (ZichaFormItem *item,
                                                             const char    *row_id);
ZichaFormItemType         zicha_form_item_get_item_type     (ZichaFormItem *item);
ZichaFormSection         *zicha_form_item_get_section       (ZichaFormItem *item);
/* The table of a column; NULL for other items. */
ZichaFormItem            *zicha_form_item_get_table         (ZichaFormItem *item);

const ZichaLocalizedText *zicha_form_item_get_label         (ZichaFormItem *item);
/* Nullable: guidance ("重点包括…"), display number, unit, group id. */
const ZichaLocalizedText *zicha_form_item_get_guidance      (ZichaFormItem *item);
const char               *zicha_form_item_get_number        (ZichaFormItem *item);
const ZichaLocalizedText *zicha_form_item_get_unit          (ZichaFormItem *item);
const char               *zicha_form_item_get_group         (ZichaFormItem *item);

/* TRUE when "required" is true or a condition; the condition (NULL when
 * unconditional) says when it applies. */
gboolean                  zicha_form_item_is_required       (ZichaFormItem *item);
ZichaCondition           *zicha_form_item_get_required_condition (ZichaFormItem *item);
/* NULL: always relevant. */
ZichaCondition           *zicha_form_item_get_relevant      (ZichaFormItem *item);
guint                     zicha_form_item_get_n_constraints (ZichaFormItem *item);
ZichaFormRule            *zicha_form_item_get_constraint    (ZichaFormItem *item,
                                                             guint          index);

/* integer / decimal bounds; FALSE when there is none. */
gboolean                  zicha_form_item_get_minimum       (ZichaFormItem *item,
                                                             double        *minimum);
gboolean                  zicha_form_item_get_maximum       (ZichaFormItem *item,
                                                             double        *maximum);
/* decimal: digits after the point, or -1 when not limited. */
int                       zicha_form_item_get_decimals      (ZichaFormItem *item);
/* text / long_text: characters, or 0 when not limited. */
guint                     zicha_form_item_get_max_length    (ZichaFormItem *item);

/* choice / multi_choice */
guint                     zicha_form_item_get_n_options     (ZichaFormItem *item);
const ZichaFormOption    *zicha_form_item_get_option        (ZichaFormItem *item,
                                                             guint          index);
const ZichaFormOption    *zicha_form_item_lookup_option     (ZichaFormItem *item,
                                                             const char    *value);
/* yes_no: whether "na" (不适用) is offered. */
gboolean                  zicha_form_item_get_not_applicable (ZichaFormItem *item);
/* code: the accepted kinds, in the order written ("kind": "phone" or
 * "kind": ["phone", "mobile"]); a value is valid when one of them accepts
 * it. Returns the array (owned by the item) and sets *n_kinds. */
const ZichaCodeKind      *zicha_form_item_get_code_kinds    (ZichaFormItem *item,
                                                             guint         *n_kinds);

/* table */
guint                     zicha_form_item_get_n_columns     (ZichaFormItem *item);
ZichaFormItem            *zicha_form_item_get_column        (ZichaFormItem *item,
                                                             guint          index);
ZichaFormItem            *zicha_form_item_lookup_column     (ZichaFormItem *item,
                                                             const char    *id);
guint                     zicha_form_item_get_min_rows      (ZichaFormItem *item);
/* G_MAXUINT when unlimited. */
guint                     zicha_form_item_get_max_rows      (ZichaFormItem *item);
/* The column naming a row, or NULL. */
ZichaFormItem            *zicha_form_item_get_row_title     (ZichaFormItem *item);
guint                     zicha_form_item_get_n_rules       (ZichaFormItem *item);
ZichaFormRule            *zicha_form_item_get_rule          (ZichaFormItem *item,
                                                             guint          index);

G_END_DECLS
