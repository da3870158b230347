/* zicha-form-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "zicha-form"

#include "zicha-form-private.h"

G_DEFINE_FINAL_TYPE (ZichaFormSection, zicha_form_section, G_TYPE_OBJECT)

void
zicha_form_group_free (ZichaFormGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->id);
  g_clear_pointer (&group->label, zicha_localized_text_unref);
  g_clear_pointer (&group->guidance, zicha_localized_text_unref);
  g_free (group);
}

static void
zicha_form_section_finalize (GObject *object)
{
  ZichaFormSection *self = ZICHA_FORM_SECTION (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, zicha_localized_text_unref);
  g_clear_pointer (&self->guidance, zicha_localized_text_unref);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_form_section_parent_class)->finalize (object);
}

static void
zicha_form_section_class_init (ZichaFormSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zicha_form_section_finalize;
}

static void
zicha_form_section_init (ZichaFormSection *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) zicha_form_group_free);
}

ZichaFormSection *
zicha_form_section_new (void)
{
  return g_object_new (ZICHA_TYPE_FORM_SECTION, NULL);
}

const char *
zicha_form_section_get_id (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);

  return section->id;
}

guint
zicha_form_section_get_index (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), 0);

  return section->index;
}

const ZichaLocalizedText *
zicha_form_section_get_title (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);

  return section->title;
}

const char *
zicha_form_section_get_number (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);

  return section->number;
}

const ZichaLocalizedText *
zicha_form_section_get_guidance (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);

  return section->guidance;
}

ZichaFormDocument
zicha_form_section_get_document (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), ZICHA_FORM_DOCUMENT_TABLE);

  return section->document;
}

guint
zicha_form_section_get_n_items (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), 0);

  return section->items->len;
}

ZichaFormItem *
zicha_form_section_get_item (ZichaFormSection *section,
                             guint             index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);
  g_return_val_if_fail (index < section->items->len, NULL);

  return g_ptr_array_index (section->items, index);
}

ZichaFormItem *
zicha_form_section_lookup_item (ZichaFormSection *section,
                                const char       *id)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < section->items->len; i++)
    {
      ZichaFormItem *item = g_ptr_array_index (section->items, i);

      if (g_str_equal (zicha_form_item_get_id (item), id))
        return item;
    }

  return NULL;
}

guint
zicha_form_section_get_n_tables (ZichaFormSection *section)
{
  guint n_tables = 0;

  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), 0);

  for (guint i = 0; i < section->items->len; i++)
    if (zicha_form_item_get_item_type (g_ptr_array_index (section->items, i)) == ZICHA_FORM_ITEM_TABLE)
      n_tables++;

  return n_tables;
}

guint
zicha_form_section_get_n_groups (ZichaFormSection *section)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), 0);

  return section->groups->len;
}

const ZichaFormGroup *
zicha_form_section_get_group (ZichaFormSection *section,
                              guint             index)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);
  g_return_val_if_fail (index < section->groups->len, NULL);

  return g_ptr_array_index (section->groups, index);
}

const ZichaFormGroup *
zicha_form_section_lookup_group (ZichaFormSection *section,
                                 const char       *id)
{
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < section->groups->len; i++)
    {
      const ZichaFormGroup *group = g_ptr_array_index (section->groups, i);

      if (g_str_equal (group->id, id))
        return group;
    }

  return NULL;
}
