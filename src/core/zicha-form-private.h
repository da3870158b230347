/* zicha-form-private.h — the form model's structures, for its loader only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by zicha-form*.c and nothing else. Everything else reads the
 * model through the getters in the public headers.
 */
#pragma once

#include "zicha-form.h"

G_BEGIN_DECLS

struct _ZichaFormRule
{
  GObject             parent_instance;

  ZichaFormRuleScope  scope;
  char               *id;          /* NULL for constraints */
  ZichaFormItem      *owner;       /* borrowed */
  ZichaCondition     *when;
  ZichaCondition     *condition;
  ZichaSeverity       severity;
  ZichaLocalizedText *message;
  GPtrArray          *fields;      /* of ZichaFormItem, borrowed */
};

struct _ZichaFormItem
{
  GObject             parent_instance;

  char               *id;
  char               *path;
  guint               index;       /* in ZichaForm.all_items */
  ZichaFormItemType   type;
  ZichaFormSection   *section;     /* borrowed */
  ZichaFormItem      *table;       /* borrowed; set for columns */

  ZichaLocalizedText *label;
  ZichaLocalizedText *guidance;
  ZichaLocalizedText *unit;
  char               *number;
  char               *group;

  gboolean            required;
  ZichaCondition     *required_condition;
  ZichaCondition     *relevant;
  GPtrArray          *constraints; /* of ZichaFormRule */

  gboolean            has_minimum;
  gboolean            has_maximum;
  double              minimum;
  double              maximum;
  int                 decimals;
  guint               max_length;

  GPtrArray          *options;     /* of ZichaFormOption */
  gboolean            not_applicable;
  ZichaCodeKind       code_kinds[ZICHA_N_CODE_KINDS];
  guint               n_code_kinds;

  GPtrArray          *columns;     /* of ZichaFormItem */
  guint               min_rows;
  guint               max_rows;
  ZichaFormItem      *row_title;   /* borrowed */
  GPtrArray          *rules;       /* of ZichaFormRule */
};

struct _ZichaFormSection
{
  GObject             parent_instance;

  char               *id;
  guint               index;
  ZichaLocalizedText *title;
  ZichaLocalizedText *guidance;
  char               *number;
  ZichaFormDocument   document;
  GPtrArray          *items;       /* of ZichaFormItem */
  GPtrArray          *groups;      /* of ZichaFormGroup */
};

struct _ZichaForm
{
  GObject             parent_instance;

  char               *id;
  guint               version;
  ZichaLocalizedText *title;

  ZichaLocalizedText *campaign_name;
  guint               campaign_year;
  char               *deadline;
  GDate               deadline_date;
  ZichaLocalizedText *addressee;
  ZichaLocalizedText *notice;
  char               *platform_url;
  ZichaFormItem      *report_date_item; /* borrowed */

  GPtrArray          *sections;    /* of ZichaFormSection */
  GPtrArray          *rules;       /* of ZichaFormRule: form-level */
  GPtrArray          *all_items;   /* of ZichaFormItem, borrowed, document order */
  GHashTable         *items_by_path; /* "s.i" / "s.t[].c" → ZichaFormItem, borrowed */
  GHashTable         *rules_by_id;   /* id → ZichaFormRule, borrowed */
};

ZichaFormRule    *zicha_form_rule_new    (ZichaFormRuleScope  scope);
ZichaFormItem    *zicha_form_item_new    (ZichaFormItemType   type);
ZichaFormSection *zicha_form_section_new (void);
ZichaForm        *zicha_form_new         (void);

void              zicha_form_option_free (ZichaFormOption    *option);
void              zicha_form_group_free  (ZichaFormGroup     *group);

/* Splits a field path. *row is NULL without brackets, "" for "[]" and the
 * row id otherwise; *column is NULL unless there are brackets. Checks the
 * shape only (identifiers, brackets), not that the names exist. */
gboolean          zicha_form_split_path  (const char         *path,
                                          char              **section,
                                          char              **item,
                                          char              **row,
                                          char              **column);
gboolean          zicha_form_is_identifier (const char       *text);

/* Fills @form from a parsed definition. Errors as documented. */
gboolean          zicha_form_loader_load (ZichaForm          *form,
                                          JsonNode           *root,
                                          GError            **error);

G_END_DECLS
