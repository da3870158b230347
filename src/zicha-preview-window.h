/* zicha-preview-window.h — the printed pages of a report: look, print, save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_PREVIEW_WINDOW (zicha_preview_window_get_type ())

G_DECLARE_FINAL_TYPE (ZichaPreviewWindow, zicha_preview_window, ZICHA, PREVIEW_WINDOW, AdwWindow)

ZichaPreviewWindow *zicha_preview_window_new          (GtkWindow          *parent,
                                                       ZichaReportSession *session);
/* The PDF currently shown (NULL while it is being made). */
const char         *zicha_preview_window_get_pdf_path (ZichaPreviewWindow *self);
guint               zicha_preview_window_get_n_pages  (ZichaPreviewWindow *self);
/* Runs the print operation without a dialog, into a PDF file: what the
 * printer would get. */
gboolean            zicha_preview_window_print_to_file (ZichaPreviewWindow *self,
                                                        const char         *path,
                                                        GError            **error);
/* Shows the table (FALSE) or the report (TRUE). */
void                zicha_preview_window_show_report  (ZichaPreviewWindow *self,
                                                       gboolean            report);

G_END_DECLS
