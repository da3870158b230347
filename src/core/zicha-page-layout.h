/* zicha-page-layout.h — a small flowing layout engine for printed pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Content is added from top to bottom (paragraphs, bordered tables, blocks
 * that must stay together); the engine breaks it into pages and records
 * each page as a list of drawing operations, which
 * zicha_page_layout_draw_page() replays onto any cairo_t (a PDF surface, a
 * print context, a preview). Paragraphs and table rows that do not fit
 * break between lines; a table repeats its header on every page; a row
 * that fits on one page is kept together.
 *
 * Text is laid out in a Pango context of its own (1 unit = 1 pt, unhinted
 * metrics, language zh-cn), once per distinct text, style and width: the
 * PangoLayout that measured a paragraph or cell is the one that draws it,
 * and a text that repeats (是, 否, a date, a column header on every page)
 * shares one. The engine is not thread-safe: use one from one thread at a
 * time.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* A4 in points. */
#define ZICHA_PAGE_A4_WIDTH  595.0
#define ZICHA_PAGE_A4_HEIGHT 842.0

typedef enum
{
  ZICHA_TEXT_TITLE,        /* headings family, bold, large, centred */
  ZICHA_TEXT_HEADING,      /* headings family, bold */
  ZICHA_TEXT_SUBHEADING,   /* body family, bold */
  ZICHA_TEXT_BODY,         /* body family, generous line spacing */
  ZICHA_TEXT_LABEL,        /* body family, form labels and values */
  ZICHA_TEXT_NOTE,         /* body family, small, grey: 填表说明 */
  ZICHA_TEXT_CELL,         /* body family, small: table cells */
  ZICHA_TEXT_CELL_HEADER,  /* headings family, small, bold */
  ZICHA_TEXT_FOOTER,       /* body family, small */
  ZICHA_TEXT_WATERMARK,    /* headings family, bold, huge */
  ZICHA_N_TEXT_STYLES,
} ZichaTextStyle;

typedef enum
{
  ZICHA_ALIGN_LEFT,
  ZICHA_ALIGN_CENTER,
  ZICHA_ALIGN_RIGHT,
} ZichaAlign;

/* One cell of a table row. */
typedef struct
{
  const char     *text;   /* nullable: an empty cell */
  guint           span;   /* columns it covers; 0 counts as 1 */
  ZichaTextStyle  style;
  ZichaAlign      align;
  gboolean        shaded; /* light grey background, for headers and labels */
  double          min_height; /* of the text area, e.g. room to write by hand */
} ZichaTableCell;

typedef struct _ZichaPageLayout ZichaPageLayout;

/* @body_family, @heading_family: font families ("Noto Serif CJK SC"). */
ZichaPageLayout *zicha_page_layout_new              (const char      *body_family,
                                                     const char      *heading_family);
void             zicha_page_layout_free             (ZichaPageLayout *self);

PangoContext    *zicha_page_layout_get_context      (ZichaPageLayout *self);
/* The font description of a style (owned by the layout). */
const PangoFontDescription *
                 zicha_page_layout_get_font         (ZichaPageLayout *self,
                                                     ZichaTextStyle   style);

/* Page geometry ---------------------------------------------------------- */

/* Pages added from now on are A4 landscape (or portrait). When the current
 * page already has content and its orientation differs, a new page
 * starts. */
void             zicha_page_layout_set_landscape    (ZichaPageLayout *self,
                                                     gboolean         landscape);
gboolean         zicha_page_layout_get_landscape    (ZichaPageLayout *self);
/* Width of the text area of the current orientation. */
double           zicha_page_layout_get_content_width (ZichaPageLayout *self);
/* … of either orientation, without changing it. */
double           zicha_page_layout_get_content_width_for (ZichaPageLayout *self,
                                                          gboolean         landscape);
/* Left edge of the text area. */
double           zicha_page_layout_get_left         (ZichaPageLayout *self);
/* Room left on the current page, and on an empty page. */
double           zicha_page_layout_get_remaining    (ZichaPageLayout *self);
double           zicha_page_layout_get_body_height  (ZichaPageLayout *self);
/* Starts a new page unless the current one is still empty. */
void             zicha_page_layout_new_page         (ZichaPageLayout *self);

/* Flowing content -------------------------------------------------------- */

void             zicha_page_layout_add_space        (ZichaPageLayout *self,
                                                     double           points);
/* A paragraph, broken into lines and, when needed, across pages.
 * @first_line_indent in points (2 characters for Chinese body text);
 * @keep_with_next: when fewer than two lines of body text would fit after
 * it, the paragraph moves to the next page (for headings). */
void             zicha_page_layout_add_paragraph    (ZichaPageLayout *self,
                                                     ZichaTextStyle   style,
                                                     const char      *text,
                                                     ZichaAlign       align,
                                                     double           first_line_indent,
                                                     gboolean         keep_with_next);
/* Line height of a style, for spacing. */
double           zicha_page_layout_get_line_height  (ZichaPageLayout *self,
                                                     ZichaTextStyle   style);

/* Tables: @widths are the column widths in points (the table starts at the
 * left edge of the text area); @header (nullable) is one cell per column,
 * repeated at the top of every page the table reaches. */
void             zicha_page_layout_begin_table      (ZichaPageLayout      *self,
                                                     guint                 n_columns,
                                                     const double         *widths,
                                                     const ZichaTableCell *header);
void             zicha_page_layout_add_row          (ZichaPageLayout      *self,
                                                     const ZichaTableCell *cells,
                                                     guint                 n_cells);
void             zicha_page_layout_end_table        (ZichaPageLayout      *self);

/* Blocks kept together: reserves @height (a new page first when it does
 * not fit) and returns the top of the block; draw into it with the
 * functions below, in page coordinates. */
double           zicha_page_layout_begin_block      (ZichaPageLayout *self,
                                                     double           height);
/* The height @text takes in @style at @width (-1: one line, unwrapped). */
double           zicha_page_layout_measure          (ZichaPageLayout *self,
                                                     ZichaTextStyle   style,
                                                     const char      *text,
                                                     double           width);
void             zicha_page_layout_put_text         (ZichaPageLayout *self,
                                                     ZichaTextStyle   style,
                                                     const char      *text,
                                                     double           x,
                                                     double           y,
                                                     double           width,
                                                     ZichaAlign       align);
void             zicha_page_layout_put_line         (ZichaPageLayout *self,
                                                     double           x1,
                                                     double           y1,
                                                     double           x2,
                                                     double           y2,
                                                     double           line_width);
/* A dashed light-grey circle, e.g. where the seal goes. */
void             zicha_page_layout_put_circle       (ZichaPageLayout *self,
                                                     double           cx,
                                                     double           cy,
                                                     double           radius);

/* Observing the content ---------------------------------------------------- */

/* What is added, in order, as it is added (page breaks aside), for writing
 * the same content in another format; bench/bench-pdf.c gives it to
 * LibreOffice. Every member may be NULL. Cells and texts are only valid
 * during the call. */
typedef struct
{
  void (*landscape)   (gpointer              user_data,
                       gboolean              landscape);
  void (*paragraph)   (gpointer              user_data,
                       ZichaTextStyle        style,
                       const char           *text,
                       ZichaAlign            align,
                       double                first_line_indent);
  void (*begin_table) (gpointer              user_data,
                       guint                 n_columns,
                       const double         *widths,
                       const ZichaTableCell *header);
  void (*row)         (gpointer              user_data,
                       const ZichaTableCell *cells,
                       guint                 n_cells);
  void (*end_table)   (gpointer              user_data);
  /* zicha_page_layout_put_text(), in a block */
  void (*text)        (gpointer              user_data,
                       ZichaTextStyle        style,
                       const char           *text,
                       ZichaAlign            align);
} ZichaPageLayoutObserver;

/* @observer (nullable) must outlive the layout or the next call. */
void             zicha_page_layout_set_observer     (ZichaPageLayout               *self,
                                                     const ZichaPageLayoutObserver *observer,
                                                     gpointer                       user_data);

/* Result ------------------------------------------------------------------ */

guint            zicha_page_layout_get_n_pages      (ZichaPageLayout *self);
void             zicha_page_layout_get_page_size    (ZichaPageLayout *self,
                                                     guint            index,
                                                     double          *width,
                                                     double          *height);
/* Replays page @index in page coordinates (points, origin top left). */
void             zicha_page_layout_draw_page        (ZichaPageLayout *self,
                                                     cairo_t         *cr,
                                                     guint            index);
/* Draws one text at a position, with the reused layouts; for page
 * decorations (footers, watermarks) drawn at render time. */
void             zicha_page_layout_draw_text        (ZichaPageLayout *self,
                                                     cairo_t         *cr,
                                                     ZichaTextStyle   style,
                                                     const char      *text,
                                                     double           x,
                                                     double           y,
                                                     double           width,
                                                     ZichaAlign       align);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaPageLayout, zicha_page_layout_free)

G_END_DECLS
