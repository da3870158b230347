/* zicha-report-editor.h — an open report: sections on the side, one page
 * per section, undo and redo, saved as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-form.h"
#include "zicha-report-session.h"
#include "zicha-store.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_REPORT_EDITOR (zicha_report_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZichaReportEditor, zicha_report_editor, ZICHA, REPORT_EDITOR, AdwBin)

/* Emits "closed" when the user goes back to the list of reports. */
ZichaReportEditor  *zicha_report_editor_new          (ZichaStore        *store,
                                                      ZichaForm         *form,
                                                      ZichaReport       *report);
ZichaReportSession *zicha_report_editor_get_session  (ZichaReportEditor *self);
/* Shows the page of section @index (from 0). */
void                zicha_report_editor_show_section (ZichaReportEditor *self,
                                                      guint              index);
guint               zicha_report_editor_get_section  (ZichaReportEditor *self);
/* Shows the page with @item and puts the focus in it. */
void                zicha_report_editor_focus_item   (ZichaReportEditor *self,
                                                      ZichaFormItem     *item);
/* The same for a cell of a table: opens the row's editor. */
void                zicha_report_editor_focus_cell   (ZichaReportEditor *self,
                                                      ZichaFormItem     *item,
                                                      const char        *row_uuid);
/* The page widget of section @index: after the form's sections come the
 * 等级保护 page and, last, the review page. */
GtkWidget          *zicha_report_editor_get_page     (ZichaReportEditor *self,
                                                      guint              index);
guint               zicha_report_editor_get_n_pages  (ZichaReportEditor *self);

G_END_DECLS
