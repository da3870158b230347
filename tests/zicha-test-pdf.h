/* zicha-test-pdf.h — reading back the PDFs the tests make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler for the text and the pages, qpdf and pdffonts for the file, and
 * PNGs of pages in build/screenshots/ to look at. The functions fail the
 * running test (CUnit) when a file cannot be read.
 */
#pragma once

#include <glib.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Fatal failure when the PDF does not open. */
PopplerDocument *zicha_test_pdf_open          (const char      *path);
PopplerDocument *zicha_test_pdf_open_bytes    (GBytes          *bytes);

char            *zicha_test_pdf_dup_page_text (PopplerDocument *pdf,
                                               int              index);
/* Every page's text, a newline after each. */
char            *zicha_test_pdf_dup_text      (PopplerDocument *pdf);

/* @text without white space, so that wrapped lines join up again. */
char            *zicha_test_squeeze           (const char      *text);

/* Page @index as build/screenshots/@name, on white paper. */
void             zicha_test_pdf_save_png      (PopplerDocument *pdf,
                                               int              index,
                                               const char      *name);

/* qpdf --check finds no error and pdffonts lists at least @min_fonts
 * fonts, every one embedded. */
void             zicha_test_pdf_assert_valid  (const char      *path,
                                               guint            min_fonts);

/* Runs a program found in PATH; FALSE (printed) when it cannot run or
 * exits unsuccessfully. @out (nullable) gets its standard output. */
gboolean         zicha_test_run_tool          (const char * const *argv,
                                               char              **out);

G_END_DECLS
