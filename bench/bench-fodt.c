/* bench-fodt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paragraph and table styles are made as the content needs them and
 * written before the body, as ODF wants: the body is collected apart.
 */
#include "config.h"

#include <string.h>

#include "bench-fodt.h"

/* zicha-page-layout.c's text area margins (points): portrait, landscape. */
static const struct
{
  double left, right, top, bottom;
} margins[2] = {
  { 62.0, 62.0, 58.0, 76.0 },
  { 46.0, 46.0, 46.0, 62.0 },
};
/* The footer sits in the bottom margin: this much of it, above the edge. */
#define FOOTER_ROOM 46.0
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

struct _BenchFodt
{
  ZichaPageLayout *layout;
  char            *code;
  GString         *styles;       /* automatic styles */
  GHashTable      *style_names;  /* those already in @styles */
  GString         *body;
  const char      *next_master;  /* page style the next block starts, or NULL */
  guint            n_columns;    /* of the open table */
  guint            n_paragraphs;
  guint            n_tables;
  guint            n_rows;
  GVariantBuilder  blocks;
  GString         *characters[ZICHA_N_TEXT_STYLES];
  GHashTable      *seen[ZICHA_N_TEXT_STYLES];   /* gunichar set */
};

static const char *align_names[] = { "start", "center", "end" };

void
bench_fodt_add_characters (BenchFodt      *self,
                           ZichaTextStyle  style,
                           const char     *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_hash_table_contains (self->seen[style], GUINT_TO_POINTER (c)))
        continue;
      g_hash_table_add (self->seen[style], GUINT_TO_POINTER (c));
      g_string_append_unichar (self->characters[style], c);
    }
}

char *
bench_fodt_dup_characters (BenchFodt      *self,
                           ZichaTextStyle  style)
{
  return g_strdup (self->characters[style]->str);
}

/* XML text content: escaped, line breaks and runs of spaces kept. */
static void
append_text (GString    *out,
             const char *text)
{
  gboolean after_space = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '\n': g_string_append (out, "<text:line-break/>"); break;
        case '\t': g_string_append (out, "<text:tab/>"); break;
        case ' ':
          g_string_append (out, after_space ? "<text:s/>" : " ");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
      after_space = *p == ' ';
    }
}

/* The name of an automatic style, made once: "P<style>-<align>-<indent>"
 * for a paragraph, with "-L" or "-P" when it starts a landscape or
 * portrait page. */
static const char *
paragraph_style (BenchFodt      *self,
                 ZichaTextStyle  style,
                 ZichaAlign      align,
                 double          indent)
{
  g_autofree char *name = g_strdup_printf ("P%u-%u-%d%s%s", style, align, (int) (indent * 100),
                                           self->next_master != NULL ? "-" : "",
                                           self->next_master != NULL ? self->next_master : "");
  const char *stored = g_hash_table_lookup (self->style_names, name);

  if (stored != NULL)
    return stored;

  g_string_append_printf (self->styles,
                          "<style:style style:name=\"%s\" style:family=\"paragraph\" "
                          "style:parent-style-name=\"S%u\"%s%s%s>"
                          "<style:paragraph-properties fo:text-align=\"%s\" fo:text-indent=\"%gpt\"/>"
                          "</style:style>\n",
                          name, style,
                          self->next_master != NULL ? " style:master-page-name=\"" : "",
                          self->next_master != NULL ? self->next_master : "",
                          self->next_master != NULL ? "\"" : "",
                          align_names[MIN (align, G_N_ELEMENTS (align_names) - 1)], indent);
  stored = g_strdup (name);
  g_hash_table_add (self->style_names, (gpointer) stored);
  return stored;
}

static void
add_paragraph (BenchFodt      *self,
               ZichaTextStyle  style,
               const char     *text,
               ZichaAlign      align,
               double          indent)
{
  const char *texts[] = { text, NULL };

  g_string_append_printf (self->body, "<text:p text:style-name=\"%s\">",
                          paragraph_style (self, style, align, indent));
  self->next_master = NULL;
  append_text (self->body, text);
  g_string_append (self->body, "</text:p>\n");
  g_variant_builder_add (&self->blocks, "^as", texts);
  bench_fodt_add_characters (self, style, text);
}

/* Observer ------------------------------------------------------------------ */

static void
on_landscape (gpointer user_data,
              gboolean landscape)
{
  BenchFodt *self = user_data;

  self->next_master = landscape ? "Landscape" : "Standard";
}

static void
on_paragraph (gpointer       user_data,
              ZichaTextStyle style,
              const char    *text,
              ZichaAlign     align,
              double         first_line_indent)
{
  BenchFodt *self = user_data;

  self->n_paragraphs++;
  add_paragraph (self, style, text, align, first_line_indent);
}

static void
on_text (gpointer       user_data,
         ZichaTextStyle style,
         const char    *text,
         ZichaAlign     align)
{
  add_paragraph (user_data, style, text, align, 0);
}

static void
add_row (BenchFodt            *self,
         const ZichaTableCell *cells,
         guint                 n_cells)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  double min_height = 0;
  guint column = 0;

  for (guint i = 0; i < n_cells; i++)
    min_height = MAX (min_height, cells[i].min_height);
  if (min_height > 0)
    {
      g_autofree char *name = g_strdup_printf ("R%d", (int) (min_height * 100));

      if (!g_hash_table_contains (self->style_names, name))
        {
          g_string_append_printf (self->styles,
                                  "<style:style style:name=\"%s\" style:family=\"table-row\">"
                                  "<style:table-row-properties style:min-row-height=\"%gpt\"/></style:style>\n",
                                  name, min_height + 2 * CELL_PAD_Y);
          g_hash_table_add (self->style_names, g_strdup (name));
        }
      g_string_append_printf (self->body, "<table:table-row table:style-name=\"%s\">", name);
    }
  else
    g_string_append (self->body, "<table:table-row>");

  for (guint i = 0; i < n_cells && column < self->n_columns; i++)
    {
      guint span = MIN (MAX (cells[i].span, 1), self->n_columns - column);
      const char *text = cells[i].text != NULL ? cells[i].text : "";

      g_string_append_printf (self->body, "<table:table-cell table:style-name=\"%s\" office:value-type=\"string\"",
                              cells[i].shaded ? "Shaded" : "Cell");
      if (span > 1)
        g_string_append_printf (self->body, " table:number-columns-spanned=\"%u\"", span);
      g_string_append_printf (self->body, "><text:p text:style-name=\"%s\">",
                              paragraph_style (self, cells[i].style, cells[i].align, 0));
      append_text (self->body, text);
      g_string_append (self->body, "</text:p></table:table-cell>");
      for (guint j = 1; j < span; j++)
        g_string_append (self->body, "<table:covered-table-cell/>");
      g_ptr_array_add (texts, (gpointer) text);
      bench_fodt_add_characters (self, cells[i].style, text);
      column += span;
    }
  for (; column < self->n_columns; column++)
    g_string_append (self->body, "<table:table-cell table:style-name=\"Cell\"/>");
  g_string_append (self->body, "</table:table-row>\n");

  g_ptr_array_add (texts, NULL);
  g_variant_builder_add (&self->blocks, "^as", (const char * const *) texts->pdata);
}

static void
on_begin_table (gpointer              user_data,
                guint                 n_columns,
                const double         *widths,
                const ZichaTableCell *header)
{
  BenchFodt *self = user_data;
  double width = 0;
  guint table = ++self->n_tables;

  for (guint i = 0; i < n_columns; i++)
    width += widths[i];

  g_string_append_printf (self->styles,
                          "<style:style style:name=\"T%u\" style:family=\"table\"%s%s%s>"
                          "<style:table-properties style:width=\"%gpt\" table:align=\"left\"/></style:style>\n",
                          table,
                          self->next_master != NULL ? " style:master-page-name=\"" : "",
                          self->next_master != NULL ? self->next_master : "",
                          self->next_master != NULL ? "\"" : "",
                          width);
  self->next_master = NULL;
  g_string_append_printf (self->body, "<table:table table:name=\"Table%u\" table:style-name=\"T%u\">\n",
                          table, table);
  for (guint i = 0; i < n_columns; i++)
    {
      g_string_append_printf (self->styles,
                              "<style:style style:name=\"T%u.C%u\" style:family=\"table-column\">"
                              "<style:table-column-properties style:column-width=\"%gpt\"/></style:style>\n",
                              table, i, widths[i]);
      g_string_append_printf (self->body, "<table:table-column table:style-name=\"T%u.C%u\"/>", table, i);
    }
  g_string_append_c (self->body, '\n');

  self->n_columns = n_columns;
  if (header != NULL)
    {
      /* Repeated at the top of every page, as the layout does. */
      g_string_append (self->body, "<table:table-header-rows>");
      add_row (self, header, n_columns);
      g_string_append (self->body, "</table:table-header-rows>\n");
    }
}

static void
on_row (gpointer              user_data,
        const ZichaTableCell *cells,
        guint                 n_cells)
{
  BenchFodt *self = user_data;

  self->n_rows++;
  add_row (self, cells, n_cells);
}

static void
on_end_table (gpointer user_data)
{
  BenchFodt *self = user_data;

  g_string_append (self->body, "</table:table>\n");
  self->n_columns = 0;
}

static const ZichaPageLayoutObserver observer = {
  .landscape = on_landscape,
  .paragraph = on_paragraph,
  .begin_table = on_begin_table,
  .row = on_row,
  .end_table = on_end_table,
  .text = on_text,
};

/* Public ----------------------------------------------------------------------- */

BenchFodt *
bench_fodt_new (ZichaPageLayout *layout,
                const char      *code)
{
  BenchFodt *self = g_new0 (BenchFodt, 1);

  self->layout = layout;
  self->code = g_strdup (code);
  self->styles = g_string_new (NULL);
  self->style_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->body = g_string_sized_new (1024 * 1024);
  g_variant_builder_init (&self->blocks, G_VARIANT_TYPE ("aas"));
  for (guint style = 0; style < ZICHA_N_TEXT_STYLES; style++)
    {
      self->characters[style] = g_string_new (NULL);
      self->seen[style] = g_hash_table_new (NULL, NULL);
    }
  zicha_page_layout_set_observer (layout, &observer, self);
  return self;
}

void
bench_fodt_free (BenchFodt *self)
{
  if (self == NULL)
    return;
  zicha_page_layout_set_observer (self->layout, NULL, NULL);
  g_free (self->code);
  g_string_free (self->styles, TRUE);
  g_hash_table_unref (self->style_names);
  g_string_free (self->body, TRUE);
  g_variant_builder_clear (&self->blocks);
  for (guint style = 0; style < ZICHA_N_TEXT_STYLES; style++)
    {
      g_string_free (self->characters[style], TRUE);
      g_hash_table_unref (self->seen[style]);
    }
  g_free (self);
}

GVariant *
bench_fodt_get_blocks (BenchFodt *self)
{
  return g_variant_builder_end (&self->blocks);
}

guint
bench_fodt_get_n_paragraphs (BenchFodt *self)
{
  return self->n_paragraphs;
}

guint
bench_fodt_get_n_tables (BenchFodt *self)
{
  return self->n_tables;
}

guint
bench_fodt_get_n_rows (BenchFodt *self)
{
  return self->n_rows;
}

/* One common style per text style, from the layout's own fonts. */
static void
append_text_styles (BenchFodt *self,
                    GString   *out)
{
  for (guint style = 0; style < ZICHA_N_TEXT_STYLES; style++)
    {
      const PangoFontDescription *font = zicha_page_layout_get_font (self->layout, style);
      const char *family = pango_font_description_get_family (font);
      double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      gboolean bold = pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD;
      const char *weight = bold ? "bold" : "normal";

      g_string_append_printf (out,
                              "<style:style style:name=\"S%u\" style:family=\"paragraph\">"
                              "<style:paragraph-properties fo:line-height=\"%gpt\"/>"
                              "<style:text-properties style:font-name=\"%s\" style:font-name-asian=\"%s\""
                              " style:font-name-complex=\"%s\" fo:font-size=\"%gpt\" style:font-size-asian=\"%gpt\""
                              " fo:font-weight=\"%s\" style:font-weight-asian=\"%s\"%s/></style:style>\n",
                              style, zicha_page_layout_get_line_height (self->layout, style),
                              family, family, family, size, size, weight, weight,
                              style == ZICHA_TEXT_NOTE ? " fo:color=\"#404040\"" : "");
    }
}

static void
append_page_layout (GString  *out,
                    gboolean  landscape)
{
  g_string_append_printf (out,
                          "<style:page-layout style:name=\"%s\">"
                          "<style:page-layout-properties fo:page-width=\"%gpt\" fo:page-height=\"%gpt\""
                          " style:print-orientation=\"%s\" fo:margin-left=\"%gpt\" fo:margin-right=\"%gpt\""
                          " fo:margin-top=\"%gpt\" fo:margin-bottom=\"%gpt\"/>"
                          "<style:footer-style><style:header-footer-properties fo:min-height=\"%gpt\""
                          " fo:margin-top=\"6pt\"/></style:footer-style></style:page-layout>\n",
                          landscape ? "LandscapePage" : "PortraitPage",
                          landscape ? ZICHA_PAGE_A4_HEIGHT : ZICHA_PAGE_A4_WIDTH,
                          landscape ? ZICHA_PAGE_A4_WIDTH : ZICHA_PAGE_A4_HEIGHT,
                          landscape ? "landscape" : "portrait",
                          margins[landscape].left, margins[landscape].right, margins[landscape].top,
                          margins[landscape].bottom - FOOTER_ROOM, FOOTER_ROOM - 6);
}

static void
append_master_page (BenchFodt  *self,
                    GString    *out,
                    const char *name,
                    const char *page_layout)
{
  g_string_append_printf (out,
                          "<style:master-page style:name=\"%s\" style:page-layout-name=\"%s\"><style:footer>"
                          "<text:p text:style-name=\"FooterCentre\">第 <text:page-number text:select-page=\"current\">1"
                          "</text:page-number> 页 共 <text:page-count>1</text:page-count> 页</text:p>",
                          name, page_layout);
  if (self->code != NULL)
    {
      g_string_append (out, "<text:p text:style-name=\"S8\">校验码：");
      append_text (out, self->code);
      g_string_append (out, "</text:p>");
    }
  g_string_append (out, "</style:footer></style:master-page>\n");
}

gboolean
bench_fodt_write (BenchFodt   *self,
                  const char  *path,
                  GError     **error)
{
  static const GMarkupParser no_callbacks = { 0 };
  g_autoptr(GString) out = g_string_sized_new (self->body->len + self->styles->len + 8192);
  g_autoptr(GMarkupParseContext) check = NULL;
  const char *body_family = pango_font_description_get_family (zicha_page_layout_get_font (self->layout,
                                                                                           ZICHA_TEXT_BODY));
  const char *heading_family = pango_font_description_get_family (zicha_page_layout_get_font (self->layout,
                                                                                              ZICHA_TEXT_HEADING));

  g_string_append (out,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
    " office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\n");

  g_string_append_printf (out,
                          "<office:font-face-decls>"
                          "<style:font-face style:name=\"%s\" svg:font-family=\"'%s'\" style:font-pitch=\"variable\"/>"
                          "<style:font-face style:name=\"%s\" svg:font-family=\"'%s'\" style:font-pitch=\"variable\"/>"
                          "</office:font-face-decls>\n",
                          body_family, body_family, heading_family, heading_family);

  g_string_append_printf (out,
                          "<office:styles>\n"
                          "<style:default-style style:family=\"paragraph\">"
                          "<style:paragraph-properties fo:margin-top=\"0pt\" fo:margin-bottom=\"0pt\"/>"
                          "<style:text-properties style:font-name=\"%s\" style:font-name-asian=\"%s\""
                          " fo:language=\"zh\" fo:country=\"CN\" style:language-asian=\"zh\""
                          " style:country-asian=\"CN\"/></style:default-style>\n",
                          body_family, body_family);
  append_text_styles (self, out);
  g_string_append (out,
                   "<style:style style:name=\"FooterCentre\" style:family=\"paragraph\" style:parent-style-name=\"S8\">"
                   "<style:paragraph-properties fo:text-align=\"center\"/></style:style>\n"
                   "</office:styles>\n");

  g_string_append (out, "<office:automatic-styles>\n");
  append_page_layout (out, FALSE);
  append_page_layout (out, TRUE);
  g_string_append_printf (out,
                          "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties"
                          " fo:border=\"0.6pt solid #000000\" fo:padding-top=\"%gpt\" fo:padding-bottom=\"%gpt\""
                          " fo:padding-left=\"%gpt\" fo:padding-right=\"%gpt\"/></style:style>\n"
                          "<style:style style:name=\"Shaded\" style:family=\"table-cell\"><style:table-cell-properties"
                          " fo:background-color=\"#ebebeb\" fo:border=\"0.6pt solid #000000\" fo:padding-top=\"%gpt\""
                          " fo:padding-bottom=\"%gpt\" fo:padding-left=\"%gpt\" fo:padding-right=\"%gpt\"/>"
                          "</style:style>\n",
                          CELL_PAD_Y, CELL_PAD_Y, CELL_PAD_X, CELL_PAD_X, CELL_PAD_Y, CELL_PAD_Y, CELL_PAD_X, CELL_PAD_X);
  g_string_append_len (out, self->styles->str, (gssize) self->styles->len);
  g_string_append (out, "</office:automatic-styles>\n<office:master-styles>\n");
  append_master_page (self, out, "Standard", "PortraitPage");
  append_master_page (self, out, "Landscape", "LandscapePage");
  g_string_append (out, "</office:master-styles>\n<office:body><office:text>\n");
  g_string_append_len (out, self->body->str, (gssize) self->body->len);
  g_string_append (out, "</office:text></office:body></office:document>\n");

  check = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (check, out->str, (gssize) out->len, error) ||
      !g_markup_parse_context_end_parse (check, error))
    return FALSE;

  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}
