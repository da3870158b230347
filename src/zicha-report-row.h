/* zicha-report-row.h — one report on the start screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-form.h"
#include "zicha-report.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_REPORT_ROW (zicha_report_row_get_type ())

G_DECLARE_FINAL_TYPE (ZichaReportRow, zicha_report_row, ZICHA, REPORT_ROW, AdwActionRow)

/* Unit, year and state: what the store knows. */
GtkWidget   *zicha_report_row_new        (ZichaReport *report);
ZichaReport *zicha_report_row_get_report (ZichaReportRow *self);
/* The form's title and, for a draft, the days left until the form's
 * deadline, counted from @today. @form is NULL when the report's form is
 * not installed. */
void         zicha_report_row_set_form   (ZichaReportRow *self,
                                          ZichaForm      *form,
                                          const GDate    *today);
/* Shows how far the report is: required answers given, and errors. */
void         zicha_report_row_set_progress (ZichaReportRow *self,
                                            guint           answered,
                                            guint           required,
                                            guint           errors);

G_END_DECLS
