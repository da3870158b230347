/* zicha-form-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-form-private.h"

G_DEFINE_FINAL_TYPE (ZichaFormItem, zicha_form_item, G_TYPE_OBJECT)

static const char * const type_names[] = {
  [ZICHA_FORM_ITEM_TEXT] = "text",
  [ZICHA_FORM_ITEM_LONG_TEXT] = "long_text",
  [ZICHA_FORM_ITEM_INTEGER] = "integer",
  [ZICHA_FORM_ITEM_DECIMAL] = "decimal",
  [ZICHA_FORM_ITEM_DATE] = "date",
  [ZICHA_FORM_ITEM_CHOICE] = "choice",
  [ZICHA_FORM_ITEM_MULTI_CHOICE] = "multi_choice",
  [ZICHA_FORM_ITEM_YES_NO] = "yes_no",
  [ZICHA_FORM_ITEM_CODE] = "code",
  [ZICHA_FORM_ITEM_TABLE] = "table",
};

const char *
zicha_form_item_type_to_string (ZichaFormItemType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), NULL);

  return type_names[type];
}

gboolean
zicha_form_item_type_from_string (const char        *name,
                                  ZichaFormItemType *type)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (name, type_names[i]))
      {
        if (type != NULL)
          *type = (ZichaFormItemType) i;
        return TRUE;
      }

  return FALSE;
}

void
zicha_form_option_free (ZichaFormOption *option)
{
  if (option == NULL)
    return;

  g_free (option->value);
  g_clear_pointer (&option->label, zicha_localized_text_unref);
  g_free (option);
}

static void
zicha_form_item_finalize (GObject *object)
{
  ZichaFormItem *self = ZICHA_FORM_ITEM (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->label, zicha_localized_text_unref);
  g_clear_pointer (&self->guidance, zicha_localized_text_unref);
  g_clear_pointer (&self->unit, zicha_localized_text_unref);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->required_condition, zicha_condition_unref);
  g_clear_pointer (&self->relevant, zicha_condition_unref);
  g_clear_pointer (&self->constraints, g_ptr_array_unref);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_form_item_parent_class)->finalize (object);
}

static void
zicha_form_item_class_init (ZichaFormItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_form_item_finalize;
}

static void
zicha_form_item_init (ZichaFormItem *self)
{
  self->decimals = -1;
  self->max_rows = G_MAXUINT;
  self->constraints = g_ptr_array_new_with_free_func (g_object_unref);
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_form_option_free);
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->rules = g_ptr_array_new_with_free_func (g_object_unref);
}

ZichaFormItem *
zicha_form_item_new (ZichaFormItemType type)
{
  ZichaFormItem *item = g_object_new (ZICHA_TYPE_FORM_ITEM, NULL);

  item->type = type;
  return item;
}

const char *
zicha_form_item_get_id (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->id;
}

guint
zicha_form_item_get_index (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->index;
}

const char *
zicha_form_item_get_path (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->path;
}

char *
zicha_form_item_dup_cell_path (ZichaFormItem *item,
                               const char    *row_id)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  if (item->table == NULL || row_id == NULL)
    return g_strdup (item->path);

  return g_strdup_printf ("%s.%s[%s].%s",
                          zicha_form_section_get_id (item->section),
                          item->table->id, row_id, item->id);
}

ZichaFormItemType
zicha_form_item_get_item_type (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), ZICHA_FORM_ITEM_TEXT);

  return item->type;
}

ZichaFormSection *
zicha_form_item_get_section (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->section;
}

ZichaFormItem *
zicha_form_item_get_table (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->table;
}

const ZichaLocalizedText *
zicha_form_item_get_label (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->label;
}

const ZichaLocalizedText *
zicha_form_item_get_guidance (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->guidance;
}

const char *
zicha_form_item_get_number (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->number;
}

const ZichaLocalizedText *
zicha_form_item_get_unit (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->unit;
}

const char *
zicha_form_item_get_group (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->group;
}

gboolean
zicha_form_item_is_required (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  return item->required;
}

ZichaCondition *
zicha_form_item_get_required_condition (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->required_condition;
}

ZichaCondition *
zicha_form_item_get_relevant (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->relevant;
}

guint
zicha_form_item_get_n_constraints (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->constraints->len;
}

ZichaFormRule *
zicha_form_item_get_constraint (ZichaFormItem *item,
                                guint          index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (index < item->constraints->len, NULL);

  return g_ptr_array_index (item->constraints, index);
}

gboolean
zicha_form_item_get_minimum (ZichaFormItem *item,
                             double        *minimum)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  if (item->has_minimum && minimum != NULL)
    *minimum = item->minimum;
  return item->has_minimum;
}

gboolean
zicha_form_item_get_maximum (ZichaFormItem *item,
                             double        *maximum)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  if (item->has_maximum && maximum != NULL)
    *maximum = item->maximum;
  return item->has_maximum;
}

int
zicha_form_item_get_decimals (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), -1);

  return item->decimals;
}

guint
zicha_form_item_get_max_length (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->max_length;
}

guint
zicha_form_item_get_n_options (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->options->len;
}

const ZichaFormOption *
zicha_form_item_get_option (ZichaFormItem *item,
                            guint          index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (index < item->options->len, NULL);

  return g_ptr_array_index (item->options, index);
}

const ZichaFormOption *
zicha_form_item_lookup_option (ZichaFormItem *item,
                               const char    *value)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (value != NULL, NULL);

  for (guint i = 0; i < item->options->len; i++)
    {
      const ZichaFormOption *option = g_ptr_array_index (item->options, i);

      if (g_str_equal (option->value, value))
        return option;
    }

  return NULL;
}

gboolean
zicha_form_item_get_not_applicable (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), FALSE);

  return item->not_applicable;
}

const ZichaCodeKind *
zicha_form_item_get_code_kinds (ZichaFormItem *item,
                                guint         *n_kinds)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  if (n_kinds != NULL)
    *n_kinds = item->n_code_kinds;
  return item->code_kinds;
}

guint
zicha_form_item_get_n_columns (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->columns->len;
}

ZichaFormItem *
zicha_form_item_get_column (ZichaFormItem *item,
                            guint          index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (index < item->columns->len, NULL);

  return g_ptr_array_index (item->columns, index);
}

ZichaFormItem *
zicha_form_item_lookup_column (ZichaFormItem *item,
                               const char    *id)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < item->columns->len; i++)
    {
      ZichaFormItem *column = g_ptr_array_index (item->columns, i);

      if (g_str_equal (column->id, id))
        return column;
    }

  return NULL;
}

guint
zicha_form_item_get_min_rows (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->min_rows;
}

guint
zicha_form_item_get_max_rows (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), G_MAXUINT);

  return item->max_rows;
}

ZichaFormItem *
zicha_form_item_get_row_title (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);

  return item->row_title;
}

guint
zicha_form_item_get_n_rules (ZichaFormItem *item)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), 0);

  return item->rules->len;
}

ZichaFormRule *
zicha_form_item_get_rule (ZichaFormItem *item,
                          guint          index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_ITEM (item), NULL);
  g_return_val_if_fail (index < item->rules->len, NULL);

  return g_ptr_array_index (item->rules, index);
}
