/* zicha-section-page.c — groups of field rows and tables, in form order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-section-page"

#include "config.h"

#include <glib/gi18n.h>

#include "zicha-section-page.h"
#include "zicha-table-group.h"

struct _ZichaSectionPage
{
  AdwPreferencesPage  parent_instance;

  ZichaReportSession *session;
  ZichaFormSection   *section;
  GPtrArray          *rows;    /* ZichaFieldRow, in order */
  GPtrArray          *tables;  /* ZichaTableGroup */
};

G_DEFINE_FINAL_TYPE (ZichaSectionPage, zicha_section_page, ADW_TYPE_PREFERENCES_PAGE)

static AdwPreferencesGroup *
new_group (ZichaSectionPage         *self,
           const ZichaLocalizedText *title,
           const ZichaLocalizedText *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, zicha_localized_text_get_for_locale (title));
  if (description != NULL)
    adw_preferences_group_set_description (group, zicha_localized_text_get_for_locale (description));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
  return group;
}

static void
build (ZichaSectionPage *self)
{
  AdwPreferencesGroup *group = NULL;
  const char *group_id = NULL;
  guint n = zicha_form_section_get_n_items (self->section);
  /* The form's titles carry their own numbering (表一 一、…). */
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self),
                                  zicha_localized_text_get_for_locale (zicha_form_section_get_title (self->section)));

  /* The section's own guidance opens the page. */
  if (zicha_form_section_get_guidance (self->section) != NULL)
    {
      AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *label = gtk_label_new (zicha_localized_text_get_for_locale (zicha_form_section_get_guidance (self->section)));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      adw_preferences_group_add (intro, label);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), intro);
    }

  for (guint i = 0; i < n; i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (self->section, i);
      const char *item_group = zicha_form_item_get_group (item);

      if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
        {
          GtkWidget *table = zicha_table_group_new (self->session, item);

          adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (table));
          g_ptr_array_add (self->tables, table);
          group = NULL;
          group_id = NULL;
          continue;
        }

      /* Items of one printed row or block (姓名, 职务, 电话…) share a group. */
      if (group == NULL || g_strcmp0 (item_group, group_id) != 0)
        {
          const ZichaFormGroup *info = item_group != NULL
                                       ? zicha_form_section_lookup_group (self->section, item_group)
                                       : NULL;

          group = new_group (self,
                             info != NULL ? info->label : NULL,
                             info != NULL ? info->guidance : NULL);
          group_id = item_group;
        }

      {
        GtkWidget *row = zicha_field_row_new (self->session, item, NULL);

        adw_preferences_group_add (group, row);
        g_ptr_array_add (self->rows, row);
      }
    }
}

static void
zicha_section_page_dispose (GObject *object)
{
  ZichaSectionPage *self = ZICHA_SECTION_PAGE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->section);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (zicha_section_page_parent_class)->dispose (object);
}

static void
zicha_section_page_class_init (ZichaSectionPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = zicha_section_page_dispose;
}

static void
zicha_section_page_init (ZichaSectionPage *self)
{
  self->rows = g_ptr_array_new ();
  self->tables = g_ptr_array_new ();
}

GtkWidget *
zicha_section_page_new (ZichaReportSession *session,
                        ZichaFormSection   *section)
{
  ZichaSectionPage *self;

  g_return_val_if_fail (ZICHA_IS_REPORT_SESSION (session), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM_SECTION (section), NULL);

  self = g_object_new (ZICHA_TYPE_SECTION_PAGE, NULL);
  self->session = g_object_ref (session);
  self->section = g_object_ref (section);
  build (self);

  return GTK_WIDGET (self);
}

ZichaFormSection *
zicha_section_page_get_section (ZichaSectionPage *self)
{
  g_return_val_if_fail (ZICHA_IS_SECTION_PAGE (self), NULL);

  return self->section;
}

ZichaFieldRow *
zicha_section_page_lookup_row (ZichaSectionPage *self,
                               ZichaFormItem    *item)
{
  g_return_val_if_fail (ZICHA_IS_SECTION_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (zicha_field_row_get_item (self->rows->pdata[i]) == item)
      return self->rows->pdata[i];

  return NULL;
}

ZichaTableGroup *
zicha_section_page_lookup_table (ZichaSectionPage *self,
                                 ZichaFormItem    *table)
{
  g_return_val_if_fail (ZICHA_IS_SECTION_PAGE (self), NULL);

  for (guint i = 0; i < self->tables->len; i++)
    if (zicha_table_group_get_table (self->tables->pdata[i]) == table)
      return self->tables->pdata[i];

  return NULL;
}

void
zicha_section_page_reload (ZichaSectionPage *self)
{
  g_return_if_fail (ZICHA_IS_SECTION_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    zicha_field_row_reload (self->rows->pdata[i]);
  for (guint i = 0; i < self->tables->len; i++)
    zicha_table_group_reload (self->tables->pdata[i]);
}

GPtrArray *
zicha_section_page_get_rows (ZichaSectionPage *self)
{
  g_return_val_if_fail (ZICHA_IS_SECTION_PAGE (self), NULL);

  return self->rows;
}
