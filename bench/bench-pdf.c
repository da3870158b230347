/* bench-pdf.c — the printed documents of a large report, against
 * LibreOffice and against bare Cairo + Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a large report in memory (300 systems, 100 websites, 50 APPs,
 * 200 LED screens, every narrative filled) and measures, each as a whole
 * process started the same way (this program re-run in a mode), with its
 * wall time and peak memory (ru_maxrss from wait4):
 *
 *   zicha     --render-only: both PDFs (自查表 + 自查报告) with ZichaDocument
 *   bare      --bare-only:   the same texts drawn in boxes with one reused
 *                            PangoLayout, no layout logic (a lower bound)
 *   office    soffice --headless --convert-to pdf of a flat ODT (.fodt) with
 *             the same texts, the way units make these documents today;
 *             only when LibreOffice is installed (package
 *             libreoffice-writer), otherwise the line says it was skipped
 *
 * and, in this process, the render time of ZichaDocument alone. Machines
 * are noisy: compare the ratios. The exit status is non-zero only when
 * rendering fails, never on a timing.
 *
 *   bench-pdf [--quick] [--keep]
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
#include "zicha-document.h"
#include "zicha-document-format.h"

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
        g_autofree char *text = NULL;

        switch (kinds[0])
          {
          case ZICHA_CODE_URL: text = g_strdup_printf ("https://www%u.example.edu.cn/", row); break;
          case ZICHA_CODE_IP: text = g_strdup_printf ("10.%u.%u.%u", row / 250 % 250, row % 250, 1 + row % 200); break;
          case ZICHA_CODE_MOBILE: text = g_strdup_printf ("139%08u", 10000000 + row); break;
          case ZICHA_CODE_PHONE: text = g_strdup_printf ("0592-5%06u", row); break;
          case ZICHA_CODE_ICP: text = g_strdup_printf ("闽ICP备%08u号-1", 12340000 + row); break;
          case ZICHA_CODE_GABA: text = g_strdup_printf ("闽公网安备%014" G_GUINT64_FORMAT "号", (guint64) 35020300000000u + row); break;
          case ZICHA_CODE_DENGBAO: text = g_strdup_printf ("35020013001-%05u", row); break;
          case ZICHA_CODE_USCC: text = g_strdup ("123502004263091794"); break;
          case ZICHA_CODE_REGION: text = g_strdup ("350203"); break;
          default: text = g_strdup_printf ("X%06u", row); break;
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

/* The same texts, flat: headings, "label：value" lines, table rows. */
typedef struct
{
  gboolean   heading;
  GPtrArray *cells;   /* char*; one for a paragraph */
} Block;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_ptr_array_unref (block->cells);
  g_free (block);
}

static void
add_block (GPtrArray  *blocks,
           gboolean    heading,
           char       *text)
{
  Block *block = g_new0 (Block, 1);

  block->heading = heading;
  block->cells = g_ptr_array_new_with_free_func (g_free);
  if (text != NULL)
    g_ptr_array_add (block->cells, text);
  g_ptr_array_add (blocks, block);
}

static GPtrArray *
flatten (ZichaAnswers *answers)
{
  ZichaForm *form = zicha_answers_get_form (answers);
  GPtrArray *blocks = g_ptr_array_new_with_free_func (block_free);

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);

      add_block (blocks, TRUE, g_strdup (zicha_localized_text_get_zh (zicha_form_section_get_title (section))));
      for (guint j = 0; j < zicha_form_section_get_n_items (section); j++)
        {
          ZichaFormItem *item = zicha_form_section_get_item (section, j);

          if (zicha_form_item_get_item_type (item) != ZICHA_FORM_ITEM_TABLE)
            {
              g_autofree char *value = zicha_document_format_value (item, zicha_answers_get_value (answers, item, NULL),
                                                                    ZICHA_VALUE_FORM);

              add_block (blocks, FALSE, g_strdup_printf ("%s：%s",
                                                         zicha_localized_text_get_zh (zicha_form_item_get_label (item)),
                                                         value));
              continue;
            }

          add_block (blocks, FALSE, NULL);
          for (guint c = 0; c < zicha_form_item_get_n_columns (item); c++)
            g_ptr_array_add (((Block *) blocks->pdata[blocks->len - 1])->cells,
                             g_strdup (zicha_localized_text_get_zh (
                                         zicha_form_item_get_label (zicha_form_item_get_column (item, c)))));
          for (guint r = 0; r < zicha_answers_get_n_rows (answers, item); r++)
            {
              const char *row = zicha_answers_get_row_id (answers, item, r);
              Block *block;

              add_block (blocks, FALSE, NULL);
              block = blocks->pdata[blocks->len - 1];
              for (guint c = 0; c < zicha_form_item_get_n_columns (item); c++)
                {
                  ZichaFormItem *column = zicha_form_item_get_column (item, c);

                  g_ptr_array_add (block->cells,
                                   zicha_document_format_value (column, zicha_answers_get_value (answers, column, row),
                                                                ZICHA_VALUE_CELL));
                }
            }
        }
    }

  return blocks;
}

/* Modes run as child processes -------------------------------------------------- */

static gboolean
render_documents (ZichaAnswers *answers,
                  const char   *dir,
                  guint        *n_table,
                  guint        *n_report)
{
  for (guint kind = ZICHA_DOCUMENT_TABLE; kind <= ZICHA_DOCUMENT_REPORT; kind++)
    {
      g_autoptr(ZichaDocument) document = zicha_document_new (kind, answers);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (dir, kind == ZICHA_DOCUMENT_TABLE ? "table.pdf" : "report.pdf",
                                                NULL);

      zicha_document_set_state (document, ZICHA_REPORT_FINALIZED);
      zicha_document_set_digest (document, "3fa8c2d41b7e9a0c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4");
      if (!zicha_document_save_pdf (document, path, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-pdf: %s\n", error->message);
          return FALSE;
        }
      *(kind == ZICHA_DOCUMENT_TABLE ? n_table : n_report) = zicha_document_get_n_pages (document);
    }

  return TRUE;
}

/* The lower bound: every text in a box, one PangoLayout, no rules. */
static guint
render_bare (GPtrArray  *blocks,
             const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif CJK SC 9");
  double y = 60;
  guint pages = 1;

  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_set_line_width (cr, 0.6);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = blocks->pdata[i];
      double width = 471.0 / MAX (block->cells->len, 1);
      double height = 0;

      for (guint c = 0; c < block->cells->len; c++)
        {
          int h;

          pango_layout_set_width (layout, (int) ((width - 6) * PANGO_SCALE));
          pango_layout_set_text (layout, block->cells->pdata[c], -1);
          pango_layout_get_size (layout, NULL, &h);
          height = MAX (height, (double) h / PANGO_SCALE + 5);
        }
      if (y + height > 770)
        {
          cairo_show_page (cr);
          pages++;
          y = 60;
        }
      for (guint c = 0; c < block->cells->len; c++)
        {
          pango_layout_set_width (layout, (int) ((width - 6) * PANGO_SCALE));
          pango_layout_set_text (layout, block->cells->pdata[c], -1);
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

/* Flat ODT (one XML file) of the same blocks. */
static gboolean
write_fodt (GPtrArray  *blocks,
            const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\n"
    "<office:font-face-decls><style:font-face style:name=\"Noto Serif CJK SC\""
    " svg:font-family=\"'Noto Serif CJK SC'\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"/>"
    "</office:font-face-decls>\n"
    "<office:styles><style:default-style style:family=\"paragraph\"><style:text-properties"
    " style:font-name=\"Noto Serif CJK SC\" style:font-name-asian=\"Noto Serif CJK SC\" fo:font-size=\"9pt\""
    " style:font-size-asian=\"9pt\" fo:language=\"zh\" fo:country=\"CN\"/></style:default-style></office:styles>\n"
    "<office:automatic-styles><style:style style:name=\"cell\" style:family=\"table-cell\">"
    "<style:table-cell-properties fo:border=\"0.6pt solid #000000\" fo:padding=\"0.1cm\"/></style:style>"
    "</office:automatic-styles>\n"
    "<office:body><office:text>\n");

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = blocks->pdata[i];

      if (block->cells->len == 1)
        {
          g_autofree char *escaped = g_markup_escape_text (block->cells->pdata[0], -1);

          g_string_append_printf (out, block->heading ? "<text:h text:outline-level=\"1\">%s</text:h>\n"
                                                      : "<text:p>%s</text:p>\n", escaped);
          continue;
        }

      g_string_append_printf (out, "<table:table><table:table-column table:number-columns-repeated=\"%u\"/>"
                              "<table:table-row>", block->cells->len);
      for (guint c = 0; c < block->cells->len; c++)
        {
          g_autofree char *escaped = g_markup_escape_text (block->cells->pdata[c], -1);

          g_string_append_printf (out, "<table:table-cell table:style-name=\"cell\"><text:p>%s</text:p>"
                                  "</table:table-cell>", escaped);
        }
      g_string_append (out, "</table:table-row></table:table>\n");
    }

  g_string_append (out, "</office:text></office:body></office:document>\n");
  return g_file_set_contents (path, out->str, (gssize) out->len, NULL);
}

/* Whole processes --------------------------------------------------------------- */

typedef struct
{
  gboolean ok;
  double   seconds;
  double   peak_mib;
} Run;

static Run
run_process (const char * const *argv,
             const char         *stdout_path)
{
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  Run run = { FALSE, 0, 0 };
  double start;
  pid_t pid;
  int status;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
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

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  const char *line;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, NULL, NULL) || out == NULL)
    return 0;
  line = strstr (out, "Pages:");
  return line != NULL ? (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10) : 0;
}

static char *
find_office (void)
{
  char *path = g_find_program_in_path ("soffice");

  return path != NULL ? path : g_find_program_in_path ("libreoffice");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *render_only = NULL;
  g_autofree char *bare_only = NULL;
  g_autofree char *self = NULL;
  g_autofree char *office = NULL;
  gboolean quick = FALSE;
  gboolean keep = FALSE;
  const BenchConfig *config;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "A smaller report, as a smoke test", NULL },
    { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the files afterwards", NULL },
    { "render-only", 0, 0, G_OPTION_ARG_FILENAME, &render_only, "Only render both PDFs into DIR", "DIR" },
    { "bare-only", 0, 0, G_OPTION_ARG_FILENAME, &bare_only, "Only draw the bare baseline into FILE", "FILE" },
    { NULL }
  };
  Run zicha, bare, lo = { FALSE, 0, 0 };
  guint n_table = 0, n_report = 0, n_bare = 0, n_office = 0;
  double start, in_process;

  context = g_option_context_new ("— the printed documents of a large report, against LibreOffice");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return 2;
    }
  config = quick ? &quick_config : &full_config;

  form = bench_load_default_form ("bench-pdf", NULL);
  if (form == NULL)
    return 1;

  if (render_only != NULL || bare_only != NULL)
    answers = build_answers (form, config);

  if (render_only != NULL)
    {
      if (!render_documents (answers, render_only, &n_table, &n_report))
        return 1;
      printf ("%u %u\n", n_table, n_report);
      return 0;
    }
  if (bare_only != NULL)
    {
      blocks = flatten (answers);
      printf ("%u\n", render_bare (blocks, bare_only));
      return 0;
    }

  dir = g_dir_make_tmp ("zicha-bench-pdf-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "bench-pdf: %s\n", error->message);
      return 1;
    }
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  printf ("# Zicha PDF benchmark (%s run): %u systems, %u websites, %u APPs, %u LED screens\n",
          config->name, config->systems, config->websites, config->apps, config->leds);
  printf ("# Whole processes, each started the same way; peak memory is ru_maxrss of the process.\n");

  /* Whole processes */
  {
    g_autofree char *out = g_build_filename (dir, "zicha.out", NULL);
    g_autofree char *bare_pdf = g_build_filename (dir, "bare.pdf", NULL);
    g_autofree char *bare_out = g_build_filename (dir, "bare.out", NULL);
    g_autofree char *contents = NULL;
    const char *zicha_argv[] = { self, "--render-only", dir, quick ? "--quick" : NULL, NULL };
    const char *bare_argv[] = { self, "--bare-only", bare_pdf, quick ? "--quick" : NULL, NULL };

    zicha = run_process (zicha_argv, out);
    if (!zicha.ok)
      {
        fprintf (stderr, "bench-pdf: rendering in a child process failed\n");
        return 1;
      }
    bare = run_process (bare_argv, bare_out);
    if (bare.ok && g_file_get_contents (bare_out, &contents, NULL, NULL))
      n_bare = (guint) g_ascii_strtoull (contents, NULL, 10);
  }

  /* The children first: a process started from this one counts this
   * one's memory in its ru_maxrss until it execs, so this one stays small
   * until they have run. */
  answers = build_answers (form, config);

  /* In process: layout and PDF of both documents, after one warm-up. */
  {
    g_autofree char *warm = g_build_filename (dir, "warm", NULL);

    g_mkdir (warm, 0755);
    if (!render_documents (answers, warm, &n_table, &n_report))
      return 1;
    start = bench_now_s ();
    if (!render_documents (answers, warm, &n_table, &n_report))
      return 1;
    in_process = bench_now_s () - start;
  }

  office = find_office ();
  if (office != NULL)
    {
      g_autofree char *fodt = g_build_filename (dir, "flat.fodt", NULL);
      g_autofree char *pdf = g_build_filename (dir, "flat.pdf", NULL);
      g_autofree char *out = g_build_filename (dir, "office.out", NULL);
      g_autofree char *profile = g_build_filename (dir, "office-profile", NULL);
      g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
      g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
      const char *warm_argv[] = { office, profile_arg, "--headless", "--terminate_after_init", NULL };
      const char *office_argv[] = { office, profile_arg, "--headless", "--convert-to", "pdf", "--outdir", dir,
                                    fodt, NULL };

      if (blocks == NULL)
        blocks = flatten (answers);
      write_fodt (blocks, fodt);
      /* The first start creates the profile: not part of the measurement. */
      run_process (warm_argv, out);
      lo = run_process (office_argv, out);
      n_office = lo.ok ? pdf_pages (pdf) : 0;
    }

  printf ("zicha   whole process   %8.3f s  %7.1f MiB  %u + %u pages (自查表 + 自查报告)\n",
          zicha.seconds, zicha.peak_mib, n_table, n_report);
  printf ("zicha   in process      %8.3f s               (layout + PDF of both)\n", in_process);
  printf ("bare    whole process   %8.3f s  %7.1f MiB  %u pages (Cairo + Pango, text in boxes)\n",
          bare.seconds, bare.peak_mib, n_bare);
  printf ("ratio   zicha / bare    %8.2f ×\n", bare.seconds > 0 ? zicha.seconds / bare.seconds : 0.0);
  if (office == NULL)
    printf ("LibreOffice not installed: baseline skipped (Debian package libreoffice-writer)\n");
  else if (!lo.ok)
    printf ("LibreOffice failed to convert %s: baseline skipped\n", "flat.fodt");
  else
    {
      double ratio = zicha.seconds > 0 ? lo.seconds / zicha.seconds : 0.0;

      printf ("office  whole process   %8.3f s  %7.1f MiB  %u pages (soffice --headless --convert-to pdf)\n",
              lo.seconds, lo.peak_mib, n_office);
      printf ("ratio   office / zicha  %8.2f ×  target ≥ %.0f×, lower peak memory: %s\n", ratio, TARGET_RATIO,
              ratio >= TARGET_RATIO && zicha.peak_mib < lo.peak_mib ? "PASS" : "MISS");
    }

  if (keep)
    printf ("# files kept in %s\n", dir);
  else
    {
      const char *rm[] = { "rm", "-rf", dir, NULL };

      g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }

  return 0;
}
