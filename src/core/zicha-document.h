/* zicha-document.h — the printed documents: the 自查表 and the 自查报告
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ZichaDocument lays out one document of a report (form + answers +
 * the report's unit, state, digest and revision) into A4 pages — portrait,
 * and landscape for wide tables — and then either writes them to a PDF
 * file or draws any page onto a cairo_t (a print context, a preview).
 * Body text is Noto Serif CJK SC, headings Noto Sans CJK SC, language
 * zh-cn; the PDF embeds the subsets of the fonts it uses.
 *
 * Every page carries "第 N 页 共 M 页"; drafts carry a diagonal "草稿"
 * watermark; finalized reports carry a verification code derived from
 * their digest and a QR code of it. The last page ends with the signature
 * and seal block.
 *
 * Not thread-safe: use a document from one thread at a time (it may be
 * laid out in a worker and drawn in another thread afterwards).
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "zicha-answers.h"
#include "zicha-report.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_DOCUMENT_ERROR (zicha_document_error_quark ())

typedef enum
{
  ZICHA_DOCUMENT_ERROR_FONTS_MISSING, /* fonts-noto-cjk is not installed */
  ZICHA_DOCUMENT_ERROR_FAILED,        /* cairo could not draw or write */
} ZichaDocumentError;

GQuark zicha_document_error_quark (void);

typedef enum
{
  ZICHA_DOCUMENT_TABLE,   /* 自查表 */
  ZICHA_DOCUMENT_REPORT,  /* 自查报告 */
} ZichaDocumentKind;

/* Called after each page written: @pages_done of @n_pages. */
typedef void (*ZichaDocumentProgressFunc) (guint    pages_done,
                                           guint    n_pages,
                                           gpointer user_data);

#define ZICHA_DOCUMENT_BODY_FONT    "Noto Serif CJK SC"
#define ZICHA_DOCUMENT_HEADING_FONT "Noto Sans CJK SC"

#define ZICHA_TYPE_DOCUMENT (zicha_document_get_type ())

G_DECLARE_FINAL_TYPE (ZichaDocument, zicha_document, ZICHA, DOCUMENT, GObject)

ZichaDocument    *zicha_document_new                (ZichaDocumentKind  kind,
                                                     ZichaAnswers      *answers);
ZichaDocumentKind zicha_document_get_kind           (ZichaDocument     *self);

/* The report's metadata: unit name, year, state, digest, revision. */
void              zicha_document_set_report         (ZichaDocument     *self,
                                                     ZichaReport       *report);
/* Or one by one. The unit name defaults to the answered 单位名称; the
 * state to a draft. A verification code needs a digest (64 hex). */
void              zicha_document_set_unit_name      (ZichaDocument     *self,
                                                     const char        *unit_name);
void              zicha_document_set_state          (ZichaDocument     *self,
                                                     ZichaReportState   state);
void              zicha_document_set_digest         (ZichaDocument     *self,
                                                     const char        *digest);
void              zicha_document_set_revision       (ZichaDocument     *self,
                                                     int                revision);
/* The platform's receipt, printed in the footer of a delivered report. */
void              zicha_document_set_receipt        (ZichaDocument     *self,
                                                     const char        *number,
                                                     GDateTime         *received_at);
/* Other font families (tests use a missing one). */
void              zicha_document_set_fonts          (ZichaDocument     *self,
                                                     const char        *body_family,
                                                     const char        *heading_family);

/* The title, as the PDF metadata and a print job name carry it. */
char             *zicha_document_dup_title          (ZichaDocument     *self);
/* The verification code printed on finalized reports, "ABCD-EF01-2345";
 * NULL for drafts or without a digest. */
const char       *zicha_document_get_verification_code (ZichaDocument *self);
/* The code of a digest: its first 12 hex digits, upper case, 4-4-4. */
char             *zicha_document_verification_code_for_digest (const char *digest);

/* Lays the document out (again after a setter). Fails when the fonts are
 * missing, or with G_IO_ERROR_CANCELLED. */
/* Whether fontconfig has the two families themselves, not fallbacks;
 * ZICHA_DOCUMENT_ERROR_FONTS_MISSING otherwise. Every printed page needs
 * them: a fallback font would print the wrong glyphs or boxes. */
gboolean          zicha_document_check_fonts        (PangoContext      *context,
                                                     const char        *body_family,
                                                     const char        *heading_family,
                                                     GError           **error);

gboolean          zicha_document_layout             (ZichaDocument     *self,
                                                     GCancellable      *cancellable,
                                                     GError           **error);
/* After layout: */
guint             zicha_document_get_n_pages        (ZichaDocument     *self);
/* In points; portrait A4 is 595 × 842. */
void              zicha_document_get_page_size      (ZichaDocument     *self,
                                                     guint              page_index,
                                                     double            *width,
                                                     double            *height);
/* Draws page @page_index scaled to fit @width × @height (in @cr's user
 * units) and centred. Does not paint a background: poppler-style white
 * paper is the caller's business. */
void              zicha_document_render_page        (ZichaDocument     *self,
                                                     cairo_t           *cr,
                                                     guint              page_index,
                                                     double             width,
                                                     double             height);

/* Lays out when needed and writes the PDF to @path atomically: a
 * temporary file in the same directory, renamed into place at the end.
 * On any failure or cancellation no file is left behind (an existing
 * file at @path is not touched). */
gboolean          zicha_document_save_pdf           (ZichaDocument             *self,
                                                     const char                *path,
                                                     ZichaDocumentProgressFunc  progress,
                                                     gpointer                   user_data,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);

/* 整改反馈单 (zicha-document-feedback.c) ------------------------------------
 *
 * The printed rectification feedback on a threat notice, A4 portrait in
 * the fonts of the other documents: the notice (ID, detection time,
 * deadline, target, type, severity, description), the feedback (measures,
 * completion, person responsible and phone, re-test result), its
 * evidence files with their SHA-256, whether it came within the 72 hours,
 * the platform's receipt once there is one, and the seal block. Every
 * page carries "第 N 页 共 M 页".
 *
 * A ZichaFeedbackSheet holds a copy of what it prints, read from the
 * store on the store's thread, so it can be written from a worker.
 */
typedef struct _ZichaFeedbackSheet ZichaFeedbackSheet;

/* @unit_name NULL or "": the unit name of the newest report in @store with
 * the feedback's unit code, else none (left blank to write by hand).
 * ZICHA_STORE_ERROR_NOT_FOUND for an unknown feedback. */
ZichaFeedbackSheet *zicha_feedback_sheet_load       (ZichaStore         *store,
                                                     const char         *feedback_uuid,
                                                     const char         *unit_name,
                                                     GError            **error);
void              zicha_feedback_sheet_free         (ZichaFeedbackSheet *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZichaFeedbackSheet, zicha_feedback_sheet_free)

/* Lays the sheet out and writes the PDF to @path atomically (a temporary
 * file renamed into place): on failure or cancellation no file is left
 * and an existing one is not touched. @n_pages (nullable) gets the page
 * count. ZICHA_DOCUMENT_ERROR_FONTS_MISSING without the fonts. */
gboolean          zicha_feedback_sheet_save_pdf     (ZichaFeedbackSheet *sheet,
                                                     const char         *path,
                                                     guint              *n_pages,
                                                     GCancellable       *cancellable,
                                                     GError            **error);

/* Both in one call: the 整改反馈单 of @feedback_uuid written to @path. */
gboolean          zicha_document_write_feedback_form (ZichaStore        *store,
                                                     const char         *feedback_uuid,
                                                     const char         *unit_name,
                                                     const char         *path,
                                                     GError            **error);

G_END_DECLS
