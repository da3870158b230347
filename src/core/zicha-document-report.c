/* zicha-document-report.c — the 自查报告, written from the answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The template's outline (zicha-document-text.c): title, 主送, opening,
 * 一 基本情况 (generated sentences), 二 自查工作开展情况, 三 the five areas
 * (sentences, then the unit's own narratives), 四 problems, 五 the
 * rectification table and next steps, 六 suggestions, signature and seal.
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include <string.h>

#include "zicha-document-private.h"
#include "zicha-document-text.h"

/* Two characters of body text. */
#define INDENT 24.0

static const char *
string_of (JsonNode *value)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);
  return NULL;
}

static char *
dup_unit (ZichaDocumentBuild *build)
{
  if (build->unit_name != NULL && *build->unit_name != '\0')
    return g_strdup (build->unit_name);
  return zicha_document_build_dup_text (build, zicha_document_text_get ()->unit_path, ZICHA_VALUE_PLAIN);
}

/* {rows:section.table}, {rows:section.table[].column}, {…=value} */
static char *
count_rows (ZichaDocumentBuild *build,
            const char         *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, "=", 2);
  ZichaFormItem *item = zicha_form_lookup_item (build->form, parts[0], NULL);
  ZichaFormItem *table;
  ZichaFormItem *column = NULL;
  guint n = 0;

  if (item == NULL)
    return NULL;
  if (zicha_form_item_get_table (item) != NULL)
    {
      column = item;
      table = zicha_form_item_get_table (item);
    }
  else if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
    table = item;
  else
    return NULL;

  if (!zicha_document_build_relevant (build, table, NULL))
    return NULL;

  for (guint r = 0; r < zicha_answers_get_n_rows (build->answers, table); r++)
    {
      const char *row_id = zicha_answers_get_row_id (build->answers, table, r);
      JsonNode *value;

      if (column == NULL)
        {
          n++;
          continue;
        }
      value = zicha_document_build_get (build, column, row_id);
      if (value == NULL)
        continue;
      {
        const char *text = string_of (value);

        if (parts[1] == NULL ? (text == NULL || *text != '\0') : g_strcmp0 (text, parts[1]) == 0)
          n++;
      }
    }

  return g_strdup_printf ("%u", n);
}

/* {yn:section.item:YES:NO} */
static char *
yes_or_no (ZichaDocumentBuild *build,
           const char         *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  ZichaFormItem *item;
  const char *answer;

  if (g_strv_length (parts) != 3)
    return NULL;
  item = zicha_form_lookup_item (build->form, parts[0], NULL);
  if (item == NULL)
    return NULL;
  answer = string_of (zicha_document_build_get (build, item, NULL));
  if (g_strcmp0 (answer, "yes") == 0)
    return g_strdup (parts[1]);
  if (g_strcmp0 (answer, "no") == 0)
    return g_strdup (parts[2]);
  return NULL;
}

/* {yes:section.group} */
static char *
yes_labels (ZichaDocumentBuild *build,
            const char         *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ".", 2);
  ZichaFormSection *section;
  GString *labels;

  if (g_strv_length (parts) != 2 || (section = zicha_form_lookup_section (build->form, parts[0])) == NULL)
    return NULL;

  labels = g_string_new (NULL);
  for (guint i = 0; i < zicha_form_section_get_n_items (section); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (section, i);

      if (g_strcmp0 (zicha_form_item_get_group (item), parts[1]) != 0 ||
          g_strcmp0 (string_of (zicha_document_build_get (build, item, NULL)), "yes") != 0)
        continue;
      if (labels->len > 0)
        g_string_append (labels, "、");
      g_string_append (labels, zicha_localized_text_get_zh (zicha_form_item_get_label (item)));
    }

  if (labels->len == 0)
    {
      g_string_free (labels, TRUE);
      return NULL;
    }
  return g_string_free (labels, FALSE);
}

static char *
resolve (ZichaDocumentBuild *build,
         const char         *key)
{
  if (g_str_equal (key, "unit"))
    return dup_unit (build);
  if (g_str_equal (key, "notice"))
    {
      const ZichaLocalizedText *notice = zicha_form_get_notice (build->form);

      return notice != NULL ? g_strdup (zicha_localized_text_get_zh (notice)) : NULL;
    }
  if (g_str_has_prefix (key, "rows:"))
    return count_rows (build, key + strlen ("rows:"));
  if (g_str_has_prefix (key, "yn:"))
    return yes_or_no (build, key + strlen ("yn:"));
  if (g_str_has_prefix (key, "yes:"))
    return yes_labels (build, key + strlen ("yes:"));
  return zicha_document_build_dup_text (build, key, ZICHA_VALUE_PLAIN);
}

/* The template filled in, or NULL when a placeholder has no value. */
static char *
expand (ZichaDocumentBuild *build,
        const char         *template)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 1, close - open - 1);
      value = resolve (build, key);
      if (value == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, value);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

static void
add_body (ZichaDocumentBuild *build,
          const char         *text)
{
  zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_BODY, text, ZICHA_ALIGN_LEFT, INDENT, FALSE);
}

static void
add_heading (ZichaDocumentBuild *build,
             ZichaTextStyle      style,
             const char         *text)
{
  zicha_page_layout_add_space (build->layout, style == ZICHA_TEXT_HEADING ? 8 : 2);
  zicha_page_layout_add_paragraph (build->layout, style, text, ZICHA_ALIGN_LEFT, INDENT, TRUE);
}

/* The sentences that can be filled, as one paragraph. */
static gboolean
add_facts (ZichaDocumentBuild *build,
           const char * const *sentences)
{
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; sentences != NULL && sentences[i] != NULL; i++)
    {
      g_autofree char *sentence = expand (build, sentences[i]);

      if (sentence != NULL)
        g_string_append (paragraph, sentence);
    }

  if (paragraph->len == 0)
    return FALSE;
  add_body (build, paragraph->str);
  return TRUE;
}

/* The unit's own text, paragraph by paragraph. */
static gboolean
add_narratives (ZichaDocumentBuild *build,
                const char * const *paths)
{
  gboolean any = FALSE;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *text = zicha_document_build_dup_text (build, paths[i], ZICHA_VALUE_PLAIN);
      g_auto(GStrv) paragraphs = NULL;

      if (text == NULL)
        continue;
      paragraphs = g_strsplit (text, "\n", -1);
      for (guint j = 0; paragraphs[j] != NULL; j++)
        {
          g_strstrip (paragraphs[j]);
          if (*paragraphs[j] == '\0')
            continue;
          add_body (build, paragraphs[j]);
          any = TRUE;
        }
    }

  return any;
}

static void
add_not_filled (ZichaDocumentBuild *build,
                gboolean            any)
{
  if (!any)
    add_body (build, zicha_document_text_get ()->not_filled);
}

gboolean
zicha_document_build_report (ZichaDocumentBuild *build,
                             GError            **error)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  g_autofree char *unit = dup_unit (build);
  g_autofree char *title = NULL;
  g_auto(GStrv) addressee = g_strsplit (zicha_localized_text_get_zh (zicha_form_get_addressee (build->form)),
                                        "\n", 2);
  g_autofree char *to = g_strconcat (addressee[0], text->addressee_suffix, NULL);
  ZichaFormItem *rectification;
  gboolean any;

  /* 标题 and 主送 */
  title = expand (build, text->report_title);
  if (title == NULL)
    {
      g_autoptr(GString) untitled = g_string_new (text->report_title);

      g_string_replace (untitled, "{unit}", "", 0);
      title = g_string_free (g_steal_pointer (&untitled), FALSE);
    }
  zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_TITLE, title, ZICHA_ALIGN_CENTER, 0, FALSE);
  zicha_page_layout_add_space (build->layout, 16);
  zicha_page_layout_add_paragraph (build->layout, ZICHA_TEXT_BODY, to, ZICHA_ALIGN_LEFT, 0, FALSE);
  for (guint i = 0; text->opening[i] != NULL; i++)
    {
      g_autofree char *opening = expand (build, text->opening[i]);

      if (opening != NULL)
        {
          add_body (build, opening);
          break;
        }
    }

  /* 一、基本情况 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[0]);
  for (guint i = 0; i < G_N_ELEMENTS (text->basic_subheadings); i++)
    {
      add_heading (build, ZICHA_TEXT_SUBHEADING, text->basic_subheadings[i]);
      add_not_filled (build, add_facts (build, text->basic_facts[i].sentences));
    }

  /* 二、自查工作开展情况 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[1]);
  any = add_facts (build, text->process_facts);
  any |= add_narratives (build, text->process_narratives);
  add_not_filled (build, any);

  /* 三、网络安全工作落实情况 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[2]);
  for (guint i = 0; i < text->n_areas; i++)
    {
      const ZichaDocumentArea *area = &text->areas[i];
      ZichaFormSection *section = zicha_form_lookup_section (build->form, area->section);

      if (section == NULL)
        continue;
      add_heading (build, ZICHA_TEXT_SUBHEADING, zicha_localized_text_get_zh (zicha_form_section_get_title (section)));
      any = add_facts (build, area->sentences);
      any |= add_narratives (build, area->narratives);
      add_not_filled (build, any);
    }
  if (g_cancellable_set_error_if_cancelled (build->cancellable, error))
    return FALSE;

  /* 四、存在的主要问题和风险隐患 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[3]);
  add_not_filled (build, add_narratives (build, text->problems_narratives));

  /* 五、整改措施及整改情况 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[4]);
  rectification = zicha_form_lookup_item (build->form, text->rectification_table, NULL);
  if (rectification != NULL && zicha_form_item_get_item_type (rectification) == ZICHA_FORM_ITEM_TABLE)
    {
      zicha_page_layout_add_space (build->layout, 4);
      if (!zicha_document_build_repeat_table (build, rectification, NULL, NULL, FALSE, error))
        return FALSE;
      zicha_page_layout_add_space (build->layout, 6);
    }
  {
    g_autofree char *next_steps = NULL;

    for (guint i = 0; text->next_steps_narratives[i] != NULL && next_steps == NULL; i++)
      next_steps = zicha_document_build_dup_text (build, text->next_steps_narratives[i], ZICHA_VALUE_PLAIN);
    if (next_steps != NULL)
      {
        add_heading (build, ZICHA_TEXT_SUBHEADING, text->next_steps_heading);
        add_narratives (build, text->next_steps_narratives);
      }
  }

  /* 六、意见和建议 */
  add_heading (build, ZICHA_TEXT_HEADING, text->headings[5]);
  add_not_filled (build, add_narratives (build, text->suggestions_narratives));

  zicha_document_build_seal_block (build);
  return TRUE;
}
