/* zicha-inspection-kit-index.c — index.pdf of the 迎检材料
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out with ZichaPageLayout in the fonts of the printed documents,
 * portrait A4:
 *
 *   迎检材料目录
 *   单位 / 报告 / 生成时间 / 证明材料: n 个文件
 *   说明 (what the SHA-256 is for)
 *   <section title>
 *   ┌────┬──────────────────────┬──────────────────────────┐
 *   │序号│证明材料               │SHA-256                   │
 *   ├────┴──────────────────────┴──────────────────────────┤
 *   │项目：… 所在行：… 填报内容：…  (shaded, one per answer) │
 *   ├────┬──────────────────────┬──────────────────────────┤
 *   │ 01 │name / size / path     │64 hex digits on one line │
 *
 * Like the documents' own wording, the Chinese text here is content for
 * the inspectors, not user interface, and is not translated.
 */
#define G_LOG_DOMAIN "zicha-inspection-kit"

#include "config.h"

#include <pango/pangocairo.h>

#include "zicha-document.h"
#include "zicha-document-text.h"
#include "zicha-inspection-kit.h"
#include "zicha-page-layout.h"
#include "zicha-page-pdf.h"

#define NUMBER_WIDTH 30.0
/* ZichaPageLayout's cell padding. */
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

static const char *
state_label (ZichaReportState state)
{
  switch (state)
    {
    case ZICHA_REPORT_DRAFT:
      return "草稿";
    case ZICHA_REPORT_FINALIZED:
      return "已定稿";
    case ZICHA_REPORT_SUBMITTED:
      return "已提交";
    case ZICHA_REPORT_ACKNOWLEDGED:
      return "已回执";
    default:
      return "";
    }
}

/* The width of @text on one line in @style, in points. */
static double
text_width (ZichaPageLayout *layout,
            ZichaTextStyle   style,
            const char      *text)
{
  g_autoptr(PangoLayout) pango = pango_layout_new (zicha_page_layout_get_context (layout));
  PangoRectangle logical;

  pango_layout_set_font_description (pango, zicha_page_layout_get_font (layout, style));
  pango_layout_set_text (pango, text, -1);
  pango_layout_get_extents (pango, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static char *
format_size (gint64 size)
{
  g_autofree char *human = NULL;

  if (size < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " 字节", size);
  human = g_format_size ((guint64) size);
  return g_strdup_printf ("%s（%" G_GINT64_FORMAT " 字节）", human, size);
}

static void
add_header (ZichaPageLayout *layout,
            ZichaReport     *report,
            ZichaForm       *form,
            GPtrArray       *entries,
            GDateTime       *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *unit = NULL;
  g_autofree char *about = NULL;
  g_autofree char *made = NULL;
  g_autofree char *files = NULL;
  g_autofree char *total_text = NULL;
  gint64 total = 0;

  for (guint i = 0; i < entries->len; i++)
    total += ((ZichaInspectionKitEntry *) g_ptr_array_index (entries, i))->attachment->size;
  total_text = g_format_size ((guint64) total);

  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_TITLE, "迎检材料目录", ZICHA_ALIGN_CENTER, 0, TRUE);
  zicha_page_layout_add_space (layout, 10);

  unit = g_strdup_printf ("单位：%s", zicha_report_get_unit_name (report));
  about = g_strdup_printf ("报告：%s（%d年度，第%d版，%s）",
                           zicha_localized_text_get_zh (zicha_form_get_title (form)),
                           zicha_report_get_year (report), zicha_report_get_revision (report),
                           state_label (zicha_report_get_state (report)));
  made = g_strdup_printf ("生成时间：%s", when);
  files = g_strdup_printf ("证明材料：%u 个文件，共 %s", entries->len, total_text);

  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, unit, ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, about, ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, made, ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, files, ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_space (layout, 6);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_NOTE,
                                   "说明：本目录按自查表各部分的顺序，列出附有证明材料的每一项填报内容及其证明材料。"
                                   "证明材料文件位于本材料包的 evidence 目录下，“包内位置”即其路径；"
                                   "SHA-256 校验值可用于核对文件在导出后未被改动（例如使用 sha256sum 命令）。",
                                   ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_space (layout, 8);
}

static char *
dup_answer_text (const ZichaInspectionKitEntry *entry)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "项目：%s", entry->label);
  if (entry->row_title != NULL)
    g_string_append_printf (text, "\n所在行：%s", entry->row_title);
  if (entry->value != NULL && *entry->value != '\0')
    g_string_append_printf (text, "\n填报内容：%s", entry->value);
  return g_string_free (text, FALSE);
}

static char *
dup_file_text (const ZichaInspectionKitEntry *entry)
{
  g_autofree char *size = format_size (entry->attachment->size);

  return g_strdup_printf ("%s\n大小：%s\n包内位置：%s", entry->attachment->file_name, size, entry->entry_name);
}

/* The shaded row naming the answer the following files back. */
static void
add_answer_row (ZichaPageLayout *layout,
                const char      *text)
{
  ZichaTableCell cell = { text, 3, ZICHA_TEXT_CELL, ZICHA_ALIGN_LEFT, TRUE, 0 };

  zicha_page_layout_add_row (layout, &cell, 1);
}

static void
add_file_row (ZichaPageLayout               *layout,
              const ZichaInspectionKitEntry *entry,
              guint                          number)
{
  g_autofree char *index = g_strdup_printf ("%02u", number);
  g_autofree char *file = dup_file_text (entry);
  ZichaTableCell cells[3] = {
    { index, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_CENTER, FALSE, 0 },
    { file, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_LEFT, FALSE, 0 },
    { entry->attachment->sha256, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_LEFT, FALSE, 0 },
  };

  zicha_page_layout_add_row (layout, cells, 3);
}

static gboolean
same_answer (const ZichaInspectionKitEntry *a,
             const ZichaInspectionKitEntry *b)
{
  return a != NULL && a->item == b->item && g_strcmp0 (a->row_id, b->row_id) == 0 &&
         g_strcmp0 (a->label, b->label) == 0;
}

static gboolean
add_sections (ZichaPageLayout  *layout,
              GPtrArray        *entries,
              GCancellable     *cancellable,
              GError          **error)
{
  static const ZichaTableCell header[3] = {
    { "序号", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
    { "证明材料", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
    { "SHA-256", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
  };
  double content = zicha_page_layout_get_content_width (layout);
  double widths[3];
  double hash_width = 0;
  const ZichaInspectionKitEntry *previous = NULL;
  gboolean open = FALSE;
  guint number = 0;

  /* The hash on one line, so it can be read (and found) whole. */
  for (guint i = 0; i < entries->len; i++)
    {
      const ZichaInspectionKitEntry *entry = g_ptr_array_index (entries, i);

      hash_width = MAX (hash_width, text_width (layout, ZICHA_TEXT_CELL, entry->attachment->sha256));
    }
  widths[0] = NUMBER_WIDTH;
  /* Both paddings and a little air. */
  widths[2] = MIN (hash_width + 2 * CELL_PAD_X + 2.0, content * 0.7);
  widths[1] = content - widths[0] - widths[2];

  for (guint i = 0; i < entries->len; i++)
    {
      const ZichaInspectionKitEntry *entry = g_ptr_array_index (entries, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (previous == NULL || previous->section != entry->section)
        {
          const char *title = entry->section != NULL
                                ? zicha_localized_text_get_zh (zicha_form_section_get_title (entry->section))
                                : "其他";

          if (open)
            zicha_page_layout_end_table (layout);
          zicha_page_layout_add_space (layout, 6);
          zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_HEADING, title, ZICHA_ALIGN_LEFT, 0, TRUE);
          zicha_page_layout_add_space (layout, 4);
          zicha_page_layout_begin_table (layout, 3, widths, header);
          open = TRUE;
          number = 0;
          previous = NULL;
        }

      if (!same_answer (previous, entry))
        {
          g_autofree char *answer = dup_answer_text (entry);
          g_autofree char *file = dup_file_text (entry);
          double needed = zicha_page_layout_measure (layout, ZICHA_TEXT_CELL, answer, content - 2 * CELL_PAD_X) +
                          zicha_page_layout_measure (layout, ZICHA_TEXT_CELL, file, widths[1] - 2 * CELL_PAD_X) +
                          4 * CELL_PAD_Y;

          /* The answer stays with its first file; the table's header
           * comes along onto the new page. */
          if (needed > zicha_page_layout_get_remaining (layout))
            zicha_page_layout_new_page (layout);
          add_answer_row (layout, answer);
        }
      add_file_row (layout, entry, ++number);
      previous = entry;
    }

  if (open)
    zicha_page_layout_end_table (layout);
  return TRUE;
}

GBytes *
zicha_inspection_kit_render_index (ZichaReport   *report,
                                   ZichaForm     *form,
                                   GPtrArray     *entries,
                                   GDateTime     *now,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(ZichaPageLayout) layout = NULL;
  g_autoptr(GDateTime) now_utc = NULL;

  g_return_val_if_fail (ZICHA_IS_REPORT (report), NULL);
  g_return_val_if_fail (ZICHA_IS_FORM (form), NULL);
  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  layout = zicha_page_layout_new (ZICHA_DOCUMENT_BODY_FONT, ZICHA_DOCUMENT_HEADING_FONT);
  if (!zicha_document_check_fonts (zicha_page_layout_get_context (layout),
                                   ZICHA_DOCUMENT_BODY_FONT, ZICHA_DOCUMENT_HEADING_FONT, error))
    return NULL;

  now_utc = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  add_header (layout, report, form, entries, now_utc);
  if (entries->len == 0)
    zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_BODY, "本报告尚未附任何证明材料。", ZICHA_ALIGN_LEFT, 0,
                                     FALSE);
  else if (!add_sections (layout, entries, cancellable, error))
    return NULL;

  return zicha_page_pdf_render (layout, "迎检材料目录", zicha_report_get_unit_name (report), cancellable, error);
}
