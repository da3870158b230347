/* test-document.c — the printed 自查表 and 自查报告, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders the demo report (data/demo/) to PDF, extracts the text with
 * poppler (poppler-glib, and pdftotext for drawing order) and looks for every answered value, the page numbers, the
 * watermark and the verification code; checks the files with qpdf and
 * pdffonts; saves pages as PNG in build/screenshots/ to look at.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "zicha-document.h"
#include "zicha-document-format.h"
#include "zicha-test.h"
#include "zicha-test-pdf.h"
#include "zicha-validation.h"

#define DEMO_FILE "data/demo/edu-cybersec-selfcheck-2019-demo.json"
#define DIGEST "3fa8c2d41b7e9a0c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4"

static ZichaForm *form;
static ZichaAnswers *answers;
static char *tmpdir;

static int
init_suite (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *form_path = zicha_test_source_path ("data/forms/edu-cybersec-selfcheck-2019.json");
  g_autofree char *demo_path = zicha_test_source_path (DEMO_FILE);

  form = zicha_form_new_from_file (form_path, &error);
  if (form == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  answers = zicha_answers_new_from_file (form, demo_path, &error);
  if (answers == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  tmpdir = zicha_test_make_tmpdir ();
  return 0;
}

static int
cleanup_suite (void)
{
  g_clear_object (&answers);
  g_clear_object (&form);
  zicha_test_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);

  /* Cairo and fontconfig keep font caches for the life of the process;
   * release them so LeakSanitizer sees only what we leaked. */
  cairo_debug_reset_static_data ();
  FcFini ();
  return 0;
}

/* Helpers ------------------------------------------------------------------ */

static ZichaDocument *
new_document (ZichaDocumentKind kind,
              gboolean          finalized)
{
  ZichaDocument *document = zicha_document_new (kind, answers);

  zicha_document_set_unit_name (document, "厦门市鹭屿实验中学");
  if (finalized)
    {
      zicha_document_set_state (document, ZICHA_REPORT_FINALIZED);
      zicha_document_set_digest (document, DIGEST);
    }
  return document;
}

static char *
render (ZichaDocumentKind  kind,
        gboolean           finalized,
        const char        *name)
{
  g_autoptr(ZichaDocument) document = new_document (kind, finalized);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  CU_ASSERT_TRUE_FATAL (zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error));
  CU_ASSERT_PTR_NULL (error);
  return path;
}

typedef struct
{
  ZichaValidation   *validation;
  ZichaFormDocument  document;
  const char        *text;      /* squeezed */
  guint              checked;
  guint              missing;
} FindValues;

static void
find_value (ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value,
            gpointer       user_data)
{
  FindValues *find = user_data;
  ZichaFormItemType type = zicha_form_item_get_item_type (item);
  g_autofree char *expected = NULL;
  g_autofree char *squeezed = NULL;

  if (zicha_form_section_get_document (zicha_form_item_get_section (item)) != find->document ||
      !zicha_validation_is_relevant (find->validation, item, row_id))
    return;

  /* Names, codes, phones, narratives and counts as typed; choices and
   * dates by the way a cell prints them. */
  if (type == ZICHA_FORM_ITEM_TEXT || type == ZICHA_FORM_ITEM_LONG_TEXT || type == ZICHA_FORM_ITEM_CODE ||
      type == ZICHA_FORM_ITEM_INTEGER || type == ZICHA_FORM_ITEM_DECIMAL)
    expected = zicha_document_format_value (item, value, ZICHA_VALUE_PLAIN);
  else if (row_id != NULL)
    expected = zicha_document_format_value (item, value, ZICHA_VALUE_CELL);
  else
    return;

  squeezed = zicha_test_squeeze (expected);
  find->checked++;
  if (*squeezed != '\0' && strstr (find->text, squeezed) == NULL)
    {
      g_printerr ("\n  not found: %s = “%s”", zicha_form_item_get_path (item), expected);
      find->missing++;
    }
}


/* The text in the order it was drawn (pdftotext -raw, poppler too): the
 * lines of a table cell stay together, where reading order interleaves
 * them with the cells beside it. */
static void
assert_values_found (const char        *path,
                     ZichaFormDocument  document)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autoptr(ZichaValidation) validation = zicha_validate (answers, NULL);
  FindValues find = { validation, document, NULL, 0, 0 };

  g_autoptr(GRegex) footers = g_regex_new ("^(第 ?\\d+ ?页 ?共 ?\\d+ ?页|校验码：.*|草|稿)$", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *body = NULL;

  CU_ASSERT_TRUE_FATAL (zicha_test_run_tool (argv, &text));
  /* A paragraph that goes on over a page break has the footer (and the
   * next page's watermark) in between. */
  body = g_regex_replace_literal (footers, text, -1, 0, "", 0, NULL);
  squeezed = zicha_test_squeeze (body);
  find.text = squeezed;

  zicha_answers_foreach (answers, find_value, &find);
  CU_ASSERT_TRUE (find.checked > 20);
  CU_ASSERT_EQUAL (find.missing, 0);
}

static void
assert_page_numbers (PopplerDocument *pdf)
{
  int n_pages = poppler_document_get_n_pages (pdf);
  g_autofree char *first = zicha_test_pdf_dup_page_text (pdf, 0);
  g_autofree char *last = zicha_test_pdf_dup_page_text (pdf, n_pages - 1);
  g_autofree char *first_squeezed = zicha_test_squeeze (first);
  g_autofree char *last_squeezed = zicha_test_squeeze (last);
  /* "第 1 页 共 N 页": text extraction keeps or drops the narrow spaces
   * around the digits as it likes. */
  g_autofree char *expected_first = g_strdup_printf ("第1页共%d页", n_pages);
  g_autofree char *expected_last = g_strdup_printf ("第%d页共%d页", n_pages, n_pages);

  CU_ASSERT_TRUE (n_pages > 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (first_squeezed, expected_first));
  CU_ASSERT_PTR_NOT_NULL (strstr (last_squeezed, expected_last));
}

/* Screenshots: the first pages, the first landscape page and the last. */
static void
save_pngs (PopplerDocument *pdf,
           const char      *prefix)
{
  int n_pages = poppler_document_get_n_pages (pdf);
  gboolean landscape_saved = FALSE;

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      double width, height;
      g_autofree char *name = NULL;

      poppler_page_get_size (page, &width, &height);
      if (i < 3 || i == n_pages - 1)
        name = g_strdup_printf ("%s-p%d.png", prefix, i + 1);
      else if (width > height && !landscape_saved)
        name = g_strdup_printf ("%s-p%d-landscape.png", prefix, i + 1);
      else
        continue;
      landscape_saved |= width > height;
      zicha_test_pdf_save_png (pdf, i, name);
    }
}

/* Tests ---------------------------------------------------------------------- */

/* The PDF itself beside the screenshots, to open in a viewer. */
static void
keep_pdf (const char *path,
          const char *name)
{
  g_autofree char *contents = NULL;
  g_autofree char *copy = g_build_filename (ZICHA_BUILD_ROOT, "screenshots", name, NULL);
  gsize length;

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &contents, &length, NULL));
  CU_ASSERT_TRUE (g_file_set_contents (copy, contents, (gssize) length, NULL));
}

static void
test_table_draft (void)
{
  g_autofree char *path = render (ZICHA_DOCUMENT_TABLE, FALSE, "table.pdf");
  g_autoptr(PopplerDocument) pdf = zicha_test_pdf_open (path);
  g_autofree char *text = zicha_test_pdf_dup_text (pdf);
  g_autofree char *squeezed = zicha_test_squeeze (text);
  g_autofree char *title = poppler_document_get_title (pdf);
  g_autofree char *author = poppler_document_get_author (pdf);
  g_autofree char *creator = poppler_document_get_creator (pdf);

  assert_page_numbers (pdf);

  /* Title, header, boxes, guidance, seal block, watermark */
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, zicha_localized_text_get_zh (zicha_form_get_title (form))));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "填表日期：2019年6月28日"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "☑"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "☐"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "填表说明："));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "（单位公章）"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "二〇一九年六月二十八日"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "主要负责人（签字）"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "网络安全负责人（签字）"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "草稿"));
  CU_ASSERT_PTR_NULL (strstr (squeezed, "校验码"));

  ZICHA_ASSERT_STR_EQ (title, zicha_localized_text_get_zh (zicha_form_get_title (form)));
  ZICHA_ASSERT_STR_EQ (author, "厦门市鹭屿实验中学");
  CU_ASSERT_TRUE (g_str_has_prefix (creator, "Zicha "));

  zicha_test_pdf_assert_valid (path, 2);
  save_pngs (pdf, "pdf-table");
  keep_pdf (path, "pdf-table.pdf");
}

static void
test_report_draft (void)
{
  g_autofree char *path = render (ZICHA_DOCUMENT_REPORT, FALSE, "report.pdf");
  g_autoptr(PopplerDocument) pdf = zicha_test_pdf_open (path);
  g_autofree char *text = zicha_test_pdf_dup_text (pdf);
  g_autofree char *squeezed = zicha_test_squeeze (text);
  static const char * const expected[] = {
    "厦门市鹭屿实验中学网络安全执法检查自查报告",
    "所在地公安机关网安部门、上级教育主管部门：",  /* 主送 */
    "一、基本情况",
    "二、自查工作开展情况",
    "三、网络安全工作落实情况",
    "（一）网络安全责任制落实情况",
    "（五）LED电子显示屏系统的安全保护情况",
    "四、存在的主要问题和风险隐患",
    "五、整改措施及整改情况",
    "六、意见和建议",
    "本单位共有信息系统4个，其中第四级0个、第三级1个、第二级2个、未定级1个。",
    "已开展等级测评的信息系统2个",
    "已完成安全建设整改的信息系统1个",
    "已开展安全自查的信息系统4个",
    "本单位共有网站3个",
    "本单位开发或运营的移动APP共2个。",
    "陈国华",
    "0592-5123456",
    "二〇一九年六月二十八日",
    "（单位公章）",
    NULL
  };

  assert_page_numbers (pdf);

  /* The watermark's two characters land wherever they cross the text;
   * the demo has neither, so drop them before looking for sentences. */
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "草"));
  CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, "稿"));
  {
    g_autoptr(GString) clean = g_string_new (squeezed);

    g_string_replace (clean, "草", "", 0);
    g_string_replace (clean, "稿", "", 0);
    g_free (squeezed);
    squeezed = g_string_free (g_steal_pointer (&clean), FALSE);
  }

  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (strstr (squeezed, expected[i]) == NULL)
        g_printerr ("\n  not found: %s", expected[i]);
      CU_ASSERT_PTR_NOT_NULL (strstr (squeezed, expected[i]));
    }

  zicha_test_pdf_assert_valid (path, 2);
  save_pngs (pdf, "pdf-report");
  keep_pdf (path, "pdf-report.pdf");
}

static void
test_finalized_has_code_not_watermark (void)
{
  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autofree char *name = g_strdup_printf ("final-%u.pdf", kind);
      g_autofree char *path = render (kind, TRUE, name);
      g_autoptr(PopplerDocument) pdf = zicha_test_pdf_open (path);
      g_autofree char *first = zicha_test_pdf_dup_page_text (pdf, 0);
      g_autofree char *text = zicha_test_pdf_dup_text (pdf);
      g_autofree char *squeezed = zicha_test_squeeze (text);

      /* Every answer, read where no watermark interleaves with it. */
      assert_values_found (path, kind == ZICHA_DOCUMENT_TABLE ? ZICHA_FORM_DOCUMENT_TABLE
                                                             : ZICHA_FORM_DOCUMENT_REPORT);
      CU_ASSERT_PTR_NULL (strstr (squeezed, "草稿"));
      CU_ASSERT_PTR_NOT_NULL (strstr (first, "3FA8-C2D4-1B7E"));
      assert_page_numbers (pdf);
      zicha_test_pdf_assert_valid (path, 2);
      if (kind == ZICHA_DOCUMENT_REPORT)
        zicha_test_pdf_save_png (pdf, 0, "pdf-report-final-p1.png");
    }
}

static void
test_receipt_printed (void)
{
  g_autoptr(ZichaDocument) document = new_document (ZICHA_DOCUMENT_REPORT, TRUE);
  g_autoptr(GDateTime) received = g_date_time_new_utc (2019, 7, 9, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "delivered.pdf", NULL);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  /* A delivered report prints its receipt number on every page. */
  zicha_document_set_state (document, ZICHA_REPORT_ACKNOWLEDGED);
  zicha_document_set_receipt (document, "ZP-20190709-TEST0001", received);
  CU_ASSERT_TRUE_FATAL (zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error));

  pdf = zicha_test_pdf_open (path);
  first = zicha_test_pdf_dup_page_text (pdf, 0);
  last = zicha_test_pdf_dup_page_text (pdf, poppler_document_get_n_pages (pdf) - 1);
  CU_ASSERT_PTR_NOT_NULL (strstr (first, "平台回执号：ZP-20190709-TEST0001"));
  CU_ASSERT_PTR_NOT_NULL (strstr (last, "ZP-20190709-TEST0001"));
  CU_ASSERT_PTR_NOT_NULL (strstr (first, "3FA8-C2D4-1B7E"));
  zicha_test_pdf_assert_valid (path, 2);
  zicha_test_pdf_save_png (pdf, 0, "pdf-report-delivered-p1.png");
}

static void
test_verification_code (void)
{
  g_autofree char *code = zicha_document_verification_code_for_digest (DIGEST);
  g_autoptr(ZichaDocument) draft = new_document (ZICHA_DOCUMENT_REPORT, FALSE);
  g_autoptr(ZichaDocument) final = new_document (ZICHA_DOCUMENT_REPORT, TRUE);

  ZICHA_ASSERT_STR_EQ (code, "3FA8-C2D4-1B7E");
  CU_ASSERT_PTR_NULL (zicha_document_verification_code_for_digest ("xyz"));
  CU_ASSERT_PTR_NULL (zicha_document_verification_code_for_digest (NULL));
  CU_ASSERT_PTR_NULL (zicha_document_get_verification_code (draft));
  ZICHA_ASSERT_STR_EQ (zicha_document_get_verification_code (final), "3FA8-C2D4-1B7E");
}

static void
test_chinese_dates (void)
{
  static const struct
  {
    guint       year, month, day;
    const char *numerals;
    const char *digits;
  } cases[] = {
    { 2019, 6, 28, "二〇一九年六月二十八日", "2019年6月28日" },
    { 2020, 10, 1, "二〇二〇年十月一日", "2020年10月1日" },
    { 2019, 12, 10, "二〇一九年十二月十日", "2019年12月10日" },
    { 2019, 11, 31 - 1, "二〇一九年十一月三十日", "2019年11月30日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *numerals = NULL;
      g_autofree char *digits = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i].day, cases[i].month, cases[i].year);
      numerals = zicha_document_format_date (&date, TRUE);
      digits = zicha_document_format_date (&date, FALSE);
      ZICHA_ASSERT_STR_EQ (numerals, cases[i].numerals);
      ZICHA_ASSERT_STR_EQ (digits, cases[i].digits);
    }
}

/* The preview and printing path: any cairo_t, any size. */
static void
test_render_page_to_image (void)
{
  g_autoptr(ZichaDocument) document = new_document (ZICHA_DOCUMENT_TABLE, FALSE);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint dark = 0;
  unsigned char *data;
  int stride;

  CU_ASSERT_TRUE_FATAL (zicha_document_layout (document, NULL, &error));
  CU_ASSERT_TRUE (zicha_document_get_n_pages (document) > 1);
  zicha_document_get_page_size (document, 0, &width, &height);
  CU_ASSERT_DOUBLE_EQUAL (width, 595.0, 0.5);
  CU_ASSERT_DOUBLE_EQUAL (height, 842.0, 0.5);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 424);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  zicha_document_render_page (document, cr, 0, 300, 424);
  CU_ASSERT_EQUAL (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 424; y++)
    for (int x = 0; x < 300; x++)
      if (data[y * stride + 4 * x] < 128)
        dark++;
  CU_ASSERT_TRUE (dark > 500);
  cairo_surface_destroy (surface);
}

static gboolean
directory_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
test_unwritable_path (void)
{
  g_autoptr(ZichaDocument) document = new_document (ZICHA_DOCUMENT_TABLE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "unwritable", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "table.pdf", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "table.pdf", NULL);

  CU_ASSERT_EQUAL_FATAL (g_mkdir (dir, 0755), 0);
  CU_ASSERT_FALSE (zicha_document_save_pdf (document, missing, NULL, NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "table.pdf") : NULL);
  CU_ASSERT_TRUE (directory_is_empty (dir));
  g_clear_error (&error);

  /* A file where a directory should be (what root meets instead of a
   * read-only directory). */
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (file, "x", 1, NULL));
  CU_ASSERT_FALSE (zicha_document_save_pdf (document, under_file, NULL, NULL, NULL, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  CU_ASSERT_FALSE (g_file_test (under_file, G_FILE_TEST_EXISTS));
}

static void
cancel_after_first_page (guint    pages_done,
                         guint    n_pages,
                         gpointer user_data)
{
  if (pages_done == 1)
    g_cancellable_cancel (user_data);
}

static void
count_pages (guint    pages_done,
             guint    n_pages,
             gpointer user_data)
{
  guint *calls = user_data;

  CU_ASSERT_EQUAL (pages_done, *calls + 1);
  CU_ASSERT_TRUE (pages_done <= n_pages);
  (*calls)++;
}

static void
test_cancel_leaves_no_file (void)
{
  g_autoptr(ZichaDocument) document = new_document (ZICHA_DOCUMENT_TABLE, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "cancel", NULL);
  g_autofree char *path = g_build_filename (dir, "table.pdf", NULL);
  guint calls = 0;

  CU_ASSERT_EQUAL_FATAL (g_mkdir (dir, 0755), 0);
  CU_ASSERT_FALSE (zicha_document_save_pdf (document, path, cancel_after_first_page, cancellable,
                                            cancellable, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  CU_ASSERT_TRUE (directory_is_empty (dir));
  g_clear_error (&error);

  /* Cancelled before it starts: no layout either. */
  CU_ASSERT_FALSE (zicha_document_layout (document, cancellable, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);

  /* Progress counts every page, and the file replaces an old one. */
  CU_ASSERT_TRUE (g_file_set_contents (path, "old", -1, NULL));
  CU_ASSERT_TRUE (zicha_document_save_pdf (document, path, count_pages, &calls, NULL, &error));
  CU_ASSERT_EQUAL (calls, zicha_document_get_n_pages (document));
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    CU_ASSERT_EQUAL (n, 1);
  }
}

static void
test_missing_fonts (void)
{
  g_autoptr(ZichaDocument) document = new_document (ZICHA_DOCUMENT_REPORT, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "no-fonts.pdf", NULL);

  zicha_document_set_fonts (document, "Zicha No Such Serif", ZICHA_DOCUMENT_HEADING_FONT);
  CU_ASSERT_FALSE (zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_DOCUMENT_ERROR, ZICHA_DOCUMENT_ERROR_FONTS_MISSING));
  CU_ASSERT_PTR_NOT_NULL (error != NULL ? strstr (error->message, "fonts-noto-cjk") : NULL);
  CU_ASSERT_FALSE (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* An empty report still prints: blank boxes, 年 月 日 to fill in. */
static void
test_empty_report (void)
{
  g_autoptr(ZichaAnswers) empty = zicha_answers_new (form);
  g_autoptr(GError) error = NULL;

  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autoptr(ZichaDocument) document = zicha_document_new (kind, empty);
      g_autofree char *name = g_strdup_printf ("empty-%u.pdf", kind);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(PopplerDocument) pdf = NULL;
      g_autofree char *text = NULL;

      CU_ASSERT_TRUE_FATAL (zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error));
      pdf = zicha_test_pdf_open (path);
      text = zicha_test_pdf_dup_text (pdf);
      assert_page_numbers (pdf);
      CU_ASSERT_PTR_NOT_NULL (strstr (text, "年") != NULL && strstr (text, "（单位公章）") != NULL);
    }
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/document/table/draft", test_table_draft },
    { "/document/report/draft", test_report_draft },
    { "/document/finalized/values-code-no-watermark", test_finalized_has_code_not_watermark },
    { "/document/receipt-printed", test_receipt_printed },
    { "/document/verification-code", test_verification_code },
    { "/document/chinese-dates", test_chinese_dates },
    { "/document/render-page", test_render_page_to_image },
    { "/document/fail/unwritable-path", test_unwritable_path },
    { "/document/fail/cancel", test_cancel_leaves_no_file },
    { "/document/fail/missing-fonts", test_missing_fonts },
    { "/document/empty-report", test_empty_report },
    { NULL, NULL }
  };

  return zicha_test_run ("document", init_suite, cleanup_suite, cases);
}
