/* zicha-document-feedback.c — the 整改反馈单: rectification feedback on a
 * threat notice, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out with ZichaPageLayout in the fonts of the other documents, A4
 * portrait:
 *
 *   网络安全威胁整改反馈单
 *   单位名称 / 统一社会信用代码 / 反馈编号 / 填报时间
 *   一、威胁通报情况   label | value | label | value table
 *   二、整改情况       the same, with the 72-hour verdict and the receipt
 *   三、佐证材料       序号 | file name and size | SHA-256 on one line
 *   seal block (zicha-seal-block.c)
 *
 * Like the wording of the 自查表, the Chinese text here is the content of
 * a document for the authorities, not user interface: it is not
 * translated, and the notice's type and severity are printed with their
 * Chinese names whatever the user's language.
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "zicha-document.h"
#include "zicha-document-format.h"
#include "zicha-document-text.h"
#include "zicha-page-layout.h"
#include "zicha-page-pdf.h"
#include "zicha-seal-block.h"

#define TITLE "网络安全威胁整改反馈单"
#define NO_BODY_TEXT "（此页无正文）"
/* "责任人（联系人）" on one line, with the cell's padding. */
#define LABEL_WIDTH 92.0
#define NUMBER_WIDTH 30.0
/* Before each part: tight, so that a short feedback and its seal block
 * fit on one page. */
#define HEADING_SPACE 6.0
/* ZichaPageLayout's cell padding. */
#define CELL_PAD_X 3.0

struct _ZichaFeedbackSheet
{
  ZichaNotice   *notice;
  ZichaFeedback *feedback;
  GPtrArray     *attachments;  /* ZichaAttachment* */
  char          *unit_name;    /* nullable */
};

/* Loading -------------------------------------------------------------------- */

void
zicha_feedback_sheet_free (ZichaFeedbackSheet *sheet)
{
  if (sheet == NULL)
    return;

  g_clear_object (&sheet->notice);
  g_clear_pointer (&sheet->feedback, zicha_feedback_free);
  g_clear_pointer (&sheet->attachments, g_ptr_array_unref);
  g_free (sheet->unit_name);
  g_free (sheet);
}

/* The newest report's unit name for @unit_code; NULL when no report of
 * the store is that unit's: another unit's name must not stand next to
 * this unit's code on a sealed form. */
static char *
find_unit_name (ZichaStore *store,
                const char *unit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = zicha_store_list_reports (store, &error);

  if (reports == NULL)
    {
      g_debug ("No unit name from the reports: %s", error->message);
      return NULL;
    }

  for (guint i = 0; i < reports->len; i++)
    if (unit_code != NULL && g_strcmp0 (zicha_report_get_unit_code (reports->pdata[i]), unit_code) == 0)
      return g_strdup (zicha_report_get_unit_name (reports->pdata[i]));

  return NULL;
}

ZichaFeedbackSheet *
zicha_feedback_sheet_load (ZichaStore  *store,
                           const char  *feedback_uuid,
                           const char  *unit_name,
                           GError     **error)
{
  g_autoptr(ZichaFeedbackSheet) sheet = g_new0 (ZichaFeedbackSheet, 1);

  g_return_val_if_fail (ZICHA_IS_STORE (store), NULL);
  g_return_val_if_fail (feedback_uuid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sheet->feedback = zicha_store_get_feedback (store, feedback_uuid, error);
  if (sheet->feedback == NULL)
    return NULL;
  sheet->notice = zicha_store_get_notice (store, sheet->feedback->notice_id, error);
  if (sheet->notice == NULL)
    return NULL;
  sheet->attachments = zicha_store_list_feedback_attachments (store, feedback_uuid, error);
  if (sheet->attachments == NULL)
    return NULL;

  if (unit_name != NULL && *unit_name != '\0')
    sheet->unit_name = g_strdup (unit_name);
  else
    sheet->unit_name = find_unit_name (store, sheet->feedback->unit_code);

  return g_steal_pointer (&sheet);
}

/* Wording -------------------------------------------------------------------- */

/* 2019年7月10日 16:30, in the local time zone (as the other documents). */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y年%-m月%-d日 %H:%M");
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

/* Whole hours from @from to @to, rounded up: "超过期限 1 小时" for a
 * minute late. */
static gint64
hours_between (GDateTime *from,
               GDateTime *to)
{
  GTimeSpan span = g_date_time_difference (to, from);

  return (span + G_TIME_SPAN_HOUR - 1) / G_TIME_SPAN_HOUR;
}

/* Whether the feedback met the 72-hour deadline: the platform's verdict
 * once it has received it, else what can be said from the completion
 * time. */
static char *
dup_deadline_verdict (ZichaFeedbackSheet *sheet)
{
  const ZichaFeedback *feedback = sheet->feedback;
  GDateTime *deadline = zicha_notice_get_deadline (sheet->notice);

  if (feedback->state == ZICHA_FEEDBACK_ACKNOWLEDGED && feedback->received_at != NULL)
    {
      g_autofree char *received = format_time (feedback->received_at);

      if (!feedback->late)
        return g_strdup_printf ("按期反馈：平台于%s收到本反馈，在72小时整改期限内。", received);
      return g_strdup_printf ("逾期反馈：平台于%s收到本反馈，超过72小时整改期限%" G_GINT64_FORMAT "小时。",
                              received, MAX (hours_between (deadline, feedback->received_at), 1));
    }

  if (feedback->permanent_failure)
    {
      const char *why = feedback->last_error_zh != NULL ? feedback->last_error_zh : feedback->last_error;

      return why != NULL ? g_strdup_printf ("平台拒收本反馈：%s", why) : g_strdup ("平台拒收本反馈。");
    }
  if (!feedback->rectified || feedback->completed_at == NULL)
    return g_strdup ("整改尚未完成；平台尚未收到本反馈。");
  if (g_date_time_compare (feedback->completed_at, deadline) <= 0)
    return g_strdup ("整改在72小时期限内完成；平台尚未收到本反馈。");
  return g_strdup_printf ("整改完成时已超过72小时期限%" G_GINT64_FORMAT "小时；平台尚未收到本反馈。",
                          MAX (hours_between (deadline, feedback->completed_at), 1));
}

static char *
dup_receipt_text (ZichaFeedbackSheet *sheet)
{
  const ZichaFeedback *feedback = sheet->feedback;
  g_autofree char *received = NULL;

  if (feedback->state != ZICHA_FEEDBACK_ACKNOWLEDGED || feedback->receipt_number == NULL)
    return g_strdup (feedback->permanent_failure ? "平台拒收，无回执" : "尚未收到平台回执");

  received = format_time (feedback->received_at);
  return g_strdup_printf ("回执号：%s（%s接收）", feedback->receipt_number, received);
}

/* Layout --------------------------------------------------------------------- */

/* label | value | label | value, the labels shaded. */
static void
add_pairs_row (ZichaPageLayout *layout,
               const char      *label1,
               const char      *value1,
               const char      *label2,
               const char      *value2)
{
  ZichaTableCell cells[4] = {
    { label1, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, TRUE, 0 },
    { value1, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, FALSE, 0 },
    { label2, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, TRUE, 0 },
    { value2, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, FALSE, 0 },
  };

  zicha_page_layout_add_row (layout, cells, 4);
}

/* label | value over the three other columns. */
static void
add_wide_row (ZichaPageLayout *layout,
              const char      *label,
              const char      *value)
{
  ZichaTableCell cells[2] = {
    { label, 1, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, TRUE, 0 },
    { value, 3, ZICHA_TEXT_LABEL, ZICHA_ALIGN_LEFT, FALSE, 0 },
  };

  zicha_page_layout_add_row (layout, cells, 2);
}

static void
begin_pairs_table (ZichaPageLayout *layout,
                   const char      *heading)
{
  double content = zicha_page_layout_get_content_width (layout);
  double value_width = (content - 2 * LABEL_WIDTH) / 2;
  double widths[4] = { LABEL_WIDTH, value_width, LABEL_WIDTH, value_width };

  zicha_page_layout_add_space (layout, HEADING_SPACE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_HEADING, heading, ZICHA_ALIGN_LEFT, 0, TRUE);
  zicha_page_layout_add_space (layout, 2);
  zicha_page_layout_begin_table (layout, 4, widths, NULL);
}

static void
add_header (ZichaPageLayout    *layout,
            ZichaFeedbackSheet *sheet)
{
  const char *separator = zicha_document_text_get ()->header_separator;
  g_autofree char *created = format_time (sheet->feedback->created);
  g_autofree char *unit = g_strdup_printf ("单位名称：%s%s统一社会信用代码：%s",
                                           sheet->unit_name != NULL ? sheet->unit_name : "", separator,
                                           sheet->feedback->unit_code);
  g_autofree char *number = g_strdup_printf ("反馈编号：%s%s填报时间：%s", sheet->feedback->uuid, separator,
                                             created);

  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_TITLE, TITLE, ZICHA_ALIGN_CENTER, 0, TRUE);
  zicha_page_layout_add_space (layout, 8);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, unit, ZICHA_ALIGN_LEFT, 0, FALSE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, number, ZICHA_ALIGN_LEFT, 0, FALSE);
}

static void
add_notice (ZichaPageLayout    *layout,
            ZichaFeedbackSheet *sheet)
{
  ZichaNotice *notice = sheet->notice;
  g_autofree char *detected = format_time (zicha_notice_get_detected_at (notice));
  g_autofree char *deadline = format_time (zicha_notice_get_deadline (notice));

  begin_pairs_table (layout, "一、威胁通报情况");
  add_wide_row (layout, "通报编号", zicha_notice_get_id (notice));
  add_pairs_row (layout, "检测时间", detected, "整改期限", deadline);
  add_wide_row (layout, "目标", zicha_notice_get_target (notice));
  add_pairs_row (layout, "威胁类型", zicha_notice_type_to_chinese (zicha_notice_get_notice_type (notice)),
                 "严重程度", zicha_notice_severity_to_chinese (zicha_notice_get_severity (notice)) ?: "");
  add_wide_row (layout, "威胁描述", zicha_notice_get_description (notice));
  zicha_page_layout_end_table (layout);
}

static void
add_feedback (ZichaPageLayout    *layout,
              ZichaFeedbackSheet *sheet)
{
  const ZichaFeedback *feedback = sheet->feedback;
  g_autofree char *completed = feedback->completed_at != NULL ? format_time (feedback->completed_at)
                                                              : g_strdup ("尚未完成");
  g_autofree char *verdict = dup_deadline_verdict (sheet);
  g_autofree char *receipt = dup_receipt_text (sheet);

  begin_pairs_table (layout, "二、整改情况");
  add_pairs_row (layout, "整改状态", feedback->rectified ? "已完成整改" : "整改中，尚未完成",
                 "整改完成时间", completed);
  add_wide_row (layout, "整改措施", feedback->measures);
  add_wide_row (layout, "复测结果", feedback->retest_result);
  add_pairs_row (layout, "责任人（联系人）", feedback->responsible, "联系电话", feedback->phone);
  add_wide_row (layout, "是否按期", verdict);
  add_wide_row (layout, "平台回执", receipt);
  zicha_page_layout_end_table (layout);
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

static void
add_evidence (ZichaPageLayout    *layout,
              ZichaFeedbackSheet *sheet)
{
  static const ZichaTableCell header[3] = {
    { "序号", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
    { "文件名称及大小", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
    { "SHA-256 校验值", 1, ZICHA_TEXT_CELL_HEADER, ZICHA_ALIGN_CENTER, TRUE, 0 },
  };
  double content = zicha_page_layout_get_content_width (layout);
  double hash_width = 0;
  double widths[3];

  zicha_page_layout_add_space (layout, HEADING_SPACE);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_HEADING, "三、佐证材料", ZICHA_ALIGN_LEFT, 0, TRUE);
  zicha_page_layout_add_space (layout, 2);

  if (sheet->attachments->len == 0)
    {
      zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, "未附佐证材料。", ZICHA_ALIGN_LEFT, 0, FALSE);
      return;
    }

  /* Each hash on one line, so it can be read (and searched) whole. */
  for (guint i = 0; i < sheet->attachments->len; i++)
    {
      const ZichaAttachment *attachment = sheet->attachments->pdata[i];

      hash_width = MAX (hash_width, text_width (layout, ZICHA_TEXT_CELL, attachment->sha256));
    }
  widths[0] = NUMBER_WIDTH;
  widths[2] = MIN (hash_width + 2 * CELL_PAD_X + 2.0, content * 0.7);
  widths[1] = content - widths[0] - widths[2];

  zicha_page_layout_begin_table (layout, 3, widths, header);
  for (guint i = 0; i < sheet->attachments->len; i++)
    {
      const ZichaAttachment *attachment = sheet->attachments->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *size = format_size (attachment->size);
      g_autofree char *file = g_strdup_printf ("%s\n%s", attachment->file_name, size);
      ZichaTableCell cells[3] = {
        { number, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_CENTER, FALSE, 0 },
        { file, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_LEFT, FALSE, 0 },
        { attachment->sha256, 1, ZICHA_TEXT_CELL, ZICHA_ALIGN_LEFT, FALSE, 0 },
      };

      zicha_page_layout_add_row (layout, cells, 3);
    }
  zicha_page_layout_end_table (layout);
  zicha_page_layout_add_space (layout, 2);
  zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_NOTE,
                                   "注：佐证材料随本反馈报送平台；SHA-256 校验值可用于核对文件未被改动"
                                   "（例如使用 sha256sum 命令）。",
                                   ZICHA_ALIGN_LEFT, 0, FALSE);
}

static void
add_seal_block (ZichaPageLayout    *layout,
                ZichaFeedbackSheet *sheet)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (sheet->feedback->created);
  g_autofree char *date = NULL;
  ZichaSealBlock block = { 0 };
  GDate day;

  /* Stamped the day the feedback was made. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  date = zicha_document_format_date (&day, TRUE);

  /* A page with nothing but the signatures and the seal says so, as
   * official documents do, so no text can be slipped in above them. */
  if (zicha_seal_block_get_height (layout) > zicha_page_layout_get_remaining (layout))
    {
      zicha_page_layout_new_page (layout);
      zicha_page_layout_add_paragraph (layout, ZICHA_TEXT_LABEL, NO_BODY_TEXT, ZICHA_ALIGN_LEFT, 0, FALSE);
    }

  block.unit_name = sheet->unit_name;
  block.date = date;
  block.contact_name = sheet->feedback->responsible;
  block.contact_phone = sheet->feedback->phone;
  zicha_seal_block_add (layout, &block);
}

gboolean
zicha_feedback_sheet_save_pdf (ZichaFeedbackSheet  *sheet,
                               const char          *path,
                               guint               *n_pages,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(ZichaPageLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) write_error = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  layout = zicha_page_layout_new (ZICHA_DOCUMENT_BODY_FONT, ZICHA_DOCUMENT_HEADING_FONT);
  if (!zicha_document_check_fonts (zicha_page_layout_get_context (layout),
                                   ZICHA_DOCUMENT_BODY_FONT, ZICHA_DOCUMENT_HEADING_FONT, error))
    return FALSE;

  add_header (layout, sheet);
  add_notice (layout, sheet);
  add_feedback (layout, sheet);
  add_evidence (layout, sheet);
  add_seal_block (layout, sheet);

  pdf = zicha_page_pdf_render (layout, TITLE, sheet->unit_name, cancellable, error);
  if (pdf == NULL)
    return FALSE;

  /* Written to a temporary file and renamed: never half a form. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644,
                                 &write_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (write_error->code),
                   _("Cannot write “%s”: %s"), display, write_error->message);
      return FALSE;
    }

  if (n_pages != NULL)
    *n_pages = zicha_page_layout_get_n_pages (layout);
  return TRUE;
}

gboolean
zicha_document_write_feedback_form (ZichaStore  *store,
                                    const char  *feedback_uuid,
                                    const char  *unit_name,
                                    const char  *path,
                                    GError     **error)
{
  g_autoptr(ZichaFeedbackSheet) sheet = zicha_feedback_sheet_load (store, feedback_uuid, unit_name, error);

  return sheet != NULL && zicha_feedback_sheet_save_pdf (sheet, path, NULL, NULL, error);
}
