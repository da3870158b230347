/* zicha-form-rule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-form-private.h"

G_DEFINE_FINAL_TYPE (ZichaFormRule, zicha_form_rule, G_TYPE_OBJECT)

static void
zicha_form_rule_finalize (GObject *object)
{
  ZichaFormRule *self = ZICHA_FORM_RULE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->when, zicha_condition_unref);
  g_clear_pointer (&self->condition, zicha_condition_unref);
  g_clear_pointer (&self->message, zicha_localized_text_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_form_rule_parent_class)->finalize (object);
}

static void
zicha_form_rule_class_init (ZichaFormRuleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_form_rule_finalize;
}

static void
zicha_form_rule_init (ZichaFormRule *self)
{
  self->severity = ZICHA_SEVERITY_ERROR;
  self->fields = g_ptr_array_new ();
}

ZichaFormRule *
zicha_form_rule_new (ZichaFormRuleScope scope)
{
  ZichaFormRule *rule = g_object_new (ZICHA_TYPE_FORM_RULE, NULL);

  rule->scope = scope;
  return rule;
}

ZichaFormRuleScope
zicha_form_rule_get_scope (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), ZICHA_FORM_RULE_FORM);

  return rule->scope;
}

const char *
zicha_form_rule_get_id (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);

  return rule->id;
}

ZichaFormItem *
zicha_form_rule_get_owner (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);

  return rule->owner;
}

ZichaCondition *
zicha_form_rule_get_when (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);

  return rule->when;
}

ZichaCondition *
zicha_form_rule_get_condition (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);

  return rule->condition;
}

ZichaSeverity
zicha_form_rule_get_severity (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), ZICHA_SEVERITY_ERROR);

  return rule->severity;
}

const ZichaLocalizedText *
zicha_form_rule_get_message (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);

  return rule->message;
}

guint
zicha_form_rule_get_n_fields (ZichaFormRule *rule)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), 0);

  return rule->fields->len;
}

ZichaFormItem *
zicha_form_rule_get_field (ZichaFormRule *rule,
                           guint          index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_RULE (rule), NULL);
  g_return_val_if_fail (index < rule->fields->len, NULL);

  return g_ptr_array_index (rule->fields, index);
}
