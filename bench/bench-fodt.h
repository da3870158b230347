/* bench-fodt.h — the content given to a ZichaPageLayout, as a flat ODT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Watches a ZichaPageLayout while a document builder fills it and writes
 * the same content as a flat OpenDocument text (.fodt), the way a unit
 * would type it in a word processor: the same paragraphs in the same
 * fonts, sizes and line heights, the same tables with the same column
 * widths, spans, shading and a header row repeated on every page, the same
 * page sizes, margins and orientation changes, and a footer with
 * "第 N 页 共 M 页" and the verification code. Not carried over: the QR
 * code, the seal circle and signature rules, and vertical spaces between
 * blocks.
 *
 * The same content is also kept as plain blocks of texts (a paragraph:
 * one text; a table row: one per cell) for the bare Cairo + Pango
 * baseline, and as the distinct characters of each text style, for the
 * glyphs-only floor.
 */
#pragma once

#include <glib.h>

#include "zicha-page-layout.h"

G_BEGIN_DECLS

typedef struct _BenchFodt BenchFodt;

/* Starts watching @layout (until bench_fodt_free()). @code (nullable) is
 * the verification code printed in the footer. */
BenchFodt *bench_fodt_new        (ZichaPageLayout  *layout,
                                  const char       *code);
void       bench_fodt_free       (BenchFodt        *self);

/* Writes the document; fails if it is not well-formed XML. */
gboolean   bench_fodt_write      (BenchFodt        *self,
                                  const char       *path,
                                  GError          **error);

/* The blocks seen so far, as a GVariant of type "aas" (floating). */
GVariant  *bench_fodt_get_blocks (BenchFodt        *self);

/* The distinct characters seen in @style, in order of first use (a new
 * string); bench_fodt_add_characters() adds those of a text drawn outside
 * the layout's content, such as a footer. */
char      *bench_fodt_dup_characters (BenchFodt      *self,
                                      ZichaTextStyle  style);
void       bench_fodt_add_characters (BenchFodt      *self,
                                      ZichaTextStyle  style,
                                      const char     *text);

/* Counts of what was seen, to check the copy against the layout. */
guint      bench_fodt_get_n_paragraphs (BenchFodt *self);
guint      bench_fodt_get_n_tables     (BenchFodt *self);
guint      bench_fodt_get_n_rows       (BenchFodt *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchFodt, bench_fodt_free)

G_END_DECLS
