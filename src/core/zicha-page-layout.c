/* zicha-page-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are lists of operations in page coordinates. A text operation
 * points at a laid-out text (a PangoLayout and its height) and says which
 * of its lines it shows. Laid-out texts live in one table keyed by text,
 * style, width, alignment and indent: measuring a cell shapes its text,
 * drawing it reuses that layout, and each repeat of the text (是, a date,
 * a column header on every page) costs a hash lookup. Shaping is most of
 * the cost of a page, so it is done once per distinct text.
 *
 * Cell borders and shading are kept per cell but drawn merged: an edge
 * two cells share, or a column's edge down a page, is one line segment,
 * and a shaded header row one rectangle. It prints the same and makes a
 * fraction of the path and of the PDF.
 */
#define G_LOG_DOMAIN "zicha-page-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "zicha-page-layout.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define BORDER_WIDTH 0.6
/* Border edges closer than this (points) are the same line. */
#define EDGE_SLACK 0.01

typedef enum
{
  OP_TEXT,
  OP_FILL,
  OP_RECT,
  OP_LINE,
  OP_CIRCLE,
} OpKind;

/* A text laid out in one style at one width. All but @layout and @height
 * is the key in the text table; @text is the layout's own copy. */
typedef struct
{
  const char  *text;
  guint        hash;
  int          width;    /* Pango units, -1: one line */
  int          indent;   /* Pango units */
  guint8       style;
  guint8       align;
  PangoLayout *layout;
  double       height;
} Text;

typedef struct
{
  guint8  kind;
  guint   first_line;   /* OP_TEXT: the lines shown; */
  guint   n_lines;      /* 0: all of them */
  Text   *text;         /* OP_TEXT; owned by the text table */
  double  x, y, w, h;   /* OP_LINE: x, y to w, h; OP_CIRCLE: centre x, y, radius w */
  double  line_width;   /* OP_LINE */
} Op;

typedef struct
{
  double  width;
  double  height;
  GArray *ops;
} Page;

typedef struct
{
  PangoFontDescription *font;
  PangoLayout          *layout;   /* the style's template, and for page decorations */
  double                spacing;  /* line spacing factor, 0: the font's */
  double                grey;     /* 0 black … 1 white */
  double                line_height;
} Style;

typedef struct
{
  guint           n_columns;
  double         *x;        /* n_columns + 1 edges */
  ZichaTableCell *header;   /* nullable */
  GStrv           header_texts;
  guint           header_page; /* page the header was last drawn on, or G_MAXUINT */
  double          header_height;
} Table;

struct _ZichaPageLayout
{
  PangoFontMap *font_map;
  PangoContext *context;
  Style         styles[ZICHA_N_TEXT_STYLES];
  GHashTable   *texts;      /* Text*, the set of laid-out texts */
  GPtrArray    *pages;      /* Page* */
  gboolean      landscape;
  double        y;          /* cursor on the current page */
  Table        *table;      /* the open table, or NULL */
  const ZichaPageLayoutObserver *observer;
  gpointer      observer_data;
};

/* Text area margins, portrait and landscape. */
static const struct
{
  double left, right, top, bottom;
} margins[2] = {
  { 62.0, 62.0, 58.0, 76.0 },
  { 46.0, 46.0, 46.0, 62.0 },
};

#define NOTIFY(self, member, ...) \
  G_STMT_START { \
    if ((self)->observer != NULL && (self)->observer->member != NULL) \
      (self)->observer->member ((self)->observer_data, ##__VA_ARGS__); \
  } G_STMT_END

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->ops);
  g_free (page);
}

static guint
text_hash (gconstpointer key)
{
  return ((const Text *) key)->hash;
}

static gboolean
text_equal (gconstpointer a,
            gconstpointer b)
{
  const Text *x = a;
  const Text *y = b;

  return x->hash == y->hash && x->width == y->width && x->indent == y->indent && x->style == y->style &&
         x->align == y->align && strcmp (x->text, y->text) == 0;
}

static void
text_free (gpointer data)
{
  Text *text = data;

  g_object_unref (text->layout);
  g_free (text);
}

static Page *
current_page (ZichaPageLayout *self)
{
  return g_ptr_array_index (self->pages, self->pages->len - 1);
}

static void
append_page (ZichaPageLayout *self)
{
  Page *page = g_new0 (Page, 1);

  page->width = self->landscape ? ZICHA_PAGE_A4_HEIGHT : ZICHA_PAGE_A4_WIDTH;
  page->height = self->landscape ? ZICHA_PAGE_A4_WIDTH : ZICHA_PAGE_A4_HEIGHT;
  page->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  g_ptr_array_add (self->pages, page);
  self->y = margins[self->landscape].top;
}

static void
init_style (ZichaPageLayout *self,
            ZichaTextStyle   style,
            const char      *family,
            double           size,
            PangoWeight      weight,
            double           spacing,
            double           grey)
{
  Style *s = &self->styles[style];
  PangoAttrList *attributes;
  int height;

  s->font = pango_font_description_new ();
  pango_font_description_set_family (s->font, family);
  pango_font_description_set_absolute_size (s->font, size * PANGO_SCALE);
  pango_font_description_set_weight (s->font, weight);
  s->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (s->layout, s->font);
  pango_layout_set_wrap (s->layout, PANGO_WRAP_WORD_CHAR);
  /* Codes and URLs broken across lines must not gain a hyphen. */
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (s->layout, attributes);
  pango_attr_list_unref (attributes);
  if (spacing > 0)
    pango_layout_set_line_spacing (s->layout, spacing);
  s->spacing = spacing;
  s->grey = grey;

  pango_layout_set_text (s->layout, "国", -1);
  pango_layout_get_size (s->layout, NULL, &height);
  s->line_height = (double) height / PANGO_SCALE;
  if (spacing > 0)
    s->line_height *= spacing;
}

ZichaPageLayout *
zicha_page_layout_new (const char *body_family,
                       const char *heading_family)
{
  ZichaPageLayout *self = g_new0 (ZichaPageLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* A font map of our own: the default one is per thread, and a document
   * may be laid out in a worker and drawn in the main thread. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  /* Vector output: unhinted metrics, so the preview at any zoom and the
   * PDF break lines at the same places (as GtkPrintContext does). */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  /* Han glyph forms depend on the language: say it is Simplified Chinese. */
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);

  init_style (self, ZICHA_TEXT_TITLE, heading_family, 18.0, PANGO_WEIGHT_BOLD, 1.25, 0.0);
  init_style (self, ZICHA_TEXT_HEADING, heading_family, 13.0, PANGO_WEIGHT_BOLD, 1.3, 0.0);
  init_style (self, ZICHA_TEXT_SUBHEADING, body_family, 12.0, PANGO_WEIGHT_BOLD, 1.5, 0.0);
  init_style (self, ZICHA_TEXT_BODY, body_family, 12.0, PANGO_WEIGHT_NORMAL, 1.6, 0.0);
  init_style (self, ZICHA_TEXT_LABEL, body_family, 10.5, PANGO_WEIGHT_NORMAL, 1.3, 0.0);
  init_style (self, ZICHA_TEXT_NOTE, body_family, 9.0, PANGO_WEIGHT_NORMAL, 1.3, 0.25);
  init_style (self, ZICHA_TEXT_CELL, body_family, 8.5, PANGO_WEIGHT_NORMAL, 1.2, 0.0);
  init_style (self, ZICHA_TEXT_CELL_HEADER, heading_family, 8.5, PANGO_WEIGHT_BOLD, 1.2, 0.0);
  init_style (self, ZICHA_TEXT_FOOTER, body_family, 9.0, PANGO_WEIGHT_NORMAL, 0, 0.0);
  init_style (self, ZICHA_TEXT_WATERMARK, heading_family, 120.0, PANGO_WEIGHT_BOLD, 0, 0.0);

  self->texts = g_hash_table_new_full (text_hash, text_equal, text_free, NULL);
  self->pages = g_ptr_array_new_with_free_func (page_free);
  append_page (self);

  return self;
}

static void
table_free (Table *table)
{
  if (table == NULL)
    return;
  g_free (table->x);
  g_free (table->header);
  g_strfreev (table->header_texts);
  g_free (table);
}

void
zicha_page_layout_free (ZichaPageLayout *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < ZICHA_N_TEXT_STYLES; i++)
    {
      g_clear_object (&self->styles[i].layout);
      g_clear_pointer (&self->styles[i].font, pango_font_description_free);
    }
  table_free (self->table);
  g_ptr_array_unref (self->pages);
  g_hash_table_unref (self->texts);
  g_object_unref (self->context);
  g_object_unref (self->font_map);
  g_free (self);
}

PangoContext *
zicha_page_layout_get_context (ZichaPageLayout *self)
{
  return self->context;
}

const PangoFontDescription *
zicha_page_layout_get_font (ZichaPageLayout *self,
                            ZichaTextStyle   style)
{
  g_return_val_if_fail (style < ZICHA_N_TEXT_STYLES, NULL);
  return self->styles[style].font;
}

void
zicha_page_layout_set_observer (ZichaPageLayout               *self,
                                const ZichaPageLayoutObserver *observer,
                                gpointer                       user_data)
{
  self->observer = observer;
  self->observer_data = user_data;
}

/* Geometry ----------------------------------------------------------------- */

void
zicha_page_layout_set_landscape (ZichaPageLayout *self,
                                 gboolean         landscape)
{
  Page *page = current_page (self);

  landscape = !!landscape;
  if (landscape == self->landscape)
    return;

  if (self->observer != NULL && self->observer->landscape != NULL)
    self->observer->landscape (self->observer_data, landscape);
  self->landscape = landscape;
  if (page->ops->len == 0)
    {
      page->width = landscape ? ZICHA_PAGE_A4_HEIGHT : ZICHA_PAGE_A4_WIDTH;
      page->height = landscape ? ZICHA_PAGE_A4_WIDTH : ZICHA_PAGE_A4_HEIGHT;
      self->y = margins[landscape].top;
    }
  else
    append_page (self);
}

gboolean
zicha_page_layout_get_landscape (ZichaPageLayout *self)
{
  return self->landscape;
}

double
zicha_page_layout_get_content_width (ZichaPageLayout *self)
{
  Page *page = current_page (self);

  return page->width - margins[self->landscape].left - margins[self->landscape].right;
}

double
zicha_page_layout_get_content_width_for (ZichaPageLayout *self,
                                         gboolean         landscape)
{
  landscape = !!landscape;
  return (landscape ? ZICHA_PAGE_A4_HEIGHT : ZICHA_PAGE_A4_WIDTH) - margins[landscape].left - margins[landscape].right;
}

double
zicha_page_layout_get_left (ZichaPageLayout *self)
{
  return margins[self->landscape].left;
}

double
zicha_page_layout_get_body_height (ZichaPageLayout *self)
{
  Page *page = current_page (self);

  return page->height - margins[self->landscape].top - margins[self->landscape].bottom;
}

double
zicha_page_layout_get_remaining (ZichaPageLayout *self)
{
  Page *page = current_page (self);

  return page->height - margins[self->landscape].bottom - self->y;
}

static gboolean
page_is_empty (ZichaPageLayout *self)
{
  return current_page (self)->ops->len == 0;
}

void
zicha_page_layout_new_page (ZichaPageLayout *self)
{
  if (page_is_empty (self))
    {
      self->y = margins[self->landscape].top;
      return;
    }
  append_page (self);
}

double
zicha_page_layout_get_line_height (ZichaPageLayout *self,
                                   ZichaTextStyle   style)
{
  g_return_val_if_fail (style < ZICHA_N_TEXT_STYLES, 0.0);
  return self->styles[style].line_height;
}

/* Operations --------------------------------------------------------------- */

static Op *
add_op (ZichaPageLayout *self,
        OpKind           kind)
{
  GArray *ops = current_page (self)->ops;
  Op op = { 0 };

  op.kind = kind;
  g_array_append_val (ops, op);
  return &g_array_index (ops, Op, ops->len - 1);
}

static void
add_text_op (ZichaPageLayout *self,
             Text            *text,
             double           x,
             double           y,
             guint            first_line,
             guint            n_lines)
{
  Op *op = add_op (self, OP_TEXT);

  op->text = text;
  op->x = x;
  op->y = y;
  op->first_line = first_line;
  op->n_lines = n_lines;
}

/* Measuring ----------------------------------------------------------------- */

static void
set_up (PangoLayout *layout,
        const char  *text,
        int          width,
        ZichaAlign   align,
        int          indent)
{
  static const PangoAlignment alignments[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT,
  };

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width);
  pango_layout_set_alignment (layout, alignments[align]);
  pango_layout_set_indent (layout, indent);
}

static int
pango_width (double width)
{
  return width > 0 ? (int) (width * PANGO_SCALE) : -1;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* @text laid out in @style at @width (points, -1: one line): from the
 * table when it was laid out before, else laid out now and kept. */
static Text *
lay_out (ZichaPageLayout *self,
         ZichaTextStyle   style,
         const char      *text,
         double           width,
         ZichaAlign       align,
         double           indent)
{
  Text key = { 0 };
  Text *found;
  guint hash;

  key.text = text;
  key.width = pango_width (width);
  key.indent = (int) (indent * PANGO_SCALE);
  key.style = style;
  key.align = align;
  hash = g_str_hash (text);
  hash = hash * 31 + (guint) key.width;
  hash = hash * 31 + (guint) key.indent;
  key.hash = hash * 31 + style * 4 + align;

  found = g_hash_table_lookup (self->texts, &key);
  if (found != NULL)
    return found;

  found = g_new (Text, 1);
  *found = key;
  /* A copy of the style's layout: its font, wrapping, spacing and
   * attributes. */
  found->layout = pango_layout_copy (self->styles[style].layout);
  set_up (found->layout, text, key.width, align, key.indent);
  found->text = pango_layout_get_text (found->layout);
  found->height = layout_height (found->layout);
  g_hash_table_add (self->texts, found);
  return found;
}

double
zicha_page_layout_measure (ZichaPageLayout *self,
                           ZichaTextStyle   style,
                           const char      *text,
                           double           width)
{
  g_return_val_if_fail (style < ZICHA_N_TEXT_STYLES, 0.0);

  return lay_out (self, style, text != NULL ? text : "", width, ZICHA_ALIGN_LEFT, 0)->height;
}
/* The bottom of every line of @layout, from its top, in points. */
static GArray *
line_bottoms (PangoLayout *layout)
{
  GArray *bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      double bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return bottoms;
}

/* Height of lines [first, first + n) given the bottoms. */
static double
lines_height (GArray *bottoms,
              guint   first,
              guint   n)
{
  double top = first > 0 ? g_array_index (bottoms, double, first - 1) : 0.0;

  if (n == 0)
    return 0.0;
  return g_array_index (bottoms, double, first + n - 1) - top;
}

/* How many lines from @first fit in @available. */
static guint
lines_fitting (GArray *bottoms,
               guint   first,
               double  available)
{
  guint n = 0;

  while (first + n < bottoms->len && lines_height (bottoms, first, n + 1) <= available + 0.01)
    n++;
  return n;
}

/* Paragraphs ----------------------------------------------------------------- */

void
zicha_page_layout_add_space (ZichaPageLayout *self,
                             double           points)
{
  if (page_is_empty (self))
    return;
  self->y += points;
}

void
zicha_page_layout_add_paragraph (ZichaPageLayout *self,
                                 ZichaTextStyle   style,
                                 const char      *text,
                                 ZichaAlign       align,
                                 double           first_line_indent,
                                 gboolean         keep_with_next)
{
  double left = zicha_page_layout_get_left (self);
  double width = zicha_page_layout_get_content_width (self);
  Text *laid_out;
  g_autoptr(GArray) bottoms = NULL;
  guint first = 0;

  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);
  g_return_if_fail (self->table == NULL);

  if (text == NULL || *text == '\0')
    return;

  NOTIFY (self, paragraph, style, text, align, first_line_indent);
  laid_out = lay_out (self, style, text, width, align, first_line_indent);

  if (keep_with_next &&
      laid_out->height + 2 * self->styles[ZICHA_TEXT_BODY].line_height > zicha_page_layout_get_remaining (self))
    zicha_page_layout_new_page (self);

  if (laid_out->height <= zicha_page_layout_get_remaining (self))
    {
      add_text_op (self, laid_out, left, self->y, 0, 0);
      self->y += laid_out->height;
      return;
    }

  /* Break between lines, page after page. */
  bottoms = line_bottoms (laid_out->layout);
  while (first < bottoms->len)
    {
      guint n = lines_fitting (bottoms, first, zicha_page_layout_get_remaining (self));

      if (n == 0)
        {
          if (page_is_empty (self))
            n = 1;  /* taller than a page: nothing better to do */
          else
            {
              append_page (self);
              continue;
            }
        }

      add_text_op (self, laid_out, left, self->y, first, n);
      self->y += lines_height (bottoms, first, n);
      first += n;
      if (first < bottoms->len)
        append_page (self);
    }
}

/* Tables ------------------------------------------------------------------- */

typedef struct
{
  const ZichaTableCell *cell;
  double                x;
  double                width;     /* of the cell, border to border */
  Text                 *text;      /* NULL: empty */
  double                height;    /* of the whole text */
  GArray               *bottoms;   /* only when split */
  guint                 first;     /* next line to place */
} CellState;

static void
put_cell (ZichaPageLayout *self,
          CellState       *state,
          double           y,
          double           row_height,
          guint            first_line,
          guint            n_lines)
{
  const ZichaTableCell *cell = state->cell;
  Op *op;

  if (cell->shaded)
    {
      op = add_op (self, OP_FILL);
      op->x = state->x;
      op->y = y;
      op->w = state->width;
      op->h = row_height;
    }

  if (state->text != NULL && (n_lines > 0 || state->bottoms == NULL))
    add_text_op (self, state->text, state->x + CELL_PAD_X, y + CELL_PAD_Y, first_line, n_lines);

  op = add_op (self, OP_RECT);
  op->x = state->x;
  op->y = y;
  op->w = state->width;
  op->h = row_height;
}

/* Measures a row's cells into @states; returns the row height. */
static double
measure_row (ZichaPageLayout      *self,
             const ZichaTableCell *cells,
             guint                 n_cells,
             CellState            *states)
{
  Table *table = self->table;
  double row_height = 0;
  guint column = 0;

  for (guint i = 0; i < n_cells; i++)
    {
      CellState *s = &states[i];
      guint span = MAX (cells[i].span, 1);
      const char *text = cells[i].text != NULL ? cells[i].text : "";
      double text_height = 0;

      span = MIN (span, table->n_columns - MIN (column, table->n_columns));
      s->cell = &cells[i];
      s->x = table->x[column];
      s->width = table->x[column + span] - table->x[column];
      s->bottoms = NULL;
      s->first = 0;
      s->text = NULL;
      if (*text != '\0')
        {
          s->text = lay_out (self, cells[i].style, text, s->width - 2 * CELL_PAD_X, cells[i].align, 0);
          text_height = s->text->height;
        }
      s->height = text_height;
      row_height = MAX (row_height, MAX (text_height, cells[i].min_height));
      column += span;
    }

  return row_height + 2 * CELL_PAD_Y;
}

static void
put_whole_row (ZichaPageLayout *self,
               CellState       *states,
               guint            n_cells,
               double           row_height)
{
  for (guint i = 0; i < n_cells; i++)
    put_cell (self, &states[i], self->y, row_height, 0, 0);
  self->y += row_height;
}

static void
put_header (ZichaPageLayout *self)
{
  Table *table = self->table;
  g_autofree CellState *states = NULL;
  double height;

  if (table->header == NULL)
    return;

  states = g_new0 (CellState, table->n_columns);
  height = measure_row (self, table->header, table->n_columns, states);
  table->header_height = height;
  put_whole_row (self, states, table->n_columns, height);
  table->header_page = self->pages->len - 1;
}

static void
table_new_page (ZichaPageLayout *self)
{
  append_page (self);
  put_header (self);
}

void
zicha_page_layout_begin_table (ZichaPageLayout      *self,
                               guint                 n_columns,
                               const double         *widths,
                               const ZichaTableCell *header)
{
  Table *table;
  double x;

  g_return_if_fail (self->table == NULL);
  g_return_if_fail (n_columns > 0);

  table = g_new0 (Table, 1);
  table->n_columns = n_columns;
  table->x = g_new (double, n_columns + 1);
  x = zicha_page_layout_get_left (self);
  for (guint i = 0; i < n_columns; i++)
    {
      table->x[i] = x;
      x += widths[i];
    }
  table->x[n_columns] = x;
  table->header_page = G_MAXUINT;

  if (header != NULL)
    {
      table->header = g_new (ZichaTableCell, n_columns);
      table->header_texts = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        {
          table->header[i] = header[i];
          table->header[i].span = 1;
          table->header_texts[i] = g_strdup (header[i].text != NULL ? header[i].text : "");
          table->header[i].text = table->header_texts[i];
        }
    }

  self->table = table;
  NOTIFY (self, begin_table, n_columns, widths, header);
}

void
zicha_page_layout_add_row (ZichaPageLayout      *self,
                           const ZichaTableCell *cells,
                           guint                 n_cells)
{
  Table *table = self->table;
  g_autofree CellState *states = NULL;
  double row_height;

  g_return_if_fail (table != NULL);
  g_return_if_fail (n_cells > 0);

  NOTIFY (self, row, cells, n_cells);
  states = g_new0 (CellState, n_cells);
  row_height = measure_row (self, cells, n_cells, states);

  /* The header starts the table, with at least the first row under it. */
  if (table->header != NULL && table->header_page != self->pages->len - 1)
    {
      double header_height = table->header_height > 0 ? table->header_height
                             : self->styles[ZICHA_TEXT_CELL_HEADER].line_height * 2 + 2 * CELL_PAD_Y;

      if (!page_is_empty (self) &&
          header_height + MIN (row_height, 3 * self->styles[ZICHA_TEXT_CELL].line_height) >
          zicha_page_layout_get_remaining (self))
        append_page (self);
      put_header (self);
    }

  if (row_height <= zicha_page_layout_get_remaining (self))
    {
      put_whole_row (self, states, n_cells, row_height);
      return;
    }

  /* Keep the row together when a fresh page holds it. */
  if (row_height <= zicha_page_layout_get_body_height (self) - table->header_height)
    {
      table_new_page (self);
      put_whole_row (self, states, n_cells, row_height);
      return;
    }

  /* Taller than a page: break it between lines. */
  for (guint i = 0; i < n_cells; i++)
    {
      CellState *s = &states[i];

      if (s->text != NULL)
        s->bottoms = line_bottoms (s->text->layout);
      else
        s->bottoms = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (;;)
    {
      double available = zicha_page_layout_get_remaining (self) - 2 * CELL_PAD_Y;
      double used = 0;
      gboolean done = TRUE;
      gboolean any = FALSE;
      g_autofree guint *counts = g_new0 (guint, n_cells);

      for (guint i = 0; i < n_cells; i++)
        {
          CellState *s = &states[i];

          counts[i] = lines_fitting (s->bottoms, s->first, available);
          if (counts[i] > 0)
            any = TRUE;
          used = MAX (used, lines_height (s->bottoms, s->first, counts[i]));
          if (s->first + counts[i] < s->bottoms->len)
            done = FALSE;
        }

      if (!any && !done)
        {
          table_new_page (self);
          continue;
        }

      for (guint i = 0; i < n_cells; i++)
        {
          CellState *s = &states[i];

          put_cell (self, s, self->y, used + 2 * CELL_PAD_Y, s->first, counts[i]);
          s->first += counts[i];
        }
      self->y += used + 2 * CELL_PAD_Y;

      if (done)
        break;
      table_new_page (self);
    }

  for (guint i = 0; i < n_cells; i++)
    g_array_unref (states[i].bottoms);
}

void
zicha_page_layout_end_table (ZichaPageLayout *self)
{
  g_return_if_fail (self->table != NULL);

  g_clear_pointer (&self->table, table_free);
  NOTIFY (self, end_table);
}

/* Blocks ------------------------------------------------------------------- */

double
zicha_page_layout_begin_block (ZichaPageLayout *self,
                               double           height)
{
  double top;

  if (height > zicha_page_layout_get_remaining (self) && !page_is_empty (self))
    append_page (self);

  top = self->y;
  self->y += height;
  return top;
}

void
zicha_page_layout_put_text (ZichaPageLayout *self,
                            ZichaTextStyle   style,
                            const char      *text,
                            double           x,
                            double           y,
                            double           width,
                            ZichaAlign       align)
{
  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);

  if (text == NULL || *text == '\0')
    return;
  NOTIFY (self, text, style, text, align);
  add_text_op (self, lay_out (self, style, text, width, align, 0), x, y, 0, 0);
}

void
zicha_page_layout_put_line (ZichaPageLayout *self,
                            double           x1,
                            double           y1,
                            double           x2,
                            double           y2,
                            double           line_width)
{
  Op *op = add_op (self, OP_LINE);

  op->x = x1;
  op->y = y1;
  op->w = x2;
  op->h = y2;
  op->line_width = line_width;
}

void
zicha_page_layout_put_circle (ZichaPageLayout *self,
                              double           cx,
                              double           cy,
                              double           radius)
{
  Op *op = add_op (self, OP_CIRCLE);

  op->x = cx;
  op->y = cy;
  op->w = radius;
}

/* Drawing ------------------------------------------------------------------- */

guint
zicha_page_layout_get_n_pages (ZichaPageLayout *self)
{
  return self->pages->len;
}

void
zicha_page_layout_get_page_size (ZichaPageLayout *self,
                                 guint            index,
                                 double          *width,
                                 double          *height)
{
  Page *page;

  g_return_if_fail (index < self->pages->len);

  page = g_ptr_array_index (self->pages, index);
  if (width != NULL)
    *width = page->width;
  if (height != NULL)
    *height = page->height;
}

/* Lines [first_line, first_line + n_lines) of @layout with their top at
 * @y; all of them when @n_lines is 0. */
static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             guint        first_line,
             guint        n_lines)
{
  PangoLayoutIter *iter;
  guint index = 0;
  int top = -1;

  /* The layouts belong to our own context; drawing through another cairo
   * context only needs its transformation, which pango_cairo takes from
   * @cr when showing glyphs. */
  if (n_lines == 0)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  iter = pango_layout_get_iter (layout);
  do
    {
      if (index >= first_line && index < first_line + n_lines)
        {
          PangoRectangle logical;
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          if (top < 0)
            top = y0;
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) (pango_layout_iter_get_baseline (iter) - top) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (index < first_line + n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
zicha_page_layout_draw_text (ZichaPageLayout *self,
                             cairo_t         *cr,
                             ZichaTextStyle   style,
                             const char      *text,
                             double           x,
                             double           y,
                             double           width,
                             ZichaAlign       align)
{
  PangoLayout *layout;

  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);

  /* Page decorations differ from page to page (page numbers): laid out on
   * the style's own layout, not kept. */
  layout = self->styles[style].layout;
  set_up (layout, text != NULL ? text : "", pango_width (width), align, 0);
  show_layout (cr, layout, x, y, 0, 0);
}

/* One side of a cell border: at @pos across, from @from to @to along. */
typedef struct
{
  double pos;
  double from;
  double to;
} Edge;

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const Edge *x = a;
  const Edge *y = b;

  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const Edge *x = a;
  const Edge *y = b;

  if (x->pos != y->pos)
    return x->pos < y->pos ? -1 : 1;
  return x->from < y->from ? -1 : x->from > y->from;
}

/* Adds @edges to the path as few segments: edges on one line (within
 * EDGE_SLACK) that touch or overlap become one. */
static void
path_edges (cairo_t  *cr,
            GArray   *edges,
            gboolean  horizontal)
{
  Edge *edge;
  guint i = 0;

  if (edges->len == 0)
    return;

  /* Snap each edge onto the first line within the slack, then sort
   * along it. */
  g_array_sort (edges, compare_positions);
  for (guint j = 1; j < edges->len; j++)
    {
      Edge *line = &g_array_index (edges, Edge, i);

      edge = &g_array_index (edges, Edge, j);
      if (edge->pos - line->pos <= EDGE_SLACK)
        edge->pos = line->pos;
      else
        i = j;
    }
  g_array_sort (edges, compare_edges);

  i = 0;
  while (i < edges->len)
    {
      double pos = g_array_index (edges, Edge, i).pos;
      double from = g_array_index (edges, Edge, i).from;
      double to = g_array_index (edges, Edge, i).to;

      for (i++; i < edges->len; i++)
        {
          edge = &g_array_index (edges, Edge, i);
          if (edge->pos != pos || edge->from > to + EDGE_SLACK)
            break;
          to = MAX (to, edge->to);
        }

      if (horizontal)
        {
          cairo_move_to (cr, from, pos);
          cairo_line_to (cr, to, pos);
        }
      else
        {
          cairo_move_to (cr, pos, from);
          cairo_line_to (cr, pos, to);
        }
    }
}

typedef struct
{
  double x, y, w, h;
} Box;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Box *p = a;
  const Box *q = b;

  if (p->y != q->y)
    return p->y < q->y ? -1 : 1;
  if (p->h != q->h)
    return p->h < q->h ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

static int
compare_columns (gconstpointer a,
                 gconstpointer b)
{
  const Box *p = a;
  const Box *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  if (p->w != q->w)
    return p->w < q->w ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

/* Joins boxes that touch along a row (@across) or down a column and
 * span the same rows or columns. */
static void
join_boxes (GArray   *boxes,
            gboolean  across)
{
  guint kept = 0;

  if (boxes->len == 0)
    return;
  g_array_sort (boxes, across ? compare_rows : compare_columns);
  for (guint i = 1; i < boxes->len; i++)
    {
      Box *last = &g_array_index (boxes, Box, kept);
      const Box *box = &g_array_index (boxes, Box, i);

      if (across && fabs (box->y - last->y) <= EDGE_SLACK && fabs (box->h - last->h) <= EDGE_SLACK &&
          box->x <= last->x + last->w + EDGE_SLACK)
        last->w = MAX (last->w, box->x + box->w - last->x);
      else if (!across && fabs (box->x - last->x) <= EDGE_SLACK && fabs (box->w - last->w) <= EDGE_SLACK &&
               box->y <= last->y + last->h + EDGE_SLACK)
        last->h = MAX (last->h, box->y + box->h - last->y);
      else
        g_array_index (boxes, Box, ++kept) = *box;
    }
  g_array_set_size (boxes, kept + 1);
}

/* The shading of every cell on @page, touching cells as one rectangle
 * (a header row is one). */
static void
draw_shading (cairo_t *cr,
              Page    *page)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));

  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);
      Box box = { op->x, op->y, op->w, op->h };

      if (op->kind == OP_FILL)
        g_array_append_val (boxes, box);
    }
  if (boxes->len == 0)
    return;

  join_boxes (boxes, TRUE);
  join_boxes (boxes, FALSE);
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  cairo_new_path (cr);
  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *box = &g_array_index (boxes, Box, i);

      cairo_rectangle (cr, box->x, box->y, box->w, box->h);
    }
  cairo_fill (cr);
}

/* The borders of every cell on @page as merged grid lines. Square caps
 * close the corners as a rectangle's mitred joins would. */
static void
draw_borders (cairo_t *cr,
              Page    *page)
{
  g_autoptr(GArray) across = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);
      Edge edges[4];

      if (op->kind != OP_RECT)
        continue;
      edges[0] = (Edge) { op->y, op->x, op->x + op->w };
      edges[1] = (Edge) { op->y + op->h, op->x, op->x + op->w };
      edges[2] = (Edge) { op->x, op->y, op->y + op->h };
      edges[3] = (Edge) { op->x + op->w, op->y, op->y + op->h };
      g_array_append_vals (across, edges, 2);
      g_array_append_vals (down, edges + 2, 2);
    }
  if (across->len == 0)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, BORDER_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_new_path (cr);
  path_edges (cr, across, TRUE);
  path_edges (cr, down, FALSE);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
zicha_page_layout_draw_page (ZichaPageLayout *self,
                             cairo_t         *cr,
                             guint            index)
{
  Page *page;
  double grey = -1;

  g_return_if_fail (index < self->pages->len);

  page = g_ptr_array_index (self->pages, index);

  cairo_save (cr);

  /* Shading first, so borders and text are drawn over it. */
  draw_shading (cr, page);
  draw_borders (cr, page);

  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          if (self->styles[op->text->style].grey != grey)
            {
              grey = self->styles[op->text->style].grey;
              cairo_set_source_rgb (cr, grey, grey, grey);
            }
          show_layout (cr, op->text->layout, op->x, op->y, op->first_line, op->n_lines);
          break;

        case OP_LINE:
          cairo_set_source_rgb (cr, 0, 0, 0);
          grey = 0;
          cairo_set_line_width (cr, op->line_width);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->w, op->h);
          cairo_stroke (cr);
          break;

        case OP_CIRCLE:
          {
            static const double dashes[] = { 4.0, 3.0 };

            cairo_save (cr);
            cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
            cairo_set_line_width (cr, 0.8);
            cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
            cairo_new_sub_path (cr);
            cairo_arc (cr, op->x, op->y, op->w, 0, 2 * G_PI);
            cairo_stroke (cr);
            cairo_restore (cr);
            grey = -1;
          }
          break;

        case OP_FILL:
        case OP_RECT:
        default:
          break;
        }
    }

  cairo_restore (cr);
}
