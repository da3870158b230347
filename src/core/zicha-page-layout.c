/* zicha-page-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are lists of operations in page coordinates. Text operations keep
 * the text (in one shared pool), the style, the width and which lines of
 * the wrapped text they show; drawing wraps the text again with the same
 * reused PangoLayout, so nothing per cell is kept but a few numbers.
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

typedef enum
{
  OP_TEXT,
  OP_FILL,
  OP_RECT,
  OP_LINE,
  OP_CIRCLE,
} OpKind;

typedef struct
{
  guint8  kind;
  guint8  style;
  guint8  align;
  guint   first_line;
  guint   n_lines;      /* 0: all of them */
  guint   text_offset;
  guint   text_length;
  double  x, y, w, h;   /* OP_LINE: x, y to w, h; OP_CIRCLE: centre x, y, radius w */
  double  indent;
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
  PangoLayout          *layout;
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
  GString      *pool;
  GPtrArray    *pages;      /* Page* */
  gboolean      landscape;
  double        y;          /* cursor on the current page */
  Table        *table;      /* the open table, or NULL */
};

/* Text area margins, portrait and landscape. */
static const struct
{
  double left, right, top, bottom;
} margins[2] = {
  { 62.0, 62.0, 58.0, 76.0 },
  { 46.0, 46.0, 46.0, 62.0 },
};

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->ops);
  g_free (page);
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

  self->pool = g_string_sized_new (64 * 1024);
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
  g_string_free (self->pool, TRUE);
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

/* Geometry ----------------------------------------------------------------- */

void
zicha_page_layout_set_landscape (ZichaPageLayout *self,
                                 gboolean         landscape)
{
  Page *page = current_page (self);

  landscape = !!landscape;
  if (landscape == self->landscape)
    return;

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

/* Stores @text once and returns its offset in the pool. */
static guint
pool_add (ZichaPageLayout *self,
          const char      *text,
          guint           *length)
{
  guint offset = self->pool->len;
  gsize len = strlen (text);

  g_string_append_len (self->pool, text, len);
  *length = (guint) len;
  return offset;
}

static void
add_text_op (ZichaPageLayout *self,
             ZichaTextStyle   style,
             guint            text_offset,
             guint            text_length,
             double           x,
             double           y,
             double           width,
             ZichaAlign       align,
             double           indent,
             guint            first_line,
             guint            n_lines)
{
  Op *op = add_op (self, OP_TEXT);

  op->style = style;
  op->align = align;
  op->text_offset = text_offset;
  op->text_length = text_length;
  op->x = x;
  op->y = y;
  op->w = width;
  op->indent = indent;
  op->first_line = first_line;
  op->n_lines = n_lines;
}

/* Measuring ----------------------------------------------------------------- */

static PangoLayout *
prepare (ZichaPageLayout *self,
         ZichaTextStyle   style,
         const char      *text,
         int              length,
         double           width,
         ZichaAlign       align,
         double           indent)
{
  PangoLayout *layout = self->styles[style].layout;
  static const PangoAlignment alignments[] = {
    PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT,
  };

  pango_layout_set_text (layout, text, length);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, alignments[align]);
  pango_layout_set_indent (layout, (int) (indent * PANGO_SCALE));
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

double
zicha_page_layout_measure (ZichaPageLayout *self,
                           ZichaTextStyle   style,
                           const char      *text,
                           double           width)
{
  g_return_val_if_fail (style < ZICHA_N_TEXT_STYLES, 0.0);

  return layout_height (prepare (self, style, text != NULL ? text : "", -1, width, ZICHA_ALIGN_LEFT, 0));
}

/* The bottom of every line of the prepared layout, from its top, in
 * points; @bottoms gets n_lines entries. */
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
  PangoLayout *layout;
  double height;
  guint offset, length;
  g_autoptr(GArray) bottoms = NULL;
  guint first = 0;

  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);
  g_return_if_fail (self->table == NULL);

  if (text == NULL || *text == '\0')
    return;

  layout = prepare (self, style, text, -1, width, align, first_line_indent);
  height = layout_height (layout);

  if (keep_with_next &&
      height + 2 * self->styles[ZICHA_TEXT_BODY].line_height > zicha_page_layout_get_remaining (self))
    zicha_page_layout_new_page (self);

  offset = pool_add (self, text, &length);

  if (height <= zicha_page_layout_get_remaining (self))
    {
      add_text_op (self, style, offset, length, left, self->y, width, align, first_line_indent, 0, 0);
      self->y += height;
      return;
    }

  /* Break between lines, page after page. */
  bottoms = line_bottoms (layout);
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

      add_text_op (self, style, offset, length, left, self->y, width, align, first_line_indent, first, n);
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
  guint                 offset;    /* in the pool */
  guint                 length;
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

  if (state->length > 0 && (n_lines > 0 || state->bottoms == NULL))
    add_text_op (self, cell->style, state->offset, state->length,
                 state->x + CELL_PAD_X, y + CELL_PAD_Y, state->width - 2 * CELL_PAD_X,
                 cell->align, 0, first_line, n_lines);

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
      if (*text != '\0')
        {
          PangoLayout *layout = prepare (self, cells[i].style, text, -1,
                                         s->width - 2 * CELL_PAD_X, cells[i].align, 0);

          text_height = layout_height (layout);
          s->offset = pool_add (self, text, &s->length);
        }
      else
        s->length = 0;
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

      if (s->length > 0)
        {
          s->bottoms = line_bottoms (prepare (self, s->cell->style, self->pool->str + s->offset,
                                              (int) s->length, s->width - 2 * CELL_PAD_X,
                                              s->cell->align, 0));
        }
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
  guint offset, length;

  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);

  if (text == NULL || *text == '\0')
    return;
  offset = pool_add (self, text, &length);
  add_text_op (self, style, offset, length, x, y, width, align, 0, 0, 0);
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
  op->indent = line_width;
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

static void
show_text (ZichaPageLayout *self,
           cairo_t         *cr,
           ZichaTextStyle   style,
           const char      *text,
           int              length,
           double           x,
           double           y,
           double           width,
           ZichaAlign       align,
           double           indent,
           guint            first_line,
           guint            n_lines)
{
  PangoLayout *layout = prepare (self, style, text, length, width, align, indent);
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
  g_return_if_fail (style < ZICHA_N_TEXT_STYLES);

  show_text (self, cr, style, text, -1, x, y, width, align, 0, 0, 0);
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
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);

      if (op->kind == OP_FILL)
        cairo_rectangle (cr, op->x, op->y, op->w, op->h);
    }
  cairo_fill (cr);

  /* Borders as one path: fast to write and to print. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, BORDER_WIDTH);
  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);

      if (op->kind == OP_RECT)
        cairo_rectangle (cr, op->x, op->y, op->w, op->h);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < page->ops->len; i++)
    {
      const Op *op = &g_array_index (page->ops, Op, i);

      switch (op->kind)
        {
        case OP_TEXT:
          if (self->styles[op->style].grey != grey)
            {
              grey = self->styles[op->style].grey;
              cairo_set_source_rgb (cr, grey, grey, grey);
            }
          show_text (self, cr, op->style, self->pool->str + op->text_offset, (int) op->text_length,
                     op->x, op->y, op->w, op->align, op->indent, op->first_line, op->n_lines);
          break;

        case OP_LINE:
          cairo_set_source_rgb (cr, 0, 0, 0);
          grey = 0;
          cairo_set_line_width (cr, op->indent);
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
