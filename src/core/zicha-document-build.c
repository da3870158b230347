/* zicha-document-build.c — what both documents print the same way:
 * answers, repeatable tables, the seal block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include "zicha-document-private.h"
#include "zicha-document-text.h"
#include "zicha-seal-block.h"

/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 32

gboolean
zicha_document_build_relevant (ZichaDocumentBuild *build,
                               ZichaFormItem      *item,
                               const char         *row_id)
{
  return zicha_validation_is_relevant (build->validation, item, row_id);
}

JsonNode *
zicha_document_build_get (ZichaDocumentBuild *build,
                          ZichaFormItem      *item,
                          const char         *row_id)
{
  JsonNode *value;

  if (!zicha_document_build_relevant (build, item, row_id))
    return NULL;
  value = zicha_answers_get_value (build->answers, item, row_id);
  if (value != NULL && JSON_NODE_HOLDS_NULL (value))
    return NULL;
  return value;
}

char *
zicha_document_build_dup_text (ZichaDocumentBuild *build,
                               const char         *path,
                               ZichaValueStyle     style)
{
  g_autofree char *row_id = NULL;
  g_autofree char *text = NULL;
  ZichaFormItem *item = zicha_form_lookup_item (build->form, path, &row_id);
  JsonNode *value;

  if (item == NULL)
    {
      g_debug ("The form has no item “%s”: its sentence is left out", path);
      return NULL;
    }

  value = zicha_document_build_get (build, item, row_id);
  if (value == NULL)
    return NULL;
  text = zicha_document_format_value (item, value, style);
  if (text == NULL || *g_strstrip (text) == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* Repeatable tables ---------------------------------------------------------- */

static double type_weight (ZichaFormItem *column);

/* How wide a column wants to be, in characters of the cell font: what its
 * values need, and enough that its header wraps to at most three lines. */
static double
column_weight (ZichaFormItem *column)
{
  guint label = (guint) g_utf8_strlen (zicha_localized_text_get_zh (zicha_form_item_get_label (column)), -1);

  return MAX (type_weight (column), (label + 2) / 3 + 0.8);
}

static double
type_weight (ZichaFormItem *column)
{
  switch (zicha_form_item_get_item_type (column))
    {
    case ZICHA_FORM_ITEM_LONG_TEXT:
      return 10.0;
    case ZICHA_FORM_ITEM_INTEGER:
      return 3.6;
    case ZICHA_FORM_ITEM_DECIMAL:
      return 4.0;
    case ZICHA_FORM_ITEM_DATE:
      return 6.4;  /* 2019-06-28 on one line */
    case ZICHA_FORM_ITEM_YES_NO:
      return 2.6;
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      return 6.5;
    case ZICHA_FORM_ITEM_CHOICE:
      {
        guint longest = 2;

        for (guint i = 0; i < zicha_form_item_get_n_options (column); i++)
          {
            const char *label = zicha_localized_text_get_zh (zicha_form_item_get_option (column, i)->label);

            longest = MAX (longest, (guint) g_utf8_strlen (label, -1));
          }
        return MIN (longest, 6) + 0.8;
      }
    case ZICHA_FORM_ITEM_CODE:
      {
        guint n_kinds;
        const ZichaCodeKind *kinds = zicha_form_item_get_code_kinds (column, &n_kinds);
        double widest = 4.0;

        for (guint i = 0; i < n_kinds; i++)
          {
            switch (kinds[i])
              {
              case ZICHA_CODE_URL:
              case ZICHA_CODE_EMAIL:
                widest = MAX (widest, 9.0);
                break;
              case ZICHA_CODE_USCC:
              case ZICHA_CODE_DENGBAO:
                widest = MAX (widest, 9.8);  /* 18 characters on one line */
                break;
              case ZICHA_CODE_GABA:
              case ZICHA_CODE_ICP:
                widest = MAX (widest, 8.0);
                break;
              case ZICHA_CODE_IP:
              case ZICHA_CODE_PHONE:
              case ZICHA_CODE_MOBILE:
                widest = MAX (widest, 7.0);
                break;
              default:
                widest = MAX (widest, 5.0);
                break;
              }
          }
        return widest;
      }
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      return 6.0;
    }
}

#define NUMBER_WEIGHT 2.4

typedef struct
{
  GPtrArray *columns;   /* ZichaFormItem*, without the fixed ones */
  double     weight;    /* of all its columns, fixed ones included */
} Band;

static void
band_free (gpointer data)
{
  Band *band = data;

  g_ptr_array_unref (band->columns);
  g_free (band);
}

static Band *
band_new (double fixed_weight)
{
  Band *band = g_new0 (Band, 1);

  band->columns = g_ptr_array_new ();
  band->weight = fixed_weight;
  return band;
}

static void
put_table_rows (ZichaDocumentBuild *build,
                ZichaFormItem      *table,
                ZichaFormItem      *title_column,
                Band               *band,
                double              scale,
                double              em,
                gboolean           *cancelled)
{
  guint n_fixed = title_column != NULL ? 2 : 1;
  guint n_columns = n_fixed + band->columns->len;
  g_autofree double *widths = g_new (double, n_columns);
  g_autofree ZichaTableCell *header = g_new0 (ZichaTableCell, n_columns);
  g_autofree ZichaTableCell *cells = g_new0 (ZichaTableCell, n_columns);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const ZichaDocumentText *text = zicha_document_text_get ();
  guint n_rows = zicha_answers_get_n_rows (build->answers, table);

  for (guint i = 0; i < n_columns; i++)
    {
      ZichaFormItem *column = i == 0 ? NULL
                              : i == 1 && title_column != NULL ? title_column
                              : g_ptr_array_index (band->columns, i - n_fixed);

      widths[i] = (column != NULL ? column_weight (column) : NUMBER_WEIGHT) * em * scale;
      header[i].text = column != NULL ? zicha_localized_text_get_zh (zicha_form_item_get_label (column))
                       : text->row_number;
      header[i].style = ZICHA_TEXT_CELL_HEADER;
      header[i].align = ZICHA_ALIGN_CENTER;
      header[i].shaded = TRUE;
    }

  zicha_page_layout_begin_table (build->layout, n_columns, widths, header);

  if (n_rows == 0)
    {
      ZichaTableCell none = { text->no_rows, n_columns, ZICHA_TEXT_CELL, ZICHA_ALIGN_CENTER, FALSE, 0 };

      zicha_page_layout_add_row (build->layout, &none, 1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      const char *row_id = zicha_answers_get_row_id (build->answers, table, r);

      if (r % CANCEL_CHECK_ROWS == 0 && g_cancellable_is_cancelled (build->cancellable))
        {
          *cancelled = TRUE;
          break;
        }

      g_ptr_array_set_size (texts, 0);
      for (guint i = 0; i < n_columns; i++)
        {
          ZichaFormItem *column = i == 0 ? NULL
                                  : i == 1 && title_column != NULL ? title_column
                                  : g_ptr_array_index (band->columns, i - n_fixed);
          char *value;

          if (column == NULL)
            value = g_strdup_printf ("%u", r + 1);
          else if (!zicha_document_build_relevant (build, column, row_id))
            value = g_strdup (text->not_applicable_cell);
          else
            value = zicha_document_format_value (column, zicha_document_build_get (build, column, row_id),
                                                 ZICHA_VALUE_CELL);
          g_ptr_array_add (texts, value);

          cells[i].text = value;
          cells[i].style = ZICHA_TEXT_CELL;
          cells[i].align = column == NULL || zicha_form_item_get_item_type (column) == ZICHA_FORM_ITEM_YES_NO
                           ? ZICHA_ALIGN_CENTER : ZICHA_ALIGN_LEFT;
        }
      zicha_page_layout_add_row (build->layout, cells, n_columns);
    }

  zicha_page_layout_end_table (build->layout);
}

gboolean
zicha_document_build_repeat_table (ZichaDocumentBuild *build,
                                   ZichaFormItem      *table,
                                   const char         *heading,
                                   const char         *guidance,
                                   gboolean            allow_landscape,
                                   GError            **error)
{
  ZichaPageLayout *layout = build->layout;
  const ZichaDocumentText *text = zicha_document_text_get ();
  ZichaFormItem *title_column = zicha_form_item_get_row_title (table);
  double em = pango_font_description_get_size (zicha_page_layout_get_font (layout, ZICHA_TEXT_CELL))
              / (double) PANGO_SCALE;
  /* Padding, and room for Latin text, which is narrower than one em. */
  double portrait = zicha_page_layout_get_content_width_for (layout, FALSE);
  double landscape = zicha_page_layout_get_content_width_for (layout, TRUE);
  double fixed = NUMBER_WEIGHT + (title_column != NULL ? column_weight (title_column) : 0);
  double all = fixed;
  g_autoptr(GPtrArray) bands = g_ptr_array_new_with_free_func (band_free);
  gboolean use_landscape = FALSE;
  gboolean cancelled = FALSE;

  for (guint i = 0; i < zicha_form_item_get_n_columns (table); i++)
    {
      ZichaFormItem *column = zicha_form_item_get_column (table, i);

      if (column != title_column)
        all += column_weight (column);
    }

  if (all * em > portrait && allow_landscape)
    use_landscape = TRUE;

  /* Split into parts that each fit the page, each repeating 序号 and the
   * row's title. */
  g_ptr_array_add (bands, band_new (fixed));
  for (guint i = 0; i < zicha_form_item_get_n_columns (table); i++)
    {
      ZichaFormItem *column = zicha_form_item_get_column (table, i);
      Band *band = g_ptr_array_index (bands, bands->len - 1);
      double weight = column_weight (column);

      if (column == title_column)
        continue;
      if (use_landscape && band->columns->len > 0 && (band->weight + weight) * em > landscape)
        {
          band = band_new (fixed);
          g_ptr_array_add (bands, band);
        }
      g_ptr_array_add (band->columns, column);
      band->weight += weight;
    }

  zicha_page_layout_set_landscape (layout, use_landscape);

  if (heading != NULL)
    zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_HEADING, heading, ZICHA_ALIGN_LEFT, 0, TRUE);
  if (guidance != NULL)
    {
      g_autofree char *note = g_strconcat (text->guidance_prefix, guidance, NULL);

      zicha_page_layout_add_space (layout, 2);
      zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_NOTE, note, ZICHA_ALIGN_LEFT, 0, FALSE);
    }
  if (heading != NULL || guidance != NULL)
    zicha_page_layout_add_space (layout, 6);

  for (guint b = 0; b < bands->len && !cancelled; b++)
    {
      Band *band = g_ptr_array_index (bands, b);
      double width = zicha_page_layout_get_content_width (layout);

      if (b > 0)
        {
          g_autofree char *parts = g_strdup_printf ("%u", bands->len);
          g_autofree char *part = g_strdup_printf ("%u", b + 1);
          g_autoptr(GString) caption = g_string_new (text->band_caption);

          g_string_replace (caption, "{part}", part, 0);
          g_string_replace (caption, "{parts}", parts, 0);
          zicha_page_layout_add_space (layout, 10);
          zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_NOTE, caption->str, ZICHA_ALIGN_LEFT, 0, TRUE);
          zicha_page_layout_add_space (layout, 4);
        }

      put_table_rows (build, table, title_column, band, width / (band->weight * em), em, &cancelled);
    }

  return !g_cancellable_set_error_if_cancelled (build->cancellable, error);
}

/* Seal block ------------------------------------------------------------------ */

void
zicha_document_build_seal_block (ZichaDocumentBuild *build)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  ZichaFormItem *date_item = zicha_form_get_report_date_item (build->form);
  g_autofree char *unit = NULL;
  g_autofree char *date = NULL;
  g_autofree char *contact = zicha_document_build_dup_text (build, text->contact_path, ZICHA_VALUE_PLAIN);
  g_autofree char *phone = NULL;
  ZichaSealBlock block = { 0 };

  unit = build->unit_name != NULL ? g_strdup (build->unit_name)
         : zicha_document_build_dup_text (build, text->unit_path, ZICHA_VALUE_PLAIN);

  if (date_item != NULL)
    {
      JsonNode *value = zicha_document_build_get (build, date_item, NULL);
      const char *iso = value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                        json_node_get_value_type (value) == G_TYPE_STRING
                        ? json_node_get_string (value) : NULL;
      GDate day;

      if (iso != NULL && zicha_document_parse_date (iso, &day))
        date = zicha_document_format_date (&day, TRUE);
    }

  for (guint i = 0; phone == NULL && text->contact_phone_paths[i] != NULL; i++)
    phone = zicha_document_build_dup_text (build, text->contact_phone_paths[i], ZICHA_VALUE_PLAIN);

  block.unit_name = unit;
  block.date = date;
  block.contact_name = contact;
  block.contact_phone = phone;
  zicha_seal_block_add (build->layout, &block);
}
