/* zicha-document-table.c — the 自查表: the form as printed forms show it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, the form header (填表单位, 填表人, 联系电话, 填表日期), then every
 * section the form prints in the table, in order: its 填表说明, its items
 * as a bordered label | answer table (groups on one row or under a group
 * row, narratives as full-width boxes with their 重点包括 guidance), and
 * repeatable tables as tables of their own. Items that do not apply are
 * left out.
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include "zicha-document-private.h"
#include "zicha-document-text.h"

#define LABEL_SHARE 0.36

static gboolean
is_value_type_inline (ZichaFormItemType type)
{
  return type == ZICHA_FORM_ITEM_TEXT || type == ZICHA_FORM_ITEM_CODE || type == ZICHA_FORM_ITEM_INTEGER ||
         type == ZICHA_FORM_ITEM_DECIMAL || type == ZICHA_FORM_ITEM_DATE;
}

static void
begin_item_table (ZichaDocumentBuild *build)
{
  double width = zicha_page_layout_get_content_width (build->layout);
  double widths[2] = { width * LABEL_SHARE, width * (1 - LABEL_SHARE) };

  zicha_page_layout_begin_table (build->layout, 2, widths, NULL);
}

static void
add_pair_row (ZichaDocumentBuild *build,
              const char         *label,
              const char         *value)
{
  ZichaTableCell cells[2] = {
    { label, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, TRUE, 0 },
    { value, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, FALSE, 0 },
  };

  zicha_page_layout_add_row (build->layout, cells, 2);
}

static void
add_wide_row (ZichaDocumentBuild *build,
              const char         *text,
              ZichaTextStyle      style,
              gboolean            shaded,
              double              min_height)
{
  ZichaTableCell cell = { text, 2, style, ZICHA_ALIGN_LEFT, shaded, min_height };

  zicha_page_layout_add_row (build->layout, &cell, 1);
}

static void
add_item_row (ZichaDocumentBuild *build,
              ZichaFormItem      *item)
{
  g_autofree char *label = zicha_document_format_label (item);
  g_autofree char *value = zicha_document_format_value (item, zicha_document_build_get (build, item, NULL),
                                                        ZICHA_VALUE_FORM);

  add_pair_row (build, label, value);
}

static void
add_narrative (ZichaDocumentBuild *build,
               ZichaFormItem      *item)
{
  const ZichaLocalizedText *guidance = zicha_form_item_get_guidance (item);
  g_autofree char *label = zicha_document_format_label (item);
  g_autofree char *value = zicha_document_format_value (item, zicha_document_build_get (build, item, NULL),
                                                        ZICHA_VALUE_FORM);
  /* Room to write by hand when it is blank. */
  double room = 3 * zicha_page_layout_get_line_height (build->layout, ZICHA_TEXT_LABEL);

  add_wide_row (build, label, ZICHA_TEXT_LABEL, TRUE, 0);
  if (guidance != NULL)
    add_wide_row (build, zicha_localized_text_get_zh (guidance), ZICHA_TEXT_NOTE, FALSE, 0);
  add_wide_row (build, value, ZICHA_TEXT_LABEL, FALSE, room);
}

/* The relevant items of a group, in form order. */
static GPtrArray *
group_members (ZichaDocumentBuild *build,
               ZichaFormSection   *section,
               const char         *group_id)
{
  GPtrArray *members = g_ptr_array_new ();

  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (section, i);

      if (g_strcmp0 (zicha_form_item_get_group (item), group_id) == 0 &&
          zicha_document_build_relevant (build, item, NULL))
        g_ptr_array_add (members, item);
    }

  return members;
}

static void
add_group (ZichaDocumentBuild *build,
           ZichaFormSection   *section,
           const char         *group_id)
{
  const ZichaFormGroup *group = zicha_form_section_lookup_group (section, group_id);
  g_autoptr(GPtrArray) members = group_members (build, section, group_id);
  const char *label = group != NULL ? zicha_localized_text_get_zh (group->label) : group_id;
  gboolean inline_values = TRUE;

  if (members->len == 0)
    return;

  for (guint i = 0; i < members->len; i++)
    if (!is_value_type_inline (zicha_form_item_get_item_type (g_ptr_array_index (members, i))))
      inline_values = FALSE;

  if (inline_values)
    {
      /* 姓名：张三　职务/职称：副校长 — on the group's one row. */
      GString *values = g_string_new (NULL);
      g_autofree char *joined = NULL;

      for (guint i = 0; i < members->len; i++)
        {
          ZichaFormItem *item = g_ptr_array_index (members, i);
          g_autofree char *value = zicha_document_format_value (item, zicha_document_build_get (build, item, NULL),
                                                                ZICHA_VALUE_FORM);

          if (i > 0)
            g_string_append (values, "　");
          g_string_append_printf (values, "%s：%s", zicha_localized_text_get_zh (zicha_form_item_get_label (item)),
                                  *value != '\0' ? value : "　　");
        }
      joined = g_string_free (values, FALSE);
      add_pair_row (build, label, joined);
      return;
    }

  add_wide_row (build, label, ZICHA_TEXT_LABEL, TRUE, 0);
  if (group != NULL && group->guidance != NULL)
    add_wide_row (build, zicha_localized_text_get_zh (group->guidance), ZICHA_TEXT_NOTE, FALSE, 0);
  for (guint i = 0; i < members->len; i++)
    add_item_row (build, g_ptr_array_index (members, i));
}

static gboolean
section_has_relevant_items (ZichaDocumentBuild *build,
                            ZichaFormSection   *section)
{
  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    if (zicha_document_build_relevant (build, zicha_form_section_get_item (section, i), NULL))
      return TRUE;
  return FALSE;
}

static const char *
section_guidance (ZichaFormSection *section)
{
  const ZichaLocalizedText *guidance = zicha_form_section_get_guidance (section);

  return guidance != NULL ? zicha_localized_text_get_zh (guidance) : NULL;
}

/* A section of repeatable tables only: each table with its own page
 * orientation. */
static gboolean
add_table_section (ZichaDocumentBuild *build,
                   ZichaFormSection   *section,
                   GError            **error)
{
  gboolean first = TRUE;

  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    {
      ZichaFormItem *table = zicha_form_section_get_item (section, i);
      const char *heading;

      if (!zicha_document_build_relevant (build, table, NULL))
        continue;

      heading = first ? zicha_localized_text_get_zh (zicha_form_section_get_title (section))
                : zicha_localized_text_get_zh (zicha_form_item_get_label (table));
      zicha_page_layout_add_space (build->layout, 14);
      if (!zicha_document_build_repeat_table (build, table, heading, first ? section_guidance (section) : NULL,
                                              TRUE, error))
        return FALSE;
      first = FALSE;
    }

  return TRUE;
}

static gboolean
add_section (ZichaDocumentBuild *build,
             ZichaFormSection   *section,
             GError            **error)
{
  g_autoptr(GHashTable) groups_done = g_hash_table_new (g_str_hash, g_str_equal);
  const char *guidance = section_guidance (section);
  gboolean in_table = FALSE;

  if (zicha_form_section_get_n_tables (section) == zicha_form_section_get_n_items (section))
    return add_table_section (build, section, error);

  if (!section_has_relevant_items (build, section))
    return TRUE;

  zicha_page_layout_set_landscape (build->layout, FALSE);
  zicha_page_layout_add_space (build->layout, 14);
  zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_HEADING,
                                   zicha_localized_text_get_zh (zicha_form_section_get_title (section)),
                                   ZICHA_ALIGN_LEFT, 0, TRUE);
  if (guidance != NULL)
    {
      g_autofree char *note = g_strconcat (zicha_document_text_get ()->guidance_prefix, guidance, NULL);

      zicha_page_layout_add_space (build->layout, 2);
      zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_NOTE, note, ZICHA_ALIGN_LEFT, 0, FALSE);
    }
  zicha_page_layout_add_space (build->layout, 6);

  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (section, i);
      const char *group = zicha_form_item_get_group (item);
      ZichaFormItemType type = zicha_form_item_get_item_type (item);

      if (!zicha_document_build_relevant (build, item, NULL))
        continue;

      if (type == ZICHA_FORM_ITEM_TABLE)
        {
          if (in_table)
            zicha_page_layout_end_table (build->layout);
          in_table = FALSE;
          zicha_page_layout_add_space (build->layout, 10);
          if (!zicha_document_build_repeat_table (build, item,
                                                  zicha_localized_text_get_zh (zicha_form_item_get_label (item)),
                                                  NULL, TRUE, error))
            return FALSE;
          zicha_page_layout_set_landscape (build->layout, FALSE);
          zicha_page_layout_add_space (build->layout, 10);
          continue;
        }

      if (!in_table)
        begin_item_table (build);
      in_table = TRUE;

      if (group != NULL)
        {
          if (!g_hash_table_contains (groups_done, group))
            {
              g_hash_table_add (groups_done, (gpointer) group);
              add_group (build, section, group);
            }
        }
      else if (type == ZICHA_FORM_ITEM_LONG_TEXT)
        add_narrative (build, item);
      else
        add_item_row (build, item);
    }

  if (in_table)
    zicha_page_layout_end_table (build->layout);

  return !g_cancellable_set_error_if_cancelled (build->cancellable, error);
}

/* 填表单位（盖章）：某某大学　　填表人：… two to a line, so that no
 * label breaks across lines. */
static void
add_form_header (ZichaDocumentBuild *build,
                 ZichaFormSection   *section)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint on_line = 0;

  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (section, i);
      g_autofree char *value = NULL;

      if (!zicha_document_build_relevant (build, item, NULL))
        continue;
      value = zicha_document_format_value (item, zicha_document_build_get (build, item, NULL), ZICHA_VALUE_PLAIN);
      if (on_line > 0)
        g_string_append (line, zicha_document_text_get ()->header_separator);
      g_string_append_printf (line, "%s：%s", zicha_localized_text_get_zh (zicha_form_item_get_label (item)),
                              *value != '\0' ? value : "　　　　　　");
      if (++on_line == 2)
        {
          zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_LABEL, line->str, ZICHA_ALIGN_LEFT, 0, FALSE);
          g_string_truncate (line, 0);
          on_line = 0;
        }
    }

  if (on_line > 0)
    zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_LABEL, line->str, ZICHA_ALIGN_LEFT, 0, FALSE);
}

gboolean
zicha_document_build_table (ZichaDocumentBuild *build,
                            GError            **error)
{
  ZichaFormItem *date_item = zicha_form_get_report_date_item (build->form);
  ZichaFormSection *header = date_item != NULL ? zicha_form_item_get_section (date_item) : NULL;

  zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_TITLE,
                                   zicha_localized_text_get_zh (zicha_form_get_title (build->form)),
                                   ZICHA_ALIGN_CENTER, 0, FALSE);
  zicha_page_layout_add_space (build->layout, 12);
  if (header != NULL)
    add_form_header (build, header);

  for (guint i = 0; i < zicha_form_get_n_sections (build->form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (build->form, i);

      if (section == header || zicha_form_section_get_document (section) != ZICHA_FORM_DOCUMENT_TABLE)
        continue;
      if (!add_section (build, section, error))
        return FALSE;
    }

  zicha_document_build_seal_block (build);
  return TRUE;
}
