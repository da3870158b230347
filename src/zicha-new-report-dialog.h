/* zicha-new-report-dialog.h — asks for the unit and year of a new report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ZICHA_TYPE_NEW_REPORT_DIALOG (zicha_new_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ZichaNewReportDialog, zicha_new_report_dialog, ZICHA, NEW_REPORT_DIALOG, AdwWindow)

/* Emits "create" (unit name, unit code, year) when the user confirms;
 * the dialog then closes itself. */
ZichaNewReportDialog *zicha_new_report_dialog_new (GtkWindow  *parent,
                                                   const char *title,
                                                   const char *unit_name,
                                                   const char *unit_code,
                                                   int         year);

G_END_DECLS
