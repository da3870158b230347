/* bench-pdf.c — the printed documents of a large report, against
 * LibreOffice and against bare Cairo + Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a large report in memory (300 systems, 100 websites, 50 APPs,
 * 200 LED screens, every narrative filled) and measures, each as a whole
 * process started the same way (this program re-run in a mode), with its
 * wall time (the median of --runs) and peak memory (ru_maxrss from wait4):
 *
 *   zicha     --render-only: both PDFs (自查表 + 自查报告) with ZichaDocument
 *   office    soffice --headless --convert-to pdf of both documents as flat
 *             ODT (.fodt) in one process: the content our builders give
 *             the page layout, written by bench-fodt.c (same paragraphs,
 *             fonts, tables, column widths, header rows, orientation,
 *             footers), the way units make these documents today; only
 *             when LibreOffice is installed (tools/dev bench installs it)
 *             and not in a --quick run
 *   bare      --bare-only: the same texts drawn in boxes with one reused
 *             PangoLayout, each measured then laid out again to draw (what
 *             a first Cairo + Pango program does)
 *   floor     --floor-only: this program drawing one CJK character to a
 *             PDF: starting the process, fontconfig, loading a CJK font
 *             and writing a PDF, below which no whole process can go
 *   glyphs    --glyphs-only: this program writing both PDFs with only the
 *             distinct characters of each text style of each document,
 *             through ZichaPageLayout in the same fonts and sizes: what
 *             cairo and the fonts cost whatever the layout does (loading
 *             the fonts, glyph metrics per size, embedding the subsets)
 *
 * and, in this process, the render time of ZichaDocument alone. The
 * contents are compared by page counts and by the characters pdftotext
 * finds. Machines are noisy: compare the ratios. The exit status is
 * non-zero only when rendering or writing the flat ODT fails, never on a
 * timing.
 *
 *   bench-pdf [--quick] [--runs N] [--keep]
 */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "bench-common.h"
#include "bench-fodt.h"
#include "zicha-document.h"
#include "zicha-document-format.h"
/* The builders themselves, to watch what they give the page layout. */
#include "zicha-document-private.h"
#include "zicha-document-text.h"
#include "zicha-validation.h"

extern char **environ;

typedef struct
{
  const char *name;
  guint       systems, websites, apps, leds;
} BenchConfig;

static const BenchConfig full_config = { "full", 300, 100, 50, 200 };
static const BenchConfig quick_config = { "quick", 30, 10, 5, 20 };

/* Whole process, then in process */
#define TARGET_RATIO 10.0
#define DIGEST "3fa8c2d41b7e9a0c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4"

static const char *document_names[] = { "table", "report" };

/* The report ------------------------------------------------------------------ */

static const char *narrative =
  "学校按照“谁主管谁负责、谁运营谁负责”的原则落实网络安全责任，信息技术中心牵头，各处室配合，"
  "每学期开展一次全面检查，并对发现的问题建立台账、逐项整改、按期销号。";

static JsonNode *
value_for (ZichaFormItem *item,
           guint          row)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  const char *label = zicha_localized_text_get_zh (zicha_form_item_get_label (item));

  switch (zicha_form_item_get_item_type (item))
    {
    case ZICHA_FORM_ITEM_INTEGER:
      json_node_set_int (node, 1 + row % 97);
      break;
    case ZICHA_FORM_ITEM_DECIMAL:
      json_node_set_double (node, 12.5);
      break;
    case ZICHA_FORM_ITEM_DATE:
      json_node_set_string (node, "2019-05-16");
      break;
    case ZICHA_FORM_ITEM_YES_NO:
      json_node_set_string (node, row % 3 == 2 ? "no" : "yes");
      break;
    case ZICHA_FORM_ITEM_CHOICE:
      json_node_set_string (node, zicha_form_item_get_option (item, row % zicha_form_item_get_n_options (item))->value);
      break;
    case ZICHA_FORM_ITEM_MULTI_CHOICE:
      {
        JsonArray *array = json_array_new ();

        json_array_add_string_element (array, zicha_form_item_get_option (item, 0)->value);
        if (zicha_form_item_get_n_options (item) > 1)
          json_array_add_string_element (array, zicha_form_item_get_option (item, 1)->value);
        json_node_free (node);
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
      }
      break;
    case ZICHA_FORM_ITEM_CODE:
      {
        guint n_kinds;
        const ZichaCodeKind *kinds = zicha_form_item_get_code_kinds (item, &n_kinds);
        /* A single item (row G_MAXUINT) gets the first row's codes. */
        guint n = row == G_MAXUINT ? 0 : row;
        g_autofree char *text = NULL;

        switch (kinds[0])
          {
          case ZICHA_CODE_URL: text = g_strdup_printf ("https://www%u.example.edu.cn/", n); break;
          case ZICHA_CODE_IP: text = g_strdup_printf ("10.%u.%u.%u", n / 250 % 250, n % 250, 1 + n % 200); break;
          case ZICHA_CODE_MOBILE: text = g_strdup_printf ("139%08u", 10000000 + n); break;
          case ZICHA_CODE_PHONE: text = g_strdup_printf ("0592-5%06u", n); break;
          case ZICHA_CODE_ICP: text = g_strdup_printf ("闽ICP备%08u号-1", 12340000 + n); break;
          case ZICHA_CODE_GABA: text = g_strdup_printf ("闽公网安备%014" G_GUINT64_FORMAT "号", (guint64) 35020300000000u + n); break;
          case ZICHA_CODE_DENGBAO: text = g_strdup_printf ("35020013001-%05u", n); break;
          case ZICHA_CODE_USCC: text = g_strdup ("123502004263091794"); break;
          case ZICHA_CODE_REGION: text = g_strdup ("350203"); break;
          default: text = g_strdup_printf ("X%06u", n); break;
          }
        json_node_set_string (node, text);
      }
      break;
    case ZICHA_FORM_ITEM_LONG_TEXT:
      json_node_set_string (node, row == G_MAXUINT ? narrative : "运维记录完整，按月巡检，问题均已闭环。");
      break;
    case ZICHA_FORM_ITEM_TEXT:
    case ZICHA_FORM_ITEM_TABLE:
    default:
      {
        g_autofree char *text = row == G_MAXUINT ? g_strdup_printf ("%s（示例）", label)
                                : g_strdup_printf ("%s%04u", label, row + 1);

        json_node_set_string (node, text);
      }
      break;
    }

  return node;
}

static guint
rows_for (const BenchConfig *config,
          const char        *path)
{
  if (g_str_equal (path, "system_list.systems"))
    return config->systems;
  if (g_str_equal (path, "website_list.websites"))
    return config->websites;
  if (g_str_equal (path, "app_list.apps"))
    return config->apps;
  if (g_str_equal (path, "led_list.led_screens"))
    return config->leds;
  return 5;
}

static ZichaAnswers *
build_answers (ZichaForm         *form,
               const BenchConfig *config)
{
  ZichaAnswers *answers = zicha_answers_new (form);

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);

      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);

          if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
            {
              guint n_rows = rows_for (config, zicha_form_item_get_path (item));

              for (guint r = 0; r < n_rows; r++)
                {
                  g_autofree char *row = zicha_answers_add_row (answers, item);

                  for (guint c = 0; c < zicha_form_item_get_n_columns (item); c++)
                    {
                      ZichaFormItem *column = zicha_form_item_get_column (item, c);
                      g_autoptr(JsonNode) value = value_for (column, r);

                      zicha_answers_set_value (answers, column, row, value);
                    }
                }
            }
          else
            {
              g_autoptr(JsonNode) value = value_for (item, G_MAXUINT);

              zicha_answers_set_value (answers, item, NULL, value);
            }
        }
    }

  return answers;
}

/* Modes run as child processes -------------------------------------------------- */

/* "第 1 页 共 N 页"… and "校验码：…", which the documents draw under the
 * content, in the footer style. */
static void
add_footer_characters (BenchFodt  *fodt,
                       guint       n_pages,
                       const char *code)
{
  const ZichaDocumentText *text = zicha_document_text_get ();
  g_autoptr(GString) verification = g_string_new (text->verification);
  g_autofree char *pages = g_strdup_printf ("%u", n_pages);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autoptr(GString) footer = g_string_new (text->footer);
      g_autofree char *number = g_strdup_printf ("%u", page);

      g_string_replace (footer, "{page}", number, 0);
      g_string_replace (footer, "{pages}", pages, 0);
      bench_fodt_add_characters (fodt, ZICHA_TEXT_FOOTER, footer->str);
    }
  g_string_replace (verification, "{code}", code, 0);
  bench_fodt_add_characters (fodt, ZICHA_TEXT_FOOTER, verification->str);
}

static gboolean
render_documents (ZichaAnswers *answers,
                  const char   *dir,
                  guint        *n_pages)
{
  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autoptr(ZichaDocument) document = zicha_document_new (kind, answers);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strconcat (document_names[kind], ".pdf", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      zicha_document_set_state (document, ZICHA_REPORT_FINALIZED);
      zicha_document_set_digest (document, DIGEST);
      if (!zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-pdf: %s\n", error->message);
          return FALSE;
        }
      n_pages[kind] = zicha_document_get_n_pages (document);
    }

  return TRUE;
}

/* --outline DIR: runs the document builders as zicha_document_layout()
 * does, watched by bench-fodt.c; writes DIR/table.fodt, DIR/report.fodt,
 * DIR/blocks (the texts for --bare-only) and DIR/glyphs (the characters
 * of each style of each document, for --glyphs-only), and prints what
 * they hold. */
static gboolean
write_outline (ZichaAnswers *answers,
               const char   *dir)
{
  g_autoptr(ZichaValidation) validation = zicha_validate (answers, NULL);
  g_autofree char *code = zicha_document_verification_code_for_digest (DIGEST);
  g_autoptr(GVariantBuilder) all = g_variant_builder_new (G_VARIANT_TYPE ("aas"));
  g_autoptr(GVariantBuilder) characters = g_variant_builder_new (G_VARIANT_TYPE ("a(uus)"));
  g_autoptr(GVariant) blocks = NULL;
  g_autoptr(GVariant) glyphs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blocks_path = g_build_filename (dir, "blocks", NULL);
  g_autofree char *glyphs_path = g_build_filename (dir, "glyphs", NULL);

  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autoptr(ZichaPageLayout) layout = zicha_page_layout_new (ZICHA_DOCUMENT_BODY_FONT,
                                                                 ZICHA_DOCUMENT_HEADING_FONT);
      g_autoptr(BenchFodt) fodt = bench_fodt_new (layout, code);
      g_autofree char *name = g_strconcat (document_names[kind], ".fodt", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GVariant) some = NULL;
      ZichaDocumentBuild build = { 0 };
      GVariantIter iter;
      GVariant *block;
      gboolean ok;

      build.layout = layout;
      build.form = zicha_answers_get_form (answers);
      build.answers = answers;
      build.validation = validation;
      ok = kind == ZICHA_DOCUMENT_TABLE ? zicha_document_build_table (&build, &error)
                                        : zicha_document_build_report (&build, &error);
      if (!ok || !bench_fodt_write (fodt, path, &error))
        {
          fprintf (stderr, "bench-pdf: %s: %s\n", name, error->message);
          return FALSE;
        }
      printf ("%s %u %u %u %u\n", document_names[kind], bench_fodt_get_n_paragraphs (fodt),
              bench_fodt_get_n_tables (fodt), bench_fodt_get_n_rows (fodt),
              zicha_page_layout_get_n_pages (layout));

      add_footer_characters (fodt, zicha_page_layout_get_n_pages (layout), code);
      for (guint style = 0; style < ZICHA_N_TEXT_STYLES; style++)
        {
          g_autofree char *used = bench_fodt_dup_characters (fodt, style);

          if (*used != '\0')
            g_variant_builder_add (characters, "(uus)", kind, style, used);
        }

      some = g_variant_ref_sink (bench_fodt_get_blocks (fodt));
      g_variant_iter_init (&iter, some);
      while ((block = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_variant_builder_add_value (all, block);
          g_variant_unref (block);
        }
    }

  blocks = g_variant_ref_sink (g_variant_builder_end (all));
  glyphs = g_variant_ref_sink (g_variant_builder_end (characters));
  if (!g_file_set_contents (blocks_path, g_variant_get_data (blocks), (gssize) g_variant_get_size (blocks), &error) ||
      !g_file_set_contents (glyphs_path, g_variant_get_data (glyphs), (gssize) g_variant_get_size (glyphs), &error))
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* --bare-only PDF --blocks FILE: every text in a box, one PangoLayout,
 * measured then laid out again to draw; no rules. Returns the pages. */
static guint
render_bare (const char *blocks_path,
             const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (blocks_path, FALSE, NULL);
  g_autoptr(GVariant) blocks = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  double y = 60;
  guint pages = 1;

  if (file == NULL)
    return 0;
  blocks = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("aas"), g_mapped_file_get_bytes (file),
                                                         FALSE));
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Noto Serif CJK SC 9");
  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_set_line_width (cr, 0.6);

  for (gsize i = 0; i < g_variant_n_children (blocks); i++)
    {
      g_autoptr(GVariant) block = g_variant_get_child_value (blocks, i);
      g_autofree const char **cells = g_variant_get_strv (block, NULL);
      guint n_cells = g_strv_length ((char **) cells);
      double width = 471.0 / MAX (n_cells, 1);
      double height = 0;

      for (guint c = 0; c < n_cells; c++)
        {
          int h;

          pango_layout_set_width (layout, (int) ((width - 6) * PANGO_SCALE));
          pango_layout_set_text (layout, cells[c], -1);
          pango_layout_get_size (layout, NULL, &h);
          height = MAX (height, (double) h / PANGO_SCALE + 5);
        }
      if (y + height > 770)
        {
          cairo_show_page (cr);
          pages++;
          y = 60;
        }
      for (guint c = 0; c < n_cells; c++)
        {
          pango_layout_set_width (layout, (int) ((width - 6) * PANGO_SCALE));
          pango_layout_set_text (layout, cells[c], -1);
          cairo_move_to (cr, 62 + c * width + 3, y + 2.5);
          pango_cairo_show_layout (cr, layout);
          cairo_rectangle (cr, 62 + c * width, y, width, height);
          cairo_stroke (cr);
        }
      y += height;
    }

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return pages;
}

/* --floor-only PDF: one CJK character, the least any of these processes
 * does: start, initialise fontconfig, load a CJK font, subset it, write. */
static void
render_floor (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif CJK SC 12");

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "国", -1);
  cairo_move_to (cr, 62, 60);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

/* --glyphs-only DIR --glyphs FILE: DIR/table.pdf and DIR/report.pdf with
 * each style's characters as one wrapped line of text after another.
 * Returns the pages, 0 on failure. */
static guint
render_glyphs (const char *glyphs_path,
               const char *dir)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (glyphs_path, FALSE, NULL);
  g_autoptr(GVariant) glyphs = NULL;
  guint pages = 0;

  if (file == NULL)
    return 0;
  glyphs = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a(uus)"), g_mapped_file_get_bytes (file),
                                                         FALSE));

  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autoptr(ZichaPageLayout) layout = zicha_page_layout_new (ZICHA_DOCUMENT_BODY_FONT,
                                                                 ZICHA_DOCUMENT_HEADING_FONT);
      g_autofree char *name = g_strconcat (document_names[kind], ".pdf", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      cairo_surface_t *surface = cairo_pdf_surface_create (path, ZICHA_PAGE_A4_WIDTH, ZICHA_PAGE_A4_HEIGHT);
      cairo_t *cr = cairo_create (surface);
      double left = zicha_page_layout_get_left (layout);
      double width = zicha_page_layout_get_content_width (layout);
      double y = 60;
      GVariantIter iter;
      guint32 document, style;
      const char *characters;

      g_variant_iter_init (&iter, glyphs);
      while (g_variant_iter_next (&iter, "(uu&s)", &document, &style, &characters))
        {
          double height;

          if (document != kind || style >= ZICHA_N_TEXT_STYLES)
            continue;
          height = zicha_page_layout_measure (layout, style, characters, width);
          if (y + height > ZICHA_PAGE_A4_HEIGHT - 60)
            {
              cairo_show_page (cr);
              pages++;
              y = 60;
            }
          zicha_page_layout_draw_text (layout, cr, style, characters, left, y, width, ZICHA_ALIGN_LEFT);
          y += height;
        }
      cairo_show_page (cr);
      pages++;
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        pages = 0;
      cairo_surface_destroy (surface);
      if (pages == 0)
        return 0;
    }

  return pages;
}

/* Whole processes --------------------------------------------------------------- */

typedef struct
{
  gboolean ok;
  double   seconds;
  double   peak_mib;
} Run;

/* Runs @argv with stdout (and with @quiet stderr) into @stdout_path. */
static Run
run_process (const char * const *argv,
             const char         *stdout_path,
             gboolean            quiet)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  Run run = { FALSE, 0, 0 };
  double start;
  pid_t pid;
  int status;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (quiet)
    posix_spawn_file_actions_adddup2 (&actions, 1, 2);
  start = bench_now_s ();
  if (posix_spawnp (&pid, argv[0], &actions, NULL, (char * const *) argv, environ) != 0)
    {
      posix_spawn_file_actions_destroy (&actions);
      return run;
    }
  posix_spawn_file_actions_destroy (&actions);
  if (wait4 (pid, &status, 0, &usage) != pid)
    return run;
  run.seconds = bench_now_s () - start;
  run.peak_mib = usage.ru_maxrss / 1024.0;
  run.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  return run;
}

/* The runs of one kind of process: median time, highest peak. */
typedef struct
{
  GArray  *seconds;
  double   peak_mib;
  gboolean failed;
} Runs;

static void
runs_add (Runs *runs,
          Run   run)
{
  if (!run.ok)
    {
      runs->failed = TRUE;
      return;
    }
  if (runs->seconds == NULL)
    runs->seconds = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (runs->seconds, run.seconds);
  runs->peak_mib = MAX (runs->peak_mib, run.peak_mib);
}

static double
runs_median (Runs *runs)
{
  return runs->seconds != NULL ? bench_median (runs->seconds) : 0.0;
}

static char *
spawn_output (const char * const *argv)
{
  char *out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL))
    return NULL;
  return out;
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = spawn_output (argv);
  const char *line = out != NULL ? strstr (out, "Pages:") : NULL;

  return line != NULL ? (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10) : 0;
}

/* Characters of text on the pages, white space excluded. */
static guint
pdf_characters (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = spawn_output (argv);
  guint n = 0;

  if (out == NULL || !g_utf8_validate (out, -1, NULL))
    return 0;
  for (const char *p = out; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

static char *
find_office (void)
{
  char *path = g_find_program_in_path ("soffice");

  return path != NULL ? path : g_find_program_in_path ("libreoffice");
}

static guint
read_number (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  return (guint) g_ascii_strtoull (contents, NULL, 10);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *render_only = NULL;
  g_autofree char *bare_only = NULL;
  g_autofree char *floor_only = NULL;
  g_autofree char *glyphs_only = NULL;
  g_autofree char *glyphs_path = NULL;
  g_autofree char *outline = NULL;
  g_autofree char *blocks_path = NULL;
  g_autofree char *self = NULL;
  g_autofree char *office = NULL;
  g_autofree char *outline_out = NULL;
  g_autofree char *office_dir = NULL;
  gboolean quick = FALSE;
  gboolean keep = FALSE;
  int n_runs = 0;
  const BenchConfig *config;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "A smaller report, one run, no LibreOffice: a smoke test", NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &n_runs, "Runs of each whole process (default 3)", "N" },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the files afterwards", NULL },
    { "render-only", 0, 0, G_OPTION_ARG_FILENAME, &render_only, "Only render both PDFs into DIR", "DIR" },
    { "outline", 0, 0, G_OPTION_ARG_FILENAME, &outline, "Only write the flat ODTs, blocks and glyphs into DIR", "DIR" },
    { "bare-only", 0, 0, G_OPTION_ARG_FILENAME, &bare_only, "Only draw the --blocks in boxes into FILE", "FILE" },
    { "blocks", 0, 0, G_OPTION_ARG_FILENAME, &blocks_path, "The texts for --bare-only", "FILE" },
    { "floor-only", 0, 0, G_OPTION_ARG_FILENAME, &floor_only, "Only draw one character into FILE", "FILE" },
    { "glyphs-only", 0, 0, G_OPTION_ARG_FILENAME, &glyphs_only, "Only draw the --glyphs into PDFs in DIR", "DIR" },
    { "glyphs", 0, 0, G_OPTION_ARG_FILENAME, &glyphs_path, "The characters for --glyphs-only", "FILE" },
    { NULL }
  };
  Runs zicha = { 0 }, bare = { 0 }, floor = { 0 }, glyphs = { 0 }, lo = { 0 };
  guint n_pages[2] = { 0 }, n_office[2] = { 0 };
  guint n_bare = 0, n_glyphs = 0;
  g_autoptr(GArray) in_process = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean office_failed = FALSE;

  context = g_option_context_new ("— the printed documents of a large report, against LibreOffice");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return 2;
    }
  config = quick ? &quick_config : &full_config;
  if (n_runs <= 0)
    n_runs = quick ? 1 : 3;

  if (floor_only != NULL)
    {
      render_floor (floor_only);
      printf ("1\n");
      return 0;
    }
  if (glyphs_only != NULL)
    {
      guint pages = glyphs_path != NULL ? render_glyphs (glyphs_path, glyphs_only) : 0;

      printf ("%u\n", pages);
      return pages > 0 ? 0 : 1;
    }
  if (bare_only != NULL)
    {
      guint pages = blocks_path != NULL ? render_bare (blocks_path, bare_only) : 0;

      printf ("%u\n", pages);
      return pages > 0 ? 0 : 1;
    }

  form = bench_load_default_form ("bench-pdf", NULL);
  if (form == NULL)
    return 1;

  if (render_only != NULL || outline != NULL)
    answers = build_answers (form, config);
  if (render_only != NULL)
    {
      if (!render_documents (answers, render_only, n_pages))
        return 1;
      printf ("%u %u\n", n_pages[0], n_pages[1]);
      return 0;
    }
  if (outline != NULL)
    return write_outline (answers, outline) ? 0 : 1;

  dir = g_dir_make_tmp ("zicha-bench-pdf-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return 1;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  office = quick ? NULL : find_office ();
  office_dir = g_build_filename (dir, "office", NULL);
  g_mkdir (office_dir, 0755);

  printf ("# Zicha PDF benchmark (%s run): %u systems, %u websites, %u APPs, %u LED screens\n",
          config->name, config->systems, config->websites, config->apps, config->leds);
  printf ("# Whole processes, each started the same way, median of %d run%s; peak memory is ru_maxrss.\n",
          n_runs, n_runs == 1 ? "" : "s");

  /* The content, for LibreOffice and the bare baseline: not timed. */
  {
    g_autofree char *out = g_build_filename (dir, "outline.out", NULL);
    const char *outline_argv[] = { self, "--outline", office_dir, quick ? "--quick" : NULL, NULL };

    if (!run_process (outline_argv, out, FALSE).ok || !g_file_get_contents (out, &outline_out, NULL, NULL))
      {
        fprintf (stderr, "bench-pdf: writing the flat ODT in a child process failed\n");
        return 1;
      }
  }

  /* The children first: a process started from this one counts this
   * one's memory in its ru_maxrss until it execs, so this one stays small
   * until they have run. Rounds of each, so that noise hits all alike. */
  {
    g_autofree char *out = g_build_filename (dir, "child.out", NULL);
    g_autofree char *blocks = g_build_filename (office_dir, "blocks", NULL);
    g_autofree char *bare_pdf = g_build_filename (dir, "bare.pdf", NULL);
    g_autofree char *floor_pdf = g_build_filename (dir, "floor.pdf", NULL);
    g_autofree char *glyphs_file = g_build_filename (office_dir, "glyphs", NULL);
    g_autofree char *glyphs_dir = g_build_filename (dir, "glyphs", NULL);
    g_autofree char *profile = g_build_filename (dir, "office-profile", NULL);
    g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
    g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
    g_autofree char *table_fodt = g_build_filename (office_dir, "table.fodt", NULL);
    g_autofree char *report_fodt = g_build_filename (office_dir, "report.fodt", NULL);
    const char *zicha_argv[] = { self, "--render-only", dir, quick ? "--quick" : NULL, NULL };
    const char *bare_argv[] = { self, "--bare-only", bare_pdf, "--blocks", blocks, NULL };
    const char *floor_argv[] = { self, "--floor-only", floor_pdf, NULL };
    const char *glyphs_argv[] = { self, "--glyphs-only", glyphs_dir, "--glyphs", glyphs_file, NULL };
    const char *warm_argv[] = { office, profile_arg, "--headless", "--terminate_after_init", NULL };
    const char *office_argv[] = { office, profile_arg, "--headless", "--convert-to", "pdf", "--outdir", office_dir,
                                  table_fodt, report_fodt, NULL };

    g_mkdir (glyphs_dir, 0755);
    /* LibreOffice's first start creates its profile: not measured. */
    if (office != NULL)
      run_process (warm_argv, out, TRUE);

    for (int r = 0; r < n_runs; r++)
      {
        runs_add (&zicha, run_process (zicha_argv, out, FALSE));
        if (zicha.failed)
          {
            fprintf (stderr, "bench-pdf: rendering in a child process failed\n");
            return 1;
          }
        runs_add (&bare, run_process (bare_argv, out, FALSE));
        n_bare = read_number (out);
        runs_add (&floor, run_process (floor_argv, out, FALSE));
        runs_add (&glyphs, run_process (glyphs_argv, out, FALSE));
        n_glyphs = read_number (out);
        if (office != NULL && !lo.failed)
          runs_add (&lo, run_process (office_argv, out, TRUE));
      }
  }

  answers = build_answers (form, config);

  /* In process: layout and PDF of both documents, after one warm-up. */
  {
    g_autofree char *warm = g_build_filename (dir, "warm", NULL);

    g_mkdir (warm, 0755);
    if (!render_documents (answers, warm, n_pages))
      return 1;
    for (int r = 0; r < n_runs; r++)
      {
        double start = bench_now_s ();
        double seconds;

        if (!render_documents (answers, warm, n_pages))
          return 1;
        seconds = bench_now_s () - start;
        g_array_append_val (in_process, seconds);
      }
  }

  if (office != NULL && !lo.failed)
    for (guint kind = 0; kind < G_N_ELEMENTS (document_names); kind++)
      {
        g_autofree char *name = g_strconcat (document_names[kind], ".pdf", NULL);
        g_autofree char *path = g_build_filename (office_dir, name, NULL);

        n_office[kind] = pdf_pages (path);
        if (n_office[kind] == 0)
          office_failed = TRUE;
      }
  office_failed |= lo.failed;

  /* What the flat ODTs hold: "kind paragraphs tables rows pages" lines. */
  {
    g_auto(GStrv) lines = g_strsplit (outline_out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        char kind[16];
        guint paragraphs, tables, rows, pages;

        if (sscanf (lines[i], "%15s %u %u %u %u", kind, &paragraphs, &tables, &rows, &pages) == 5)
          printf ("# %s: %u paragraphs, %u tables, %u rows as laid out, in the flat ODT for LibreOffice\n",
                  g_str_equal (kind, "table") ? "自查表" : "自查报告", paragraphs, tables, rows);
      }
  }

  printf ("zicha   whole process   %8.3f s  %7.1f MiB  %u + %u pages (自查表 + 自查报告)\n",
          runs_median (&zicha), zicha.peak_mib, n_pages[0], n_pages[1]);
  printf ("zicha   in process      %8.3f s               (layout + PDF of both, warm)\n",
          bench_median (in_process));
  printf ("floor   whole process   %8.3f s  %7.1f MiB  1 page (this program: Cairo + Pango, one CJK character)\n",
          runs_median (&floor), floor.peak_mib);
  printf ("glyphs  whole process   %8.3f s  %7.1f MiB  %u pages (this program: only each style's characters)\n",
          runs_median (&glyphs), glyphs.peak_mib, n_glyphs);
  printf ("bare    whole process   %8.3f s  %7.1f MiB  %u pages (Cairo + Pango, the same texts in boxes)\n",
          runs_median (&bare), bare.peak_mib, n_bare);
  if (quick)
    printf ("LibreOffice: not run in a quick run (the flat ODTs were written and checked)\n");
  else if (office == NULL)
    printf ("LibreOffice not installed: baseline skipped (./tools/dev bench installs it)\n");
  else if (office_failed)
    printf ("LibreOffice failed to convert the flat ODTs: baseline skipped\n");
  else
    {
      g_autofree char *zicha_table = g_build_filename (dir, "table.pdf", NULL);
      g_autofree char *zicha_report = g_build_filename (dir, "report.pdf", NULL);
      g_autofree char *office_table = g_build_filename (office_dir, "table.pdf", NULL);
      g_autofree char *office_report = g_build_filename (office_dir, "report.pdf", NULL);
      double ratio = runs_median (&zicha) > 0 ? runs_median (&lo) / runs_median (&zicha) : 0.0;

      printf ("office  whole process   %8.3f s  %7.1f MiB  %u + %u pages (soffice --headless --convert-to pdf)\n",
              runs_median (&lo), lo.peak_mib, n_office[0], n_office[1]);
      printf ("text    characters      zicha %u + %u, office %u + %u (pdftotext, white space excluded)\n",
              pdf_characters (zicha_table), pdf_characters (zicha_report),
              pdf_characters (office_table), pdf_characters (office_report));
      printf ("ratio   office / zicha  %8.2f ×  target ≥ %.0f×, lower peak memory: %s\n", ratio, TARGET_RATIO,
              ratio >= TARGET_RATIO && zicha.peak_mib < lo.peak_mib ? "PASS" : "MISS");
      printf ("budget  office / %.0f     %8.3f s  of which the glyphs floor takes %.0f %%\n", TARGET_RATIO,
              runs_median (&lo) / TARGET_RATIO, 100 * runs_median (&glyphs) * TARGET_RATIO / runs_median (&lo));
    }

  if (keep)
    printf ("# files kept in %s\n", dir);
  else
    bench_remove_tree (dir);

  return 0;
}
