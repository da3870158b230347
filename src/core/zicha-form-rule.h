/* zicha-form-rule.h — a condition that must hold, with its message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One type for the three places a definition states a check: an item's
 * "constraint" (no id, no fields), a table's per-row "rules" and the form's
 * cross-field "rules". A rule is violated only when its condition is
 * FALSE (UNKNOWN is not a problem) and only when "when" is TRUE or absent.
 */
#pragma once

#include <glib-object.h>

#include "zicha-condition.h"
#include "zicha-localized-text.h"
#include "zicha-types.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_FORM_RULE (zicha_form_rule_get_type ())

G_DECLARE_FINAL_TYPE (ZichaFormRule, zicha_form_rule, ZICHA, FORM_RULE, GObject)

typedef enum
{
  ZICHA_FORM_RULE_CONSTRAINT, /* an item's own check; owner is the item */
  ZICHA_FORM_RULE_ROW,        /* a table rule, run per row; owner is the table */
  ZICHA_FORM_RULE_FORM,       /* a form-level cross-field rule; no owner */
} ZichaFormRuleScope;

ZichaFormRuleScope        zicha_form_rule_get_scope     (ZichaFormRule *rule);
/* NULL for constraints. */
const char               *zicha_form_rule_get_id        (ZichaFormRule *rule);
/* The item a constraint checks or the table a row rule belongs to. */
ZichaFormItem            *zicha_form_rule_get_owner     (ZichaFormRule *rule);
/* NULL when the rule always applies. */
ZichaCondition           *zicha_form_rule_get_when      (ZichaFormRule *rule);
ZichaCondition           *zicha_form_rule_get_condition (ZichaFormRule *rule);
ZichaSeverity             zicha_form_rule_get_severity  (ZichaFormRule *rule);
const ZichaLocalizedText *zicha_form_rule_get_message   (ZichaFormRule *rule);
/* The fields the problem is attached to; for constraints, the owner. */
guint                     zicha_form_rule_get_n_fields  (ZichaFormRule *rule);
ZichaFormItem            *zicha_form_rule_get_field     (ZichaFormRule *rule,
                                                         guint          index);

G_END_DECLS
