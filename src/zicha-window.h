/* zicha-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-application.h"
#include "zicha-report-editor.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_WINDOW (zicha_window_get_type ())

G_DECLARE_FINAL_TYPE (ZichaWindow, zicha_window, ZICHA, WINDOW, AdwApplicationWindow)

ZichaWindow       *zicha_window_new         (ZichaApplication *application);
void               zicha_window_open_report (ZichaWindow      *self,
                                             const char       *report_uuid);
/* The open report, or NULL on the start screen. */
ZichaReportEditor *zicha_window_get_editor  (ZichaWindow      *self);

G_END_DECLS
